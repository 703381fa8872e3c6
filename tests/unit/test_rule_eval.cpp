// Unit tests for rule evaluation: every profile rule, upgrade rule, trigger and condition
// example of the guide (ch. 2, 4, 5) with its documented result.
#include <doctest/doctest.h>

#include "provkit/rule.hpp"

using provkit::Device;
using provkit::Evaluation;
using provkit::RuleKind;

namespace {

Evaluation eval(std::string_view text, const Device& device, RuleKind kind = RuleKind::profile,
                std::string dhcp = "") {
    auto r = provkit::parse_rule(text, kind);
    INFO(text);
    if (r.error) FAIL("column " << r.error->column << ": " << r.error->message);
    provkit::EvalOptions options;
    options.dhcp_server = dhcp;
    return provkit::evaluate_rule(*r.rule, device, options);
}

bool trigger(std::string_view text, const Device& device) { return eval(text, device, RuleKind::trigger).trigger; }

// Column of the evaluation error, or 0.
std::size_t eval_error_at(std::string_view text, const Device& device, RuleKind kind = RuleKind::profile) {
    try {
        eval(text, device, kind);
    } catch (const provkit::RuleError& e) {
        return e.column();
    }
    return 0;
}

std::string option(const Evaluation& ev, provkit::OptionName name) {
    for (const auto& [n, v] : ev.options)
        if (n == name) return v;
    return "<absent>";
}

Device phone() {
    Device d;
    d.set_mac("000e08012345");
    d.set("PN", "CP-7832-3PCC");
    d.set("SWVER", "sip78xx.11-0-1MPP");
    return d;
}

}  // namespace

TEST_CASE("ch. 2 Profile Rules: unconditional resync to $MA.cfg") {
    auto ev = eval("http://remote.server.com/cisco/$MA.cfg", phone());
    CHECK(ev.selected == 1u);
    REQUIRE(ev.url);
    CHECK(ev.url->text == "http://remote.server.com/cisco/000e08012345.cfg");
    CHECK(ev.url->scheme == "http");
    CHECK(ev.url->host == "remote.server.com");
    CHECK(ev.url->port == 80);
    CHECK(ev.url->path == "/cisco/000e08012345.cfg");
}

TEST_CASE("ch. 2 Profile Rules: registration state selects GET or POST") {
    const char* rule = "($PRVTMR ge 600)? http://p.tel.com/has-reg.cfg\n| [--post a] http://p.tel.com/lost-reg?";
    Device d = phone();
    d.set("PRVTMR", "600");
    auto ev = eval(rule, d);
    CHECK(ev.selected == 1u);
    CHECK(ev.url->text == "http://p.tel.com/has-reg.cfg");
    CHECK(ev.options.empty());
    d.set("PRVTMR", "599");
    ev = eval(rule, d);
    CHECK(ev.selected == 2u);
    CHECK(ev.url->path == "/lost-reg?");
    CHECK(option(ev, provkit::OptionName::post) == "a");
    REQUIRE(ev.trace.size() == 2);
    CHECK(ev.trace[0].condition == false);
    CHECK(ev.trace[0].comparisons[0].left == "599");
    CHECK(ev.trace[0].comparisons[0].type == provkit::OperandType::integer);
    CHECK_FALSE(ev.trace[1].condition);
}

TEST_CASE("ch. 2 Profile Rules: client certificate installed or not") {
    const char* rule = R"r(("$CCERT" eq "Installed")? https://p.tel.com/config?
| https://p.tel.com/config?cisco$MAU)r";
    Device d = phone();
    d.set("CCERT", "Installed");
    auto ev = eval(rule, d);
    CHECK(ev.selected == 1u);
    CHECK(ev.url->text == "https://p.tel.com/config?");
    CHECK(ev.url->port == 443);
    d.set("CCERT", "Not Installed");
    ev = eval(rule, d);
    CHECK(ev.selected == 2u);
    CHECK(ev.url->text == "https://p.tel.com/config?cisco000E08012345");
    CHECK(ev.url->path == "/config?cisco000E08012345");
}

TEST_CASE("ch. 2 Profile Rules: Line 1 disabled until GPP_A is Provisioned") {
    const char* rule = R"r(("$A" ne "Provisioned")? (Line_Enable_1_ = "No";)! https://p.tel.com/init-prov
| https://p.tel.com/configs)r";
    Device d = phone();
    auto ev = eval(rule, d);  // GPP_A empty
    CHECK(ev.selected == 1u);
    REQUIRE(ev.assignments.size() == 1);
    CHECK(ev.assignments[0] == std::pair<std::string, std::string>{"Line_Enable_1_", "No"});
    CHECK(ev.url->text == "https://p.tel.com/init-prov");
    CHECK(ev.unset == std::vector<std::string>{"A"});
    d.set("A", "Provisioned");
    ev = eval(rule, d);
    CHECK(ev.selected == 2u);
    CHECK(ev.assignments.empty());
    CHECK(ev.url->text == "https://p.tel.com/configs");
}

TEST_CASE("ch. 2 Profile Rules: alias map in GPP_B") {
    auto ev = eval("[--alias b] https://p.tel.com/account/$PN$MA.xml", phone());
    CHECK(option(ev, provkit::OptionName::alias) == "b");
    CHECK(ev.url->text == "https://p.tel.com/account/CP-7832-3PCC000e08012345.xml");
}

TEST_CASE("ch. 2 Optional Resync Arguments: --key, --uid, --pwd and $SA..$SD") {
    Device d = phone();
    d.set("GPP_SA", "MyUserID");
    d.set("GPP_SB", "MySecretPassword");
    d.set("GPP_SC", "key-in-sc");
    d.set("GPP_SD", "key in sd");
    auto ev = eval("[--key \"SecretPhrase1234\"] http://prov.telco.com/path/profile.cfg", d);
    CHECK(option(ev, provkit::OptionName::key) == "SecretPhrase1234");
    CHECK(option(eval("[--key VerySecretValue] /x", d), provkit::OptionName::key) == "VerySecretValue");
    CHECK(option(eval("[--key \"my secret phrase\"] /x", d), provkit::OptionName::key) == "my secret phrase");
    CHECK(option(eval("[--key a37d2fb9055c1d04883a0745eb0917a4] /x", d), provkit::OptionName::key) ==
          "a37d2fb9055c1d04883a0745eb0917a4");
    CHECK(option(eval("[--key $SC] /x", d), provkit::OptionName::key) == "key-in-sc");
    CHECK(option(eval("[--key \"$SD\"] /x", d), provkit::OptionName::key) == "key in sd");
    // "[--uid $SA -pwd $SB] https://..." "would then expand to" MyUserID / MySecretPassword.
    ev = eval("[--uid $SA -pwd $SB] https://provisioning_server_url/path_to_your_config/your_config.xml", d);
    CHECK(option(ev, provkit::OptionName::uid) == "MyUserID");
    CHECK(option(ev, provkit::OptionName::pwd) == "MySecretPassword");
    CHECK(ev.url->host == "provisioning_server_url");
    // Ch. 4 Profile Encryption exercise.
    ev = eval("[--key MyOwnSecret ] tftp://192.168.1.200/basic.cfg", d);
    CHECK(option(ev, provkit::OptionName::key) == "MyOwnSecret");
    CHECK(ev.url->port == 69);
    // Outside the options, $SA..$SD stay as written.
    ev = eval("(\"$SA\" eq \"$SA\")? /$SB.cfg", d);
    CHECK(ev.url->path == "/$SB.cfg");
    CHECK(ev.trace[0].comparisons[0].left == "$SA");
}

TEST_CASE("ch. 2 conditional upgrade rule with $SWVER") {
    const char* rule = "($SWVER ne sip78xx.11-0-0MPP)? http://ps.tell.com/sw/sip78xx.11-0-0MPP-BN (BN==Build Number).loads";
    Device d = phone();  // runs sip78xx.11-0-1MPP
    auto ev = eval(rule, d, RuleKind::upgrade);
    CHECK(ev.selected == 1u);
    CHECK(ev.url->host == "ps.tell.com");
    CHECK(ev.url->path == "/sw/sip78xx.11-0-0MPP-BN (BN==Build Number).loads");
    CHECK(ev.trace[0].comparisons[0].type == provkit::OperandType::version);
    d.set("SWVER", "sip78xx.11-0-0MPP");
    ev = eval(rule, d, RuleKind::upgrade);
    CHECK_FALSE(ev.selected);
    CHECK_FALSE(ev.url);
    // The guide's invalid format: "11.0.0" compared with an MPP version.
    CHECK(eval_error_at("($SWVER ne 11.0.0)? http://h/x.loads", d, RuleKind::upgrade) == 12);
}

TEST_CASE("ch. 2 Upgrade Rule examples") {
    Device d = phone();
    auto ev = eval("http://p.tel.com/firmware/sip7832.11-0-1MPP-BN (BN==Build Number).loads", d, RuleKind::upgrade);
    CHECK(ev.selected == 1u);
    CHECK(ev.url->path == "/firmware/sip7832.11-0-1MPP-BN (BN==Build Number).loads");
    const char* beta = R"r(("$F" ne "beta-customer")? http://p.tel.com/firmware/sip7832.11-0-1MPP-BN.loads
| http://p.tel.com/firmware/sip7832.11-0-2MPP-BN.loads)r";
    CHECK(eval(beta, d, RuleKind::upgrade).selected == 1u);
    d.set("F", "beta-customer");
    ev = eval(beta, d, RuleKind::upgrade);
    CHECK(ev.selected == 2u);
    CHECK(ev.url->path == "/firmware/sip7832.11-0-2MPP-BN.loads");
    // Ch. 5 Upgrade Rule.
    ev = eval("tftp://192.168.1.5/image/sip7832.11-0-1MPP-BN.loads", d, RuleKind::upgrade);
    CHECK(ev.url->host == "192.168.1.5");
    CHECK(ev.url->port == 69);
    // No server after expansion: an error for upgrades, even with a DHCP server.
    d.set("B", "");
    CHECK(eval_error_at("(\"$F\" ne \"beta-customer\")? x/y.loads | $B/f.loads", d, RuleKind::upgrade) == 40);
    d.set("B", "fw.example");
    CHECK(eval("(\"$F\" ne \"beta-customer\")? x/y.loads | $B/f.loads", d, RuleKind::upgrade).url->host ==
          "fw.example");
}

TEST_CASE("ch. 2 Triggers: $UPGTMR gt 300 and $PRVTMR ge 600") {
    const char* rule = "$UPGTMR gt 300 and $PRVTMR ge 600";
    Device d;
    d.set("UPGTMR", "301");
    d.set("PRVTMR", "600");
    CHECK(trigger(rule, d));
    d.set("UPGTMR", "300");
    CHECK_FALSE(trigger(rule, d));
    d.set("UPGTMR", "5000");
    d.set("PRVTMR", "599");
    CHECK_FALSE(trigger(rule, d));
    auto ev = eval(rule, d, RuleKind::trigger);
    REQUIRE(ev.trace.size() == 1);
    CHECK(ev.trace[0].comparisons.size() == 2);
    CHECK(ev.trace[0].comparisons[0].result);
    CHECK_FALSE(ev.trace[0].comparisons[1].result);
    CHECK_FALSE(trigger("", d));  // an empty trigger is not set
}

TEST_CASE("ch. 4 Profile Resync and URL resolution rules") {
    Device d;
    d.set_mac("000e08012345");
    d.set("PN", "CP-7832-3PCC");
    d.set("B", "Dj6Lmp23Q");
    auto ev = eval("tftp://192.168.1.200/CP-7832-3PCC$MA.cfg", d);
    CHECK(ev.url->text == "tftp://192.168.1.200/CP-7832-3PCC000e08012345.cfg");
    ev = eval("tftp://prov.telco.com:6900/cisco/config/$PN.cfg", d);
    CHECK(ev.url->host == "prov.telco.com");
    CHECK(ev.url->port == 6900);
    CHECK(ev.url->path == "/cisco/config/CP-7832-3PCC.cfg");
    ev = eval("tftp://prov.telco.com/cisco/$B/$MA.cfg", d);
    CHECK(ev.url->text == "tftp://prov.telco.com/cisco/Dj6Lmp23Q/000e08012345.cfg");
    for (const char* url : {"http://192.168.1.200/basic.txt", "https://my.server.com/basic.txt",
                            "https://prov.server.com/cgi-bin/reflect.pl?", "tftp://192.168.1.200/basic.txt.gz",
                            "tftp://192.168.1.200/basic2.txt"})
        CHECK(eval(url, d).url->text == url);
}

TEST_CASE("ch. 2 URL Syntax examples with macros; DHCP option 66") {
    Device d = phone();
    d.set("D", "dd");
    d.set("E", "ee");
    auto ev = eval("/$MA.cfg", d, RuleKind::profile, "10.0.0.66");
    CHECK(ev.url->text == "/000e08012345.cfg");
    CHECK(ev.url->host == "10.0.0.66");
    CHECK(ev.url->host_from_dhcp);
    ev = eval("/$MA.cfg", d);
    CHECK(ev.url->host.empty());
    CHECK(eval("tftp://prov.call.com/cpe/cisco$MA.cfg", d).url->path == "/cpe/cisco000e08012345.cfg");
    ev = eval("http://neptune.speak.net:8080/prov/$D/$E.cfg", d);
    CHECK(ev.url->port == 8080);
    CHECK(ev.url->path == "/prov/dd/ee.cfg");
    CHECK(eval("192.168.1.130/profiles/init.cfg", d).url->host == "192.168.1.130");
}

TEST_CASE("alternatives: first true condition wins; trace of every alternative") {
    Device d;
    d.set("A", "2");
    auto ev = eval("($A eq 1)? /one | ($A eq 2)? /two | ($A ge 2)? /three | /four", d);
    CHECK(ev.selected == 2u);
    REQUIRE(ev.trace.size() == 4);
    CHECK(ev.trace[0].reached);
    CHECK(ev.trace[1].reached);
    CHECK_FALSE(ev.trace[2].reached);
    CHECK(ev.trace[2].condition == true);  // evaluated for --explain all the same
    CHECK_FALSE(ev.trace[3].reached);
    CHECK_FALSE(eval("($A eq 1)? /one", d).selected);  // none chosen
    CHECK_FALSE(eval("", d).selected);                 // empty rule: skipped
    ev = eval("($A eq 2)? (a = \"x\")!", d);
    CHECK(ev.selected == 1u);  // chosen, nothing to download
    CHECK_FALSE(ev.url);
}

TEST_CASE("assignment values are macro expanded; a..p map to GPP_A..GPP_P") {
    Device d;
    d.set("B", "42");
    auto ev = eval(R"r(( User_ID_1_ = "uid$B" ; c = "" ; )! /x)r", d);
    REQUIRE(ev.assignments.size() == 2);
    CHECK(ev.assignments[0].second == "uid42");
    CHECK(ev.assignments[1].first == "GPP_C");
    // Assignments take effect after the rule was expanded: the URL still sees the old GPP_C.
    d.set("C", "old");
    ev = eval(R"r((c = "new")! /$C.cfg)r", d);
    CHECK(ev.url->path == "/old.cfg");
}

TEST_CASE("operand types: integers, versions, strings; format errors point at the operand") {
    Device d;
    d.set("PRVST", "-1");
    d.set("HWVER", "2.0.1");
    d.set("A", "Provisioned");
    d.set("N", "12");
    CHECK(trigger("$PRVST eq -1", d));  // PRVST "-1 = explicit resync request"
    CHECK(trigger("$PRVST lt 0", d));
    CHECK(trigger("$HWVER ge 2.0.1 and $HWVER lt 2.0.10", d));
    CHECK(trigger("$N gt 9", d));  // numerically
    CHECK(trigger("\"$N\" ne \"9\"", d));
    CHECK_FALSE(trigger("\"$N\" eq \"012\"", d));
    CHECK(trigger("$(N:0:1) = 1", d));
    CHECK(trigger("\"$A\" == \"Provisioned\"", d));
    CHECK(eval_error_at("$A eq 1", d, RuleKind::trigger) == 1);          // unquoted string macro
    CHECK(eval_error_at("1 eq 1 and $X eq 1", d, RuleKind::trigger) == 12);  // $X is no variable: stays "$X"
    CHECK(eval_error_at("$SN eq 1", d, RuleKind::trigger) == 1);            // unset: expands to nothing
    CHECK(eval_error_at("$N eq sip7832.11-0-1MPP", d, RuleKind::trigger) == 4);  // integer vs version
    CHECK(eval_error_at("\"$N\" eq 12", d, RuleKind::trigger) == 6);            // string vs integer
    CHECK(eval_error_at("$HWVER lt sip7832.11-0-1MPP", d, RuleKind::trigger) == 1);  // dotted vs MPP
    CHECK(eval_error_at("$A eq 1", d, RuleKind::profile) == 1);  // read as a URL, it has no file path
    // Errors in alternatives the phone never reaches are only recorded (for --explain).
    auto ev = eval("(1 eq 1)? /x | ($A eq 1)? /y", d);
    CHECK(ev.selected == 1u);
    CHECK(ev.trace[1].comparisons[0].error.find("neither an integer nor a version") != std::string::npos);
    CHECK(eval_error_at("(1 eq 2)? /x | ($A eq 1)? /y", d) == 17);
}
