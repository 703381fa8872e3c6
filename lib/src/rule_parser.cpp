// The rule parser of provkit/rule.hpp: profile and upgrade rules, triggers (conditions).
// Schedules are parsed in rule_schedule.cpp.
#include <algorithm>
#include <cctype>

#include "provkit/macro.hpp"
#include "provkit/source_text.hpp"
#include "rule_internal.hpp"
#include "rule_parser.hpp"

namespace provkit {

namespace detail {

void Parser::parse_assignments(Alternative& alt, std::size_t begin, std::size_t end) {
    alt.has_assignments = true;
    pos_ = begin;
    while (true) {
        skip_ws(end);
        if (pos_ >= end) break;
        Assignment a;
        a.column = pos_ + 1;
        std::size_t start = pos_;
        while (pos_ < end && (std::isalnum(static_cast<unsigned char>(t_[pos_])) || t_[pos_] == '_' ||
                              t_[pos_] == '.' || t_[pos_] == '-'))
            ++pos_;
        std::string written(t_.substr(start, pos_ - start));
        a.name = written;
        if (a.name.empty()) fail(pos_, "expected a parameter name, as in ( Line_Enable_1_ = \"No\" ; )!");
        // NOTES.md: single lower-case letters a..p name GPP_A..GPP_P.
        if (a.name.size() == 1 && a.name[0] >= 'a' && a.name[0] <= 'p')
            a.name = std::string("GPP_") + static_cast<char>(std::toupper(a.name[0]));
        skip_ws(end);
        if (pos_ >= end || t_[pos_] != '=') fail(pos_, "expected '=' after " + written);
        ++pos_;
        skip_ws(end);
        if (pos_ < end) reject_typographic_quote(pos_);
        if (pos_ >= end || t_[pos_] != '"') fail(pos_, "expected a value in double quotes");
        std::size_t value_column = pos_ + 2;
        a.value = read_quoted(end);
        warn_secret_macros(a.value, value_column);
        alt.assignments.push_back(std::move(a));
        skip_ws(end);
        if (pos_ >= end) break;
        if (t_[pos_] != ';') fail(pos_, "expected ';' after an assignment");
        ++pos_;
    }
    pos_ = end;
}

void Parser::parse_options(Alternative& alt) {
    std::size_t open = pos_++;
    while (true) {
        skip_ws(t_.size());
        if (pos_ >= t_.size()) fail(open, "'[' is never closed with ']'");
        if (t_[pos_] == ']') {
            ++pos_;
            return;
        }
        // Option names are never echoed: a stray word here may be part of a key.
        std::size_t at = pos_;
        while (pos_ < t_.size() && !is_space(t_[pos_]) && t_[pos_] != ']') ++pos_;
        std::string_view word = t_.substr(at, pos_ - at);
        std::string_view name = word.starts_with("--") ? word.substr(2) : word.starts_with("-") ? word.substr(1) : "";
        static const std::pair<const char*, OptionName> names[] = {{"key", OptionName::key},
                                                                   {"uid", OptionName::uid},
                                                                   {"pwd", OptionName::pwd},
                                                                   {"post", OptionName::post},
                                                                   {"alias", OptionName::alias}};
        auto it = std::find_if(std::begin(names), std::end(names), [&](auto& n) { return name == n.first; });
        if (it == std::end(names))
            fail(at, "expected an option (--key, --uid, --pwd, --post or --alias) or ']'", "unknown-option");
        if (!word.starts_with("--"))
            warn(at, "option-single-dash",
                 "option -" + std::string(name) + " has one dash; write --" + std::string(name));
        UrlOption opt;
        opt.name = it->second;
        for (const UrlOption& o : alt.options)
            if (o.name == opt.name) fail(at, "option --" + std::string(name) + " given twice");
        skip_ws(t_.size());
        if (pos_ >= t_.size() || t_[pos_] == ']') fail(pos_, "option --" + std::string(name) + " needs a value");
        reject_typographic_quote(pos_);
        opt.column = pos_ + 1;
        if (t_[pos_] == '"') {
            opt.value = read_quoted(t_.size());
            ++opt.column;
        } else {
            std::size_t start = pos_;
            while (pos_ < t_.size() && !is_space(t_[pos_]) && t_[pos_] != ']') ++pos_;
            opt.value = t_.substr(start, pos_ - start);
        }
        if (opt.name == OptionName::post || opt.name == OptionName::alias) {
            // NOTES.md: --post x / --alias x name GPP_X.
            std::string v = lower(opt.value);
            if (v.size() != 1 || v[0] < 'a' || v[0] > 'p')
                fail(opt.column - 1, "--" + std::string(name) + " takes a letter a..p naming GPP_A..GPP_P");
            opt.value = v;
        }
        alt.options.push_back(std::move(opt));
    }
}

void Parser::warn_secret_macros(std::string_view text, std::size_t column) {
    for (const MacroRef& ref : find_macros(text))
        if (is_secret_macro(ref.name))
            warn(column - 1 + ref.offset, "secret-macro-outside-key",
                 "$" + ref.name + " expands only in --key, --uid and --pwd arguments; here it stays as written");
}

void Parser::check_url(const Operand& url, RuleKind kind) {
    std::size_t at = url.column - 1;
    if (url.text[0] == '(')
        fail(at, "a condition (...)? and assignments (...)! come first, once each, before options and the URL");
    if (url.text[0] == '[') fail(at, "only one [options] group, before the URL");
    if (url.text[0] == '"') fail(at, "a URL is not quoted");
    warn_secret_macros(url.text, url.column);
    if (url.text.find('$') != std::string::npos) {
        // The server may come from a macro; check only what is written.
        std::size_t sep = url.text.find("://");
        std::string_view after = sep == std::string::npos ? std::string_view(url.text)
                                                          : std::string_view(url.text).substr(sep + 3);
        if (kind == RuleKind::upgrade && after.starts_with("/"))
            warn(at, "upgrade-no-server", "Upgrade_Rule URLs need a server: there is no DHCP option-66 fallback",
                 true);
        return;
    }
    try {
        Url u = split_url(url.text, url.column);
        if (kind == RuleKind::upgrade && u.host.empty())
            warn(at, "upgrade-no-server", "Upgrade_Rule URLs need a server: there is no DHCP option-66 fallback",
                 true);
    } catch (const RuleError& e) {
        fail(e.column() - 1, e.what(), e.code());
    }
}

Alternative Parser::parse_alternative(RuleKind kind) {
    Alternative alt;
    skip_ws(t_.size());
    alt.column = pos_ + 1;
    for (int group = 0; group < 2 && pos_ < t_.size() && t_[pos_] == '('; ++group) {
        std::size_t open = pos_, close = close_of_group(open);
        char marker = close + 1 < t_.size() ? t_[close + 1] : '\0';
        if (marker == '?') {
            if (alt.condition || alt.has_assignments)
                fail(open, alt.condition ? "a second condition: join comparisons with 'and'"
                                         : "the condition (...)? must come before the assignments (...)!");
            alt.condition = parse_condition(open + 1, close);
        } else if (marker == '!') {
            if (alt.has_assignments) fail(open, "a second assignment group: separate assignments with ';'");
            parse_assignments(alt, open + 1, close);
        } else {
            fail(close, "expected '?' right after the ')' of a condition or '!' after assignments");
        }
        pos_ = close + 2;
        skip_ws(t_.size());
    }
    std::size_t options_at = pos_;
    if (pos_ < t_.size() && t_[pos_] == '[') {
        parse_options(alt);
        if (kind == RuleKind::upgrade)
            warn(options_at, "upgrade-options", "URL options are not supported in Upgrade_Rule", true);
        skip_ws(t_.size());
    }
    std::size_t end = std::min(t_.find('|', pos_), t_.size());
    std::size_t last = end;
    while (last > pos_ && is_space(t_[last - 1])) --last;
    if (last > pos_) {
        alt.url = Operand{std::string(t_.substr(pos_, last - pos_)), false, pos_ + 1};
        check_url(*alt.url, kind);
    } else if (!alt.options.empty()) {
        fail(pos_, "URL options must be followed by a URL");
    } else if (kind == RuleKind::upgrade && (alt.condition || alt.has_assignments)) {
        warn(pos_, "upgrade-no-url", "an Upgrade_Rule alternative needs a URL", true);
    }
    pos_ = end;
    return alt;
}

Rule Parser::parse_alternatives(RuleKind kind) {
    Rule rule;
    rule.kind = kind;
    skip_ws(t_.size());
    if (pos_ == t_.size()) return rule;  // empty: "the entire Profile_Rule* parameter is skipped"
    while (true) {
        rule.alternatives.push_back(parse_alternative(kind));
        if (pos_ >= t_.size()) break;
        ++pos_;  // '|'
    }
    // "All alternatives except the last one must provide a conditional expression."
    for (std::size_t i = 0; i + 1 < rule.alternatives.size(); ++i)
        if (!rule.alternatives[i].condition)
            fail(rule.alternatives[i].column - 1,
                 "only the last alternative may go without a condition; alternatives after it are never used",
                 "unconditional-alternative");
    return rule;
}

Rule Parser::parse_trigger() {
    Rule rule;
    rule.kind = RuleKind::trigger;
    skip_ws(t_.size());
    if (pos_ == t_.size()) return rule;  // empty: the trigger is not set
    std::size_t end = t_.size();
    if (t_[pos_] == '(') {
        std::size_t open = pos_, close = close_of_group(open);
        char marker = close + 1 < end ? t_[close + 1] : '\0';
        if (marker == '!') fail(open, "a trigger has no assignments, only a condition");
        if (marker == '?') {
            pos_ = close + 2;
            skip_ws(end);
            if (pos_ < end) fail(pos_, "unexpected text after the condition");
            // Guide: "Do not use the preceding syntax with parentheses to configure the
            // Resync_Trigger_* parameters."
            warn(open, "trigger-expr-form",
                 "Resync_Trigger takes a bare condition; remove the '(' and ')?' around it", true);
            rule.trigger = parse_condition(open + 1, close);
            return rule;
        }
    }
    rule.trigger = parse_condition(pos_, end);
    return rule;
}

}  // namespace detail

using detail::Parser;
using detail::SyntaxError;

std::string_view to_string(RuleKind kind) {
    switch (kind) {
        case RuleKind::profile: return "profile";
        case RuleKind::upgrade: return "upgrade";
        case RuleKind::trigger: return "trigger";
        case RuleKind::schedule: return "schedule";
    }
    return "";
}

std::string_view to_string(CompareOp op) {
    static const char* names[] = {"eq", "ne", "lt", "le", "gt", "ge"};
    return names[static_cast<int>(op)];
}

std::string_view to_string(OptionName name) {
    static const char* names[] = {"key", "uid", "pwd", "post", "alias"};
    return names[static_cast<int>(name)];
}

bool is_secret_option(OptionName name) { return name == OptionName::key || name == OptionName::pwd; }

std::string_view to_string(OperandType type) {
    static const char* names[] = {"integer", "version", "string"};
    return names[static_cast<int>(type)];
}

ParseResult parse_rule(std::string_view text, RuleKind kind) {
    ParseResult result;
    // Bytes no profile can carry (XML 1.0): such a rule cannot come from one, and a message that
    // quotes it must not send a terminal its escape sequences.
    if (auto fault = check_utf8_text(text)) {
        std::string message = fault->message;  // its advice is about files: say it for a rule
        if (fault->code == "utf8")
            message = message.substr(0, message.find(';')) +
                      "; a rule must be UTF-8, as a profile is (check the encoding of the terminal or file it came "
                      "from)";
        result.error = RuleDiagnostic{fault->offset + 1, fault->code, message, false};
        return result;
    }
    try {
        Parser parser(text, result.warnings);
        if (kind == RuleKind::trigger) {
            result.rule = parser.parse_trigger();
        } else if (kind == RuleKind::schedule) {
            result.rule = Rule{};
            result.rule->kind = kind;
            result.rule->delays = detail::parse_schedule(text);
        } else {
            result.rule = parser.parse_alternatives(kind);
        }
    } catch (const SyntaxError& e) {
        result.rule.reset();
        result.error = RuleDiagnostic{e.offset + 1, e.code, e.message, false};
    } catch (const RuleError& e) {
        result.rule.reset();
        result.error = RuleDiagnostic{e.column(), e.code(), e.what(), false};
    }
    return result;
}

}  // namespace provkit
