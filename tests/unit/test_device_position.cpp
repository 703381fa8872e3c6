// Unit tests for Device::parameter_position: a byte of a parameter's value (trimmed, newlines as
// spaces, escapes decoded) mapped back to the line and column where it was written.
#include <doctest/doctest.h>

#include <string>

#include "provkit/device.hpp"

using provkit::Device;

namespace {

// "LINE:COL" of byte offset of name's value.
std::string at(const Device& d, const char* name, std::size_t offset) {
    auto pos = d.parameter_position(name, offset);
    return pos ? std::to_string(pos->line) + ":" + std::to_string(pos->column) : "none";
}

}  // namespace

TEST_CASE("parameter positions: a value on one line") {
    Device d;
    provkit::load_profile_xml(d, "<flat-profile>\n  <Profile_Rule>/a.cfg</Profile_Rule>\n</flat-profile>", "p.xml");
    CHECK(*d.parameter("Profile_Rule") == "/a.cfg");
    CHECK(at(d, "Profile_Rule", 0) == "2:17");
    CHECK(at(d, "Profile_Rule", 5) == "2:22");
    CHECK(at(d, "Profile_Rule", 6) == "2:23");  // just past the value: a missing-token error
    CHECK(at(d, "Profile_Rule", 99) == "2:23");
    CHECK(at(d, "No_Such", 0) == "none");
}

TEST_CASE("parameter positions: trimmed white space, newlines, escapes and UTF-8") {
    Device d;
    provkit::load_profile_xml(d,
                              "<flat-profile><A>\r\n   ($X eq 1)?\r\n  /x</A>"
                              "<B>&amp;&#233;&#x20;z</B><C>\xC3\xA9t\xC3\xA9 x</C>"
                              "<D><![CDATA[ a&amp;b]]></D><E>&#32; &#10;q</E><F>&bogus; y</F></flat-profile>",
                              "p.xml");
    CHECK(*d.parameter("A") == "($X eq 1)?   /x");
    CHECK(at(d, "A", 0) == "2:4");    // '(' after the newline and three spaces
    CHECK(at(d, "A", 9) == "2:13");   // '?'
    CHECK(at(d, "A", 10) == "2:14");  // the CR LF, a space in the value
    CHECK(at(d, "A", 13) == "3:3");   // '/'
    CHECK(*d.parameter("B") == "&\xC3\xA9 z");
    CHECK(at(d, "B", 0) == "3:12");  // &amp;
    CHECK(at(d, "B", 1) == "3:17");  // &#233; (two bytes in the value)
    CHECK(at(d, "B", 2) == "3:17");
    CHECK(at(d, "B", 3) == "3:23");  // &#x20;
    CHECK(at(d, "B", 4) == "3:29");  // z
    CHECK(*d.parameter("C") == "\xC3\xA9t\xC3\xA9 x");
    CHECK(at(d, "C", 6) == "3:41");  // columns count characters: "été " is four
    CHECK(*d.parameter("D") == "a&amp;b");
    CHECK(at(d, "D", 1) == "3:60");  // no escapes in CDATA
    CHECK(*d.parameter("E") == "q");
    CHECK(at(d, "E", 0) == "3:87");  // escaped white space is trimmed too
    CHECK(*d.parameter("F") == "&bogus; y");
    CHECK(at(d, "F", 8) == "3:103");  // an unknown escape stays as written
}

TEST_CASE("parameter positions: only for values read from a profile") {
    Device d;
    d.set_parameter("Profile_Rule", "/a.cfg", "--set");
    CHECK(at(d, "Profile_Rule", 0) == "none");
}

TEST_CASE("parameter positions: a byte order mark and comments before the value") {
    Device d;
    provkit::load_profile_xml(d, "\xEF\xBB\xBF<flat-profile>\n<P><!-- c -->($A eq)? /x</P></flat-profile>", "p.xml");
    CHECK(*d.parameter("P") == "($A eq)? /x");
    CHECK(at(d, "P", 6) == "2:20");
}
