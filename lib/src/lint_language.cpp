// Provisioning-language checks of lint: Profile_Rule*, Upgrade_Rule and Resync_Trigger_* parsed
// as the phone parses them (provkit/rule.hpp), the delay schedules through the same parser, and
// the macro references in those and in the Log_*_Msg templates (provkit/macro.hpp).
#include "lint_internal.hpp"
#include "provkit/macro.hpp"
#include "provkit/rule.hpp"

namespace provkit::lint_detail {

namespace {

// The lint rule a parser diagnostic is reported under.
std::string_view rule_for(const RuleDiagnostic& d, bool error) {
    const std::string& c = d.code;
    if (c == "typographic-quote") return "typographic";
    if (c == "trigger-expr-form") return "trigger-form";
    if (c == "upgrade-options" || c == "upgrade-no-server" || c == "upgrade-no-url") return "upgrade-url";
    if (c == "secret-macro-outside-key") return "secret-macro";
    if (c == "quoted-macro-number" || c == "unquoted-macro-string") return "macro-compare";
    if (c == "option-single-dash") return "rule-option";
    return error ? "rule-syntax" : std::string_view(c);  // a newer parser's warning keeps its code
}

bool is_log_template(std::string_view name) noexcept { return name.starts_with("Log_") && name.ends_with("_Msg"); }

bool is_key_macro(std::string_view name) noexcept {
    if (name.starts_with("GPP_")) name.remove_prefix(4);
    return name == "SA" || name == "SB" || name == "SC" || name == "SD";
}

bool is_macro_char(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// Macro references in a value: names no variable has (they stay as written on the phone), and,
// where the rule parser does not already say so, $SA..$SD outside key context.
void check_macros(const Param& param, const ValueSite& site, bool report_key_macros, Sink& sink) {
    const std::string_view v = param.value;
    if (v.find('$') == std::string_view::npos) return;
    const std::vector<MacroRef> refs = find_macros(v);
    std::size_t next = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '$') continue;
        if (i + 1 < v.size() && v[i + 1] == '$') {  // "$$" is a literal '$'
            ++i;
            continue;
        }
        while (next < refs.size() && refs[next].offset < i) ++next;
        if (next < refs.size() && refs[next].offset == i) {
            const MacroRef& ref = refs[next];
            if (report_key_macros && is_key_macro(ref.name))
                sink.add(*site.file, value_offset(site, i), "secret-macro",
                         param.name + ": $" + ref.name +
                             " stays as written here: $SA..$SD expand only in the arguments of --key, --uid and --pwd");
            i += ref.length - 1;
            continue;
        }
        std::string_view written;
        if (i + 1 < v.size() && v[i + 1] == '(') {
            const std::size_t close = v.find(')', i);
            written = v.substr(i, close == std::string_view::npos ? v.npos : close - i + 1);
        } else {
            std::size_t end = i + 1;
            while (end < v.size() && is_macro_char(v[end])) ++end;
            if (end == i + 1 || !(v[i + 1] >= 'A' && v[i + 1] <= 'Z')) continue;  // "$5", "a $ b": plain text
            written = v.substr(i, end - i);
        }
        sink.add(*site.file, value_offset(site, i), "unknown-macro",
                 param.name + ": " + std::string(written) + " is not a macro the phone knows; it stays as written",
                 "see provkit-expand-macros(1) for the variables and the $(NAME:p:q) forms");
        i += written.size() - 1;
    }
}

void report(const RuleDiagnostic& d, bool error, const Param& param, const ValueSite& site, Sink& sink) {
    const std::string_view rule = rule_for(d, error);
    sink.add(*site.file, value_offset(site, d.column > 0 ? d.column - 1 : 0), rule, param.name + ": " + d.message);
}

}  // namespace

void check_language(const Param& param, const ParamSpec& spec, const ValueSite& site, Sink& sink) {
    if (param.kind() != ValueKind::text) return;
    RuleKind kind;
    switch (spec.type) {
        case ValueType::rule:
            kind = param.name == "Upgrade_Rule" ? RuleKind::upgrade : RuleKind::profile;
            break;
        case ValueType::trigger:
            kind = RuleKind::trigger;
            break;
        case ValueType::schedule: {
            // The catalog's check passed (the caller runs this only then); the phone's parser
            // also bounds each delay.
            const ParseResult r = parse_rule(param.value, RuleKind::schedule);
            if (r.error)
                sink.add(*site.file, value_offset(site, r.error->column > 0 ? r.error->column - 1 : 0), "value-type",
                         param.name + ": " + r.error->message);
            return;
        }
        default:
            if (is_log_template(param.name)) check_macros(param, site, true, sink);
            return;
    }
    const ParseResult r = parse_rule(param.value, kind);
    if (r.error) report(*r.error, true, param, site, sink);
    for (const RuleDiagnostic& w : r.warnings) report(w, false, param, site, sink);
    check_macros(param, site, false, sink);
}

}  // namespace provkit::lint_detail
