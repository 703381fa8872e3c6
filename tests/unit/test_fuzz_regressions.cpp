// Regression tests for bugs the fuzzers (tests/fuzz) found. Each input is read from an
// exactly sized heap buffer, as libFuzzer passes it, so that an over-read is caught by the
// sanitizer build (-DPROVKIT_SANITIZE=ON) even where a std::string's terminator would hide it.
#include <doctest/doctest.h>

#include <memory>
#include <string_view>

#include "provkit/profile_xml.hpp"

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
