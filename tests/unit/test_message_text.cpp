// Unit tests for input text quoted in messages (provkit/message_text.hpp).
#include <doctest/doctest.h>

#include <string>

#include "provkit/message_text.hpp"

using provkit::quoted_text;

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
}

TEST_CASE("quoted: long text is cut at a character boundary and its length given") {
    CHECK(quoted_text(std::string(100, 'x'), 10) == "\"xxxxxxxxxx\"... (100 bytes)");
    CHECK(quoted_text("ab\xc3\xab" "cd", 3) == "\"ab\xc3\xab\"... (6 bytes)");
}
