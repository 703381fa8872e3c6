// Unit tests for provkit/lint.hpp: the rule table, the checks and their positions, secrets,
// spc sources, file decoding and the output formats.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/gzip.hpp"
#include "provkit/lint.hpp"
#include "provkit/source_text.hpp"

using namespace provkit;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v) {
        std::string s = "{";
        for (const std::string& e : v) s += (s.size() > 1 ? ", \"" : "\"") + e + "\"";
        return (s + "}").c_str();
    }
};
}  // namespace doctest

namespace {

std::vector<Finding> lint(std::string_view xml, LintOptions options = {}, bool encrypted = false) {
    Linter linter(Catalog::builtin(), std::move(options));
    std::vector<Finding> out;
    linter.lint_xml(xml, "t.xml", encrypted, out);
    return out;
}

// "LINE:COL rule" for each finding, in order: compact to compare.
std::vector<std::string> where(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const Finding& f : findings)
        out.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.rule);
    return out;
}

using Lines = std::vector<std::string>;

std::string wrap(std::string_view body) { return "<flat-profile>\n" + std::string(body) + "\n</flat-profile>\n"; }

}  // namespace

TEST_CASE("the rule table: unique kebab-case ids, each findable, with a summary and an example") {
    std::set<std::string_view> seen;
    for (const LintRule& r : lint_rules()) {
        CHECK(seen.insert(r.id).second);
        CHECK(find_lint_rule(r.id) == &r);
        CHECK_FALSE(r.summary.empty());
        CHECK_FALSE(r.example.empty());
        for (char c : r.id) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    }
    CHECK(seen.size() >= 25);
    CHECK(find_lint_rule("no-such-rule") == nullptr);
    CHECK(to_string(Severity::info) == "info");
    CHECK(to_string(Severity::warning) == "warning");
    CHECK(to_string(Severity::error) == "error");
}

TEST_CASE("an unknown rule id in disabled is a usage error") {
    LintOptions o;
    o.disabled = {"value-type", "valuetype"};
    try {
        Linter linter(Catalog::builtin(), o);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        CHECK(std::string(e.what()).find("\"valuetype\"") != std::string::npos);
    }
}

TEST_CASE("the sample profile has no findings") {
    const Bytes sample = read_file(std::string(PROVKIT_SOURCE_DIR) + "/examples/sample-profile.xml");
    CHECK(lint(sample).empty());
    LintOptions strict;
    strict.strict = true;
    CHECK(lint(sample, strict).empty());
}

TEST_CASE("value positions follow the reader's decoding: escapes, CDATA, comments, CR LF, indentation") {
    // The bad schedule item is "x" in each; its column is where the x was written.
    CHECK(where(lint(wrap("<Resync_Periodic>60,x</Resync_Periodic>"))) == Lines{"2:21 value-type"});
    CHECK(where(lint(wrap("<Resync_Periodic>\n   60,x\n</Resync_Periodic>"))) == Lines{"3:7 value-type"});
    CHECK(where(lint(wrap("<Resync_Periodic>&#54;&#x30;,x</Resync_Periodic>"))) == Lines{"2:30 value-type"});
    CHECK(where(lint(wrap("<Resync_Periodic><!--a-->60<!-- b -->,x</Resync_Periodic>"))) ==
          Lines{"2:39 value-type"});
    CHECK(where(lint(wrap("<Resync_Periodic><![CDATA[60,]]>x</Resync_Periodic>"))) == Lines{"2:33 value-type"});
    CHECK(where(lint("<flat-profile>\r\n<Resync_Periodic>60,\r\n x</Resync_Periodic>\r\n</flat-profile>\r\n")) ==
          Lines{"3:2 value-type"});
    // A multi-byte character from a reference counts as its UTF-8 bytes in the value.
    CHECK(where(lint(wrap("<Resync_Periodic>&#233;</Resync_Periodic>"))) == Lines{"2:18 value-type", "2:18 non-ascii"});
    // A '>' inside the ua value does not end the start tag early.
    CHECK(where(lint(wrap("<Resync_On_Reset ua=\"rw\" x=\"a>b\">Maybe</Resync_On_Reset>"))) ==
          Lines{"2:26 unknown-attribute", "2:34 value-type"});
}

TEST_CASE("empty values always fit; \"\" is the explicit empty string") {
    CHECK(lint(wrap("<Resync_On_Reset/>\n<Resync_Periodic></Resync_Periodic>\n<Resync_At__HHmm_>\"\"</Resync_At__HHmm_>"))
              .empty());
}

TEST_CASE("typographic quotes around attribute values are reported and read past") {
    const auto f = lint(wrap("<Resync_On_Reset ua=\u201Cna\u201D>Maybe</Resync_On_Reset>\n"
                             "<!-- ua=\u201Cna\u201D in a comment is fine -->\n"
                             "<Resync_Periodic ua=\u2018ro\u2019>x</Resync_Periodic>"));
    CHECK(where(f) == Lines{"2:21 typographic", "2:26 value-type", "4:21 typographic", "4:26 value-type"});
    CHECK(f[0].suggestion == "write ua=\"na\"");
    CHECK(f[0].message.find("U+201C") != std::string::npos);
    CHECK(f[2].suggestion == "write ua=\"ro\"");
    // The finding's source line is the text as written, not the patched one.
    CHECK(f[0].source_line == "<Resync_On_Reset ua=\u201Cna\u201D>Maybe</Resync_On_Reset>");
}

TEST_CASE("a typographic quote that cannot be read past stops the reader, without a second generic error") {
    const auto f = lint(wrap("<Resync_On_Reset ua=\u201Cna>Yes</Resync_On_Reset>\n<Resync_Periodic>x</Resync_Periodic>"));
    CHECK(where(f) == Lines{"2:21 typographic"});
    const auto u = lint(wrap("<Resync_On_Reset ua=rw>Yes</Resync_On_Reset>"));
    CHECK(where(u) == Lines{"2:21 ua-quote"});
    CHECK(u[0].suggestion == "write ua=\"rw\"");
    const auto other = lint(wrap("<Resync_On_Reset id=7>Yes</Resync_On_Reset>"));
    CHECK(where(other) == Lines{"2:21 xml-syntax"});
    CHECK(other[0].message == "the value of attribute id is not in quotes");
}

TEST_CASE("a typographic character in a value: an error where the type needs ASCII, an info in text") {
    const auto f = lint(wrap("<Resync_Periodic>3600\u20131</Resync_Periodic>\n"
                             "<Profile_Rule>( $PN == \u201CSPA962\u201D )? http://x/a.cfg</Profile_Rule>\n"
                             "<Station_Name>Bob\u2019s phone</Station_Name>"));
    CHECK(where(f) == Lines{"2:22 typographic", "3:24 typographic", "4:18 non-ascii"});
    CHECK(f[0].suggestion == "replace it with -");
    CHECK(f[2].suggestion == "if it was meant as ASCII, write '");
}

TEST_CASE("names: unknown with did-you-mean, wrong case, typographic dashes, reported at the name") {
    const auto f = lint(wrap("<Resync_Periodc>60</Resync_Periodc>\n<resync_periodic>60</resync_periodic>\n"
                             "<Resync\u2013On\u2013Reset>Yes</Resync\u2013On\u2013Reset>\n<Zzqx_Nothing>1</Zzqx_Nothing>"));
    REQUIRE(where(f) == Lines{"2:2 unknown-name", "3:2 name-case", "4:2 unknown-name", "5:2 unknown-name"});
    CHECK(f[0].suggestion == "did you mean Resync_Periodic?");
    CHECK(f[1].suggestion == "write Resync_Periodic");
    CHECK(f[2].suggestion.find("Resync_On_Reset") != std::string::npos);
    CHECK(f[3].suggestion.empty());
    CHECK(f[0].severity == Severity::warning);
    LintOptions strict;
    strict.strict = true;
    for (const Finding& s : lint(wrap("<Resync_Periodc>60</Resync_Periodc>\n<A b=\"c\"/>"), strict))
        CHECK(s.severity == Severity::error);
}

TEST_CASE("a parameter set three times: each later occurrence names the first; the last value is checked") {
    const auto f = lint(wrap("<Resync_Periodic>x</Resync_Periodic>\n<Resync_Periodic>60</Resync_Periodic>\n"
                             "<Resync_Periodic>y</Resync_Periodic>"));
    CHECK(where(f) == Lines{"3:2 duplicate", "4:2 duplicate", "4:18 value-type"});
    CHECK(f[0].message == "duplicate parameter Resync_Periodic: already set on line 2; the last occurrence wins");
    CHECK(f[1].message == "duplicate parameter Resync_Periodic: already set on line 2; the last occurrence wins");
}

TEST_CASE("secrets: a warning in an unencrypted profile, never the value, never the source line") {
    const std::string xml = wrap("<Admin_Password>hunter2</Admin_Password>\n<GPP_SA>K\u00E9y</GPP_SA>\n"
                                 "<IKM_HTTP_Encrypt_Content>ikm</IKM_HTTP_Encrypt_Content>\n<User_Password/>");
    const auto f = lint(xml);
    CHECK(where(f) == Lines{"2:17 secret-unencrypted", "3:9 secret-unencrypted", "3:10 non-ascii",
                            "4:27 secret-unencrypted"});
    for (const Finding& s : f) {
        CHECK(s.source_line.empty());
        CHECK(s.message.find("hunter2") == std::string::npos);
        CHECK(s.message.find("\u00E9") == std::string::npos);
    }
    CHECK(where(lint(xml, {}, true)) == Lines{"3:10 non-ascii"});
    // A site catalog's secret of another type: a bad value is reported without echoing it.
    Catalog site = Catalog::builtin();
    site.merge(Catalog::parse("Door_PIN\tint:0..9999\tna\t\tsecret\n", "site.tsv"));
    Linter linter(site, {});
    std::vector<Finding> out;
    linter.lint_xml(wrap("<Door_PIN>123456</Door_PIN>"), "t.xml", false, out);
    REQUIRE(where(out) == Lines{"2:11 value-type", "2:11 secret-unencrypted"});
    CHECK(out[0].message.find("123456") == std::string::npos);
}

TEST_CASE("disabled rules are not reported; everything else is") {
    LintOptions o;
    o.disabled = {"duplicate", "non-ascii"};
    const auto f = lint(wrap("<Station_Name>B\u00FCro</Station_Name>\n<Station_Name>x</Station_Name>\n<Foo>1</Foo>"), o);
    CHECK(where(f) == Lines{"4:2 unknown-name"});
}

TEST_CASE("reader errors and warnings become findings with their codes") {
    CHECK(where(lint("<flat-profile><A><B/></A></flat-profile>")) == Lines{"1:18 nesting"});
    CHECK(where(lint("<?xml version=\"1.0\"?>\n<!DOCTYPE flat-profile>\n<flat-profile/>")) == Lines{"2:1 doctype"});
    CHECK(where(lint("<flat-profile>\n<Station_Name>a\x01</Station_Name>\n</flat-profile>")) ==
          Lines{"2:16 control-char"});
    CHECK(where(lint(wrap("text<Resync_On_Reset ua=\"RO\">Yes</Resync_On_Reset>"))) ==
          Lines{"2:1 stray-text", "2:26 ua-value"});
    CHECK(where(lint("")) == Lines{"1:1 xml-syntax"});
}

TEST_CASE("spc sources: imports followed, findings in the file that has them") {
    std::map<std::string, std::string> files = {
        {"dir/base.txt", "Enable_Web_Server \"Maybe\" ;\nResync_Periodic ? \"60\" ;\n"},
    };
    const SourceLoader load = [&](const std::string& path) -> Bytes {
        auto it = files.find(path);
        if (it == files.end()) throw Error(ErrorKind::io, "cannot open " + path);
        return it->second;
    };
    Linter linter(Catalog::builtin(), {});
    std::vector<Finding> out;
    linter.lint_spc("import base.txt\nResync_Periodic \"x\" ;\nFoo[2] ! \"1\" ;\n", "dir/site.txt", out, load);
    REQUIRE(where(out) == Lines{"1:20 value-type", "2:1 duplicate", "2:18 value-type", "3:1 unknown-name"});
    CHECK(out[0].file == "dir/base.txt");
    CHECK(out[0].source_line == "Enable_Web_Server \"Maybe\" ;");
    CHECK(out[1].file == "dir/site.txt");
    CHECK(out[1].message == "duplicate parameter Resync_Periodic: already set on line 2 of dir/base.txt; the last "
                            "occurrence wins");
    CHECK(out[3].message == "unknown parameter Foo_2_ (the phone ignores it)");
}

TEST_CASE("lint_file tells the forms apart: gzip, XML by name, spc text, encrypted without a key, binary") {
    Linter linter(Catalog::builtin(), {});
    std::vector<Finding> out;
    linter.lint_file(gzip::compress(wrap("<Resync_Periodic>x</Resync_Periodic>")), "a.gz", nullptr, out);
    CHECK(where(out) == Lines{"2:18 value-type"});
    out.clear();
    linter.lint_file("", "empty.xml", nullptr, out);
    CHECK(where(out) == Lines{"1:1 xml-syntax"});
    out.clear();
    linter.lint_file("Resync_Periodic \"x\" ;\n", "src.txt", nullptr, out);
    CHECK(where(out) == Lines{"1:18 value-type"});
    out.clear();
    linter.lint_file(std::string("Salted__12345678") + std::string(32, '\x9c'), "p.cfg", nullptr, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].rule == "encrypted-skipped");
    CHECK(out[0].severity == Severity::info);
    CHECK(out[0].line == 0);
    out.clear();
    linter.lint_file(std::string(40, '\0'), "zeros", nullptr, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].rule == "decode");
    out.clear();
    const Secret wrong("wrong");
    linter.lint_file(std::string("Salted__12345678") + std::string(32, '\x9c'), "p.cfg", &wrong, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].rule == "decode");
}

TEST_CASE("text format: the line, the suggestion, the rule; the caret under the column, tabs kept") {
    Finding f{"a.xml", 2, 3, "value-type", Severity::error, "bad", "fix it", "\tx\xC3\xBCy"};
    CHECK(format_findings({&f, 1}, LintFormat::text) == "a.xml:2:3: error: bad; fix it [value-type]\n");
    TextStyle caret;
    caret.caret = true;
    f.column = 4;  // the y, after a tab and a two-byte character
    CHECK(format_findings({&f, 1}, LintFormat::text, caret) ==
          "a.xml:2:4: error: bad; fix it [value-type]\n    \tx\xC3\xBCy\n    \t  ^\n");
    Finding whole{"b.cfg", 0, 0, "encrypted-skipped", Severity::info, "encrypted", "", ""};
    CHECK(format_findings({&whole, 1}, LintFormat::text, caret) == "b.cfg: info: encrypted [encrypted-skipped]\n");
    Finding control{"c.xml", 1, 1, "x", Severity::warning, "a\nb\x1b[31m", "", ""};
    CHECK(format_findings({&control, 1}, LintFormat::text) == "c.xml:1:1: warning: a?b?[31m [x]\n");
    CHECK(format_findings({}, LintFormat::text).empty());
}

TEST_CASE("json format: one object per line, nulls for no position and no suggestion") {
    Finding fs[] = {{"a\"b.xml", 2, 3, "value-type", Severity::error, "m\n", "s", "line"},
                    {"c.cfg", 0, 0, "encrypted-skipped", Severity::info, "enc", "", ""}};
    CHECK(format_findings(fs, LintFormat::json) ==
          "[\n  {\"file\":\"a\\\"b.xml\",\"line\":2,\"column\":3,\"rule\":\"value-type\",\"severity\":\"error\","
          "\"message\":\"m\\n\",\"suggestion\":\"s\"},\n"
          "  {\"file\":\"c.cfg\",\"line\":null,\"column\":null,\"rule\":\"encrypted-skipped\",\"severity\":\"info\","
          "\"message\":\"enc\",\"suggestion\":null}\n]\n");
    CHECK(format_findings({}, LintFormat::json) == "[]\n");
}

TEST_CASE("github format: workflow commands with the spec's escaping") {
    Finding fs[] = {{"d,1:x.xml", 4, 5, "unknown-name", Severity::warning, "100% a\r\nb, c: d", "", ""},
                    {"e.xml", 1, 1, "non-ascii", Severity::info, "i", "s", ""}};
    CHECK(format_findings(fs, LintFormat::github) ==
          "::warning file=d%2C1%3Ax.xml,line=4,col=5,title=provkit lint [unknown-name]::100%25 a%0D%0Ab, c: d\n"
          "::notice file=e.xml,line=1,col=1,title=provkit lint [non-ascii]::i; s\n");
}

TEST_CASE("sarif format: a 2.1.0 log with every rule and the results pointing into it") {
    Finding f{"dir/a b.xml", 7, 9, "duplicate", Severity::warning, "dup", "fix", ""};
    const std::string log = format_findings({&f, 1}, LintFormat::sarif);
    CHECK(log.find("\"version\":\"2.1.0\"") != std::string::npos);
    CHECK(log.find("{\"id\":\"xml-syntax\",") != std::string::npos);
    CHECK(log.find("\"ruleId\":\"duplicate\",\"ruleIndex\":15,\"level\":\"warning\",\"message\":{\"text\":\"dup; fix\"}") !=
          std::string::npos);
    CHECK(lint_rules()[15].id == "duplicate");
    CHECK(log.find("\"artifactLocation\":{\"uri\":\"dir/a%20b.xml\"},\"region\":{\"startLine\":7,\"startColumn\":9}") !=
          std::string::npos);
    CHECK(log.back() == '\n');
}

TEST_CASE("rules, triggers, schedules and log templates are checked with the rule parser, at their columns") {
    const auto f = lint(wrap("<Profile_Rule>( $PN == SPA962 )? http://x/a.cfg</Profile_Rule>\n"
                             "<Profile_Rule_B>[-key $SA] http://x/$(MACADDR)/$SB.cfg</Profile_Rule_B>\n"
                             "<Upgrade_Rule>[--uid u] /sip.loads</Upgrade_Rule>\n"
                             "<Resync_Trigger_1>( $PRVTMR ge 600 )?</Resync_Trigger_1>\n"
                             "<Resync_Trigger_2>$PN eq \"CP-7832\"</Resync_Trigger_2>\n"
                             "<Log_Request_Msg>$PN $MACX $(FOO) $SA $$X $5</Log_Request_Msg>\n"
                             "<Resync_Periodic>99999999999</Resync_Periodic>"));
    CHECK(where(f) == Lines{"2:24 rule-syntax", "3:18 rule-option", "3:37 unknown-macro", "3:48 secret-macro",
                            "4:15 upgrade-url", "4:25 upgrade-url", "5:19 trigger-form", "6:19 macro-compare",
                            "7:28 unknown-macro", "7:35 secret-macro", "8:18 value-type"});
    CHECK(f[0].severity == Severity::error);
    CHECK(f[0].message.rfind("Profile_Rule: 'SPA962' is neither an integer nor a version string", 0) == 0);
    for (std::size_t i = 1; i < 10; ++i) CHECK(f[i].severity == Severity::warning);
    CHECK(f[10].message == "Resync_Periodic: a delay is too large (at most 2147483647 s)");
    // The sample's rules and templates are clean; a typographic quote in a rule is one finding.
    CHECK(where(lint(wrap("<Profile_Rule_C>( $PN eq \u201Cx\u201D )? /a.cfg</Profile_Rule_C>"))) ==
          Lines{"2:26 typographic"});
    // Rules through entities and line breaks: the column of the character as written.
    CHECK(where(lint(wrap("<Profile_Rule>\n  ( $PN &lt; 3 )?\n  [--bad x] /a.cfg</Profile_Rule>"))) ==
          Lines{"4:4 rule-syntax"});
}

TEST_CASE("a long source line is shown as a window around the column, the caret still under it") {
    Finding f{"a.xml", 1, 201, "value-type", Severity::error, "m", "", std::string(200, 'a') + "X" + std::string(200, 'b')};
    TextStyle caret;
    caret.caret = true;
    const std::string out = format_findings({&f, 1}, LintFormat::text, caret);
    const std::string window = "    ..." + std::string(60, 'a') + "X" + std::string(79, 'b') + "...\n";
    CHECK(out == "a.xml:1:201: error: m [value-type]\n" + window + "       " + std::string(60, ' ') + "^\n");
}

TEST_CASE("a reader's finding on a secret's line shows neither the line nor the bad reference") {
    const auto f = lint(wrap("<Admin_Password>p&ss;word</Admin_Password>\n<Station_Name>a&b;c</Station_Name>"));
    REQUIRE(where(f) == Lines{"2:18 entity", "3:16 entity"});
    CHECK(f[0].source_line.empty());
    CHECK(f[0].message.find("&ss") == std::string::npos);
    CHECK(f[1].source_line == "<Station_Name>a&b;c</Station_Name>");
    CHECK(f[1].message.find("&b;") != std::string::npos);
    Linter linter(Catalog::builtin(), {});
    std::vector<Finding> out;
    linter.lint_spc("Admin_Password \"unterminated ;\n", "s.txt", out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].source_line.empty());
}

TEST_CASE("seeded mutations of the sample: lint never fails and every finding points into the file") {
    const Bytes sample = read_file(std::string(PROVKIT_SOURCE_DIR) + "/examples/sample-profile.xml");
    const std::string_view inserts[] = {"<", ">", "&", "\"", "'", "=", "\u201C", "\u201D", "\u2013", "<!--", "-->",
                                        "<![CDATA[", "]]>", "\r", "\n", "$", "$(", "ua=", "\xC3", "\x01", "/"};
    std::mt19937 rng(20261125);
    Linter linter(Catalog::builtin(), {});
    std::size_t with_findings = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string text = sample;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % text.size();
            if (rng() % 3 == 0) text.erase(at, 1 + rng() % 8);
            else text.insert(at, inserts[rng() % std::size(inserts)]);
        }
        std::vector<Finding> out;
        linter.lint_xml(text, "t.xml", false, out);
        with_findings += !out.empty();
        const LineIndex lines(text);
        for (std::size_t i = 0; i < out.size(); ++i) {
            const Finding& f = out[i];
            REQUIRE(f.file == "t.xml");
            REQUIRE(find_lint_rule(f.rule) != nullptr);
            REQUIRE_FALSE(f.message.empty());
            REQUIRE(f.line >= 1);
            REQUIRE(f.column >= 1);
            const std::string_view line = lines.line_text(f.line);
            std::size_t chars = 0;
            for (char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            REQUIRE(f.column <= chars + 1);
            if (i > 0) REQUIRE((out[i - 1].line < f.line || (out[i - 1].line == f.line && out[i - 1].column <= f.column)));
        }
    }
    CHECK(with_findings > 1000);
}
