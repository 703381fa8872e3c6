// Unit tests for the rule parser: the grammar, its error cases with their columns, and the
// warnings lint reports.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "provkit/rule.hpp"

using provkit::parse_rule;
using provkit::RuleKind;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v) {
        std::string s = "{";
        for (const auto& e : v) s += (s.size() > 1 ? ", " : "") + e;
        return (s + "}").c_str();
    }
};
}  // namespace doctest

namespace {

provkit::Rule parsed(std::string_view text, RuleKind kind = RuleKind::profile) {
    auto r = parse_rule(text, kind);
    INFO(text);
    if (r.error) FAIL_CHECK("column " << r.error->column << ": " << r.error->message);
    REQUIRE(r.rule);
    return *r.rule;
}

// The 1-based column of the syntax error, or 0.
std::size_t error_at(std::string_view text, RuleKind kind = RuleKind::profile) {
    auto r = parse_rule(text, kind);
    CHECK(r.rule.has_value() != r.error.has_value());
    return r.error ? r.error->column : 0;
}

std::string error_code(std::string_view text, RuleKind kind = RuleKind::profile) {
    auto r = parse_rule(text, kind);
    return r.error ? r.error->code : "";
}

// "code@column" of every warning.
std::vector<std::string> warnings(std::string_view text, RuleKind kind = RuleKind::profile) {
    auto r = parse_rule(text, kind);
    if (r.error) FAIL_CHECK(text << ": column " << r.error->column << ": " << r.error->message);
    std::vector<std::string> out;
    for (const auto& w : r.warnings) out.push_back(w.code + "@" + std::to_string(w.column));
    return out;
}

}  // namespace

TEST_CASE("alternatives: condition, assignments, options, URL") {
    auto rule = parsed(R"r(("$A" ne "Provisioned")? (Line_Enable_1_ = "No";)! https://p.tel.com/init-prov
| https://p.tel.com/configs)r");
    REQUIRE(rule.alternatives.size() == 2);
    const auto& a = rule.alternatives[0];
    REQUIRE(a.condition);
    CHECK(a.condition->text == R"r("$A" ne "Provisioned")r");
    CHECK(a.condition->column == 2);
    REQUIRE(a.condition->comparisons.size() == 1);
    const auto& c = a.condition->comparisons[0];
    CHECK(c.left.text == "$A");
    CHECK(c.left.quoted);
    CHECK(c.left.column == 2);
    CHECK(c.op == provkit::CompareOp::ne);
    CHECK(c.op_column == 7);
    CHECK(c.right.text == "Provisioned");
    REQUIRE(a.assignments.size() == 1);
    CHECK(a.assignments[0].name == "Line_Enable_1_");
    CHECK(a.assignments[0].value == "No");
    CHECK(a.assignments[0].column == 27);
    REQUIRE(a.url);
    CHECK(a.url->text == "https://p.tel.com/init-prov");
    CHECK(a.url->column == 52);
    CHECK(rule.alternatives[1].column == 82);
    CHECK_FALSE(rule.alternatives[1].condition);
    CHECK(rule.alternatives[1].url->text == "https://p.tel.com/configs");
}

TEST_CASE("every operator as symbol and acronym, 'and' and 'AND'") {
    const std::pair<const char*, provkit::CompareOp> ops[] = {
        {"=", provkit::CompareOp::eq},  {"==", provkit::CompareOp::eq}, {"eq", provkit::CompareOp::eq},
        {"EQ", provkit::CompareOp::eq}, {"!=", provkit::CompareOp::ne}, {"ne", provkit::CompareOp::ne},
        {"<", provkit::CompareOp::lt},  {"lt", provkit::CompareOp::lt}, {"<=", provkit::CompareOp::le},
        {"le", provkit::CompareOp::le}, {">", provkit::CompareOp::gt},  {"gt", provkit::CompareOp::gt},
        {">=", provkit::CompareOp::ge}, {"ge", provkit::CompareOp::ge}, {"Ge", provkit::CompareOp::ge}};
    for (auto [text, op] : ops) {
        auto rule = parsed(std::string("$PRVTMR ") + text + " 600", RuleKind::trigger);
        REQUIRE(rule.trigger);
        CHECK(rule.trigger->comparisons[0].op == op);
        if (!std::isalpha(static_cast<unsigned char>(text[0]))) {  // symbols need no spaces around them
            auto tight = parsed(std::string("$PRVTMR") + text + "600", RuleKind::trigger);
            CHECK(tight.trigger->comparisons[0].right.text == "600");
        }
    }
    auto rule = parsed("$UPGTMR gt 300 and $PRVTMR ge 600 AND $PRVST eq -1", RuleKind::trigger);
    CHECK(rule.trigger->comparisons.size() == 3);
    CHECK(rule.trigger->comparisons[2].right.text == "-1");
}

TEST_CASE("operands: macros with parentheses, legacy versions, strings with spaces") {
    auto rule = parsed(R"r(($(A:0:3) eq 123 and $HWVER ge 2.0.3(0412s) and "a b|c)" eq "$B")? /x)r");
    const auto& cs = rule.alternatives[0].condition->comparisons;
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].left.text == "$(A:0:3)");
    CHECK(cs[1].right.text == "2.0.3(0412s)");
    CHECK(cs[2].left.text == "a b|c)");
    CHECK(rule.alternatives[0].url->text == "/x");
}

TEST_CASE("assignments: a..p name GPP_A..GPP_P, ';' separates, the last is optional") {
    auto rule = parsed(R"r(( User_ID_1_ = "uid$B" ; c = "" ; )! /x)r");  // NOTES.md
    const auto& as = rule.alternatives[0].assignments;
    REQUIRE(as.size() == 2);
    CHECK(as[0].name == "User_ID_1_");
    CHECK(as[0].value == "uid$B");
    CHECK(as[1].name == "GPP_C");
    CHECK(as[1].value == "");
    auto two = parsed(R"r((a="1";Enable_802.1X_Authentication="No")!)r");
    CHECK(two.alternatives[0].assignments[1].name == "Enable_802.1X_Authentication");
    CHECK_FALSE(two.alternatives[0].url);
    CHECK(parsed("()!").alternatives[0].has_assignments);
    CHECK(parsed(R"r((P="x")!)r").alternatives[0].assignments[0].name == "P");  // upper case is a name
}

TEST_CASE("options: quoted or not, one or two dashes") {
    auto rule = parsed(R"r([--key "my secret phrase" --uid $SA --pwd x --post a --alias B] http://h/x)r");
    const auto& os = rule.alternatives[0].options;
    REQUIRE(os.size() == 5);
    CHECK(os[0].value == "my secret phrase");
    CHECK(os[0].column == 9);
    CHECK(os[1].name == provkit::OptionName::uid);
    CHECK(os[1].value == "$SA");
    CHECK(os[3].value == "a");
    CHECK(os[4].name == provkit::OptionName::alias);
    CHECK(os[4].value == "b");
    // The guide's "[--uid $SA -pwd $SB]" is accepted, with a warning.
    CHECK(warnings("[--uid $SA -pwd $SB] https://s/x") == std::vector<std::string>{"option-single-dash@12"});
}

TEST_CASE("rules may be empty; every alternative but the last needs a condition") {
    CHECK(parsed("").alternatives.empty());
    CHECK(parsed("  \n ").alternatives.empty());
    CHECK(parsed("(1 eq 1)?").alternatives.size() == 1);
    CHECK(error_at("/a.cfg | /b.cfg") == 1);
    CHECK(error_code("/a.cfg | /b.cfg") == "unconditional-alternative");
    CHECK(error_at("(1 eq 1)? /a | /b | /c") == 16);
    CHECK(parsed("(1 eq 1)? /a |").alternatives.size() == 2);  // an empty last alternative
}

TEST_CASE("syntax errors and their columns") {
    // Conditions.
    CHECK(error_at("($A eq 1 /x") == 1);                 // '(' never closed
    CHECK(error_at("($A eq 1) /x") == 9);                // neither ')?' nor ')!'
    CHECK(error_at("($A eq 1)?? /x") == 11);             // '?' is not a URL start... a URL "?"
    CHECK(error_at("()? /x") == 2);                      // empty condition
    CHECK(error_at("($A)? /x") == 4);                    // no operator
    CHECK(error_at("($A eq)? /x") == 7);                 // no right operand
    CHECK(error_at("($A xx 1)? /x") == 5);               // unknown operator
    CHECK(error_at("($A ! 1)? /x") == 5);
    CHECK(error_at("($A eq 1 or $B eq 2)? /x") == 10);   // 'or' is not the language
    CHECK(error_at("($A eq 1 and)? /x") == 13);          // nothing after 'and'
    CHECK(error_at("($A eq 1 $B eq 2)? /x") == 10);      // missing 'and'
    CHECK(error_at("(\"$A eq 1)? /x") == 2);             // unterminated string
    CHECK(error_at("($A eq 11.0.0.0.0)? /x") == 8);      // a literal that is no integer or version
    CHECK(error_code("($A eq 11.0.0.0.0)? /x") == "format");
    CHECK(error_at("($A eq Provisioned)? /x") == 8);
    CHECK(error_at("(\"a\" lt \"b\")? /x") == 6);       // strings: eq/ne only
    CHECK(error_code("(\"a\" lt \"b\")? /x") == "string-order");
    CHECK(error_at("(\"5\" eq 5)? /x") == 6);           // string vs integer literal
    CHECK(error_at("(5 lt sip7832.11-0-1MPP)? /x") == 4);
    CHECK(error_at("(1 eq 1)? (2 eq 2)? /x") == 11);     // a second condition
    CHECK(error_at("(a=\"1\")! (1 eq 1)? /x") == 10);    // condition after assignments
    CHECK(error_at("(a=\"1\")! (b=\"2\")! /x") == 10);
    CHECK(error_at("(1 eq 1)? (a=\"1\")! (b=\"2\")! /x") == 20);
    // Assignments.
    CHECK(error_at("(=\"1\")! /x") == 2);
    CHECK(error_at("(a \"1\")! /x") == 4);
    CHECK(error_at("(a = 1)! /x") == 6);                 // values are quoted
    CHECK(error_at("(a = \"1\" b = \"2\")! /x") == 10);  // missing ';'
    // Options.
    CHECK(error_at("[--key k /x") == 10);                // no ']': "/x" is no option
    CHECK(error_at("[--key k") == 1);                    // '[' never closed
    CHECK(error_at("[--kee k] /x") == 2);
    CHECK(error_at("[key k] /x") == 2);
    CHECK(error_at("[--key] /x") == 7);
    CHECK(error_at("[--key a --key b] /x") == 10);
    CHECK(error_at("[--post q] /x") == 9);
    CHECK(error_at("[--alias ab] /x") == 10);
    CHECK(error_at("[--key \"k] /x") == 8);
    CHECK(error_at("[--key k]") == 10);                  // options need a URL
    CHECK(error_at("[--key k] | /x") == 11);
    CHECK(error_at("[--key a] [--uid b] /x") == 11);
    // URLs.
    CHECK(error_at("ftp://h/x") == 1);
    CHECK(error_at("(1 eq 1)? http://host") == 18);
    CHECK(error_at("/x \"y\"") == 0);                    // a path may hold anything
    CHECK(error_at("\"/x\"") == 1);
    // Typographic quotes as printed in the guide.
    CHECK(error_at("(\xE2\x80\x9C$CCERT\xE2\x80\x9D eq \"Installed\")? /x") == 2);
    CHECK(error_code("[--key \xE2\x80\x9Cmy secret phrase\xE2\x80\x9D] /x") == "typographic-quote");
}

TEST_CASE("syntax error messages never contain a key") {
    for (const char* rule : {"[--key my secret phrase] /x", "[--key s3cr3t --uid] /x", "[--pwd s3cr3t -x y] /x",
                             "[--key s3cr3t --key s3cr3t] /x", "[--key \"s3cr3t] /x"}) {
        auto r = parse_rule(rule, RuleKind::profile);
        REQUIRE(r.error);
        CHECK(r.error->message.find("secret") == std::string::npos);
        CHECK(r.error->message.find("s3cr3t") == std::string::npos);
    }
}

TEST_CASE("triggers: a bare condition; the (expr)? form is a kind violation") {
    auto rule = parsed("$UPGTMR gt 300 and $PRVTMR ge 600", RuleKind::trigger);  // guide ch. 2 Triggers
    REQUIRE(rule.trigger);
    CHECK(rule.trigger->comparisons.size() == 2);
    CHECK(rule.trigger->text == "$UPGTMR gt 300 and $PRVTMR ge 600");
    auto r = parse_rule(" ($UPGTMR gt 300)? ", RuleKind::trigger);
    REQUIRE(r.rule);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].code == "trigger-expr-form");
    CHECK(r.warnings[0].column == 2);
    CHECK(r.warnings[0].kind_violation);
    CHECK(r.rule->trigger->comparisons.size() == 1);
    CHECK_FALSE(parsed("", RuleKind::trigger).trigger);  // empty: not set
    CHECK(error_at("($A eq 1)? /x", RuleKind::trigger) == 12);
    CHECK(error_at("(a=\"1\")!", RuleKind::trigger) == 1);
    CHECK(error_at("$A eq 1 | $B eq 2", RuleKind::trigger) == 9);
    CHECK(error_at("$A eq 1 and", RuleKind::trigger) == 12);
}

TEST_CASE("upgrade rules: options and a missing server are kind violations") {
    // Guide ch. 2 Upgrade Rule examples.
    CHECK(warnings("http://p.tel.com/firmware/sip7832.11-0-1MPP-BN (BN==Build Number).loads", RuleKind::upgrade)
              .empty());
    CHECK(warnings(R"r(("$F" ne "beta-customer")? http://p.tel.com/firmware/sip7832.11-0-1MPP-BN.loads
| http://p.tel.com/firmware/sip7832.11-0-1MPP-BN.loads)r",
                   RuleKind::upgrade)
              .empty());
    CHECK(warnings("[--key k] http://h/f.loads", RuleKind::upgrade) == std::vector<std::string>{"upgrade-options@1"});
    CHECK(warnings("($A eq 1)? /f.loads | tftp:///g.loads", RuleKind::upgrade) ==
          std::vector<std::string>{"upgrade-no-server@12", "upgrade-no-server@23"});
    CHECK(warnings("/$B.loads", RuleKind::upgrade) == std::vector<std::string>{"upgrade-no-server@1"});
    CHECK(warnings("$B/f.loads", RuleKind::upgrade).empty());  // the server may come from $B
    CHECK(warnings("($A eq 1)? (a=\"x\")!", RuleKind::upgrade) == std::vector<std::string>{"upgrade-no-url@20"});
    auto r = parse_rule("[--key k] /f.loads", RuleKind::upgrade);
    CHECK(std::all_of(r.warnings.begin(), r.warnings.end(), [](auto& w) { return w.kind_violation; }));
    CHECK(warnings("[--key k] /f.cfg").empty());  // fine in a profile rule
}

TEST_CASE("lint warnings: secrets outside key options, quoting of macros") {
    CHECK(warnings("($SA eq 1)? /$SB.cfg | [--key $SC --uid $SD --pwd $(SA)] http://h/$GPP_SA") ==
          std::vector<std::string>{"secret-macro-outside-key@2", "secret-macro-outside-key@14",
                                   "secret-macro-outside-key@67"});
    CHECK(warnings("(a=\"$SA\")! /x") == std::vector<std::string>{"secret-macro-outside-key@5"});
    CHECK(warnings("(\"$A\" eq $B)? /x") == std::vector<std::string>{"unquoted-macro-string@10"});
    CHECK(warnings("($CCERT eq \"Installed\")? /x") == std::vector<std::string>{"unquoted-macro-string@2"});
    CHECK(warnings("(\"$PRVTMR\" ge 600)? /x") == std::vector<std::string>{"quoted-macro-number@2"});
    CHECK(warnings("(\"$SWVER\" ne sip78xx.11-0-0MPP)? /x") == std::vector<std::string>{"quoted-macro-number@2"});
    CHECK(warnings("($PRVTMR ge 600 and \"$CCERT\" eq \"Installed\")? /x").empty());
}

TEST_CASE("schedules") {
    auto delays = [](std::string_view text) {
        auto r = parse_rule(text, RuleKind::schedule);
        REQUIRE_MESSAGE(r.rule, text);
        std::vector<std::pair<long, long>> out;
        for (auto d : r.rule->delays) out.emplace_back(d.base, d.random);
        return out;
    };
    using V = std::vector<std::pair<long, long>>;
    // Guide ch. 2 Configurable Schedules.
    CHECK(delays("7200") == V{{7200, 0}});
    CHECK(delays("1800,3600,7200,14400") == V{{1800, 0}, {3600, 0}, {7200, 0}, {14400, 0}});
    CHECK(delays("3600+600") == V{{3600, 600}});
    CHECK(delays("1800+300,3600+600,7200+900") == V{{1800, 300}, {3600, 600}, {7200, 900}});
    CHECK(delays("  1800,3600,7200,14400+3600 ") == V{{1800, 0}, {3600, 0}, {7200, 0}, {14400, 3600}});
    CHECK(delays("1800 + 300 , 0") == V{{1800, 300}, {0, 0}});
    CHECK(delays("").empty());
    CHECK(error_at("1800,", RuleKind::schedule) == 6);
    CHECK(error_at("1800;3600", RuleKind::schedule) == 5);
    CHECK(error_at("1800+", RuleKind::schedule) == 6);
    CHECK(error_at("-5", RuleKind::schedule) == 1);
    CHECK(error_at("1800 3600", RuleKind::schedule) == 6);
    CHECK(error_at("99999999999", RuleKind::schedule) == 1);
    CHECK(error_at("1h", RuleKind::schedule) == 2);
}

TEST_CASE("bytes no profile can carry are an error at their column, for every kind") {
    for (RuleKind kind : {RuleKind::profile, RuleKind::upgrade, RuleKind::trigger, RuleKind::schedule}) {
        CHECK(error_at("($A eq \x1b[31m)? /x", kind) == 8);
        CHECK(error_code("($A eq \x1b[31m)? /x", kind) == "control-char");
        CHECK(error_at("1\xff", kind) == 2);
        CHECK(error_code("1\xff", kind) == "utf8");
    }
    CHECK(error_at("($A eq \"\xC3\xA9\")?\t/x\r\n") == 0);  // UTF-8, tab and line ends are fine
}

TEST_CASE("mutated rules: a rule or an error with a column inside the text, never a crash") {
    // A bounded, seeded mutation run over the guide's rules (the fuzz targets' smoke test).
    const std::vector<std::string> seeds = {
        R"r(($PRVTMR ge 600)? http://p.tel.com/has-reg.cfg | [--post a] http://p.tel.com/lost-reg?)r",
        R"r(("$A" ne "Provisioned")? (Line_Enable_1_ = "No";)! https://p.tel.com/init-prov | https://p.tel.com/configs)r",
        R"r([--uid $SA -pwd $SB] https://provisioning_server_url/path_to_your_config/your_config.xml)r",
        R"r(($SWVER ne sip78xx.11-0-0MPP)? http://ps.tell.com/sw/sip78xx.11-0-0MPP-BN (BN==Build Number).loads)r",
        R"r($UPGTMR gt 300 and $PRVTMR ge 600)r", R"r(1800+300,3600+600,7200+900)r",
        R"r(( User_ID_1_ = "uid$B" ; c = "" ; )! [--key "$SD"] tftp://[::1]:69/$(A:1:2).cfg)r"};
    const std::string alphabet = "()?![]|\"$:;=<>-+, aA1./\n\t\xE2\x80\x9C";
    std::uint32_t state = 12345;
    auto next = [&] { return state = state * 1664525u + 1013904223u; };
    provkit::Device device;
    device.set("A", "2");
    device.set("PRVTMR", "600");
    int parsed_ok = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text = seeds[next() % seeds.size()];
        for (int m = 1 + next() % 4; m > 0; --m) {
            std::size_t at = text.empty() ? 0 : next() % text.size();
            switch (next() % 3) {
                case 0: text.insert(at, 1, alphabet[next() % alphabet.size()]); break;
                case 1: if (!text.empty()) text.erase(at, 1); break;
                default: if (!text.empty()) text[at] = alphabet[next() % alphabet.size()];
            }
        }
        for (auto kind : {RuleKind::profile, RuleKind::upgrade, RuleKind::trigger, RuleKind::schedule}) {
            auto r = parse_rule(text, kind);
            REQUIRE(r.rule.has_value() != r.error.has_value());
            if (r.error) {
                REQUIRE(r.error->column >= 1);
                REQUIRE(r.error->column <= text.size() + 1);
                continue;
            }
            for (const auto& w : r.warnings) REQUIRE(w.column <= text.size() + 1);
            ++parsed_ok;
            try {
                provkit::evaluate_rule(*r.rule, device);
            } catch (const provkit::RuleError& e) {
                REQUIRE(e.column() >= 1);
                REQUIRE(e.column() <= text.size() + 1);
            }
        }
    }
    CHECK(parsed_ok > 1000);  // the mutations keep many rules valid, so evaluation is exercised too
}

TEST_CASE("describe_rule_position: characters, and the line only for a rule on several") {
    CHECK(provkit::describe_rule_position("(1 eq )? /a", 7) == "column 7");
    CHECK(provkit::describe_rule_position("(\"é\" eq )? /a", 10) == "column 9");  // é is two bytes
    CHECK(provkit::describe_rule_position("(1 eq )? /a\n", 7) == "column 7");     // a final line break
    CHECK(provkit::describe_rule_position("(1 eq 1)? /a\r\n", 7) == "column 7");
    CHECK(provkit::describe_rule_position("/a\n| (1 eq )? /b", 11) == "line 2, column 8");
    CHECK(provkit::describe_rule_position("/a", 99) == "column 3");  // past the end: just after it
    CHECK(provkit::describe_rule_position("", 1) == "column 1");
    CHECK(provkit::describe_rule_position("[--key\n", 8) == "column 7");  // cut short: after its end
    CHECK(provkit::describe_rule_position("/a\n| [--key\n", 14) == "line 2, column 9");
}
