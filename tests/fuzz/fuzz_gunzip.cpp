// Fuzzes gzip decompression with a small output cap: no crash, no output beyond the cap, and
// whatever decodes must survive compress + decompress.
#include <cstdint>

#include "provkit/error.hpp"
#include "provkit/gzip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t cap = 1 << 20;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    (void)provkit::gzip::looks_like_gzip(in);
    try {
        provkit::Bytes out = provkit::gzip::decompress(in, cap);
        if (out.size() > cap) __builtin_trap();
        if (provkit::gzip::decompress(provkit::gzip::compress(out, 1), cap) != out) __builtin_trap();
    } catch (const provkit::Error&) {
    }
    return 0;
}
