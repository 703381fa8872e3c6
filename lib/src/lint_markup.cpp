// XML-level checks of lint on the raw bytes of the markup: typographic quotes around attribute
// values (ua=”na” pasted from a PDF) and values without quotes, found before the XML parser
// would stop at them with a generic error, and patched so that the rest of the file is linted.
#include <cstdio>
#include <cstring>

#include "lint_internal.hpp"

namespace provkit::lint_detail {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_byte(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '-' ||
           u == '.' || u == ':';
}

// A typographic quote (not a dash) at text[at].
std::optional<Typographic> quote_at(std::string_view text, std::size_t at) noexcept {
    auto t = typographic_at(text, at);
    if (t && t->ascii != '-') return t;
    return std::nullopt;
}

std::string describe(std::string_view text, std::size_t at, const Typographic& t) {
    char cp[16];
    std::snprintf(cp, sizeof cp, "U+%04X", t.code_point);
    return std::string(text.substr(at, t.length)) + " (" + cp + ")";
}

class TagScanner {
public:
    TagScanner(std::string_view text, std::vector<MarkupProblem>& out) : text_(text), out_(out) {}

    // Scans the tag whose name starts at i (just after '<'); returns where scanning goes on.
    std::size_t scan(std::size_t i);

    std::string patched;  // a copy of text_ once something was repaired

private:
    void patch(std::size_t at, std::size_t length, bool opening) {
        if (patched.empty()) patched.assign(text_);
        // Same length: "  \"" for an opening quote, "\"  " for a closing one, so offsets stay.
        std::memset(patched.data() + at, ' ', length);
        patched[opening ? at + length - 1 : at] = '"';
    }
    std::size_t attribute_value(std::size_t eq);
    std::string_view attribute_name(std::size_t eq) const;

    std::string_view text_;
    std::vector<MarkupProblem>& out_;
};

std::string_view TagScanner::attribute_name(std::size_t eq) const {
    std::size_t end = eq;
    while (end > 0 && is_space(text_[end - 1])) --end;
    std::size_t begin = end;
    while (begin > 0 && is_name_byte(text_[begin - 1])) --begin;
    return text_.substr(begin, end - begin);
}

// The value of the attribute whose '=' is at eq. Returns the offset after it.
std::size_t TagScanner::attribute_value(std::size_t eq) {
    const std::size_t n = text_.size();
    const std::string name(attribute_name(eq));
    std::size_t j = eq + 1;
    while (j < n && is_space(text_[j])) ++j;
    if (j >= n) return j;
    const char c = text_[j];
    if (c == '"' || c == '\'') {
        // ASCII opening quote: a typographic quote just before the end of the attribute stands
        // for the closing one (ua="na”>), else scanning would run on into the next tag.
        for (std::size_t k = j + 1; k < n; ++k) {
            if (text_[k] == c) return k + 1;
            const auto t = quote_at(text_, k);
            if (!t) continue;
            const std::size_t after = k + t->length;
            if (after < n && !is_space(text_[after]) && text_[after] != '>' && text_[after] != '/') continue;
            const std::string value(text_.substr(j + 1, k - j - 1));
            out_.push_back({k, "typographic",
                            "typographic quote " + describe(text_, k, *t) + " closes the value of attribute " + name +
                                "; XML needs an ASCII " + (c == '"' ? "double quote" : "apostrophe") +
                                " (pasted from a PDF or word processor?)",
                            "write " + name + "=\"" + value + "\"", true});
            patch(k, t->length, false);
            return after;
        }
        return n;
    }
    if (const auto open = quote_at(text_, j)) {
        // Typographic opening quote: the value runs to the next quote of any kind on the line.
        const std::size_t v = j + open->length;
        std::size_t k = v;
        std::optional<Typographic> close;
        while (k < n && text_[k] != '"' && text_[k] != '\'' && text_[k] != '>' && text_[k] != '<' &&
               text_[k] != '\n' && !(close = quote_at(text_, k)))
            ++k;
        const bool closed = k < n && (close || text_[k] == '"' || text_[k] == '\'');
        const std::string value(text_.substr(v, k - v));
        out_.push_back({j, "typographic",
                        "typographic quote " + describe(text_, j, *open) + " around the value of attribute " + name +
                            "; XML needs ASCII double quotes (pasted from a PDF or word processor?)",
                        "write " + name + "=\"" + value + "\"", closed});
        if (!closed) return v;
        patch(j, open->length, true);
        if (close) {
            patch(k, close->length, false);
            return k + close->length;
        }
        if (text_[k] == '\'') patched[k] = '"';  // ua=“na' : make both ends match
        return k + 1;
    }
    if (is_name_byte(c)) {
        std::size_t e = j;
        while (e < n && !is_space(text_[e]) && text_[e] != '>' && text_[e] != '/' && text_[e] != '<') ++e;
        const std::string value(text_.substr(j, e - j));
        out_.push_back({j, name == "ua" ? "ua-quote" : "xml-syntax",
                        "the value of attribute " + name + " is not in quotes",
                        "write " + name + "=\"" + value + "\"", false});
        return e;
    }
    return j;  // anything else: the XML reader reports it
}

std::size_t TagScanner::scan(std::size_t i) {
    const std::size_t n = text_.size();
    while (i < n) {
        const char c = text_[i];
        if (c == '>') return i + 1;
        if (c == '<') return i;  // an unclosed tag: the XML reader reports it
        if (c == '=') {
            i = attribute_value(i);
        } else if (c == '"' || c == '\'') {  // a stray quoted string: skip it whole
            const std::size_t close = text_.find(c, i + 1);
            if (close == std::string_view::npos) return n;
            i = close + 1;
        } else {
            ++i;
        }
    }
    return n;
}

}  // namespace

bool has_typographic(std::string_view text) noexcept {
    // Every recognised character starts with 0xE2 (U+2010..U+2033, U+2212) or 0xC2 (« »).
    for (const unsigned char lead : {0xE2, 0xC2}) {
        const char* p = text.data();
        const char* end = p + text.size();
        while (p < end) {
            const void* hit = std::memchr(p, lead, static_cast<std::size_t>(end - p));
            if (hit == nullptr) break;
            const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
            if (typographic_at(text, at)) return true;
            p = static_cast<const char*>(hit) + 1;
        }
    }
    return false;
}

std::vector<MarkupProblem> scan_markup(std::string_view text, std::string& patched) {
    std::vector<MarkupProblem> out;
    TagScanner scanner(text, out);
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const void* lt = std::memchr(text.data() + i, '<', n - i);
        if (lt == nullptr) break;
        i = static_cast<std::size_t>(static_cast<const char*>(lt) - text.data());
        const std::string_view rest = text.substr(i);
        std::string_view end_mark;
        if (rest.substr(0, 4) == "<!--") end_mark = "-->";
        else if (rest.substr(0, 9) == "<![CDATA[") end_mark = "]]>";
        else if (rest.substr(0, 2) == "<!") end_mark = ">";
        if (!end_mark.empty()) {
            const std::size_t end = text.find(end_mark, i + 2);
            if (end == std::string_view::npos) break;
            i = end + end_mark.size();
            continue;
        }
        i = scanner.scan(i + 1);
    }
    if (!scanner.patched.empty()) patched = std::move(scanner.patched);
    return out;
}

}  // namespace provkit::lint_detail
