// Fuzzes the whole device-side decode path (detect, decrypt, inflate, check the XML) with a
// fixed key; only Error may come out.
#include <cstdint>

#include "provkit/decode.hpp"
#include "provkit/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const provkit::Secret key(std::string("fuzz"));
    std::string_view in(reinterpret_cast<const char*>(data), size);
    provkit::DecodeOptions options;
    options.max_output = 1 << 20;
    try {
        (void)provkit::decode_profile(in, &key, options);
    } catch (const provkit::Error&) {
    }
    return 0;
}
