// The rule parser's internals, shared by rule_parser.cpp (rules, options, URLs) and
// rule_condition.cpp (conditions): a recursive-descent parser over the text as written.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/rule.hpp"

namespace provkit::detail {

struct SyntaxError {
    std::size_t offset;
    std::string message;
    std::string code;
};

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline std::string lower(std::string_view s) {
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

std::vector<Delay> parse_schedule(std::string_view text);  // rule_schedule.cpp

}  // namespace provkit::detail
