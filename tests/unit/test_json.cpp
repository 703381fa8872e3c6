// Unit tests for provkit/json.hpp: shapes and string escaping.
#include <doctest/doctest.h>

#include "provkit/json.hpp"

using provkit::Json;

TEST_CASE("json values and nesting") {
    Json o = Json::object();
    o.set("kind", "profile").set("selected", nullptr).set("n", 42).set("neg", -1).set("ok", true);
    o.set("list", Json::array().push(1).push("two").push(Json::object()));
    CHECK(o.dump() == R"({"kind":"profile","selected":null,"n":42,"neg":-1,"ok":true,"list":[1,"two",{}]})");
    o.set("n", 7);  // replaces, keeps the position
    CHECK(o.dump().starts_with(R"({"kind":"profile","selected":null,"n":7,)"));
    CHECK(Json().dump() == "null");
    CHECK(Json::array().dump() == "[]");
}

TEST_CASE("json string escaping") {
    CHECK(provkit::json_quote("a\"b\\c") == R"("a\"b\\c")");
    CHECK(provkit::json_quote("\n\r\t\b\f") == R"("\n\r\t\b\f")");
    CHECK(provkit::json_quote(std::string("\x01\x1f\x7f", 3)) == R"("\u0001\u001f\u007f")");
    CHECK(provkit::json_quote("caf\xC3\xA9 \xE2\x80\x9C") == "\"caf\xC3\xA9 \xE2\x80\x9C\"");  // UTF-8 kept
    CHECK(provkit::json_quote("\xFF" "a" "\xC3") == R"("\ufffda\ufffd")");        // invalid bytes replaced
    CHECK(provkit::json_quote("\xED\xA0\x80") == R"("\ufffd\ufffd\ufffd")");     // a surrogate is invalid
    CHECK(provkit::json_quote("\xC0\xAF") == R"("\ufffd\ufffd")");               // overlong
    CHECK(provkit::json_quote(std::string("a\0b", 3)) == R"("a\u0000b")");
}
