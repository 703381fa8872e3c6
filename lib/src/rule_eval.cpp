// The rule evaluator of provkit/rule.hpp: alternatives are tried left to right until a
// condition holds or one has none (guide ch. 2 "Profile Rules", "Upgrade Rule").
#include "provkit/macro.hpp"
#include "rule_internal.hpp"

namespace provkit {

namespace {

struct Value {
    OperandType type = OperandType::string;
    std::string text;
    std::int64_t integer = 0;
    FirmwareVersion version;
};

Value operand_value(const Operand& op, const Device& device, std::vector<std::string>& unset) {
    Value v;
    v.text = expand_macros(op.text, device, MacroContext::plain, &unset);
    if (op.quoted) return v;
    if (v.text.empty())
        throw RuleError(op.column, op.text + " expands to nothing; give the variable a value, or quote it to "
                                             "compare it as a string", "empty-operand");
    if (auto n = detail::parse_integer(v.text)) {
        v.type = OperandType::integer;
        v.integer = *n;
    } else if (auto ver = parse_firmware_version(v.text)) {
        v.type = OperandType::version;
        v.version = std::move(*ver);
    } else {
        throw RuleError(op.column, detail::not_a_literal_message(v.text, op.text), "format");
    }
    return v;
}

ComparisonTrace compare(const Comparison& c, const Device& device, std::vector<std::string>& unset) {
    ComparisonTrace trace;
    trace.op = c.op;
    Value a = operand_value(c.left, device, unset);
    trace.left = a.text;
    Value b = operand_value(c.right, device, unset);
    trace.right = b.text;
    if (a.type != b.type)
        throw RuleError(c.op_column, "cannot compare " + std::string(to_string(a.type)) + " '" + a.text + "' with " +
                                         std::string(to_string(b.type)) + " '" + b.text + "'", "type-mismatch");
    trace.type = a.type;
    int order = 0;
    if (a.type == OperandType::string) {
        // "Quoted strings can be compared for equality or inequality."
        if (c.op != CompareOp::eq && c.op != CompareOp::ne)
            throw RuleError(c.op_column, "strings can only be compared with eq or ne", "string-order");
        order = a.text == b.text ? 0 : 1;
    } else if (a.type == OperandType::integer) {
        order = a.integer < b.integer ? -1 : a.integer > b.integer ? 1 : 0;
    } else {
        try {
            order = compare_versions(a.version, b.version);
        } catch (const RuleError& e) {  // an MPP version against a dotted one: blame the dotted one
            const Operand& culprit = a.version.mpp ? c.right : c.left;
            throw RuleError(culprit.column, "'" + (a.version.mpp ? b.text : a.text) + "': " + e.what(), e.code());
        }
    }
    switch (c.op) {
        case CompareOp::eq: trace.result = order == 0; break;
        case CompareOp::ne: trace.result = order != 0; break;
        case CompareOp::lt: trace.result = order < 0; break;
        case CompareOp::le: trace.result = order <= 0; break;
        case CompareOp::gt: trace.result = order > 0; break;
        case CompareOp::ge: trace.result = order >= 0; break;
    }
    return trace;
}

// Evaluates every comparison (all must hold). A reached condition throws on a format error;
// an unreached one records it in the trace for --explain.
bool evaluate_condition(const Condition& cond, const Device& device, bool reached, AlternativeTrace& trace,
                        std::vector<std::string>& unset) {
    bool all = true;
    std::vector<std::string> scratch;
    for (const Comparison& c : cond.comparisons) {
        if (reached) {
            trace.comparisons.push_back(compare(c, device, unset));
        } else {
            try {
                trace.comparisons.push_back(compare(c, device, scratch));
            } catch (const RuleError& e) {
                ComparisonTrace failed;
                failed.op = c.op;
                failed.left = expand_macros(c.left.text, device);
                failed.right = expand_macros(c.right.text, device);
                failed.error = e.what();
                trace.comparisons.push_back(std::move(failed));
            }
        }
        all = all && trace.comparisons.back().error.empty() && trace.comparisons.back().result;
    }
    return all;
}

void apply_alternative(const Alternative& alt, const Device& device, const EvalOptions& options, RuleKind kind,
                       Evaluation& ev) {
    for (const Assignment& a : alt.assignments)
        ev.assignments.emplace_back(a.name, expand_macros(a.value, device, MacroContext::plain, &ev.unset));
    for (const UrlOption& o : alt.options) {
        bool expands = o.name == OptionName::key || o.name == OptionName::uid || o.name == OptionName::pwd;
        // "$SA through $SD ... only when they are used as key option arguments" (key, uid, pwd).
        ev.options.emplace_back(o.name, expands ? expand_macros(o.value, device, MacroContext::key, &ev.unset)
                                                : o.value);
    }
    if (!alt.url) return;
    std::string text = expand_macros(alt.url->text, device, MacroContext::plain, &ev.unset);
    try {
        ev.url = split_url(text, alt.url->column, kind == RuleKind::upgrade ? "" : options.dhcp_server);
    } catch (const RuleError& e) {
        if (text == alt.url->text) throw;
        throw RuleError(alt.url->column, "the URL expands to '" + text + "': " + e.what(), e.code());
    }
    if (kind == RuleKind::upgrade && ev.url->host.empty())
        throw RuleError(alt.url->column, "Upgrade_Rule URLs need a server: there is no DHCP option-66 fallback",
                        "upgrade-no-server");
}

}  // namespace

Evaluation evaluate_rule(const Rule& rule, const Device& device, const EvalOptions& options) {
    Evaluation ev;
    ev.kind = rule.kind;
    if (rule.kind == RuleKind::schedule) return ev;
    if (rule.kind == RuleKind::trigger) {
        // An empty Resync_Trigger is not set: "the triggers, if set, will prevent resync
        // unless one or more triggers evaluates to true".
        if (rule.trigger) {
            AlternativeTrace trace;
            trace.index = 1;
            trace.reached = true;
            ev.trigger = evaluate_condition(*rule.trigger, device, true, trace, ev.unset);
            trace.condition = ev.trigger;
            ev.trace.push_back(std::move(trace));
        }
        return ev;
    }
    for (std::size_t i = 0; i < rule.alternatives.size(); ++i) {
        const Alternative& alt = rule.alternatives[i];
        AlternativeTrace trace;
        trace.index = i + 1;
        trace.reached = !ev.selected;
        if (alt.condition) trace.condition = evaluate_condition(*alt.condition, device, trace.reached, trace, ev.unset);
        if (trace.reached && trace.condition.value_or(true)) ev.selected = i + 1;
        ev.trace.push_back(std::move(trace));
    }
    if (ev.selected) apply_alternative(rule.alternatives[*ev.selected - 1], device, options, rule.kind, ev);
    return ev;
}

}  // namespace provkit
