// Value checks of lint: the catalog's type validation, typographic characters where the type
// needs ASCII, non-ASCII characters; and finding byte k of a decoded value in its source.
#include <cstdio>

#include "lint_internal.hpp"

namespace provkit::lint_detail {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Bytes that the reference at ref[0] == '&' decodes to.
std::size_t reference_length(std::string_view ref) noexcept {
    if (ref.size() < 3 || ref[1] != '#') return 1;  // &amp; &lt; &gt; &apos; &quot;
    const bool hex = ref[2] == 'x';
    std::uint32_t cp = 0;
    for (std::size_t i = hex ? 3 : 2; i < ref.size() && ref[i] != ';'; ++i) {
        const char c = ref[i];
        const std::uint32_t d = c >= '0' && c <= '9' ? std::uint32_t(c - '0')
                                : c >= 'a' && c <= 'f' ? std::uint32_t(c - 'a' + 10)
                                : c >= 'A' && c <= 'F' ? std::uint32_t(c - 'A' + 10)
                                                       : 0;
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) break;
    }
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Content of an XML element starting at i: walks it as the reader decodes it (leading white
// space dropped, CR LF one character, references decoded, comments skipped, CDATA literal) and
// returns the offset where decoded byte k comes from.
std::size_t content_offset(std::string_view text, std::size_t i, std::size_t k) {
    const std::size_t n = text.size();
    std::size_t decoded = 0;
    bool started = false;
    while (i < n) {
        const std::string_view rest = text.substr(i);
        if (text[i] == '<') {
            if (rest.substr(0, 4) == "<!--") {
                const std::size_t end = text.find("-->", i + 4);
                if (end == std::string_view::npos) return i;
                i = end + 3;
                continue;
            }
            if (rest.substr(0, 9) != "<![CDATA[") return i;
            const std::size_t end = std::min(text.find("]]>", i + 9), n);
            for (std::size_t j = i + 9; j < end; ++j) {
                if (!started && is_space(text[j])) continue;
                if (decoded >= k) return j;
                if (!(text[j] == '\r' && j + 1 < end && text[j + 1] == '\n')) ++decoded;
                started = true;
            }
            i = end + 3;
            continue;
        }
        if (!started && is_space(text[i])) {
            ++i;
            continue;
        }
        if (decoded >= k) return i;
        started = true;
        if (text[i] == '&') {
            const std::size_t semi = text.find(';', i);
            if (semi == std::string_view::npos) return i;
            decoded += reference_length(text.substr(i, semi - i + 1));
            i = semi + 1;
            continue;
        }
        if (!(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) ++decoded;  // CR LF: the LF counts
        ++i;
    }
    return n;
}

std::string code_point_text(std::string_view value, std::size_t at) {
    const auto* s = reinterpret_cast<const unsigned char*>(value.data()) + at;
    const std::size_t rest = value.size() - at;
    std::uint32_t cp = s[0];
    std::size_t len = 1;
    if (s[0] >= 0xF0 && rest >= 4) cp = s[0] & 0x07, len = 4;
    else if (s[0] >= 0xE0 && rest >= 3) cp = s[0] & 0x0F, len = 3;
    else if (s[0] >= 0xC0 && rest >= 2) cp = s[0] & 0x1F, len = 2;
    for (std::size_t i = 1; i < len; ++i) cp = (cp << 6) | (s[i] & 0x3F);
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", cp);
    return std::string(value.substr(at, len)) + " (" + buf + ")";
}

std::size_t first_non_ascii(std::string_view v) noexcept {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (static_cast<unsigned char>(v[i]) >= 0x80) return i;
    return std::string_view::npos;
}

}  // namespace

std::size_t value_offset(const ValueSite& site, std::size_t k) {
    const std::string_view text = site.file->text();
    const std::size_t n = text.size();
    const std::size_t element = site.file->offset(site.line, site.column);
    std::size_t i = element;
    if (!site.file->xml()) {  // spc: the value is taken literally between double quotes
        const std::size_t quote = text.find('"', i);
        return quote == std::string_view::npos ? i : std::min(quote + 1 + k, n);
    }
    // XML: step over the start tag (its attribute values may hold '>').
    for (++i; i < n && text[i] != '>'; ++i) {
        if (text[i] == '"' || text[i] == '\'') {
            const std::size_t close = text.find(text[i], i + 1);
            if (close == std::string_view::npos) return element;
            i = close;
        }
    }
    if (i >= n || text[i - 1] == '/') return element;
    return content_offset(text, i + 1, k);
}

bool check_value(const Param& param, const ParamSpec* spec, const ValueSite& site, Sink& sink) {
    if (param.kind() != ValueKind::text) return false;  // <X/>, <X></X> and "" always fit
    const std::string_view v = param.value;
    const bool secret = spec && spec->secret;
    const std::size_t wide = first_non_ascii(v);
    if (wide != std::string_view::npos && spec && spec->type != ValueType::string) {
        // Where the type is not free text, a typographic character is a paste accident: say that
        // rather than that the value does not parse.
        for (std::size_t i = wide; i < v.size(); ++i) {
            const auto t = typographic_at(v, i);
            if (!t) continue;
            const std::string kind = t->ascii == '-' ? "dash" : "quote";
            sink.add(*site.file, value_offset(site, i), "typographic",
                     "typographic " + kind + " " + code_point_text(v, i) + " in the value of " + param.name +
                         " (" + std::string(to_string(spec->type)) + "); the phone needs an ASCII " +
                         (t->ascii == '-' ? "hyphen -" : t->ascii == '"' ? "double quote \"" : "apostrophe '"),
                     "replace it with " + std::string(1, t->ascii));
            return true;
        }
    }
    bool unfit = false;
    if (spec) {
        if (auto problem = validate(*spec, v)) {
            unfit = true;
            // A secret's value is never echoed.
            std::string message = secret ? "the value does not fit the type of " + param.name + " (" +
                                               spec->type_text() + ")"
                                         : param.name + ": " + problem->message;
            sink.add(*site.file, value_offset(site, problem->offset), "value-type", std::move(message),
                     std::move(problem->hint));
        }
    }
    if (wide != std::string_view::npos && sink.enabled("non-ascii")) {
        const auto t = typographic_at(v, wide);
        std::string message = "the value of " + param.name + " contains the non-ASCII character " +
                              (secret ? std::string("at this position") : code_point_text(v, wide)) +
                              "; some phone families accept only ASCII";
        sink.add(*site.file, value_offset(site, wide), "non-ascii", std::move(message),
                 t ? "if it was meant as ASCII, write " + std::string(1, t->ascii) : std::string());
    }
    return unfit;
}

}  // namespace provkit::lint_detail
