// Regression tests for bugs the fuzzers (tests/fuzz) and the hostile-input corpus
// (tests/data/hostile) found. Each input is read from an
// exactly sized heap buffer, as libFuzzer passes it, so that an over-read is caught by the
// sanitizer build (-DPROVKIT_SANITIZE=ON) even where a std::string's terminator would hide it.
#include <doctest/doctest.h>

#include <memory>
#include <string_view>

#include "provkit/profile_xml.hpp"
#include "provkit/source_text.hpp"
#include "provkit/spc.hpp"

using namespace provkit;

namespace {

// A copy of text in a buffer with no byte after it.
struct ExactBuffer {
    explicit ExactBuffer(std::string_view text) : bytes(new char[text.size() ? text.size() : 1]), size(text.size()) {
        text.copy(bytes.get(), text.size());
    }
    std::string_view view() const { return {bytes.get(), size}; }
    std::unique_ptr<char[]> bytes;
    std::size_t size;
};

}  // namespace

TEST_CASE("fuzz_profile_xml: a document that is only a BOM is an error, not an over-read") {
    // find_typographic_in_markup read text[text.size()] when the parse error was at the end.
    for (std::string_view text : {"\xEF\xBB\xBF", "\xEF\xBB\xBF  ", "", " "}) {
        ExactBuffer in(text);
        ReadResult r = read_profile_xml(in.view(), "bom.xml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.errors.front().to_string().find("bom.xml") == 0);
    }
}

TEST_CASE("hostile many-params.xml: positions on one long line are counted on, not from the line start") {
    // Counting every column from the start of its line made a profile written on one line
    // quadratic: 40,000 parameters took 13 s, 2,000,000 hung. The answers must stay exact,
    // for increasing offsets, repeated ones, going back, and across lines and UTF-8.
    const std::string text = "ab\xC3\xA9" "cd\xE2\x82\xAC" "x\nline2 \xC3\xA9" "z";
    LineIndex lines(text);
    std::uint32_t hint = 1;
    auto at = [&](std::size_t offset) { auto p = lines.position(offset, hint); return std::pair(p.line, p.column); };
    CHECK(at(0) == std::pair(1u, 1u));
    CHECK(at(2) == std::pair(1u, 3u));
    CHECK(at(4) == std::pair(1u, 4u));   // after the two bytes of e-acute
    CHECK(at(4) == std::pair(1u, 4u));
    CHECK(at(9) == std::pair(1u, 7u));   // after the euro sign
    CHECK(at(1) == std::pair(1u, 2u));   // backwards
    CHECK(at(17) == std::pair(2u, 7u));  // next line, then the same line again
    CHECK(at(20) == std::pair(2u, 9u));
    CHECK(lines.position(20).column == 9u);

    std::string one_line = "<flat-profile>";
    for (int i = 0; i < 200000; ++i) one_line += "<P>1</P>";
    one_line += "</flat-profile>";
    ReadResult r = read_profile_xml(one_line, "long.xml");
    REQUIRE(r.ok());
    REQUIRE(r.profile.occurrences().size() == 200000);
    CHECK(r.profile.occurrences().back().where.column == 15 + 8 * 199999);

    std::string spc;
    for (int i = 0; i < 200000; ++i) spc += "P \"1\"; ";
    ReadResult s = read_profile_spc(spc, "long.txt", [](const std::string&) -> Bytes { return {}; });
    REQUIRE(s.ok());
    CHECK(s.profile.occurrences().back().where.column == 1 + 7 * 199999);
}
