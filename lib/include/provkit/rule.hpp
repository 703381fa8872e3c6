// The provisioning-rule language (guide ch. 2 "Conditional Expressions", "URL Syntax",
// "Optional Resync Arguments", "Profile Rules", "Upgrade Rule", "Triggers", "Configurable
// Schedules"; NOTES.md "Provisioning-rule language"): a parser giving an AST with positions
// or a syntax error with a column, and an evaluator for a described device.
//
//   rule         := [ alternative { '|' alternative } ]      (every alternative but the last
//                                                              needs a condition)
//   alternative  := [ '(' condition ')?' ] [ '(' assignments ')!' ] [ [ options ] URL ]
//   condition    := comparison { ('and' | 'AND') comparison }
//   comparison   := operand operator operand
//   operator     := '=' | '==' | 'eq' | '!=' | 'ne' | '<' | 'lt' | '<=' | 'le' | '>' | 'gt'
//                 | '>=' | 'ge'                                (acronyms in any case)
//   operand      := '"' text '"'  (a string)  |  word  (an integer or a version string)
//   assignments  := { NAME '=' '"' text '"' ';' }              (last ';' optional; a..p name
//                                                              GPP_A..GPP_P)
//   options      := '[' { ('--key' | '--uid' | '--pwd') value | ('--post' | '--alias') letter } ']'
//   URL          := [ scheme '://' ] [ server [ ':' port ] ] filepath    (up to '|' or end)
//   trigger      := condition                                  (Resync_Trigger_*)
//   schedule     := [ delay { ',' delay } ],  delay := seconds [ '+' random-seconds ]
//
// Macros are expanded per token at evaluation (operands, assignment values, option values,
// the URL) - the guide: "The bracketed optional arguments are macro expanded", "Macro
// expansion applies within URLs" - so positions always refer to the rule as written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/device.hpp"
#include "provkit/error.hpp"

namespace provkit {

enum class RuleKind { profile, upgrade, trigger, schedule };
std::string_view to_string(RuleKind kind);

// A problem at a 1-based byte column of the rule text.
struct RuleDiagnostic {
    std::size_t column = 1;
    std::string code;     // stable identifier, e.g. "trigger-expr-form"
    std::string message;  // never contains the value of --key or --pwd
    // A rule that breaks what its kind allows (options or a missing server in Upgrade_Rule,
    // the (expr)? form in a trigger): lint reports it as a warning, eval-rule as an error.
    bool kind_violation = false;
};

struct Operand {
    std::string text;  // as written, without the quotes of a string
    bool quoted = false;
    std::size_t column = 1;
};

enum class CompareOp { eq, ne, lt, le, gt, ge };
std::string_view to_string(CompareOp op);  // the acronym

struct Comparison {
    Operand left;
    CompareOp op = CompareOp::eq;
    std::size_t op_column = 1;
    Operand right;
};

struct Condition {
    std::string text;  // as written between '(' and ')?' (or the whole trigger), trimmed
    std::size_t column = 1;
    std::vector<Comparison> comparisons;
};

struct Assignment {
    std::string name;   // parameter name; a..p already mapped to GPP_A..GPP_P
    std::string value;  // as written, unexpanded
    std::size_t column = 1;
};

enum class OptionName { key, uid, pwd, post, alias };
std::string_view to_string(OptionName name);
bool is_secret_option(OptionName name);  // --key, --pwd

struct UrlOption {
    OptionName name = OptionName::key;
    std::string value;  // as written (quotes removed); for post/alias the lower-case letter
    std::size_t column = 1;
};

struct Alternative {
    std::size_t column = 1;
    std::optional<Condition> condition;
    bool has_assignments = false;
    std::vector<Assignment> assignments;
    std::vector<UrlOption> options;
    std::optional<Operand> url;  // as written, unexpanded
};

struct Delay {
    std::int64_t base = 0;    // seconds
    std::int64_t random = 0;  // up to this many extra seconds
};

struct Rule {
    RuleKind kind = RuleKind::profile;
    std::vector<Alternative> alternatives;  // profile, upgrade
    std::optional<Condition> trigger;       // trigger (nullopt: empty, i.e. not set)
    std::vector<Delay> delays;              // schedule
};

// Diagnostic codes. Errors: syntax, format (a literal that is no integer or version),
// string-order, type-mismatch, unknown-option, typographic-quote, unconditional-alternative,
// scheme, no-path. Warnings: secret-macro-outside-key, quoted-macro-number,
// unquoted-macro-string, option-single-dash; kind violations: trigger-expr-form,
// upgrade-options, upgrade-no-server, upgrade-no-url.
struct ParseResult {
    std::optional<Rule> rule;              // set unless error is
    std::optional<RuleDiagnostic> error;   // the first syntax error
    std::vector<RuleDiagnostic> warnings;  // lint warnings and kind violations
};

// Parses text as a rule of the given kind. Never throws for bad input.
ParseResult parse_rule(std::string_view text, RuleKind kind);

// Where a parser column (bytes from 1, as RuleDiagnostic, RuleError and the parsed rule give)
// lies in the rule text, for a message: "column C", or "line L, column C" for a rule written on
// several lines (a final line break aside). Columns count characters, as file positions do.
std::string describe_rule_position(std::string_view text, std::size_t column);

// ---- URLs ----

struct Url {
    std::string text;    // the expanded URL
    std::string scheme;  // tftp, http or https (lower case)
    std::string host;    // "" when the URL has no server and none was given
    bool host_from_dhcp = false;  // the server came from DHCP option 66 (--tftp-server)
    unsigned port = 0;
    std::string path;
};

// Splits an (expanded) URL "[scheme://][server[:port]]filepath". A missing scheme is tftp; a
// missing port is the scheme's (69, 80, 443); a missing server is dhcp_server ("HOST" or
// "HOST:PORT", the DHCP option-66 TFTP server) when given. Throws RuleError at column
// (the URL's column in the rule) plus the offset of the problem.
Url split_url(std::string_view url, std::size_t column, std::string_view dhcp_server = {});

// ---- Version strings ----

// An MPP version "PREFIX.v1-v2-v3[-v4]MPP[-BN]" (sip7832.11-0-1MPP-0123), or a dotted one:
// a hardware version (2.0.1) or legacy SPA firmware "v1.v2.v3(build)" (2.0.3(0412s)), with
// two to four fields and an optional build. Each field starts with a digit, optionally
// followed by letters and digits.
struct FirmwareVersion {
    bool mpp = true;
    std::string prefix;               // MPP: "sip7832"
    std::vector<std::string> fields;  // MPP: v1..v4; dotted: v1..v4
    std::string build;                // MPP: BN; dotted: the build in parentheses; "" if absent
};

std::optional<FirmwareVersion> parse_firmware_version(std::string_view text);

// <0, 0, >0: fields left to right (leading digits numerically, then the rest alphabetically;
// a missing field first), then the builds if both have one; the MPP prefix is not compared.
// Throws RuleError (column 1) when an MPP version meets a dotted one ("11.0.0": the guide's
// format error).
int compare_versions(const FirmwareVersion& a, const FirmwareVersion& b);

// ---- Evaluation ----

// An error found while evaluating (a bad operand after expansion, a bad URL): it points at
// a column of the rule as written.
class RuleError : public Error {
public:
    RuleError(std::size_t column, const std::string& message, std::string code = "eval")
        : Error(ErrorKind::input, message), column_(column), code_(std::move(code)) {}
    std::size_t column() const noexcept { return column_; }
    const std::string& code() const noexcept { return code_; }

private:
    std::size_t column_;
    std::string code_;
};

enum class OperandType { integer, version, string };
std::string_view to_string(OperandType type);

struct ComparisonTrace {
    std::string left, right;  // expanded
    CompareOp op = CompareOp::eq;
    OperandType type = OperandType::string;
    bool result = false;
    std::string error;  // set instead of result when evaluation failed (unreached alternatives)
};

struct AlternativeTrace {
    std::size_t index = 0;  // 1-based
    bool reached = false;   // the phone evaluated it (no earlier alternative was chosen)
    std::optional<bool> condition;  // nullopt: no condition
    std::vector<ComparisonTrace> comparisons;
};

struct EvalOptions {
    std::string dhcp_server;  // --tftp-server: "HOST" or "HOST:PORT"
};

struct Evaluation {
    RuleKind kind = RuleKind::profile;
    std::optional<std::size_t> selected;  // 1-based alternative chosen, nullopt: none
    std::vector<std::pair<std::string, std::string>> assignments;  // expanded values
    std::vector<std::pair<OptionName, std::string>> options;       // expanded values
    std::optional<Url> url;
    bool trigger = false;  // trigger kind: the condition holds
    std::vector<AlternativeTrace> trace;
    std::vector<std::string> unset;  // known variables used without a value
};

// Evaluates a parsed rule for device. Throws RuleError for a format error in a reached
// alternative (an unquoted operand that is no integer or version after expansion, mismatched
// types, an ordering operator on strings, a bad URL, an upgrade URL without a server).
Evaluation evaluate_rule(const Rule& rule, const Device& device, const EvalOptions& options = {});

}  // namespace provkit
