// The profile linter: reads XML flat profiles (plain, gzip or encrypted) and spc text sources as
// a phone reads them and reports findings with stable rule ids; and the formats lint prints.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/catalog.hpp"
#include "provkit/gzip.hpp"
#include "provkit/secret.hpp"
#include "provkit/spc.hpp"

namespace provkit {

enum class Severity : std::uint8_t { info, warning, error };

std::string_view to_string(Severity severity) noexcept;  // "info", "warning", "error"

// One problem found. line and column are 1-based (the column counts Unicode characters, as the
// profile readers do); line 0 means the finding concerns the whole file (e.g. a skipped file).
// Positions in a gzip or encrypted file refer to its decoded XML text.
struct Finding {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string rule;             // a stable id from lint_rules()
    Severity severity = Severity::error;
    std::string message;          // what is wrong, self-contained
    std::string suggestion;       // how to fix it, may be empty ("did you mean ...?", "write Yes or No")
    std::string source_line;      // the text of line `line` without its ending, for a caret display
};

// A rule of the linter: its id (stable: scripts use it in --disable), default severity, what it
// means and an example of text that triggers it.
struct LintRule {
    std::string_view id;
    Severity severity;
    std::string_view summary;
    std::string_view example;
};

// Every rule, in the order the man page lists them.
std::span<const LintRule> lint_rules() noexcept;
const LintRule* find_lint_rule(std::string_view id) noexcept;

struct LintOptions {
    // Names the phone ignores (unknown-name, name-case, unknown-attribute) are errors, not warnings.
    bool strict = false;
    // Rule ids not to report.
    std::vector<std::string> disabled;
    // Largest inflated size of a gzip file.
    std::size_t max_output = gzip::default_max_output;
};

// Lints profiles against a catalog. One Linter lints many files; it keeps scratch buffers
// between them, so linting a file allocates little beyond what reading the profile needs.
// Findings of a file are appended to out sorted by line and column.
class Linter {
public:
    // Throws Error(usage) naming the valid ids when options.disabled holds an unknown rule id.
    Linter(const Catalog& catalog, LintOptions options);
    ~Linter();
    Linter(const Linter&) = delete;
    Linter& operator=(const Linter&) = delete;

    // Lints one file's bytes, whatever their form: openssl-enc or aes128gcm encrypted (decrypted
    // with secret; without one the file is reported as skipped [encrypted-skipped]), gzip
    // (inflated), an XML flat profile, or else spc text. file names it in findings and resolves
    // spc imports (read with load, default provkit::read_file).
    void lint_file(std::string_view data, const std::string& file, const Secret* secret, std::vector<Finding>& out,
                   const SourceLoader& load = {});

    // Lints an XML flat profile's text. encrypted says whether it travels encrypted (secrets in a
    // profile that does not draw a [secret-unencrypted] warning).
    void lint_xml(std::string_view text, const std::string& file, bool encrypted, std::vector<Finding>& out);

    // Lints an spc text source and what it imports.
    void lint_spc(std::string_view text, const std::string& file, std::vector<Finding>& out,
                  const SourceLoader& load = {});

private:
    struct State;
    std::unique_ptr<State> state_;
};

// What `provkit lint --format` writes.
enum class LintFormat { text, json, sarif, github };

struct TextStyle {
    bool caret = false;   // after each finding, its source line and a caret under the column
    bool colour = false;  // ANSI colours for the severity
};

// text:   FILE:LINE:COL: SEVERITY: MESSAGE[; SUGGESTION] [RULE]   one line per finding
// json:   [{"file","line","column","rule","severity","message","suggestion"}, ...] (line and
//         column null for a whole-file finding, suggestion null when there is none)
// sarif:  a SARIF 2.1.0 log, one run, every rule in tool.driver.rules
// github: ::error file=F,line=L,col=C,title=provkit lint [RULE]::MESSAGE workflow commands
//         (warning for warnings, notice for infos)
// Every format ends with a newline (json and sarif too); text and github are empty when there
// are no findings.
std::string format_findings(std::span<const Finding> findings, LintFormat format, const TextStyle& style = {});

}  // namespace provkit
