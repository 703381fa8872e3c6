// MPP firmware versions and their order (firmware_version.hpp).
#include <doctest/doctest.h>

#include "provkit/firmware_version.hpp"

using namespace provkit;

namespace {

int cmp(const char* a, const char* b) {
    auto va = parse_firmware_version(a), vb = parse_firmware_version(b);
    REQUIRE(va);
    REQUIRE(vb);
    return compare_firmware_versions(*va, *vb);
}

}  // namespace

TEST_CASE("parsing MPP version strings") {
    auto v = parse_firmware_version("sip7832.11-0-1MPP-0123");
    REQUIRE(v);
    CHECK(v->prefix == "sip7832");
    CHECK(v->fields == std::vector<std::string>{"11", "0", "1"});
    CHECK(v->build == "-0123");
    auto four = parse_firmware_version("sip78xx.11-0-0MN-1MPP-BN");
    REQUIRE(four);
    CHECK(four->fields == std::vector<std::string>{"11", "0", "0MN", "1"});
    CHECK(parse_firmware_version("11-3-1MPP"));
    CHECK(parse_firmware_version("sip88xx.11-3-1MPP0001-609"));
    for (const char* bad : {"11.0.0", "sip7832.11-0MPP", "sip7832.11-0-1-2-3MPP", "sip7832.a-0-1MPP", "", "MPP",
                            "sip7832.11--1MPP", "sip7832.11-0-1"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_firmware_version(bad));
    }
}

TEST_CASE("the guide's order: fields left to right, digits then letters") {
    CHECK(cmp("sip78xx.11-0-0MPP-BN", "sip78xx.11-0-0MN-1MPP-BN") < 0);  // the guide's example
    CHECK(cmp("sip7832.11-0-1MPP", "sip7832.11-0-2MPP") < 0);
    CHECK(cmp("sip7832.11-0-10MPP", "sip7832.11-0-9MPP") > 0);  // numbers, not text
    CHECK(cmp("sip7832.12-0-0MPP", "sip7832.11-9-9MPP") > 0);
    CHECK(cmp("sip7832.11-0-1aMPP", "sip7832.11-0-1bMPP") < 0);
    CHECK(cmp("sip7832.11-0-1MPP", "sip7832.11-0-1-1MPP") < 0);
    CHECK(cmp("sip7832.11-0-1MPP-0123", "sip7832.11-0-1MPP-0124") < 0);
    CHECK(cmp("sip88xx.11-3-1MPP0001-609", "sip88xx.11-3-1MPP0001-1000") < 0);
    CHECK(cmp("sip7832.11-0-1MPP-0123", "sip7832.11-0-1MPP") == 0);  // no build number: not compared
    CHECK(cmp("sip7832.11-0-1MPP", "sip8845.11-0-1MPP") == 0);      // the model prefix is not compared
}

TEST_CASE("the version a load URL names") {
    auto v = firmware_version_of_url("http://fw.example.com/firmware/sip7832.11-0-1MPP-0123.loads?x=1");
    REQUIRE(v);
    CHECK(v->text == "sip7832.11-0-1MPP-0123");
    CHECK_FALSE(firmware_version_of_url("http://fw/firmware.bin"));
    CHECK_FALSE(firmware_version_of_url("http://fw/"));
}
