// Unit tests for provkit/gzip.hpp: round trips, real gzip vectors, multi-member files,
// truncation, corruption and the output cap.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/gzip.hpp"

namespace gz = provkit::gzip;
using provkit::Bytes;

namespace {

Bytes random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    Bytes out(n, '\0');
    for (char& c : out) c = static_cast<char>(gen() & 0xff);
    return out;
}

Bytes sample_profile() { return provkit::read_file(PROVKIT_SOURCE_DIR "/examples/sample-profile.xml"); }

// The message of the Error(input) that decompress throws, or "" when it does not throw.
std::string input_error(std::string_view data, std::size_t cap = gz::default_max_output) {
    try {
        gz::decompress(data, cap);
    } catch (const provkit::Error& e) {
        CHECK(e.kind() == provkit::ErrorKind::input);
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// `printf 'hello, phone\n' | gzip -n9` and `gzip -c name.txt` (a member with FNAME and MTIME).
const Bytes gnu_hello(
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\xc8\xc8\xcf\x4b\xe5\x02\x00"
    "\x96\xf2\xed\xe3\x0d\x00\x00\x00",
    33);
const Bytes gnu_named(
    "\x1f\x8b\x08\x08\x02\x41\x06\x6b\x00\x03name.txt\x00\xab\x00\x00\x83\x16\xdc\x8c\x01\x00\x00\x00", 30);

}  // namespace

TEST_CASE("looks_like_gzip checks the magic bytes, the method and the reserved flags") {
    CHECK(gz::looks_like_gzip(gnu_hello));
    CHECK(gz::looks_like_gzip(gnu_named));
    CHECK(gz::looks_like_gzip(std::string_view("\x1f\x8b\x08\x1f", 4)));
    CHECK_FALSE(gz::looks_like_gzip("\x1f\x8b"));
    CHECK_FALSE(gz::looks_like_gzip("\x1f\x8b\x07\x00"));
    CHECK_FALSE(gz::looks_like_gzip("\x1f\x8b\x08\x20"));
    CHECK_FALSE(gz::looks_like_gzip("\x1f"));
    CHECK_FALSE(gz::looks_like_gzip(""));
    CHECK_FALSE(gz::looks_like_gzip("<?xml"));
    CHECK_FALSE(gz::looks_like_gzip("Salted__12345678"));
}

TEST_CASE("decompress reads what GNU gzip wrote") {
    CHECK(gz::decompress(gnu_hello) == "hello, phone\n");
    CHECK(gz::decompress(gnu_named) == "x");
    CHECK(gz::decompress(gnu_hello + gnu_named + gnu_hello) == "hello, phone\nxhello, phone\n");
}

TEST_CASE("round trips at every level") {
    const Bytes inputs[] = {
        "", "a", "hello, phone\n", sample_profile(), random_bytes(300000, 1), Bytes(1 << 20, '\0')};
    for (const Bytes& input : inputs) {
        for (int level = 1; level <= 9; ++level) {
            CAPTURE(input.size());
            CAPTURE(level);
            const Bytes packed = gz::compress(input, level);
            CHECK(gz::decompress(packed) == input);
        }
    }
    // Reproducible: a plain member (no name, no extra fields) with mtime 0, from Unix.
    const Bytes packed = gz::compress(sample_profile());
    CHECK(packed == gz::compress(sample_profile(), 6));
    REQUIRE(packed.size() > 18);
    CHECK(packed.substr(0, 8) == Bytes("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8));
    CHECK(gz::compress(sample_profile(), 9).size() <= gz::compress(sample_profile(), 1).size());
    CHECK(packed.size() < sample_profile().size() / 3);
}

TEST_CASE("compress rejects levels outside 1..9 as a usage error") {
    for (int level : {-1, 0, 10}) {
        try {
            gz::compress("x", level);
            FAIL("expected an error");
        } catch (const provkit::Error& e) {
            CHECK(e.kind() == provkit::ErrorKind::usage);
        }
    }
}

TEST_CASE("multi-member files decode to the concatenation, empty members included") {
    const Bytes a = sample_profile(), b = random_bytes(5000, 2);
    const Bytes file = gz::compress(a, 9) + gz::compress("") + gz::compress(b, 1) + gz::compress("end");
    CHECK(gz::decompress(file) == a + b + "end");
}

TEST_CASE("every truncation of a file is rejected") {
    const Bytes first = gz::compress("hello, phone\n"), second = gz::compress(random_bytes(200, 3));
    const Bytes file = first + second;
    for (std::size_t len = 0; len < file.size(); ++len) {
        CAPTURE(len);
        const std::string message = input_error(file.substr(0, len));
        if (len == first.size()) {
            CHECK(message.empty());  // exactly the first member: a complete file
        } else if (len == 0) {
            CHECK(contains(message, "not in gzip format"));
        } else {
            CHECK(contains(message, "truncated gzip data"));
        }
    }
    CHECK(contains(input_error(file.substr(0, file.size() - 1)), "in member 2"));
}

TEST_CASE("no single bit flip yields wrong output") {
    const Bytes original = "hello, phone\nhello, phone\n";
    const Bytes packed = gz::compress(original, 9);
    int rejected = 0;
    for (std::size_t i = 0; i < packed.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            Bytes flipped = packed;
            flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
            CAPTURE(i);
            CAPTURE(bit);
            const bool ignored_header_field =
                (i >= 4 && i <= 9) || (i == 3 && bit == 0);  // MTIME XFL OS FTEXT
            const bool trailer_or_magic = i < 3 || i >= packed.size() - 8;
            std::string message = input_error(flipped);
            if (message.empty()) {
                CHECK(gz::decompress(flipped) == original);  // accepted only when nothing changed
                CHECK_FALSE(trailer_or_magic);
            } else {
                ++rejected;
                CHECK_FALSE(ignored_header_field);
            }
        }
    }
    // Everything but the ignored header fields and the final byte's padding bits must be caught.
    CHECK(rejected >= int(packed.size() * 8) - (6 * 8 + 1) - 7);
    CHECK(contains(input_error(packed.substr(0, packed.size() - 8) + Bytes(8, '\0')), "CRC-32 mismatch"));
    Bytes bad_length = packed;
    bad_length[packed.size() - 4] ^= 1;
    CHECK(contains(input_error(bad_length), "length mismatch"));
}

TEST_CASE("input that is not gzip, or has garbage after it, is rejected") {
    CHECK(contains(input_error(""), "not in gzip format"));
    CHECK(contains(input_error("<?xml version=\"1.0\"?>"), "not in gzip format"));
    CHECK(contains(input_error("Salted__abcdefgh0123456789abcdef"), "encrypted"));
    const Bytes packed = gz::compress("data");
    CHECK(contains(input_error(packed + "garbage"), "trailing garbage"));
    CHECK(contains(input_error(packed + "\x1f"), "truncated"));
    CHECK(contains(input_error(packed + Bytes(512, '\0')), "trailing zero bytes"));
    Bytes bad_method = packed;
    bad_method[2] = 7;
    CHECK(contains(input_error(bad_method), "unknown compression method"));
    Bytes reserved_flag = packed;
    reserved_flag[3] = static_cast<char>(0x80);
    CHECK(contains(input_error(reserved_flag), "corrupt gzip data"));
}

TEST_CASE("the output cap is enforced while inflating") {
    const Bytes zeros(100000, '\0');
    const Bytes packed = gz::compress(zeros, 9);
    CHECK(gz::decompress(packed, zeros.size()) == zeros);
    const std::string message = input_error(packed, zeros.size() - 1);
    CHECK(contains(message, "exceeds the 99999 bytes limit"));
    CHECK(contains(message, "--max-size"));
    CHECK(gz::decompress(gz::compress(""), 0).empty());
    CHECK_FALSE(input_error(gz::compress("x"), 0).empty());

    // Members count together: two of 600 bytes do not fit in 1000.
    const Bytes two = gz::compress(Bytes(600, 'a')) + gz::compress(Bytes(600, 'b'));
    CHECK(contains(input_error(two, 1000), "limit"));
    CHECK(gz::decompress(two, 1200).size() == 1200);

    // A bomb: 64 MiB + 1 of zeros is about 65 KB compressed and stops at the default cap.
    const Bytes bomb = gz::compress(Bytes(gz::default_max_output + 1, '\0'), 9);
    CHECK(bomb.size() < 100000);
    CHECK(contains(input_error(bomb), "exceeds the 64 MiB limit; raise it with --max-size"));
    CHECK(contains(input_error(bomb, std::size_t(1) << 20), "exceeds the 1 MiB limit"));
}
