// Fuzzes aes128gcm (RFC 8188) decoding with a fixed key; only Error may come out.
#include <cstdint>

#include "provkit/aes128gcm.hpp"
#include "provkit/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    (void)provkit::aes128gcm::looks_like_aes128gcm(body);
    try {
        (void)provkit::aes128gcm::decrypt(body, "fuzzfuzzfuzzfuzz");
    } catch (const provkit::Error&) {
    }
    return 0;
}
