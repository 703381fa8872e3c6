// Parameter values as a phone reads them.
#include "device_values.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace provkit::detail {

std::string normalize_value(std::string_view raw) {
    std::string v;
    for (char c : raw) v += (c == '\n' || c == '\r') ? ' ' : c;
    std::size_t b = 0, e = v.size();
    while (b < e && std::isspace(static_cast<unsigned char>(v[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(v[e - 1]))) --e;
    return v.substr(b, e - b);
}

std::string user_id_line(std::string_view name) {
    if (!name.starts_with("User_ID_") || !name.ends_with("_") || name.size() < 10) return "";
    std::string_view digits = name.substr(8, name.size() - 9);
    return std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })
               ? std::string(digits)
               : "";
}

namespace {

// One unit of raw text as pugixml decodes it: an escape such as &amp; or &#233;, a CR LF pair
// (one newline), or one byte. Malformed escapes stay literal, as pugixml leaves them.
struct Unit {
    std::size_t raw_length = 1;
    std::size_t decoded_length = 1;  // bytes of UTF-8
    bool space = false;              // decodes to white space (which normalize_value may trim)
};

Unit unit_at(std::string_view raw, std::size_t i, bool cdata) {
    const auto is_space = [](unsigned long c) { return c < 0x80 && std::isspace(static_cast<int>(c)); };
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') return {2, 1, true};
    const Unit literal{1, 1, is_space(static_cast<unsigned char>(raw[i]))};
    if (cdata || raw[i] != '&') return literal;
    const std::size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return literal;
    const std::string_view name = raw.substr(i + 1, semi - i - 1);
    if (name == "lt" || name == "gt" || name == "amp" || name == "apos" || name == "quot")
        return {semi - i + 1, 1, false};
    if (name.size() < 2 || name[0] != '#') return literal;
    const bool hex = name[1] == 'x';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return literal;
    unsigned long cp = 0;
    for (char c : digits) {
        const auto u = static_cast<unsigned char>(c);
        const int d = std::isdigit(u) ? u - '0' : hex && std::isxdigit(u) ? std::tolower(u) - 'a' + 10 : -1;
        if (d < 0 || cp > 0x10FFFF) return literal;
        cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
    }
    const std::size_t length = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    return {semi - i + 1, length, is_space(cp)};
}

}  // namespace

FilePosition position_in_value_text(const ValueText& text, std::size_t offset) {
    const std::string_view raw = text.raw;
    // Step over what normalize_value trims, then over offset decoded bytes.
    std::size_t i = 0, decoded = 0;
    bool leading = true;
    while (i < raw.size()) {
        const Unit u = unit_at(raw, i, text.cdata);
        if (leading && u.space) {
            i += u.raw_length;
            continue;
        }
        leading = false;
        if (decoded + u.decoded_length > offset) break;
        decoded += u.decoded_length;
        i += u.raw_length;
    }
    // Lines and characters up to raw[i], as LineIndex counts them: LF ends a line, columns count
    // UTF-8 lead bytes.
    FilePosition at{text.line, text.column};
    for (std::size_t k = 0; k < i; ++k) {
        const auto c = static_cast<unsigned char>(raw[k]);
        if (c == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++at.column;
        }
    }
    return at;
}

}  // namespace provkit::detail
