// Shared by the lint sources: a file's text with lazily built positions, the sink that applies
// --disable and --strict to findings, and the check functions of lint_*.cpp.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/catalog.hpp"
#include "provkit/lint.hpp"
#include "provkit/profile.hpp"
#include "provkit/source_text.hpp"

namespace provkit::lint_detail {

// A source's text. The line index is built only when a finding needs a position, so a clean file
// costs no more than reading it.
class SourceFile {
public:
    SourceFile(std::string name, std::string_view text, bool xml) : name_(std::move(name)), text_(text), xml_(xml) {}

    const std::string& name() const noexcept { return name_; }
    std::string_view text() const noexcept { return text_; }
    bool xml() const noexcept { return xml_; }

    LineIndex::Position position(std::size_t offset);
    // The byte offset of a 1-based line and column (as the readers record them).
    std::size_t offset(std::uint32_t line, std::uint32_t column);
    std::string_view line_text(std::uint32_t line);

private:
    const LineIndex& lines();
    std::string name_;
    std::string_view text_;
    bool xml_;
    std::optional<LineIndex> lines_;
};

// Collects findings: drops disabled rules, gives each its rule's severity (names the phone
// ignores become errors with --strict) and its source line.
class Sink {
public:
    Sink(const LintOptions& options, std::vector<Finding>& out) : options_(options), out_(out) {}

    bool enabled(std::string_view rule) const noexcept;

    // While set, findings carry no source line: the line may hold a password.
    void set_redact(bool redact) noexcept { redact_ = redact; }

    void add(SourceFile& file, std::size_t offset, std::string_view rule, std::string message,
             std::string suggestion = {});
    void add_at(SourceFile& file, std::uint32_t line, std::uint32_t column, std::string_view rule,
                std::string message, std::string suggestion = {}, std::optional<Severity> severity = {});
    // A finding about a whole file (no position).
    void add_file(std::string_view file, std::string_view rule, std::string message, std::string suggestion = {});

private:
    Severity severity_of(std::string_view rule) const noexcept;
    const LintOptions& options_;
    std::vector<Finding>& out_;
    bool redact_ = false;
};

// --- lint_markup.cpp: checks on the raw bytes of XML markup --------------------------------

// True when text holds a byte sequence that typographic_at() recognises (a cheap memchr pass).
bool has_typographic(std::string_view text) noexcept;

// A problem the markup scan found; repaired when the text was patched so that the XML reader can
// read on (the patch keeps every byte offset: a typographic quote becomes an ASCII quote padded
// with spaces outside the attribute value).
struct MarkupProblem {
    std::size_t offset;
    std::string rule;
    std::string message;
    std::string suggestion;
    bool repaired;
};

// Scans the tags of an XML text (not comments, CDATA or content) for typographic quotes around
// attribute values and for attribute values without quotes. When a problem was repaired,
// patched holds the repaired text (else it is left untouched).
std::vector<MarkupProblem> scan_markup(std::string_view text, std::string& patched);

// --- lint_values.cpp and lint_secrets.cpp: checks of one parameter ------------------------

// Where a parameter's occurrence is (its element's '<' in XML, its name in spc), and so where
// byte k of its (decoded) value comes from. Offsets are computed only when a finding needs one.
struct ValueSite {
    SourceFile* file;
    std::uint32_t line;
    std::uint32_t column;
};
std::size_t value_offset(const ValueSite& site, std::size_t k);

// Type (catalog validate), typographic characters and non-ASCII characters of a value. Returns
// whether the value was found not to fit its type (a typographic or value-type finding).
bool check_value(const Param& param, const ParamSpec* spec, const ValueSite& site, Sink& sink);

// lint_language.cpp: rules and triggers parsed as the phone parses them, schedules through the
// same parser, macro references in them and in the Log_*_Msg templates. For a value that fits
// its catalog type.
void check_language(const Param& param, const ParamSpec& spec, const ValueSite& site, Sink& sink);

// A secret parameter with a value in a profile that does not travel encrypted.
void check_secret(const Param& param, const ParamSpec& spec, const ValueSite& site, bool encrypted, Sink& sink);

// Findings out[from..] on a line that sets a secret (a reader's complaint about the value of
// Admin_Password, say) lose their source line, and an entity error the text of the reference.
void redact_secret_lines(std::vector<Finding>& out, std::size_t from, const Catalog& catalog, bool xml);

// --- lint_names.cpp: names and occurrences ------------------------------------------------

// Parameters set more than once: a finding at each later occurrence naming the first. Fills
// first[i] with the index of param i's first occurrence. files maps Location::file to its source.
void check_duplicates(const Profile& profile, const Catalog& catalog, std::span<SourceFile* const> files,
                      Sink& sink, std::vector<std::uint32_t>& first);

// A name the catalog does not know, written at line:column: in the wrong case, or unknown (with
// did-you-mean, computed only here, for names that need it).
void check_unknown_name(const Param& param, const Catalog& catalog, SourceFile& file, std::uint32_t line,
                        std::uint32_t column, Sink& sink);

// Where the name of an occurrence starts: after the '<' in XML, at the location in spc.
inline std::uint32_t name_column(const SourceFile& file, const Location& where) noexcept {
    return where.column + (file.xml() ? 1 : 0);
}

// --- lint_format_json.cpp: the structured formats of format_findings -----------------------

std::string format_lint_json(std::span<const Finding> findings);
std::string format_lint_sarif(std::span<const Finding> findings);

}  // namespace provkit::lint_detail
