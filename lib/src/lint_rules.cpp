// The findings model of lint: the table of rules, source positions computed on demand, and the
// sink that applies --disable and --strict.
#include <algorithm>

#include "lint_internal.hpp"

namespace provkit {

namespace {

// Stable ids: scripts name them in --disable and CI systems group results by them. Add new rules
// at the end of their group; never rename one. man/provkit-lint.1 has the same table.
constexpr LintRule rules[] = {
    // The document: what stops a phone from reading the file at all.
    {"xml-syntax", Severity::error, "the file is not well-formed XML", "<Resync_On_Reset>Yes</Resync_On_Reset"},
    {"encoding", Severity::error, "the file is UTF-16 or declares an encoding other than UTF-8",
     "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"},
    {"utf8", Severity::error, "a byte sequence that is not UTF-8", "Caf\\xE9 (Latin-1)"},
    {"control-char", Severity::error, "a control character XML cannot carry", "a NUL or ESC byte"},
    {"doctype", Severity::error, "a DOCTYPE (phones read no DTD)", "<!DOCTYPE flat-profile>"},
    {"root", Severity::error, "the root element is not <flat-profile>, or there are two", "<profile>...</profile>"},
    {"nesting", Severity::error, "an element inside a parameter (a flat profile has no nesting)",
     "<Proxy_1_><Port>5060</Port></Proxy_1_>"},
    {"typographic", Severity::error, "a typographic quote or dash where XML or the value needs an ASCII one",
     "<Resync_On_Reset ua=\u201Dna\u201D>"},
    {"ua-value", Severity::error, "a ua attribute other than na, ro or rw", "ua=\"RW\""},
    {"ua-quote", Severity::error, "a ua value in single quotes or without quotes", "ua='na'"},
    {"entity", Severity::error, "an unknown entity or a bad character reference", "AT&T"},
    {"unknown-attribute", Severity::warning, "an attribute other than ua (ignored by the phone)", "<Proxy_1_ id=\"1\">"},
    {"stray-text", Severity::warning, "text outside any parameter element (ignored)", "<flat-profile>Yes<A>..."},
    // Names: what the phone silently ignores.
    {"unknown-name", Severity::warning, "a parameter the catalog does not know (ignored by the phone)",
     "<Resync_Periodc>"},
    {"name-case", Severity::warning, "a known parameter written in the wrong case (names are case-sensitive)",
     "<resync_periodic>"},
    {"duplicate", Severity::warning, "a parameter set more than once (the last occurrence wins)",
     "<Resync_Periodic> twice"},
    // Values.
    {"value-type", Severity::error, "a value that does not fit the parameter's type",
     "<Resync_On_Reset>Maybe</Resync_On_Reset>"},
    {"secret-unencrypted", Severity::warning, "a password or key in a profile that is not encrypted",
     "<Admin_Password>s3cret</Admin_Password> in a .xml"},
    {"non-ascii", Severity::info, "a non-ASCII character in a value (some phone families accept only ASCII)",
     "<Station_Name>B\u00FCro</Station_Name>"},
    // The provisioning language (Profile_Rule*, Upgrade_Rule, Resync_Trigger_*, Log_*_Msg).
    {"rule-syntax", Severity::error, "a rule or trigger the phone cannot parse",
     "<Profile_Rule>( $PN == SPA962 )? /a.cfg</Profile_Rule>"},
    {"trigger-form", Severity::warning, "the (expr)? form in a Resync_Trigger, which takes a bare condition",
     "<Resync_Trigger_1>( $PRVTMR ge 600 )?</Resync_Trigger_1>"},
    {"upgrade-url", Severity::warning, "URL options, or no server, in Upgrade_Rule", "[--key k] /sip.loads"},
    {"secret-macro", Severity::warning, "$SA..$SD outside --key, --uid and --pwd (they stay as written there)",
     "http://prov/$SA.cfg"},
    {"macro-compare", Severity::warning, "a macro compared as a string without quotes, or quoted and compared as a number",
     "( $PN eq \"CP-7832\" )?"},
    {"rule-option", Severity::warning, "a URL option written with one dash", "[-key $SA]"},
    {"unknown-macro", Severity::warning, "$NAME or $(NAME) with no such variable (it stays as written)",
     "$(MACADDR).cfg"},
    // spc text sources.
    {"spc-syntax", Severity::error, "an spc entry that is not Name [?|!] [\"value\"] ;", "Resync_Periodic \"7200\""},
    {"import", Severity::error, "an spc import that cannot be read", "import missing.txt"},
    {"import-cycle", Severity::error, "spc imports that import each other", "a.txt: import b.txt; b.txt: import a.txt"},
    {"spc-no-value", Severity::warning, "an spc entry with a ua marker but no value (the marker is lost)",
     "Display_Name[1] ! ;"},
    // Files.
    {"encrypted-skipped", Severity::info, "an encrypted file that was not checked because no key was given",
     "profile.cfg without -k"},
    {"decode", Severity::error, "a file that cannot be decoded: wrong key, damaged gzip or cipher data",
     "profile.cfg with the wrong -k"},
    {"io", Severity::error, "a file that cannot be read", "a file without read permission"},
};

}  // namespace

std::string_view to_string(Severity severity) noexcept {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

std::span<const LintRule> lint_rules() noexcept { return rules; }

const LintRule* find_lint_rule(std::string_view id) noexcept {
    for (const LintRule& r : rules)
        if (r.id == id) return &r;
    return nullptr;
}

namespace lint_detail {

const LineIndex& SourceFile::lines() {
    if (!lines_) lines_.emplace(text_);
    return *lines_;
}

LineIndex::Position SourceFile::position(std::size_t offset) { return lines().position(offset); }

std::size_t SourceFile::offset(std::uint32_t line, std::uint32_t column) {
    const std::string_view l = lines().line_text(line);
    if (l.data() == nullptr) return 0;
    std::size_t at = static_cast<std::size_t>(l.data() - text_.data());
    // Columns count UTF-8 lead bytes: step over column - 1 characters.
    for (std::uint32_t c = 1; c < column && at < text_.size();) {
        ++at;
        if (at >= text_.size() || (static_cast<unsigned char>(text_[at]) & 0xC0) != 0x80) ++c;
    }
    return at;
}

std::string_view SourceFile::line_text(std::uint32_t line) { return lines().line_text(line); }

bool Sink::enabled(std::string_view rule) const noexcept {
    return std::find(options_.disabled.begin(), options_.disabled.end(), rule) == options_.disabled.end();
}

Severity Sink::severity_of(std::string_view rule) const noexcept {
    if (options_.strict && (rule == "unknown-name" || rule == "name-case" || rule == "unknown-attribute"))
        return Severity::error;
    const LintRule* r = find_lint_rule(rule);
    return r ? r->severity : Severity::error;
}

void Sink::add(SourceFile& file, std::size_t offset, std::string_view rule, std::string message,
               std::string suggestion) {
    if (!enabled(rule)) return;
    const auto pos = file.position(offset);
    add_at(file, pos.line, pos.column, rule, std::move(message), std::move(suggestion));
}

void Sink::add_at(SourceFile& file, std::uint32_t line, std::uint32_t column, std::string_view rule,
                  std::string message, std::string suggestion, std::optional<Severity> severity) {
    if (!enabled(rule)) return;
    Finding f;
    f.file = file.name();
    f.line = line;
    f.column = column;
    f.rule = rule;
    // A code the table does not know (a newer reader's) keeps the reader's severity.
    f.severity = find_lint_rule(rule) || !severity ? severity_of(rule) : *severity;
    f.message = std::move(message);
    f.suggestion = std::move(suggestion);
    if (line > 0 && !redact_) f.source_line = file.line_text(line);
    out_.push_back(std::move(f));
}

void Sink::add_file(std::string_view file, std::string_view rule, std::string message, std::string suggestion) {
    if (!enabled(rule)) return;
    Finding f;
    f.file = file;
    f.rule = rule;
    f.severity = severity_of(rule);
    f.message = std::move(message);
    f.suggestion = std::move(suggestion);
    out_.push_back(std::move(f));
}

}  // namespace lint_detail

}  // namespace provkit
