// Unit tests for provkit/profile.hpp (the model), source_text.hpp and profile_source.hpp.
#include <doctest/doctest.h>

#include <string>

#include "provkit/profile.hpp"
#include "provkit/profile_source.hpp"
#include "provkit/source_text.hpp"

using namespace provkit;

TEST_CASE("set keeps first-seen order, the last value, and every occurrence") {
    Profile p;
    const std::uint32_t a = p.add_file("a.xml");
    CHECK(p.add_file("a.xml") == a);
    const std::uint32_t b = p.add_file("b.xml");
    p.set("X", "1", UserAccess::ro, {a, 1, 1});
    p.set("Y", "2", std::nullopt, {a, 2, 1});
    p.set("X", "3", std::nullopt, {b, 7, 4});
    REQUIRE(p.size() == 2);
    CHECK(p.params()[0].name == "X");
    CHECK(p.find("X")->value == "3");
    CHECK(p.find("X")->ua == UserAccess::ro);  // not given again: retained
    CHECK(p.origin(*p.find("X")).file == b);
    CHECK(p.origin(*p.find("X")).line == 7);
    REQUIRE(p.occurrences().size() == 3);
    CHECK(p.occurrences()[0].param == 0);
    CHECK(p.occurrences()[2].param == 0);
    CHECK(p.find("x") == nullptr);
    CHECK(p.find("Z") == nullptr);
    CHECK(Profile().find("X") == nullptr);
}

TEST_CASE("the index survives growth and copies") {
    Profile p;
    for (int i = 0; i < 5000; ++i)
        p.set("Param_" + std::to_string(i) + "_", std::to_string(i), std::nullopt, {});
    for (int i = 0; i < 5000; i += 7) {
        const Param* found = p.find("Param_" + std::to_string(i) + "_");
        REQUIRE(found != nullptr);
        CHECK(found->value == std::to_string(i));
    }
    Profile copy = p;
    p.set("Param_1_", "changed", std::nullopt, {});
    CHECK(copy.find("Param_1_")->value == "1");
    CHECK(copy.find("Param_4999_") != nullptr);
    Profile moved = std::move(copy);
    CHECK(moved.find("Param_4999_")->value == "4999");
    CHECK(moved.size() == 5000);
}

TEST_CASE("apply layers a profile on top, carrying files and origins") {
    Profile base;
    const std::uint32_t f = base.add_file("base.xml");
    base.set("A", "1", UserAccess::ro, {f, 1, 1});
    base.set("B", "2", UserAccess::na, {f, 2, 1});
    Profile layer;
    const std::uint32_t g = layer.add_file("layer.txt");
    layer.set("C", "3", UserAccess::rw, {g, 5, 2});
    layer.set("A", "4", std::nullopt, {g, 6, 1});
    base.apply(layer);
    REQUIRE(base.size() == 3);
    CHECK(base.params()[0].name == "A");
    CHECK(base.params()[2].name == "C");
    CHECK(base.find("A")->value == "4");
    CHECK(base.find("A")->ua == UserAccess::ro);
    const Location& at = base.origin(*base.find("C"));
    CHECK(base.files()[at.file] == "layer.txt");
    CHECK(at.line == 5);
    CHECK(at.column == 2);
}

TEST_CASE("equality compares settings, not positions") {
    Profile a, b;
    a.set("A", "1", UserAccess::na, {0, 1, 1});
    b.set("A", "0", UserAccess::na, {0, 9, 9});
    b.set("A", "1", UserAccess::na, {0, 10, 1});
    CHECK(a == b);
    b.set("A", "1", UserAccess::rw, {});
    CHECK_FALSE(a == b);
    Profile c;
    c.set("B", "1", UserAccess::na, {});
    c.set("A", "1", UserAccess::na, {});
    Profile d;
    d.set("A", "1", UserAccess::na, {});
    d.set("B", "1", UserAccess::na, {});
    CHECK_FALSE(c == d);  // order matters
}

TEST_CASE("value kinds, user access and names") {
    CHECK(value_kind("") == ValueKind::empty);
    CHECK(value_kind("\"\"") == ValueKind::quoted_empty);
    CHECK(value_kind("x") == ValueKind::text);
    CHECK(value_kind("\"\" ") == ValueKind::text);
    CHECK(parse_user_access("ro") == UserAccess::ro);
    CHECK_FALSE(parse_user_access("RO").has_value());
    CHECK(to_string(UserAccess::rw) == "rw");
    CHECK(is_parameter_name("Resync_At__HHmm_"));
    CHECK(is_parameter_name("Phone-UI-readonly"));
    CHECK(is_parameter_name("G722.2_Codec_Name"));
    CHECK_FALSE(is_parameter_name("1st"));
    CHECK_FALSE(is_parameter_name("a b"));
    CHECK_FALSE(is_parameter_name(""));
}

TEST_CASE("diagnostics format as FILE:LINE:COL: message") {
    CHECK(Diagnostic{"f.xml", 3, 7, "x", "bad"}.to_string() == "f.xml:3:7: bad");
    CHECK(Diagnostic{"f.xml", 3, 0, "x", "bad"}.to_string() == "f.xml:3: bad");
    CHECK(Diagnostic{"f.xml", 0, 0, "x", "bad"}.to_string() == "f.xml: bad");
}

TEST_CASE("check_utf8_text finds the first fault") {
    CHECK_FALSE(check_utf8_text("plain ASCII\twith\r\nbreaks").has_value());
    CHECK_FALSE(check_utf8_text("\xC3\xA9 \xE2\x80\x9D \xF0\x9F\x93\x9E").has_value());
    struct Case {
        std::string text;
        std::size_t offset;
        std::string code;
    };
    const Case cases[] = {
        {"abcdefghij\xE9", 10, "utf8"},     // Latin-1 after the 8-byte fast path
        {"ab\x80", 2, "utf8"},              // stray continuation byte
        {"ab\xC0\xAF", 2, "utf8"},          // overlong
        {"ab\xE0\x80\xAF", 2, "utf8"},      // overlong, 3 bytes
        {"ab\xED\xA0\x80", 2, "utf8"},      // surrogate
        {"ab\xF4\x90\x80\x80", 2, "utf8"},  // above U+10FFFF
        {"ab\xE2\x80", 2, "utf8"},          // cut short
        {"ab\xE2(x", 2, "utf8"},            // incomplete
        {std::string("abc\0d", 5), 3, "control-char"},
        {"0123456789\x1B", 10, "control-char"},
        {"ab\xEF\xBF\xBE", 2, "control-char"},  // U+FFFE
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const auto fault = check_utf8_text(c.text);
        REQUIRE(fault.has_value());
        CHECK(fault->offset == c.offset);
        CHECK(fault->code == c.code);
    }
}

TEST_CASE("LineIndex turns offsets into lines and character columns") {
    const std::string text = "ab\n\xC3\xA9x\r\n\nlast";
    LineIndex lines(text);
    CHECK(lines.position(0).line == 1);
    CHECK(lines.position(1).column == 2);
    CHECK(lines.position(3).line == 2);
    CHECK(lines.position(5).column == 2);  // after the two-byte é
    CHECK(lines.position(8).line == 3);
    CHECK(lines.position(9).line == 4);
    CHECK(lines.position(9).column == 1);
    CHECK(lines.position(text.size()).column == 5);
    CHECK(lines.line_text(2) == "\xC3\xA9x");
    CHECK(lines.line_text(4) == "last");
    CHECK(lines.line_text(5).empty());
    std::uint32_t hint = 1;
    for (std::size_t off : {0u, 3u, 9u, 1u, 12u}) {
        const auto a = lines.position(off, hint);
        const auto b = lines.position(off);
        CHECK(a.line == b.line);
        CHECK(a.column == b.column);
    }
}

TEST_CASE("typographic_at recognises quotes and dashes") {
    CHECK(typographic_at("\xE2\x80\x9D", 0)->ascii == '"');
    CHECK(typographic_at("x\xE2\x80\x98", 1)->ascii == '\'');
    CHECK(typographic_at("\xE2\x80\x93", 0)->ascii == '-');
    CHECK(typographic_at("\xE2\x88\x92", 0)->code_point == 0x2212);
    CHECK(typographic_at("\xC2\xAB", 0)->length == 2);
    CHECK_FALSE(typographic_at("\xE2\x82\xAC", 0).has_value());  // €
    CHECK_FALSE(typographic_at("\"", 0).has_value());
    CHECK_FALSE(typographic_at("", 0).has_value());
}

TEST_CASE("read_profile_source detects the format") {
    CHECK(read_profile_source("<flat-profile><A>1</A></flat-profile>", "x").profile.find("A")->value == "1");
    CHECK(read_profile_source("A \"1\";", "x").profile.find("A")->value == "1");
    CHECK_FALSE(read_profile_source("A \"1\";", "x", SourceFormat::xml).ok());
    CHECK_FALSE(read_profile_source("<flat-profile/>", "x", SourceFormat::spc).ok());
}
