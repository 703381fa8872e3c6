// Unit tests for provkit/macro.hpp and the device context: every macro example of the guide
// (ch. 2 "Macro Expansion", "Using General Purpose Parameters", ch. 4 "Profile Resync",
// "URL Resolution by Using Macro Expansion", ch. 5 "Macro Expansion Variables").
#include <doctest/doctest.h>

#include "provkit/device.hpp"
#include "provkit/error.hpp"
#include "provkit/macro.hpp"

using provkit::Device;
using provkit::expand_macros;
using provkit::MacroContext;

namespace {
Device device_with_mac(const char* mac) {
    Device d;
    d.set_mac(mac);
    return d;
}
}  // namespace

TEST_CASE("guide ch. 2 Macro Expansion examples") {
    Device d = device_with_mac("000E08012345");
    CHECK(expand_macros("$(MAU)config.cfg", d) == "000E08012345config.cfg");
    CHECK(expand_macros("$STRANGE$MAU.cfg", d) == "$STRANGE000E08012345.cfg");
    CHECK(expand_macros("$$MAU", d) == "$MAU");  // "$$ is expanded", not recursively
}

TEST_CASE("guide ch. 2 General Purpose Parameters: $A$B") {
    Device d;
    d.set("A", "ABC");
    d.set("B", "123");
    CHECK(expand_macros("$A$B", d) == "ABC123");
    // "They are referenced by prefixing the variable name with a '$' character, such as $GPP_A."
    CHECK(expand_macros("$GPP_A-$(GPP_B)", d) == "ABC-123");
}

TEST_CASE("guide ch. 5 substrings $(NAME:p) and $(NAME:p:q)") {
    Device d;
    d.set("GPP_A", "ABCDEF");  // the guide: "if GPP_A contains ABCDEF"
    CHECK(expand_macros("$(A:2)", d) == "CDEF");
    CHECK(expand_macros("$(A:2:3)", d) == "CDE");
    CHECK(expand_macros("$(A:0:0)", d) == "");
    CHECK(expand_macros("$(A:6)", d) == "");
    CHECK(expand_macros("$(A:9:2)", d) == "");
    CHECK(expand_macros("$(A:4:99)", d) == "EF");
    // Offsets count characters, not bytes.
    d.set("B", "\xC3\xA9t\xC3\xA9");  // "été"
    CHECK(expand_macros("$(B:1:1)", d) == "t");
    CHECK(expand_macros("$(B:2)", d) == "\xC3\xA9");
    // Malformed bounds are not a recognised form: they stay as written.
    CHECK(expand_macros("$(A:x)", d) == "$(A:x)");
    CHECK(expand_macros("$(A:-1)", d) == "$(A:-1)");
    CHECK(expand_macros("$(A:1:2:3)", d) == "$(A:1:2:3)");
    CHECK(expand_macros("$(A", d) == "$(A");
}

TEST_CASE("guide ch. 5 table: MA, MAU, MAC formats") {
    Device d = device_with_mac("000e08aabbcc");
    CHECK(expand_macros("$MA", d) == "000e08aabbcc");
    CHECK(expand_macros("$MAU", d) == "000E08AABBCC");
    CHECK(expand_macros("$MAC", d) == "00:0e:08:aa:bb:cc");
    // Any spelling sets all three.
    Device e;
    e.set("MAC", "00:0E:08:AA:BB:CC");
    CHECK(expand_macros("$MA $MAU", e) == "000e08aabbcc 000E08AABBCC");
    e.set_mac("00-0e-08-01-23-45");
    CHECK(expand_macros("$MA", e) == "000e08012345");
    for (const char* bad : {"000e0801234", "000e080123456", "000e0801234g", "00:0e:08:01:2345", "00:0e-08:01:23:45",
                            "0:00e:08:01:23:45", ""})
        CHECK_THROWS_AS(e.set_mac(bad), provkit::Error);
}

TEST_CASE("guide ch. 4 Profile Resync and URL resolution examples") {
    Device d = device_with_mac("000e08abcdef");
    d.set("SN", "88012BA01234");
    CHECK(expand_macros("$MA", d) == "000e08abcdef");  // "$MA expands to ... 000e08abcdef"
    CHECK(expand_macros("$SN", d) == "88012BA01234");
    CHECK(expand_macros("tftp://192.168.1.200/CP-7832-3PCC$MA.cfg", d) ==
          "tftp://192.168.1.200/CP-7832-3PCC000e08abcdef.cfg");
    d.set("PN", "CP-7832-3PCC");
    CHECK(expand_macros("tftp://prov.telco.com:6900/cisco/config/$PN.cfg", d) ==
          "tftp://prov.telco.com:6900/cisco/config/CP-7832-3PCC.cfg");
    Device e = device_with_mac("000e08012345");
    e.set("GPP_B", "Dj6Lmp23Q");
    CHECK(expand_macros("tftp://prov.telco.com/cisco/$B/$MA.cfg", e) ==
          "tftp://prov.telco.com/cisco/Dj6Lmp23Q/000e08012345.cfg");
}

TEST_CASE("guide ch. 5 default Log messages and Profile_Rule") {
    Device d = device_with_mac("000e08012345");
    d.set("PN", "CP-7832-3PCC");
    d.set("PSN", "V03");
    d.set("SCHEME", "http");
    d.set("SERVIP", "10.0.0.5");
    d.set("PORT", "80");
    d.set("PATH", "/cfg/000e08012345.xml");
    d.set("ERR", "http_get failed");
    CHECK(expand_macros("/$PSN.xml", d) == "/V03.xml");
    CHECK(expand_macros("$PN $MAC -Requesting % $SCHEME://$SERVIP:$PORT$PATH", d) ==
          "CP-7832-3PCC 00:0e:08:01:23:45 -Requesting % http://10.0.0.5:80/cfg/000e08012345.xml");
    CHECK(expand_macros("$PN $MAC -- Resync failed: $ERR", d) ==
          "CP-7832-3PCC 00:0e:08:01:23:45 -- Resync failed: http_get failed");
    CHECK(expand_macros("$PN $MAC -- Upgrade failed: $ERR", d) ==
          "CP-7832-3PCC 00:0e:08:01:23:45 -- Upgrade failed: http_get failed");
}

TEST_CASE("a bare $NAME is delimited by the longest known name") {
    Device d = device_with_mac("000e08012345");
    d.set("P", "[P]");
    d.set("PN", "[PN]");
    d.set("PORT", "[PORT]");
    d.set("E", "[E]");
    d.set("ERR", "[ERR]");
    d.set("UID1", "[UID1]");
    d.set("UID12", "[UID12]");
    CHECK(expand_macros("$MACX", d) == "00:0e:08:01:23:45X");  // MAC, not MA + "CX"
    CHECK(expand_macros("$MAUX", d) == "000E08012345X");
    CHECK(expand_macros("$MAX", d) == "000e08012345X");
    CHECK(expand_macros("$PNX $PORTS $PX", d) == "[PN]X [PORT]S [P]X");
    CHECK(expand_macros("$ERROR $EX", d) == "[ERR]OR [E]X");
    CHECK(expand_macros("$UID12 $UID1x $UID17", d) == "[UID12] [UID1]x [UID1]7");
    CHECK(expand_macros("$(MA)C", d) == "000e08012345C");  // $(NAME) delimits explicitly
    CHECK(expand_macros("$ma $(ma) $(Ma)", d) == "$ma $(ma) $(Ma)");  // names are upper case
    CHECK(expand_macros("$Ma", d) == "a");  // $M (GPP_M, unset) then "a"
}

TEST_CASE("unknown names, lone dollars and no recursion") {
    Device d;
    d.set("A", "$B");
    d.set("B", "x");
    CHECK(expand_macros("$A", d) == "$B");  // the value is not expanded again
    CHECK(expand_macros("$", d) == "$");
    CHECK(expand_macros("a$ b$", d) == "a$ b$");
    CHECK(expand_macros("$$$$", d) == "$$");
    CHECK(expand_macros("$$$B", d) == "$x");
    CHECK(expand_macros("$(STRANGE) $(STRANGE:1)", d) == "$(STRANGE) $(STRANGE:1)");
    CHECK(expand_macros("$($B)", d) == "$(x)");  // scanning resumes right after an unrecognised '$'
    CHECK(expand_macros("$1 $_ $-", d) == "$1 $_ $-");
}

TEST_CASE("$SA..$SD expand only in key context") {
    Device d;
    d.set("GPP_SA", "MyUserID");
    d.set("SB", "MySecretPassword");
    CHECK(expand_macros("$SA $(SB) $GPP_SA", d) == "$SA $(SB) $GPP_SA");
    CHECK(expand_macros("$SA $(SB) $GPP_SA", d, MacroContext::key) == "MyUserID MySecretPassword MyUserID");
    CHECK(expand_macros("$SAVE", d, MacroContext::key) == "MyUserIDVE");
    CHECK(expand_macros("$SAVE", d) == "$SAVE");
    CHECK(expand_macros("$(SA:2:4)", d, MacroContext::key) == "User");
}

TEST_CASE("known variables without a value expand to nothing and are reported") {
    Device d;
    d.set("A", "set");
    std::vector<std::string> unset;
    CHECK(expand_macros("[$A][$B][$SN][$(B:1)][$SC][$STRANGE]", d, MacroContext::plain, &unset) ==
          "[set][][][][$SC][$STRANGE]");
    CHECK(unset == std::vector<std::string>{"B", "SN"});
    d.set("B", "");  // explicitly empty is set
    unset.clear();
    expand_macros("$B$B", d, MacroContext::plain, &unset);
    CHECK(unset.empty());
    expand_macros("$SC", d, MacroContext::key, &unset);
    CHECK(unset == std::vector<std::string>{"SC"});
}

TEST_CASE("find_macros lists references with offsets") {
    auto refs = provkit::find_macros("a$$MA $(SA:1) $MAU$STRANGE$GPP_B");
    REQUIRE(refs.size() == 3);
    CHECK(refs[0].offset == 6);
    CHECK(refs[0].length == 7);
    CHECK(refs[0].name == "SA");
    CHECK(refs[1].name == "MAU");
    CHECK(refs[1].offset == 14);
    CHECK(refs[2].name == "B");
    CHECK(refs[2].length == 6);
}

TEST_CASE("device variables: names, aliases, errors") {
    Device d;
    CHECK_THROWS_WITH_AS(d.set("FOO", "x"), doctest::Contains("'FOO' is not a macro variable"), provkit::Error);
    CHECK_THROWS_AS(d.set("GPP_Q", "x"), provkit::Error);
    CHECK_THROWS_AS(d.set("UID0", "x"), provkit::Error);
    CHECK_THROWS_AS(d.set("UID17", "x"), provkit::Error);
    CHECK_THROWS_AS(d.set("a", "x"), provkit::Error);
    d.set("GPP_SD", "k");
    REQUIRE(d.value("SD"));
    CHECK(*d.value("SD") == "k");
    CHECK(d.value("SC") == nullptr);
    CHECK(provkit::macro_variable_names().size() == 16 + 4 + 25 + 16 + 3);
    CHECK(provkit::is_secret_macro("SA"));
    CHECK_FALSE(provkit::is_secret_macro("A"));
}

TEST_CASE("device files: NAME=VALUE lines") {
    Device d;
    provkit::load_device_text(d, "# a phone\n\nMA = 000E08012345\r\nPN=CP-7832-3PCC\n  GPP_A = a=b  \nSN=\n", "dev.txt");
    CHECK(*d.value("MAU") == "000E08012345");
    CHECK(*d.value("PN") == "CP-7832-3PCC");
    CHECK(*d.value("A") == "a=b");
    CHECK(*d.value("SN") == "");
    CHECK_THROWS_WITH(provkit::load_device_text(d, "PN=x\nno equals here\n", "dev.txt"),
                      "dev.txt:2: expected NAME=VALUE (or a # comment)");
    CHECK_THROWS_WITH(provkit::load_device_text(d, "\n\nFOO=1\n", "dev.txt"),
                      doctest::Contains("dev.txt:3: 'FOO' is not a macro variable"));
    CHECK_THROWS_WITH(provkit::load_device_text(d, "MAC=xyz\n", "d"), doctest::Contains("d:1: 'xyz' is not a MAC"));
}

TEST_CASE("device from a flat profile") {
    Device d;
    provkit::load_profile_xml(d,
                              "<?xml version=\"1.0\"?>\n<flat-profile>\n<GPP_A ua=\"na\">  Provisioned\n</GPP_A>\n"
                              "<GPP_SB>secret</GPP_SB><User_ID_1_>4085551234</User_ID_1_><User_ID_2_/>"
                              "<Profile_Rule>\n  ($A ne \"x\")? /a.cfg\n  | /b.cfg\n</Profile_Rule>"
                              "<GPP_Q>not a macro</GPP_Q><GPP_A>last &amp; wins</GPP_A></flat-profile>",
                              "p.xml");
    CHECK(*d.value("A") == "last & wins");
    CHECK(*d.value("SB") == "secret");
    CHECK(*d.value("UID1") == "4085551234");
    CHECK(*d.value("UID2") == "");
    CHECK(*d.parameter("Profile_Rule") == "($A ne \"x\")? /a.cfg   | /b.cfg");
    CHECK(*d.parameter("GPP_Q") == "not a macro");
    CHECK(d.parameter("Upgrade_Rule") == nullptr);
    CHECK(d.parameter_source("Profile_Rule") == "p.xml");
    CHECK_THROWS_WITH(provkit::load_profile_xml(d, "<x/>", "p.xml"),
                      "p.xml: not a flat profile (the root element is <x>, expected <flat-profile>)");
    CHECK_THROWS_WITH(provkit::load_profile_xml(d, "<flat-profile>", "p.xml"),
                      doctest::Contains("p.xml: not well-formed XML"));
}
