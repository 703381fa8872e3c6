// Character-level XML helpers: entity decoding with positions, value rules, escaping.
#include "xml_text.hpp"

#include <cstdio>
#include <cstring>

#include "provkit/source_text.hpp"

namespace provkit {

namespace {

bool is_xml_char(std::uint32_t cp) noexcept {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Decodes the reference starting at raw[0] == '&'. On success stores the bytes in out and the
// length consumed in used.
std::optional<std::string> decode_reference(const char* raw, std::size_t& used, std::string& out) {
    const char* semi = nullptr;
    for (std::size_t i = 1; i < 12 && raw[i] != '\0'; ++i)
        if (raw[i] == ';') {
            semi = raw + i;
            break;
        }
    if (semi == nullptr) return std::string("'&' starts no escape; write a literal & as &amp;");
    const std::string_view body(raw + 1, static_cast<std::size_t>(semi - raw - 1));
    used = body.size() + 2;
    if (body == "amp") return out.push_back('&'), std::nullopt;
    if (body == "lt") return out.push_back('<'), std::nullopt;
    if (body == "gt") return out.push_back('>'), std::nullopt;
    if (body == "apos") return out.push_back('\''), std::nullopt;
    if (body == "quot") return out.push_back('"'), std::nullopt;
    if (body.size() >= 2 && body[0] == '#') {
        const bool hex = body[1] == 'x';
        const std::string_view digits = body.substr(hex ? 2 : 1);
        std::uint32_t cp = 0;
        bool ok = !digits.empty() && digits.size() <= 8;
        for (char c : digits) {
            int d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            else {
                ok = false;
                break;
            }
            cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
        }
        if (!ok)
            return "malformed character reference &" + std::string(body) + "; (use &#DECIMAL; or &#xHEX;)";
        if (!is_xml_char(cp)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", cp);
            return "character reference &" + std::string(body) + "; names " + buf +
                   ", which XML 1.0 does not allow";
        }
        append_utf8(out, cp);
        return std::nullopt;
    }
    return "unknown entity &" + std::string(body) +
           "; (XML defines only &amp; &lt; &gt; &apos; &quot; and character references; a literal & "
           "is written &amp;)";
}

}  // namespace

bool is_xml_name(std::string_view name) noexcept {
    if (name.empty()) return false;
    const auto first = static_cast<unsigned char>(name[0]);
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_' || first == ':' ||
          first >= 0x80))
        return false;
    for (char c : name)
        if (!is_name_char(c)) return false;
    return !check_utf8_text(name).has_value();
}

bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::optional<TextError> decode_xml_text(const char* raw, std::string& out) {
    for (const char* p = raw; *p != '\0';) {
        if (*p != '&') {
            out.push_back(*p++);
            continue;
        }
        std::size_t used = 0;
        if (auto bad = decode_reference(p, used, out))
            return TextError{static_cast<std::size_t>(p - raw), *bad};
        p += used;
    }
    return std::nullopt;
}

void ValueBuilder::soft(char c) {
    if (started_) out_.push_back(c);  // leading white space is dropped, trailing cut in finish()
}

void ValueBuilder::hard(std::string_view bytes) {
    out_.append(bytes);
    started_ = true;
    hard_end_ = out_.size();
}

std::optional<TextError> ValueBuilder::add_markup_text(const char* raw) {
    const char* p = raw;
    while (*p != '\0') {
        const char c = *p;
        if (c == ' ' || c == '\t') {
            soft(c);
            ++p;
        } else if (c == '\n') {
            soft(' ');
            ++p;
        } else if (c == '\r') {
            if (p[1] != '\n') soft(' ');  // CR LF is one newline: the LF makes the space
            ++p;
        } else if (c == '&') {
            std::size_t used = 0;
            if (auto bad = decode_reference(p, used, out_))
                return TextError{static_cast<std::size_t>(p - raw), *bad};
            started_ = true;  // whatever the reference produced is content, white space too
            hard_end_ = out_.size();
            p += used;
        } else {
            const std::size_t run = std::strcspn(p, " \t\r\n&");
            hard(std::string_view(p, run));
            p += run;
        }
    }
    return std::nullopt;
}

void ValueBuilder::add_literal_text(const char* raw) {
    for (const char* p = raw; *p != '\0';) {
        const char c = *p;
        if (c == ' ' || c == '\t' || c == '\n') {
            soft(c == '\n' ? ' ' : c);
            ++p;
        } else if (c == '\r') {
            if (p[1] != '\n') soft(' ');
            ++p;
        } else {
            const std::size_t run = std::strcspn(p, " \t\r\n");
            hard(std::string_view(p, run));
            p += run;
        }
    }
}

std::string_view ValueBuilder::finish() {
    out_.resize(hard_end_);
    return out_;
}

void append_escaped_value(std::string& out, std::string_view value) {
    std::size_t begin = 0, end = value.size();
    const auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    const auto reference = [&](char c) {
        out += c == ' ' ? "&#32;" : c == '\t' ? "&#9;" : c == '\r' ? "&#13;" : "&#10;";
    };
    while (begin < end && is_ws(value[begin])) reference(value[begin++]);
    std::size_t trail = end;
    while (trail > begin && is_ws(value[trail - 1])) --trail;
    for (std::size_t i = begin; i < trail; ++i) {
        const char c = value[i];
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '\r':
                out += "&#13;";
                break;
            case '\n':
                out += "&#10;";
                break;
            default:
                out.push_back(c);
        }
    }
    for (std::size_t i = trail; i < end; ++i) reference(value[i]);
}

std::optional<TextError> find_typographic_in_markup(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    std::size_t begin = offset;
    const std::size_t floor = offset > 512 ? offset - 512 : 0;
    // offset may be text.size() (an error at the very end): never read text[text.size()].
    while (begin > floor && (begin == text.size() || text[begin] != '<')) --begin;
    const std::size_t end = std::min(text.size(), offset + 16);
    for (std::size_t i = begin; i < end; ++i) {
        auto typo = typographic_at(text, i);
        if (!typo) continue;
        char cp[16];
        std::snprintf(cp, sizeof cp, "U+%04X", typo->code_point);
        const std::string what = typo->ascii == '-' ? "dash" : "quote";
        const std::string ascii = typo->ascii == '"'    ? "double quote \""
                                  : typo->ascii == '\'' ? "apostrophe '"
                                                        : "hyphen -";
        return TextError{i, "typographic " + what + " " + std::string(text.substr(i, typo->length)) + " (" +
                                cp + ") where XML needs an ASCII " + ascii +
                                " (pasted from a PDF or word processor?); replace it"};
    }
    return std::nullopt;
}

}  // namespace provkit
