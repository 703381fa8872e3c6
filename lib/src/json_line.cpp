// One flat JSON object per line (RFC 8259), for JSON Lines tables and the bulk manifest.
#include "json_line.hpp"

#include <unordered_set>

#include "provkit/source_text.hpp"

namespace provkit::json_line {

namespace {

class Parser {
public:
    explicit Parser(std::string_view s) : s_(s) {}

    std::optional<ParseError> object(std::vector<Member>& out) {
        skip_space();
        if (!eat('{')) return fail("a JSON Lines row must be an object: { \"mac\": \"...\", ... }");
        skip_space();
        if (eat('}')) return finish();
        for (;;) {
            skip_space();
            const std::size_t key_at = i_;
            Member m;
            if (peek() != '"') return fail("expected a key in double quotes");
            if (auto e = string(m.key)) return e;
            if (given_twice(out, m.key)) return ParseError{key_at, "key \"" + m.key + "\" is given twice"};
            skip_space();
            if (!eat(':')) return fail("expected ':' after the key");
            skip_space();
            if (auto e = value(m)) return e;
            out.push_back(std::move(m));
            skip_space();
            if (eat('}')) return finish();
            if (!eat(',')) return fail("expected ',' or '}'");
        }
    }

private:
    // Whether key is among the members so far. A plain scan for the usual handful of keys; past
    // that a hash set, so that a line of a million keys costs linear time, not quadratic.
    bool given_twice(const std::vector<Member>& out, const std::string& key) {
        constexpr std::size_t scan_up_to = 32;
        if (out.size() < scan_up_to) {
            for (const Member& seen : out)
                if (seen.key == key) return true;
            return false;
        }
        if (keys_.empty())
            for (const Member& seen : out) keys_.insert(seen.key);
        return !keys_.insert(key).second;
    }

    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    bool eat(char c) {
        if (peek() != c || i_ >= s_.size()) return false;
        ++i_;
        return true;
    }
    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
    }
    ParseError fail(std::string message) const { return {i_, std::move(message)}; }

    std::optional<ParseError> finish() {
        skip_space();
        if (i_ != s_.size()) return fail("unexpected text after the object");
        return std::nullopt;
    }

    std::optional<ParseError> value(Member& m) {
        const char c = peek();
        if (c == '"') return string(m.value);
        if (c == '-' || (c >= '0' && c <= '9')) return number(m.value);
        if (s_.substr(i_, 4) == "null") {
            i_ += 4;
            m.null = true;
            return std::nullopt;
        }
        const char* what = c == '{'                                                    ? "an object"
                           : c == '['                                                  ? "an array"
                           : s_.substr(i_, 4) == "true" || s_.substr(i_, 5) == "false" ? "a boolean"
                                                                                       : nullptr;
        if (what == nullptr) return fail("expected a value (a string, a number or null)");
        return fail("the value of \"" + m.key + "\" is " + what + "; values must be strings or numbers");
    }

    // RFC 8259 number grammar; the value is its literal text.
    std::optional<ParseError> number(std::string& out) {
        const std::size_t start = i_;
        auto digits = [&] {
            const std::size_t from = i_;
            while (peek() >= '0' && peek() <= '9') ++i_;
            return i_ > from;
        };
        eat('-');
        if (eat('0')) {
        } else if (!digits())
            return fail("malformed number");
        if (eat('.') && !digits()) return fail("malformed number: digits must follow '.'");
        if (peek() == 'e' || peek() == 'E') {
            ++i_;
            if (!eat('+')) eat('-');
            if (!digits()) return fail("malformed number: digits must follow the exponent");
        }
        out.assign(s_.substr(start, i_ - start));
        return std::nullopt;
    }

    std::optional<ParseError> hex4(std::uint32_t& v) {
        v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = peek();
            const int d = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
            if (d < 0) return fail("\\u needs four hex digits");
            v = v * 16 + std::uint32_t(d);
            ++i_;
        }
        return std::nullopt;
    }

    std::optional<ParseError> string(std::string& out) {
        ++i_;  // the opening quote
        out.clear();
        for (;;) {
            if (i_ >= s_.size()) return fail("the string never ends (a closing \" is missing)");
            const char c = s_[i_];
            if (c == '"') {
                ++i_;
                return std::nullopt;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("a control character inside a string must be escaped (\\n, \\t, \\u00XX)");
            if (c != '\\') {
                out.push_back(c);
                ++i_;
                continue;
            }
            ++i_;
            const char e = peek();
            ++i_;
            switch (e) {
                case '"':
                    out.push_back('"');
                    break;
                case '\\':
                    out.push_back('\\');
                    break;
                case '/':
                    out.push_back('/');
                    break;
                case 'b':
                    out.push_back('\b');
                    break;
                case 'f':
                    out.push_back('\f');
                    break;
                case 'n':
                    out.push_back('\n');
                    break;
                case 'r':
                    out.push_back('\r');
                    break;
                case 't':
                    out.push_back('\t');
                    break;
                case 'u': {
                    std::uint32_t cp;
                    if (auto err = hex4(cp)) return err;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("a lone low surrogate in \\u escapes");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        std::uint32_t low;
                        if (s_.substr(i_, 2) != "\\u")
                            return fail("a high surrogate must be followed by \\uDC00-\\uDFFF");
                        i_ += 2;
                        if (auto err = hex4(low)) return err;
                        if (low < 0xDC00 || low > 0xDFFF)
                            return fail("a high surrogate must be followed by \\uDC00-\\uDFFF");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    append_utf8(out, cp);
                    break;
                }
                default:
                    --i_;
                    return fail(
                        "unknown escape in a string (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
            }
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::unordered_set<std::string> keys_;  // the keys so far, once there are many
};

}  // namespace

std::optional<ParseError> parse_object(std::string_view line, std::vector<Member>& out) {
    // Raw bytes must be UTF-8; control characters are caught by the grammar (only escaped ones
    // are allowed in strings, only tab/CR/LF between tokens).
    if (auto fault = check_utf8_text(line); fault && fault->code == "utf8")
        return ParseError{fault->offset, "invalid UTF-8: the table must be UTF-8 (re-save it as UTF-8)"};
    return Parser(line).object(out);
}

}  // namespace provkit::json_line
