// Text and JSON output of `provkit eval-rule`.
#include "eval_rule_output.hpp"

#include <algorithm>

#include "provkit/json.hpp"
#include "provkit/message_text.hpp"
#include "provkit/source_text.hpp"

namespace provkit::cli {

namespace {

std::string shown(OptionName name, const std::string& value, const RenderOptions& options) {
    return is_secret_option(name) && !options.show_secrets ? "***" : value;
}

const Condition* condition_of(const Rule& rule, std::size_t index) {
    if (rule.kind == RuleKind::trigger) return rule.trigger ? &*rule.trigger : nullptr;
    const auto& alt = rule.alternatives[index - 1];
    return alt.condition ? &*alt.condition : nullptr;
}

// The parser's column (bytes from 1) where an alternative (or a trigger's condition) starts.
std::size_t column_of(const Rule& rule, const AlternativeTrace& t) {
    const Condition* cond = condition_of(rule, t.index);
    return rule.kind == RuleKind::trigger ? (cond ? cond->column : 1) : rule.alternatives[t.index - 1].column;
}

// The same as line and column, columns counting characters as in messages.
LineIndex::Position position_of(const Rule& rule, const AlternativeTrace& t, std::string_view text) {
    return LineIndex(text).position(std::min(column_of(rule, t) - 1, text.size()));
}

Json explain_json(const Rule& rule, const Evaluation& ev, std::string_view text) {
    Json list = Json::array();
    for (const AlternativeTrace& t : ev.trace) {
        const Condition* cond = condition_of(rule, t.index);
        const LineIndex::Position at = position_of(rule, t, text);
        Json alt = Json::object();
        alt.set("alternative", t.index);
        alt.set("line", at.line);
        alt.set("column", at.column);
        alt.set("reached", t.reached);
        alt.set("condition", cond ? Json(cond->text) : Json());
        alt.set("result", t.condition ? Json(*t.condition) : Json());
        Json comparisons = Json::array();
        for (const ComparisonTrace& c : t.comparisons) {
            Json j = Json::object();
            j.set("left", c.left).set("op", to_string(c.op)).set("right", c.right);
            if (c.error.empty())
                j.set("type", to_string(c.type)).set("result", c.result);
            else
                j.set("error", c.error);
            comparisons.push(std::move(j));
        }
        alt.set("comparisons", std::move(comparisons));
        list.push(std::move(alt));
    }
    return list;
}

std::string render_json(const Rule& rule, const Evaluation& ev, const RenderOptions& options) {
    Json out = Json::object();
    out.set("kind", to_string(rule.kind));
    if (rule.kind == RuleKind::schedule) {
        Json delays = Json::array();
        for (const Delay& d : rule.delays) delays.push(Json::object().set("base", d.base).set("random", d.random));
        out.set("delays", std::move(delays));
    } else if (rule.kind == RuleKind::trigger) {
        out.set("result", ev.trigger);
    } else {
        const Alternative* alt = ev.selected ? &rule.alternatives[*ev.selected - 1] : nullptr;
        out.set("selected", ev.selected ? Json(*ev.selected) : Json());
        out.set("condition", alt && alt->condition ? Json(alt->condition->text) : Json());
        Json assignments = Json::array();
        for (const auto& [name, value] : ev.assignments)
            assignments.push(Json::object().set("name", name).set("value", value));
        out.set("assignments", std::move(assignments));
        Json opts = Json::object();
        for (const auto& [name, value] : ev.options) opts.set(to_string(name), shown(name, value, options));
        out.set("options", std::move(opts));
        if (ev.url) {
            Json url = Json::object();
            url.set("text", ev.url->text).set("scheme", ev.url->scheme);
            url.set("host", ev.url->host.empty() ? Json() : Json(ev.url->host));
            url.set("port", ev.url->port).set("path", ev.url->path);
            out.set("url", std::move(url));
        } else {
            out.set("url", Json());
        }
    }
    if (options.explain && rule.kind != RuleKind::schedule) out.set("explain", explain_json(rule, ev, options.text));
    return out.dump() + "\n";
}

// Text from the rule or the device (a condition, a value, a URL) goes through printable(): a
// control character becomes '?', so that nothing in a rule acts on the terminal.
std::string explain_text(const Rule& rule, const Evaluation& ev, std::string_view text) {
    std::string out;
    if (rule.kind == RuleKind::profile || rule.kind == RuleKind::upgrade) {
        if (ev.trace.empty()) out += "the rule is empty: nothing to evaluate\n";
    } else if (!rule.trigger) {
        out += "the trigger is empty (not set)\n";
    }
    for (const AlternativeTrace& t : ev.trace) {
        const Condition* cond = condition_of(rule, t.index);
        out += rule.kind == RuleKind::trigger ? "condition" : "alternative " + std::to_string(t.index);
        out += " (" + describe_rule_position(text, column_of(rule, t)) + "): ";
        const std::string cond_text = cond ? printable(cond->text) : "";
        std::string shown_cond = rule.kind == RuleKind::trigger ? cond_text : "(" + cond_text + ")";
        out += cond ? shown_cond + " -> " + (*t.condition ? "true" : "false") : std::string("no condition");
        if (rule.kind != RuleKind::trigger && ev.selected == t.index)
            out += "  => chosen";
        else if (!t.reached)
            out += "  (not reached)";
        out += "\n";
        for (const ComparisonTrace& c : t.comparisons) {
            out += "  \"" + printable(c.left) + "\" " + std::string(to_string(c.op)) + " \"" +
                   printable(c.right) + "\": ";
            out += c.error.empty()
                       ? std::string(to_string(c.type)) + " comparison -> " + (c.result ? "true" : "false")
                       : "error: " + printable(c.error);
            out += "\n";
        }
    }
    return out;
}

std::string render_text(const Rule& rule, const Evaluation& ev, const RenderOptions& options) {
    std::string out = options.explain && rule.kind != RuleKind::schedule ? explain_text(rule, ev, options.text) : "";
    if (rule.kind == RuleKind::schedule) {
        if (rule.delays.empty()) return out + "no delays (empty schedule)\n";
        for (std::size_t i = 0; i < rule.delays.size(); ++i) {
            const Delay& d = rule.delays[i];
            out += "delay " + std::to_string(i + 1) + ": " + std::to_string(d.base) + " s";
            if (d.random) out += " plus up to " + std::to_string(d.random) + " s at random";
            if (i + 1 == rule.delays.size()) out += " (repeated)";
            out += "\n";
        }
        return out;
    }
    if (rule.kind == RuleKind::trigger) return out + (ev.trigger ? "true\n" : "false\n");
    if (!ev.selected) return out + "selected: none\n";
    const Alternative& alt = rule.alternatives[*ev.selected - 1];
    out += "selected: " + std::to_string(*ev.selected) + "\n";
    out += "condition: " + (alt.condition ? printable(alt.condition->text) : std::string("none")) + "\n";
    for (const auto& [name, value] : ev.assignments)
        out += "assignment: " + printable(name) + " = \"" + printable(value) + "\"\n";
    for (const auto& [name, value] : ev.options)
        out +=
            "option: --" + std::string(to_string(name)) + " " + printable(shown(name, value, options)) + "\n";
    if (!ev.url) return out + "url: none\n";
    out += "url: " + printable(ev.url->text) + "\n";
    out += "scheme: " + printable(ev.url->scheme) + "\n";
    if (ev.url->host.empty())
        out += "host: none (the DHCP option-66 TFTP server; give --tftp-server)\n";
    else
        out += "host: " + printable(ev.url->host) + (ev.url->host_from_dhcp ? " (DHCP option 66)\n" : "\n");
    out += "port: " + std::to_string(ev.url->port) + "\n";
    out += "path: " + printable(ev.url->path) + "\n";
    return out;
}

}  // namespace

std::string render_evaluation(const Rule& rule, const Evaluation& ev, const RenderOptions& options) {
    return options.json ? render_json(rule, ev, options) : render_text(rule, ev, options);
}

}  // namespace provkit::cli
