// Unit tests for provkit/profile_xml.hpp: the XML flat-profile reader and writer.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/profile_xml.hpp"

using namespace provkit;

namespace {

std::string sample_text() {
    return read_file(std::string(PROVKIT_SOURCE_DIR) + "/examples/sample-profile.xml");
}

Profile read_ok(std::string_view text) {
    ReadResult r = read_profile_xml(text, "t.xml");
    REQUIRE_MESSAGE(r.ok(), (r.errors.empty() ? std::string() : r.errors.front().to_string()));
    return std::move(r.profile);
}

std::string value_of(const Profile& p, std::string_view name) {
    const Param* param = p.find(name);
    REQUIRE_MESSAGE(param != nullptr, name);
    return param->value;
}

Diagnostic first_error(std::string_view text) {
    ReadResult r = read_profile_xml(text, "t.xml");
    REQUIRE_FALSE(r.ok());
    return r.errors.front();
}

}  // namespace

TEST_CASE("the sample profile reads: 509 parameters in order, with ua") {
    const std::string text = sample_text();
    Profile p = read_ok(text);
    CHECK(p.size() == 509);
    CHECK(p.params().front().name == "Restricted_Access_Domains");
    CHECK(p.params().back().name == "BACKUP_ACS_User");
    CHECK(value_of(p, "Enable_Web_Server") == "Yes");
    CHECK(value_of(p, "Profile_Rule") == "https://edos1.sandbox.cisco.com/cisco/RC_$MAU.xml");
    CHECK(p.find("Resync_At__HHmm_") != nullptr);
    CHECK(p.find("Admin_Password") == nullptr);   // only in a comment
    CHECK(p.find("resync_periodic") == nullptr);  // names are case-sensitive
    CHECK(p.find("Default_Ring_1_")->ua == UserAccess::rw);
    CHECK(p.find("ACS_URL_In_Use")->ua == UserAccess::ro);
    CHECK(p.find("Static_IP")->kind() == ValueKind::empty);
    const Location& at = p.origin(*p.find("Enable_Web_Server"));
    CHECK(at.line == 5);
    CHECK(at.column == 1);
    CHECK(p.files()[at.file] == "t.xml");
}

TEST_CASE("the canonical form of the sample is the sample without its comments") {
    const std::string text = sample_text();
    std::istringstream in(text);
    std::string line, expected;
    while (std::getline(in, line))
        if (line.rfind("<!--", 0) != 0) expected += line + "\n";
    CHECK(write_profile_xml(read_ok(text)) == expected);
}

TEST_CASE("guide chapter 2: open profile format example") {
    Profile p = read_ok(
        "<flat-profile>\n<Resync_On_Reset> Yes </Resync_On_Reset>\n<Resync_Periodic> 7200 "
        "</Resync_Periodic>\n"
        "<Profile_Rule> "
        "tftp://prov.telco.com:6900/cisco/config/CP_x8xx_MPP.cfg</Profile_Rule>\n</flat-profile>\n");
    CHECK(value_of(p, "Resync_On_Reset") == "Yes");
    CHECK(value_of(p, "Resync_Periodic") == "7200");
    CHECK(value_of(p, "Profile_Rule") == "tftp://prov.telco.com:6900/cisco/config/CP_x8xx_MPP.cfg");
}

TEST_CASE("guide chapter 2: values on their own lines; newlines inside become spaces") {
    Profile p = read_ok(
        "<flat-profile>\n<Resync_On_Reset> Yes\n</Resync_On_Reset>\n<Resync_Periodic> "
        "7200\n</Resync_Periodic>\n"
        "<Profile_Rule>tftp://prov.telco.com: 6900/cisco/config/CP_x8xx_MPP.cfg\n</Profile_Rule>\n"
        "</flat-profile>\n");
    CHECK(value_of(p, "Resync_On_Reset") == "Yes");
    CHECK(value_of(p, "Resync_Periodic") == "7200");
    CHECK(value_of(p, "Profile_Rule") == "tftp://prov.telco.com: 6900/cisco/config/CP_x8xx_MPP.cfg");
    CHECK(value_of(read_ok("<flat-profile><A>one\ntwo\r\nthree\rfour</A></flat-profile>"), "A") ==
          "one two three four");
}

TEST_CASE("guide chapter 2: empty elements, both forms") {
    Profile p =
        read_ok("<flat-profile>\n<Profile_Rule_B />\n<GPP_A>\n</GPP_A>\n<GPP_B></GPP_B></flat-profile>");
    CHECK(p.size() == 3);
    for (const char* name : {"Profile_Rule_B", "GPP_A", "GPP_B"}) {
        CHECK(value_of(p, name).empty());
        CHECK(p.find(name)->kind() == ValueKind::empty);
    }
    // The Data Types note's explicit empty string is a different value, kept as written.
    Profile q = read_ok("<flat-profile><GPP_C>\"\"</GPP_C></flat-profile>");
    CHECK(q.find("GPP_C")->kind() == ValueKind::quoted_empty);
    CHECK(read_ok(write_profile_xml(q)) == q);
}

TEST_CASE("guide chapter 2: the ua attribute example") {
    Profile p = read_ok(
        "<flat-profile>\n<SIP_TOS_DiffServ_Value_1_ ua=\"na\"/>\n<Dial_Plan_1_ ua=\"ro\"/>\n"
        "<Dial_Plan_2_ ua=\"rw\"/>\n</flat-profile>");
    CHECK(p.find("SIP_TOS_DiffServ_Value_1_")->ua == UserAccess::na);
    CHECK(p.find("Dial_Plan_1_")->ua == UserAccess::ro);
    CHECK(p.find("Dial_Plan_2_")->ua == UserAccess::rw);
    CHECK_FALSE(read_ok("<flat-profile><X>1</X></flat-profile>").find("X")->ua.has_value());
}

TEST_CASE("guide chapter 2: the guide's own curly-quoted ua is an error that says so") {
    // The guide prints ua=”na” (typeset quotes); a phone's XML parser rejects it.
    Diagnostic d = first_error(
        "<flat-profile>\n<SIP_TOS_DiffServ_Value_1_ ua=\xE2\x80\x9Dna\xE2\x80\x9D/>\n</flat-profile>");
    CHECK(d.code == "typographic");
    CHECK(d.line == 2);
    CHECK(d.column == 31);
    CHECK(d.message.find("U+201D") != std::string::npos);
    CHECK(d.to_string().rfind("t.xml:2:31: typographic quote", 0) == 0);
}

TEST_CASE("guide chapter 2: comments, the XML header and escapes") {
    Profile p = read_ok(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n<!-- My comment is typed here -->\n"
        "<Dial_Plan_1_>\n(S0 &lt;:18005551212&gt;)\n</Dial_Plan_1_>\n"
        "<GPP_A>&amp;&lt;&gt;&apos;&quot;</GPP_A><GPP_B>&#40;&#x2e;&#65;&#x1F4DE;</GPP_B></flat-profile>");
    CHECK(p.size() == 3);
    CHECK(value_of(p, "Dial_Plan_1_") == "(S0 <:18005551212>)");
    CHECK(value_of(p, "GPP_A") == "&<>'\"");
    CHECK(value_of(p, "GPP_B") == "(.A\xF0\x9F\x93\x9E");
}

TEST_CASE("guide: the last occurrence wins, every occurrence is kept") {
    Profile p = read_ok(
        "<flat-profile>\n<GPP_A ua=\"ro\">1</GPP_A>\n<GPP_B>x</GPP_B>\n  <GPP_A>2</GPP_A>\n</flat-profile>");
    REQUIRE(p.size() == 2);
    CHECK(p.params()[0].name == "GPP_A");  // first-seen order
    CHECK(value_of(p, "GPP_A") == "2");
    CHECK(p.find("GPP_A")->ua == UserAccess::ro);  // "the existing user access setting is retained"
    REQUIRE(p.occurrences().size() == 3);
    CHECK(p.occurrences()[0].where.line == 2);
    CHECK(p.occurrences()[2].where.line == 4);
    CHECK(p.occurrences()[2].where.column == 3);
    CHECK(p.origin(*p.find("GPP_A")).line == 4);
}

TEST_CASE("guide chapter 4: examples") {
    CHECK(value_of(read_ok("<flat-profile>   <GPP_A> 12345678   </GPP_A> </flat-profile>"), "GPP_A") ==
          "12345678");
    CHECK(value_of(read_ok("<flat-profile><Syslog_Server>192.168.1.210</Syslog_Server></flat-profile>"),
                   "Syslog_Server") == "192.168.1.210");
    Profile debug = read_ok(
        "<flat-profile><Debug_Server>192.168.1.210</Debug_Server>\n<Debug_Level>3</Debug_Level></"
        "flat-profile>");
    CHECK(value_of(debug, "Debug_Level") == "3");
    CHECK(value_of(
              read_ok("<flat-profile><Resync_Error_Retry_Delay>30</Resync_Error_Retry_Delay></flat-profile>"),
              "Resync_Error_Retry_Delay") == "30");
    CHECK(value_of(read_ok("<flat-profile><Profile_Rule>   tftp://192.168.1.200/CP-7832-3PCC$MA.cfg "
                           "</Profile_Rule></flat-profile>"),
                   "Profile_Rule") == "tftp://192.168.1.200/CP-7832-3PCC$MA.cfg");
    CHECK(value_of(read_ok("<flat-profile><Profile_Rule>\nhttp://192.168.1.200/basic.txt\n</Profile_Rule>"
                           "</flat-profile>"),
                   "Profile_Rule") == "http://192.168.1.200/basic.txt");
    CHECK(value_of(read_ok("<flat-profile><Profile_Rule> tftp://prov.telco.com:6900/cisco/config/$PN.cfg "
                           "</Profile_Rule></flat-profile>"),
                   "Profile_Rule") == "tftp://prov.telco.com:6900/cisco/config/$PN.cfg");
    CHECK(value_of(read_ok("<flat-profile><GPP_D>OU=x,\nL=y,\nS=z\n</GPP_D></flat-profile>"), "GPP_D") ==
          "OU=x, L=y, S=z");
    CHECK(value_of(read_ok("<flat-profile><Profile_Rule_B>tftp://192.168.1.200/basic2.txt </Profile_Rule_B>"
                           "</flat-profile>"),
                   "Profile_Rule_B") == "tftp://192.168.1.200/basic2.txt");
    CHECK(value_of(read_ok("<flat-profile><Resync_On_Reset>Yes</Resync_On_Reset></flat-profile>"),
                   "Resync_On_Reset") == "Yes");
    // The Cisco XML Execute object of "Provisioning Through Cisco XML" is not a flat profile (and
    // its unquoted attribute is not well-formed XML).
    Diagnostic execute = first_error(
        "<CP-x8xx-3PCCExecute>\n<ExecuteItem URL=Resync:[profile-rule]/>\n</CP-x8xx-3PCCExecute>");
    CHECK(execute.code == "xml-syntax");
    CHECK(execute.line == 2);
    CHECK(first_error("<CP-x8xx-3PCCExecute/>").code == "root");
    // Partitioned profiles: basic2.txt is basic.txt plus <GPP_B>ABCD</GPP_B>.
    Profile basic2 =
        read_ok("<flat-profile>   <GPP_A> 12345678   </GPP_A> <GPP_B>ABCD</GPP_B></flat-profile>");
    CHECK(value_of(basic2, "GPP_A") == "12345678");
    CHECK(value_of(basic2, "GPP_B") == "ABCD");
}

TEST_CASE("white space from character references is content") {
    Profile p = read_ok("<flat-profile><A> &#32;x&#10;y&#9; </A><B>&#x20;</B></flat-profile>");
    CHECK(value_of(p, "A") == " x\ny\t");
    CHECK(value_of(p, "B") == " ");
}

TEST_CASE("comments and CDATA inside a value") {
    Profile p = read_ok(
        "<flat-profile><A>a <!-- c --> b</A><B><![CDATA[ <x&y> ]]></B><C>a<!--x--> <!--y-->b</C>"
        "</flat-profile>");
    CHECK(value_of(p, "A") == "a  b");
    CHECK(value_of(p, "B") == "<x&y>");
    CHECK(value_of(p, "C") == "a b");
}

TEST_CASE("errors carry file, line, column and a code") {
    struct Case {
        std::string text;
        std::string code;
        std::uint32_t line, column;
    };
    const Case cases[] = {
        {"<flat-profile>\n<A>\xE9t\xE9</A></flat-profile>", "utf8", 2, 4},
        {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<flat-profile/>", "encoding", 1, 31},
        {"\xFF\xFE<\0f\0", "encoding", 1, 1},
        {std::string("<\0f\0l\0a\0t\0", 10), "encoding", 1, 1},    // UTF-16LE without a byte order mark
        {std::string("\0<\0f\0l\0a\0t", 10), "encoding", 1, 1},    // UTF-16BE
        {std::string("<\0f\0l\0a\x01", 8), "control-char", 1, 2},  // not UTF-16: a NUL byte at 1:2
        {"<flat-profile>\n<A>\x01</A></flat-profile>", "control-char", 2, 4},
        {"<!DOCTYPE flat-profile [<!ENTITY e \"v\">]>\n<flat-profile/>", "doctype", 1, 1},
        {"<profile>\n</profile>", "root", 1, 1},
        {"<flat-profile/>\n<x/>", "root", 2, 1},
        {"junk\n<flat-profile/>", "xml-syntax", 1, 1},  // text outside the root: phones refuse it
        {"<flat-profile/>\n  trailing\n", "xml-syntax", 2, 3},
        {"<flat-profile/>\n<![CDATA[x]]>", "xml-syntax", 2, 1},
        {"<flat-profile>\n<A>x</B>\n</flat-profile>", "xml-syntax", 2, 7},
        {"<flat-profile>\n<A>x</A>\n", "xml-syntax", 3, 1},
        {"", "xml-syntax", 1, 1},
        {"<flat-profile>\n<A>&#X41;</A></flat-profile>", "entity", 2, 4},
        {"<flat-profile>\n <A>\n  <B>1</B>\n </A>\n</flat-profile>", "nesting", 3, 3},
        {"<flat-profile>\n<A ua='na'>1</A></flat-profile>", "ua-quote", 2, 7},
        {"<flat-profile>\n<A ua=\"NA\">1</A></flat-profile>", "ua-value", 2, 8},
        {"<flat-profile>\n<A ua=\"rx\">1</A></flat-profile>", "ua-value", 2, 8},
        {"<flat-profile>\n<A ua=\"na\" ua=\"ro\">1</A></flat-profile>", "xml-syntax", 2, 12},
        {"<flat-profile>\n<A>a &foo; b</A></flat-profile>", "entity", 2, 6},
        {"<flat-profile>\n<A>a & b</A></flat-profile>", "entity", 2, 6},
        {"<flat-profile>\n<A>&#0;</A></flat-profile>", "entity", 2, 4},
        {"<flat-profile>\n<!\xE2\x80\x93\xE2\x80\x93 c -->\n</flat-profile>", "typographic", 2, 3},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        Diagnostic d = first_error(c.text);
        CHECK(d.code == c.code);
        CHECK(d.line == c.line);
        CHECK(d.column == c.column);
        CHECK(d.file == "t.xml");
        CHECK_FALSE(d.message.empty());
    }
}

TEST_CASE("errors confined to one parameter do not stop reading") {
    ReadResult r = read_profile_xml(
        "<flat-profile>\n<A ua='na'>1</A>\n<B ua=\"xx\">2</B>\n<C>3</C>\n</flat-profile>", "t.xml");
    CHECK(r.errors.size() == 2);
    CHECK(r.profile.size() == 1);
    CHECK(r.profile.find("C") != nullptr);
}

TEST_CASE("warnings: unknown attributes and stray text") {
    ReadResult r = read_profile_xml("<flat-profile>\n<A x=\"1\">v</A> oops\n</flat-profile>", "t.xml");
    REQUIRE(r.ok());
    REQUIRE(r.warnings.size() == 2);
    CHECK(r.warnings[0].code == "unknown-attribute");
    CHECK(r.warnings[0].column == 4);
    CHECK(r.warnings[1].code == "stray-text");
    CHECK(r.warnings[1].column == 16);
    CHECK(value_of(r.profile, "A") == "v");
}

TEST_CASE("a UTF-8 BOM is allowed and positions stay right") {
    Profile p = read_ok("\xEF\xBB\xBF<flat-profile>\n<A>1</A></flat-profile>");
    CHECK(p.origin(*p.find("A")).line == 2);
    CHECK(p.origin(*p.find("A")).column == 1);
    Diagnostic d = first_error("\xEF\xBB\xBF<flat-profile>\n<A>1</B></flat-profile>");
    CHECK(d.line == 2);
    CHECK(d.column == 7);
}

TEST_CASE("deep nesting does not recurse") {
    std::string deep = "<flat-profile><A>";
    for (int i = 0; i < 200000; ++i) deep += "<x>";
    for (int i = 0; i < 200000; ++i) deep += "</x>";
    deep += "</A></flat-profile>";
    Diagnostic d = first_error(deep);
    CHECK(d.code == "nesting");
    CHECK(d.column == 18);
}

TEST_CASE("the writer escapes what the reader would change") {
    Profile p;
    const std::uint32_t f = p.add_file("x");
    p.set("A", "  lead and trail\t", UserAccess::ro, {f, 1, 1});
    p.set("B", "line1\nline2\r\nend", std::nullopt, {f, 2, 1});
    p.set("C", "a<b>&c ]]> \"q\" 'a'", UserAccess::rw, {f, 3, 1});
    p.set("D", "", UserAccess::na, {f, 4, 1});
    p.set("E", "\xE2\x80\x9C\xC3\xA9\xF0\x9F\x98\x80", std::nullopt, {f, 5, 1});
    const std::string xml = write_profile_xml(p);
    CHECK(xml.find("<A ua=\"ro\">&#32;&#32;lead and trail&#9;</A>\n") != std::string::npos);
    CHECK(xml.find("<D ua=\"na\"/>\n") != std::string::npos);
    CHECK(read_ok(xml) == p);
}

TEST_CASE("the writer refuses what XML cannot carry") {
    Profile p;
    p.set("A", std::string("a\x01", 2), std::nullopt, {});
    CHECK_THROWS_AS(write_profile_xml(p), Error);
    Profile q;
    q.set("1bad", "x", std::nullopt, {});
    CHECK_THROWS_AS(write_profile_xml(q), Error);
    Profile r;
    r.set("A", "\xC3", std::nullopt, {});
    CHECK_THROWS_AS(write_profile_xml(r), Error);
}

TEST_CASE("read(write(p)) == p for generated profiles") {
    std::mt19937 rng(12345);
    const std::string alphabet[] = {"a",
                                    "Z",
                                    "0",
                                    " ",
                                    " ",
                                    "\t",
                                    "\n",
                                    "\r",
                                    "&",
                                    "<",
                                    ">",
                                    "\"",
                                    "'",
                                    ";",
                                    "]]>",
                                    "&amp;",
                                    "\xC3\xA9",
                                    "\xE2\x80\x9D",
                                    "\xF0\x9F\x93\x9E",
                                    "$MA",
                                    "-"};
    const std::size_t n_alpha = sizeof alphabet / sizeof alphabet[0];
    for (int round = 0; round < 300; ++round) {
        Profile p;
        const std::uint32_t f = p.add_file("gen");
        const int count = static_cast<int>(rng() % 40);
        for (int i = 0; i < count; ++i) {
            std::string name = "P" + std::to_string(rng() % 25) + (rng() % 2 ? "_1_" : "");
            std::string value;
            const int len = static_cast<int>(rng() % 12);
            for (int k = 0; k < len; ++k) value += alphabet[rng() % n_alpha];
            std::optional<UserAccess> ua;
            if (rng() % 4 != 0) ua = static_cast<UserAccess>(rng() % 3);
            p.set(name, value, ua, {f, static_cast<std::uint32_t>(i + 1), 1});
        }
        const std::string xml = write_profile_xml(p);
        ReadResult back = read_profile_xml(xml, "gen.xml");
        INFO(xml);
        REQUIRE(back.ok());
        CHECK(back.profile == p);
        CHECK(write_profile_xml(back.profile) == xml);
    }
}
