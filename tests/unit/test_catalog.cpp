// Unit tests for provkit/catalog.hpp: the built-in catalog, the file format, validation, did-you-mean.
#include <doctest/doctest.h>

#include <string>

#include "provkit/catalog.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/profile_xml.hpp"

using namespace provkit;

namespace {

const Catalog& cat() { return Catalog::builtin(); }

const ParamSpec& spec(std::string_view name) {
    const ParamSpec* s = cat().find(name);
    REQUIRE_MESSAGE(s != nullptr, name);
    return *s;
}

ParamSpec typed(std::string_view type) {
    return Catalog::parse("X\t" + std::string(type) + "\tna\n", "t.tsv").specs().front();
}

bool fits(std::string_view type, std::string_view value) { return !validate(typed(type), value).has_value(); }

}  // namespace

TEST_CASE("the built-in catalog knows every parameter of the sample, with its default and ua") {
    const Profile sample =
        read_profile_xml(read_file(std::string(PROVKIT_SOURCE_DIR) + "/examples/sample-profile.xml"), "s")
            .profile;
    REQUIRE(sample.size() == 509);
    for (const Param& p : sample.params()) {
        INFO(p.name);
        const ParamSpec* s = cat().find(p.name);
        REQUIRE(s != nullptr);
        CHECK(s->default_value == p.value);
        CHECK(s->default_ua == *p.ua);
        const auto problem = validate(*s, p.value);
        CHECK_MESSAGE(!problem, (problem ? problem->message : ""));
    }
}

TEST_CASE("the built-in catalog has the commented-out and chapter-5 parameters") {
    for (const char* name :
         {"Admin_Password", "User_Password", "Password_1_", "ACS_Password", "LDAP_Password", "XML_Password",
          "Directory_Password", "Auth_Page_Password_1_", "Connection_Request_Password", "BACKUP_ACS_Password",
          "GPP_SA", "GPP_SB", "GPP_SC", "GPP_SD", "IKM_HTTP_Encrypt_Content"}) {
        INFO(name);
        CHECK(spec(name).secret);
    }
    CHECK(spec("User_Password").default_ua == UserAccess::rw);
    CHECK(spec("Downgrade_Rev_Limit").type == ValueType::string);
    CHECK(spec("Debug_Server").type == ValueType::host);
    CHECK(spec("Resync_At__HHmm_").type == ValueType::hhmm);
    CHECK(spec("Resync_Periodic").type == ValueType::schedule);
    CHECK(spec("Resync_Error_Retry_Delay").type == ValueType::schedule);
    CHECK(spec("Upgrade_Error_Retry_Delay").type == ValueType::schedule);
    CHECK(spec("Profile_Rule_C").type == ValueType::rule);
    CHECK(spec("Resync_Trigger_2").type == ValueType::trigger);
    CHECK(spec("Dial_Tone").type == ValueType::tonescript);
    CHECK(spec("Cadence_3").type == ValueType::cadscript);
    CHECK(spec("Web_Server_Port").type == ValueType::port);
    CHECK(spec("Resync_On_Reset").type == ValueType::boolean);
    CHECK(spec("Call_Return_Code").type == ValueType::star_code);
    CHECK(spec("IP_Mode").type == ValueType::enumeration);
    CHECK_FALSE(spec("GPP_A").secret);
    CHECK(cat().size() == 526);
}

TEST_CASE("lookups are case-sensitive; did-you-mean finds close names") {
    CHECK(cat().find("resync_periodic") == nullptr);
    CHECK(cat().find_ignoring_case("resync_periodic")->name == "Resync_Periodic");
    CHECK(cat().find_ignoring_case("No_Such_Thing") == nullptr);
    CHECK(cat().suggest("resync_periodic").front() == "Resync_Periodic");
    CHECK(cat().suggest("Resync_Periodc").front() == "Resync_Periodic");
    CHECK(cat().suggest("Resync_Peroidic").front() == "Resync_Periodic");  // transposition
    CHECK(cat().suggest("Resync On Reset").front() == "Resync_On_Reset");
    CHECK(cat().suggest("Resync_At_HHmm").front() == "Resync_At__HHmm_");
    CHECK(cat().suggest("Completely_Unrelated_Name").empty());
    CHECK(cat().suggest("GPP_Q").size() <= 3);
}

TEST_CASE("the guide's Data Types examples fit their types") {
    CHECK(fits("cadscript", "60(2/4)"));
    CHECK(fits("cadscript", "60(.2/.2,.2/.2,.2/.2,1/4)"));
    CHECK(fits("freqscript", "440@-10"));
    CHECK(fits("freqscript", "350@-19,440@-19"));
    CHECK(fits("freqscript", "350@-19 , 440@-19"));  // "white spaces before and after the comma are allowed"
    CHECK(fits("tonescript", "350@-19,440@-19;10(*/0/1+2)"));
    CHECK(fits("tonescript", "350@-19,440@-19;2(.1/.1/1+2);10(*/0/1+2)"));
    CHECK(fits("host", "sip.Cisco.com:5060"));
    CHECK(fits("host", "109.12.14.12:12345"));
    CHECK(fits("host", "sip.Cisco.com"));
    CHECK(fits("host", "[2001:db8::1]:5060"));
    CHECK(fits("ipv4", "10.1.2.100"));
    CHECK(fits("ip", "2001:db8::1"));
    CHECK(fits("port", "5060"));
    CHECK(fits("port", "0x13c4"));  // "decimal or hex format"
    CHECK(fits("int:0..255", "0x18"));
    CHECK(fits("int:-100..100", "-13"));
    CHECK(fits("float:0..64", ".5"));
    CHECK(fits("bool", "yes"));
    CHECK(fits("bool", "No"));
    CHECK(fits("star", "*69"));
    CHECK(fits("hhmm", "1000"));
    CHECK(fits("hhmm", "2359"));
    for (const char* s : {"7200", "1800,3600,7200,14400", "3600+600", "1800+300,3600+600,7200+900",
                          "1800,3600,7200,14400+3600", "30"})
        CHECK_MESSAGE(fits("schedule", s), s);
    CHECK(fits("url", "tftp://prov.telco.com:6900/cisco/config/$PN.cfg"));
    CHECK(fits("url", "192.168.1.130/profiles/init.cfg"));
    CHECK(fits("enum:Http|Https", "HTTPS"));
    CHECK(fits("str:5", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"));  // characters, not bytes
    CHECK(fits("bool", ""));                                           // empty always fits (see ValueKind)
}

TEST_CASE("values that do not fit are explained") {
    auto check = [](std::string_view type, std::string_view value, std::string_view needle,
                    std::size_t offset) {
        INFO(type << " " << value);
        const auto p = validate(typed(type), value);
        REQUIRE(p.has_value());
        CHECK((p->message + " " + p->hint).find(needle) != std::string::npos);
        CHECK(p->offset == offset);
    };
    check("bool", "Maybe", "not a Bool", 0);
    check("bool", "1", "not a Bool", 0);
    check("int:0..255", "256", "out of range", 0);
    check("int:0..255", "12a", "not an integer", 0);
    check("port", "70000", "out of range", 0);
    check("port", "-1", "out of range", 0);
    check("ipv4", "256.1.1.1", "not an IPv4", 0);
    check("ipv4", "1.2.3", "not an IPv4", 0);
    check("host", "sip.example.com:99999", "not a port", 16);
    check("host", "bad host", "not a host", 0);
    check("hhmm", "2400", "hour 24", 0);
    check("hhmm", "1260", "minute 60", 2);
    check("hhmm", "930", "not a time", 0);
    check("hhmm", "10:30", "not a time", 0);
    check("schedule", "1800,36x0", "\"36x0\"", 5);
    check("schedule", "1800+,3600", "\"1800+\"", 0);
    check("schedule", "1800,,3600", "empty element", 5);
    check("schedule", "-5", "not a delay schedule", 0);
    check("cadscript", "60(2/4", "malformed", 0);
    check("cadscript", "60(2/x)", "not a duration", 5);
    check("cadscript", "60(1/1,1/1,1/1,1/1,1/1,1/1,1/1)", "more than 6", 27);
    check("freqscript", "350", "FREQUENCY@LEVEL", 0);
    check("tonescript", "350@-19", "no cadence", 7);
    check("tonescript", "350@-19;10(*/0/2)", "frequency number", 15);
    check("tonescript", std::string(128, '1'), "at most 127", 0);
    check("star", "69", "not a star code", 0);
    check("star", "*1234567", "not a star code", 0);
    check("enum:Http|Https", "ftp", "use one of: Http, Https", 0);
    check("str:3", "abcd", "at most 3", 0);
    check("url", "http://a b", "white space", 8);
    check("dialplan", "(*xx|[3469]11", "unclosed", 13);
    check("float:0..10", "11", "out of range", 0);
    check("float:0..10", "1.2.3", "not a number", 0);
}

TEST_CASE("validation hints say what to write") {
    CHECK(validate(typed("bool"), "Ja")->hint == "write Yes or No");
    CHECK(validate(typed("port"), "x")->hint.find("0..65535") != std::string::npos);
}

TEST_CASE("catalog files: the format, its errors, and merging a site catalog") {
    Catalog site = Catalog::parse(
        "# site additions\n\nDial_Plan_2_\tdialplan\tro\t(*xx)\n"
        "Resync_Periodic\tint:60..86400\tna\t3600\n"
        "Site_Secret\tstr:32\tna\ta\\tb\tsecret\n",
        "site.tsv");
    REQUIRE(site.size() == 3);
    CHECK(site.specs()[2].default_value == "a\tb");
    CHECK(site.specs()[2].secret);
    CHECK(site.specs()[2].type_text() == "str:32");
    CHECK(site.specs()[1].type_text() == "int:60..86400");
    Catalog merged = Catalog::builtin();
    const std::size_t before = merged.size();
    merged.merge(site);
    CHECK(merged.size() == before + 2);
    CHECK(merged.find("Dial_Plan_2_")->default_ua == UserAccess::ro);
    CHECK(merged.find("Resync_Periodic")->type == ValueType::integer);
    CHECK(merged.find("Resync_On_Reset") != nullptr);
    CHECK(typed("enum:A|B").type_text() == "enum:A|B");

    auto error_of = [](std::string_view text) -> std::string {
        try {
            Catalog::parse(text, "bad.tsv");
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::input);
            return e.what();
        }
        return "no error";
    };
    CHECK(error_of("A\tbool\tna\n\nB\tnumber\tna\n") == "bad.tsv:3: unknown type \"number\"");
    CHECK(error_of("A\tbool\n").find("bad.tsv:1: expected NAME") == 0);
    CHECK(error_of("A\tbool\txx\n").find("bad.tsv:1: user access") == 0);
    CHECK(error_of("A\tint:5\tna\n").find("bad.tsv:1: type int needs a range") == 0);
    CHECK(error_of("A\tbool\tna\nA\tbool\tna\n") == "bad.tsv:2: A is listed twice");
    CHECK(error_of("1A\tbool\tna\n").find("not a parameter") != std::string::npos);
    CHECK(error_of("A\tbool\tna\t\tsecrte\n").find("unknown flag") != std::string::npos);
}
