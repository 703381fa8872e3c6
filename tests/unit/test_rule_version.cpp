// Unit tests for version strings of the rule language (guide ch. 2 "Version Numbers").
#include <doctest/doctest.h>

#include "provkit/rule.hpp"

using provkit::compare_versions;
using provkit::parse_firmware_version;

namespace {
int cmp(const char* a, const char* b) {
    auto va = parse_firmware_version(a), vb = parse_firmware_version(b);
    REQUIRE(va);
    REQUIRE(vb);
    return compare_versions(*va, *vb);
}
}  // namespace

TEST_CASE("guide: valid and invalid version formats") {
    auto v = parse_firmware_version("sip78yy.11-0-0MPP-BN");  // "Example of Valid Version Number"
    REQUIRE(v);
    CHECK(v->mpp);
    CHECK(v->prefix == "sip78yy");
    CHECK(v->fields == std::vector<std::string>{"11", "0", "0"});
    CHECK(v->build == "BN");
    CHECK(parse_firmware_version("sip7832.11-0-1MPP-0123"));  // NOTES.md
    CHECK(parse_firmware_version("sip78xx.11-0-1MPP"));       // $SWVER in the ch. 5 table
    CHECK(parse_firmware_version("sip78xx.11-0-0MPP"));       // the ch. 2 upgrade rule example
    auto four = parse_firmware_version("sip78xx.11-0-0MN-1MPP-BN");
    REQUIRE(four);
    CHECK(four->fields == std::vector<std::string>{"11", "0", "0MN", "1"});
    // "By contrast: 11.0.0 is an invalid format" - as an MPP version. It parses as a dotted
    // (hardware) version, and comparing it with an MPP one is the format error:
    auto bare = parse_firmware_version("11.0.0");
    REQUIRE(bare);
    CHECK_FALSE(bare->mpp);
    CHECK_THROWS_AS(cmp("sip78xx.11-0-0MPP", "11.0.0"), provkit::RuleError);
    CHECK_THROWS_WITH(cmp("11.0.0", "sip78xx.11-0-0MPP-BN"), doctest::Contains("format error"));
    for (const char* bad : {"sip78xx.11-0MPP", "sip78xx.11-0-0-0-0MPP", "sip78xx.a-0-0MPP", "sip78xx.11-0-0",
                            "11-0-0MPP", "sip78xx.11-0-0MPP-", "sip78xx.11-0-0MPP-B-N", ".11-0-0MPP", "11", "1.2.3.4.5",
                            "2.0.3(0412s", "2.0.3()", "v2.0.3", "sip-78.11-0-0MPP", ""})
        CHECK_MESSAGE(!parse_firmware_version(bad), bad);
}

TEST_CASE("guide: sip78xx.11-0-0MPP-BN < sip78xx.11-0-0MN-1MPP-BN") {
    // Field 3: "0" vs "0MN" - the digits are equal, then "" sorts before "MN".
    CHECK(cmp("sip78xx.11-0-0MPP-BN", "sip78xx.11-0-0MN-1MPP-BN") < 0);
    CHECK(cmp("sip78xx.11-0-0MN-1MPP-BN", "sip78xx.11-0-0MPP-BN") > 0);
}

TEST_CASE("fields: digits numerically, then letters alphabetically, left to right") {
    CHECK(cmp("sip7832.11-0-1MPP", "sip7832.11-0-2MPP") < 0);
    CHECK(cmp("sip7832.9-9-9MPP", "sip7832.10-0-0MPP") < 0);   // numerically, not as text
    CHECK(cmp("sip7832.11-0-10MPP", "sip7832.11-0-9MPP") > 0);
    CHECK(cmp("sip7832.11-2-0MPP", "sip7832.11-10-0MPP") < 0);
    CHECK(cmp("sip7832.12-0-0MPP", "sip7832.11-9-9-9MPP") > 0);  // the leftmost field wins
    CHECK(cmp("sip7832.11-0-1a-0MPP", "sip7832.11-0-1b-0MPP") < 0);
    CHECK(cmp("sip7832.11-0-2a-0MPP", "sip7832.11-0-10-0MPP") < 0);  // digits before letters
    CHECK(cmp("sip7832.11-0-1MN-0MPP", "sip7832.11-0-1mn-0MPP") != 0);
    CHECK(cmp("sip7832.11-0-1a-0MPP", "sip7832.11-0-1B-0MPP") < 0);  // alphabetical, not ASCII
    CHECK(cmp("sip7832.11-0-1MPP", "sip7832.11-0-1-0MPP") < 0);  // a missing v4 sorts first
    CHECK(cmp("sip7832.011-0-1MPP", "sip7832.11-0-1MPP") == 0);  // leading zeros
    CHECK(cmp("sip7832.99999999999999999999-0-1MPP", "sip7832.99999999999999999998-0-1MPP") > 0);
}

TEST_CASE("prefix and build number") {
    CHECK(cmp("sip78xx.11-0-1MPP", "sip7832.11-0-1MPP") == 0);  // the model prefix is not compared
    CHECK(cmp("sip7832.11-0-1MPP-0123", "sip7832.11-0-1MPP-0124") < 0);
    CHECK(cmp("sip7832.11-0-1MPP-99", "sip7832.11-0-1MPP-100") < 0);
    CHECK(cmp("sip7832.11-0-1MPP-0123", "sip7832.11-0-1MPP") == 0);  // only when both have one
    CHECK(cmp("sip7832.11-0-1MPP-BN", "sip7832.11-0-1MPP-BN") == 0);
    CHECK(cmp("sip7832.11-0-2MPP-0001", "sip7832.11-0-1MPP-9999") > 0);  // fields first
}

TEST_CASE("dotted versions: hardware 2.0.1 and legacy SPA 2.0.3(0412s)") {
    auto spa = parse_firmware_version("2.0.3(0412s)");
    REQUIRE(spa);
    CHECK_FALSE(spa->mpp);
    CHECK(spa->fields == std::vector<std::string>{"2", "0", "3"});
    CHECK(spa->build == "0412s");
    CHECK(cmp("2.0.3(0412s)", "2.0.12(0101a)") < 0);
    CHECK(cmp("2.0.3(0412s)", "2.0.3(0412t)") < 0);
    CHECK(cmp("2.0.3(0413a)", "2.0.3(0412s)") > 0);
    CHECK(cmp("2.0.1", "2.0.1") == 0);  // $HWVER "2.0.1" (ch. 5 table)
    CHECK(cmp("2.0.1", "2.1") < 0);     // field 2: 0 < 1
    CHECK(cmp("2.0", "2.0.1") < 0);
    CHECK(cmp("2.0.3", "2.0.3(0412s)") == 0);
}
