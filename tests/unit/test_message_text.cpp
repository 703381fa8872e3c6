// Unit tests for input text quoted in messages (provkit/message_text.hpp).
#include <doctest/doctest.h>

#include <string>

#include "provkit/message_text.hpp"

using provkit::append_printable;
using provkit::quoted_text;

namespace {

std::string printable(std::string_view text, std::string_view keep = {}) {
    std::string out;
    append_printable(out, text, keep);
    return out;
}

}  // namespace

TEST_CASE("quoted: plain text and UTF-8 are kept, quotes and backslashes escaped") {
    CHECK(quoted_text("00:11:22:aa:bb:cc") == "\"00:11:22:aa:bb:cc\"");
    CHECK(quoted_text("Zo\xc3\xab \xe2\x82\xac") == "\"Zo\xc3\xab \xe2\x82\xac\"");
    CHECK(quoted_text("say \"hi\" \\") == "\"say \\\"hi\\\" \\\\\"");
}

TEST_CASE("quoted: NUL, control characters and bytes that are not UTF-8 become escapes") {
    CHECK(quoted_text(std::string("0011\0" "22", 7)) == "\"0011\\x0022\"");
    CHECK(quoted_text("a\nb\rc\td\x1b[31m\x7f") == "\"a\\nb\\rc\\td\\x1b[31m\\x7f\"");
    CHECK(quoted_text("\xff\xfe") == "\"\\xff\\xfe\"");
    CHECK(quoted_text("\xc0\xaf") == "\"\\xc0\\xaf\"");          // overlong '/'
    CHECK(quoted_text("\xed\xa0\x80") == "\"\\xed\\xa0\\x80\"");  // a surrogate
    CHECK(quoted_text("\xe2\x82") == "\"\\xe2\\x82\"");          // cut short
    CHECK(quoted_text("a\xc2\x9b" "31m") == "\"a\\xc2\\x9b31m\"");  // C1 CSI, valid UTF-8
}

TEST_CASE("quoted: long text is cut at a character boundary and its length given") {
    CHECK(quoted_text(std::string(100, 'x'), 10) == "\"xxxxxxxxxx\"... (100 bytes)");
    CHECK(quoted_text("ab\xc3\xab" "cd", 3) == "\"ab\xc3\xab\"... (6 bytes)");
}

TEST_CASE("printable: text as it is, but no control character or non-UTF-8 byte reaches a terminal") {
    CHECK(printable("Zo\xc3\xab \xe2\x82\xac <A>") == "Zo\xc3\xab \xe2\x82\xac <A>");
    CHECK(printable("a\x1b[31mb\x7f\x01") == "a?[31mb??");
    CHECK(printable("a\xc2\x9b" "31m\xc2\xa0") == "a?31m\xc2\xa0");  // C1 CSI goes, U+00A0 stays
    CHECK(printable("\xff\xc0\xaf\xed\xa0\x80\xe2\x82") == "????????");  // one '?' a byte
    CHECK(printable("tab\there\nline") == "tab here?line");
    CHECK(printable("tab\there\nline", "\n\t") == "tab\there\nline");
    CHECK(printable(std::string("nul\0", 4)) == "nul?");
}
