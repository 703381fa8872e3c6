// Unit tests for tools/size_arg.hpp: --max-size values.
#include <doctest/doctest.h>

#include <string>

#include "provkit/error.hpp"
#include "size_arg.hpp"

using provkit::cli::parse_size;

TEST_CASE("sizes: bytes and binary suffixes") {
    CHECK(parse_size("1", "--max-size") == 1);
    CHECK(parse_size("4096", "--max-size") == 4096);
    CHECK(parse_size("512K", "--max-size") == 512 * 1024);
    CHECK(parse_size("64M", "--max-size") == std::size_t(64) << 20);
    CHECK(parse_size("64m", "--max-size") == std::size_t(64) << 20);
    CHECK(parse_size("64MiB", "--max-size") == std::size_t(64) << 20);
    CHECK(parse_size("2gb", "--max-size") == std::size_t(2) << 30);
    CHECK(parse_size("100B", "--max-size") == 100);
}

TEST_CASE("sizes: anything else is a usage error naming the flag") {
    for (const char* bad : {"", "M", "0", "0K", "-1", "1.5M", "1 M", "1T", "1KK", "12x",
                            "99999999999999999999", "17179869184G"}) {
        CAPTURE(bad);
        try {
            parse_size(bad, "--max-size");
            FAIL("expected an error");
        } catch (const provkit::Error& e) {
            CHECK(e.kind() == provkit::ErrorKind::usage);
            CHECK(std::string(e.what()).find("--max-size") != std::string::npos);
        }
    }
}
