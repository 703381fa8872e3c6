// gzip (RFC 1952) through zlib: one-member compression, multi-member decompression with the
// CRC-32 and ISIZE of every member checked and the output capped while it is produced.
#include "provkit/gzip.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "detail/z_stream.hpp"
#include "provkit/error.hpp"

namespace provkit::gzip {

namespace {

using detail::ZStream;

constexpr std::size_t max_uint = std::numeric_limits<uInt>::max();  // zlib counts in uInt
constexpr std::size_t first_chunk = std::size_t(64) << 10;

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorKind::input, message); }

std::string in_member(int member) { return member > 1 ? " in member " + std::to_string(member) : ""; }

std::string describe_size(std::size_t n) {
    constexpr std::size_t kib = 1024, mib = kib * 1024, gib = mib * 1024;
    if (n >= gib && n % gib == 0) return std::to_string(n / gib) + " GiB";
    if (n >= mib && n % mib == 0) return std::to_string(n / mib) + " MiB";
    if (n >= kib && n % kib == 0) return std::to_string(n / kib) + " KiB";
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

// Hands zlib the next piece of `in` (zlib takes at most 4 GiB - 1 per call).
void feed(z_stream* z, std::string_view in, std::size_t& fed) {
    const std::size_t n = std::min(in.size() - fed, max_uint);
    z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
    z->avail_in = static_cast<uInt>(n);
    fed += n;
}

// Resizes out to exactly target bytes with one allocation of that size: std::string's own
// growth may double the capacity, which could allocate past the output cap.
void grow_exact(Bytes& out, std::size_t used, std::size_t target) {
    Bytes bigger;
    bigger.reserve(target);
    bigger.append(out, 0, used);
    bigger.resize(target);
    out.swap(bigger);
}

[[noreturn]] void fail_data(const char* zlib_message, int member) {
    const std::string what = zlib_message ? zlib_message : "invalid data";
    if (what == "incorrect data check") fail("CRC-32 mismatch" + in_member(member) + ": the data is corrupt");
    if (what == "incorrect length check")
        fail("length mismatch (ISIZE)" + in_member(member) + ": the data is corrupt");
    fail("corrupt gzip data" + in_member(member) + ": " + what);
}

// Inflates the one member at the start of `in`, appending to out[0, used). Returns the number
// of bytes of `in` the member occupies.
std::size_t inflate_member(ZStream& z, std::string_view in, Bytes& out, std::size_t& used, std::size_t cap,
                           int member) {
    std::size_t fed = 0;
    feed(z.get(), in, fed);
    for (;;) {
        if (z->avail_in == 0 && fed < in.size()) feed(z.get(), in, fed);
        if (used == out.size() && out.size() < cap)
            grow_exact(out, used, std::min(cap, std::max(first_chunk, out.size() * 2)));
        // At the cap, zlib gets a one-byte probe: any byte written there is one too many.
        unsigned char probe = 0;
        const bool at_cap = used == out.size();
        z->next_out = at_cap ? &probe : reinterpret_cast<Bytef*>(out.data() + used);
        z->avail_out = at_cap ? 1 : static_cast<uInt>(std::min(out.size() - used, max_uint));
        const uInt room = z->avail_out;
        const int rc = inflate(z.get(), Z_NO_FLUSH);
        const std::size_t produced = room - z->avail_out;
        if (at_cap && produced > 0)
            fail("decompressed output exceeds the " + describe_size(cap) +
                 " limit; raise it with --max-size");
        used += produced;
        switch (rc) {
            case Z_STREAM_END:
                return fed - z->avail_in;
            case Z_OK:
                continue;
            case Z_BUF_ERROR:  // no progress possible: all input is used up mid-member
                fail("truncated gzip data" + in_member(member) + ": unexpected end of input");
            case Z_MEM_ERROR:
                throw std::bad_alloc();
            case Z_DATA_ERROR:
                fail_data(z->msg, member);
            default:
                fail("corrupt gzip data" + in_member(member));
        }
    }
}

// Why the bytes after the last complete member are not another member.
[[noreturn]] void fail_trailing(std::string_view rest, std::size_t offset) {
    if (rest == "\x1f") fail("truncated gzip data: unexpected end of input after member header byte");
    const std::string where = std::to_string(rest.size()) + " bytes at offset " + std::to_string(offset);
    if (rest.find_first_not_of('\0') == std::string_view::npos)
        fail("trailing zero bytes after the gzip data (" + where + "); remove the padding");
    fail("trailing garbage after the gzip data (" + where + " are not a gzip member)");
}

}  // namespace

bool has_magic(std::string_view data) noexcept { return data.substr(0, 2) == "\x1f\x8b"; }

bool looks_like_gzip(std::string_view data) noexcept {
    // RFC 1952: the magic, CM 8 (deflate, the only method) and FLG's reserved bits clear (a
    // decompressor must refuse others). Random data - a salt - passes 1 time in 2^27, not 2^16.
    return data.size() >= 4 && data.substr(0, 3) == "\x1f\x8b\x08" &&
           (static_cast<unsigned char>(data[3]) & 0xE0) == 0;
}

Bytes compress(std::string_view data, int level) {
    if (level < 1 || level > 9)
        throw Error(ErrorKind::usage, "the compression level must be 1 to 9, not " + std::to_string(level));
    ZStream z(ZStream::Mode::deflate, level);
    // deflateBound covers the gzip header and trailer, so one allocation normally suffices.
    Bytes out(deflateBound(z.get(), data.size()), '\0');
    std::size_t fed = 0, used = 0;
    for (;;) {
        if (z->avail_in == 0 && fed < data.size()) feed(z.get(), data, fed);
        if (used == out.size()) out.resize(out.size() * 2);
        z->next_out = reinterpret_cast<Bytef*>(out.data() + used);
        z->avail_out = static_cast<uInt>(std::min(out.size() - used, max_uint));
        const uInt room = z->avail_out;
        const int rc = deflate(z.get(), fed == data.size() ? Z_FINISH : Z_NO_FLUSH);
        used += room - z->avail_out;
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::logic_error("zlib deflate failed");
    }
    out.resize(used);
    return out;
}

Bytes decompress(std::string_view data, std::size_t max_output) {
    if (data.empty()) fail("not in gzip format: the input is empty");
    if (!has_magic(data)) {  // past the magic, zlib names what is wrong
        if (data == "\x1f") fail("truncated gzip data: unexpected end of input");
        if (data.substr(0, 8) == "Salted__")
            fail("not in gzip format: it is encrypted (openssl enc, Salted__); decrypt it first");
        fail("not in gzip format");
    }
    ZStream z(ZStream::Mode::inflate);
    Bytes out;
    std::size_t used = 0, pos = 0;
    for (int member = 1; pos < data.size(); ++member) {
        if (member > 1) {
            if (!has_magic(data.substr(pos))) fail_trailing(data.substr(pos), pos);
            if (inflateReset(z.get()) != Z_OK) throw std::logic_error("zlib inflateReset failed");
        }
        pos += inflate_member(z, data.substr(pos), out, used, max_output, member);
    }
    out.resize(used);
    return out;
}

}  // namespace provkit::gzip
