// The rule parser of provkit/rule.hpp: profile and upgrade rules, triggers (conditions).
// Schedules are parsed in rule_schedule.cpp.
#include <algorithm>
#include <cctype>

#include "provkit/macro.hpp"
#include "rule_internal.hpp"

namespace provkit {

namespace detail {
std::vector<Delay> parse_schedule(std::string_view text);  // rule_schedule.cpp
}

namespace {

struct SyntaxError {
    std::size_t offset;
    std::string message;
    std::string code;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string lower(std::string_view s) {
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return std::tolower(c); });
    return r;
}

class Parser {
public:
    Parser(std::string_view text, std::vector<RuleDiagnostic>& warnings) : t_(text), warnings_(warnings) {}

    Rule parse_alternatives(RuleKind kind);
    Rule parse_trigger();

private:
    [[noreturn]] void fail(std::size_t offset, std::string message, std::string code = "syntax") const {
        throw SyntaxError{offset, std::move(message), std::move(code)};
    }
    void warn(std::size_t offset, std::string code, std::string message, bool kind_violation = false) {
        warnings_.push_back({offset + 1, std::move(code), std::move(message), kind_violation});
    }
    void skip_ws(std::size_t end) {
        while (pos_ < end && is_space(t_[pos_])) ++pos_;
    }
    // Guide examples are typeset with “curly” quotes; a phone needs plain ones.
    void reject_typographic_quote(std::size_t at) const {
        std::string_view rest = t_.substr(at);
        if (rest.starts_with("\xE2\x80\x9C") || rest.starts_with("\xE2\x80\x9D"))
            fail(at, "typographic quote; use a plain double quote (\")", "typographic-quote");
    }

    std::size_t close_of_group(std::size_t open) const;
    std::string_view read_word(std::size_t end);
    std::string read_quoted(std::size_t end);
    Alternative parse_alternative(RuleKind kind);
    Condition parse_condition(std::size_t begin, std::size_t end);
    Operand parse_operand(std::size_t end);
    CompareOp parse_operator(std::size_t end);
    void check_comparison(const Comparison& c);
    void parse_assignments(Alternative& alt, std::size_t begin, std::size_t end);
    void parse_options(Alternative& alt);
    void check_url(const Operand& url, RuleKind kind);
    void warn_secret_macros(std::string_view text, std::size_t column);

    std::string_view t_;
    std::size_t pos_ = 0;
    std::vector<RuleDiagnostic>& warnings_;
};

// Index of the ')' closing the '(' at open; strings and nested groups (a legacy version
// 2.0.3(0412s), a macro $(A:2)) are skipped.
std::size_t Parser::close_of_group(std::size_t open) const {
    int depth = 0;
    for (std::size_t i = open; i < t_.size(); ++i) {
        if (t_[i] == '"') {
            std::size_t q = t_.find('"', i + 1);
            if (q == std::string_view::npos) fail(i, "unterminated string: no closing '\"'");
            i = q;
        } else if (t_[i] == '(') {
            ++depth;
        } else if (t_[i] == ')' && --depth == 0) {
            return i;
        }
    }
    fail(open, "'(' is never closed: expected ')?' after a condition or ')!' after assignments");
}

// A word of a condition: up to white space, a quote or an operator character; balanced
// parentheses belong to the word.
std::string_view Parser::read_word(std::size_t end) {
    std::size_t start = pos_;
    while (pos_ < end) {
        char c = t_[pos_];
        if (is_space(c) || c == '"' || c == '<' || c == '>' || c == '=' || c == '!' || c == ')') break;
        if (c == '(') {
            pos_ = close_of_group(pos_);
            if (pos_ >= end) fail(start, "unbalanced parentheses");
        }
        ++pos_;
    }
    return t_.substr(start, pos_ - start);
}

std::string Parser::read_quoted(std::size_t end) {
    std::size_t close = t_.find('"', pos_ + 1);
    if (close == std::string_view::npos || close >= end) fail(pos_, "unterminated string: no closing '\"'");
    std::string value(t_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return value;
}

Operand Parser::parse_operand(std::size_t end) {
    if (pos_ >= end) fail(pos_, "expected an operand: an integer, a version string or a \"string\"");
    reject_typographic_quote(pos_);
    Operand op;
    op.column = pos_ + 1;
    if (t_[pos_] == '"') {
        op.quoted = true;
        op.text = read_quoted(end);
        return op;
    }
    op.text = read_word(end);
    if (op.text.empty())
        fail(pos_, "expected an operand, found '" + std::string(1, t_[pos_]) + "'");
    return op;
}

CompareOp Parser::parse_operator(std::size_t end) {
    std::size_t start = pos_;
    auto symbol = [&](std::string_view s) {
        if (t_.substr(pos_, std::min(s.size(), end - pos_)) != s) return false;
        pos_ += s.size();
        return true;
    };
    if (symbol("==") || symbol("=")) return CompareOp::eq;
    if (symbol("!=")) return CompareOp::ne;
    if (symbol("<=")) return CompareOp::le;
    if (symbol("<")) return CompareOp::lt;
    if (symbol(">=")) return CompareOp::ge;
    if (symbol(">")) return CompareOp::gt;
    std::string word = lower(read_word(end));
    static const std::pair<const char*, CompareOp> acronyms[] = {{"eq", CompareOp::eq}, {"ne", CompareOp::ne},
                                                                 {"lt", CompareOp::lt}, {"le", CompareOp::le},
                                                                 {"gt", CompareOp::gt}, {"ge", CompareOp::ge}};
    for (auto [name, op] : acronyms)
        if (word == name) return op;
    std::string found = pos_ > start ? "'" + std::string(t_.substr(start, pos_ - start)) + "'"
                        : start < end ? "'" + std::string(1, t_[start]) + "'"
                                      : "the end of the condition";
    fail(start, "expected a comparison operator (eq ne lt le gt ge, or = != < <= > >=), found " + found);
}

// Type checks that need no device: literal operands must be integers or versions, strings
// take only eq/ne, and literal types must match. Quoting mistakes around macros are warnings
// (guide: "enclose macro variables in double quotes where a string literal is expected. Do
// not do so where a number or version number is expected.").
void Parser::check_comparison(const Comparison& c) {
    auto literal_type = [](const Operand& o) -> std::optional<ValueType> {
        // Operands with a '$' are known after expansion; a quoted macro compared with a
        // number is the lint warning below rather than an error here.
        if (o.text.find('$') != std::string::npos) return std::nullopt;
        if (o.quoted) return ValueType::string;
        return detail::classify_word(o.text);
    };
    for (const Operand* o : {&c.left, &c.right})
        if (!o->quoted && o->text.find('$') == std::string::npos && !detail::classify_word(o->text))
            fail(o->column - 1, detail::not_a_literal_message(o->text), "format");
    bool ordering = c.op != CompareOp::eq && c.op != CompareOp::ne;
    if (c.left.quoted && c.right.quoted && ordering)
        fail(c.op_column - 1, "strings can only be compared with eq or ne; to compare numbers or versions, "
                              "remove the quotes", "string-order");
    auto lt = literal_type(c.left), rt = literal_type(c.right);
    if (lt && rt && *lt != *rt)
        fail(c.op_column - 1, "cannot compare " + std::string(to_string(*lt)) + " with " +
                                  std::string(to_string(*rt)), "type-mismatch");
    auto has_macro = [](const Operand& o) { return !find_macros(o.text).empty(); };
    for (auto [a, b] : {std::pair{&c.left, &c.right}, std::pair{&c.right, &c.left}}) {
        if (!has_macro(*a)) continue;
        if (a->quoted && !b->quoted && (!has_macro(*b) || ordering))
            warn(a->column - 1, "quoted-macro-number",
                 "\"" + a->text + "\" is quoted, so it is a string, but it is compared with a number or version; "
                 "remove the quotes");
        else if (!a->quoted && b->quoted)
            warn(a->column - 1, "unquoted-macro-string",
                 a->text + " is compared with a string; put it in double quotes (\"" + a->text + "\")");
    }
}

Condition Parser::parse_condition(std::size_t begin, std::size_t end) {
    Condition cond;
    pos_ = begin;
    skip_ws(end);
    cond.column = pos_ + 1;
    std::size_t last = end;
    while (last > pos_ && is_space(t_[last - 1])) --last;
    cond.text = t_.substr(pos_, last - pos_);
    while (true) {
        skip_ws(end);
        if (pos_ >= end) fail(pos_, "expected a comparison such as $PRVTMR ge 600");
        Comparison c;
        c.left = parse_operand(end);
        skip_ws(end);
        c.op_column = pos_ + 1;
        c.op = parse_operator(end);
        skip_ws(end);
        c.right = parse_operand(end);
        check_comparison(c);
        warn_secret_macros(c.left.text, c.left.column + (c.left.quoted ? 1 : 0));
        warn_secret_macros(c.right.text, c.right.column + (c.right.quoted ? 1 : 0));
        cond.comparisons.push_back(std::move(c));
        skip_ws(end);
        if (pos_ >= end) break;
        std::size_t at = pos_;
        std::string_view word = read_word(end);
        if (lower(word) != "and")
            fail(at, "expected 'and' between comparisons, found '" +
                         std::string(word.empty() ? t_.substr(at, 1) : word) + "'");
    }
    pos_ = end;
    return cond;
}

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

}  // namespace

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

std::string_view to_string(ValueType type) {
    static const char* names[] = {"integer", "version", "string"};
    return names[static_cast<int>(type)];
}

ParseResult parse_rule(std::string_view text, RuleKind kind) {
    ParseResult result;
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
