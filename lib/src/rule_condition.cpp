// Conditions of the rule language (guide ch. 2 "Conditional Expressions"): comparisons of
// integers, version strings and "strings" joined by 'and', with static type checks.
#include "provkit/macro.hpp"
#include "rule_internal.hpp"
#include "rule_parser.hpp"

namespace provkit::detail {

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
    auto literal_type = [](const Operand& o) -> std::optional<OperandType> {
        // Operands with a '$' are known after expansion; a quoted macro compared with a
        // number is the lint warning below rather than an error here.
        if (o.text.find('$') != std::string::npos) return std::nullopt;
        if (o.quoted) return OperandType::string;
        return classify_word(o.text);
    };
    for (const Operand* o : {&c.left, &c.right})
        if (!o->quoted && o->text.find('$') == std::string::npos && !classify_word(o->text))
            fail(o->column - 1, not_a_literal_message(o->text), "format");
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

}  // namespace provkit::detail
