// UTF-8 checking and offset -> line:column conversion for the profile readers and lint.
#include "provkit/source_text.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace provkit {

namespace {

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

TextFault utf8_fault(std::size_t offset, unsigned char c, const char* what) {
    return {offset, "utf8",
            std::string(what) + " (byte " + hex_byte(c) +
                "); a profile must be UTF-8: re-save the file with UTF-8 encoding"};
}

}  // namespace

std::optional<TextFault> check_utf8_text(std::string_view text) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // Fast path: 8 ASCII bytes at a time, none of them a control character.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, s + i, 8);
            // Any byte >= 0x80, or < 0x20 (checked via (b - 0x20) borrowing into bit 7).
            const std::uint64_t high = w & 0x8080808080808080ull;
            const std::uint64_t low = (w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull;
            if (high | low) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                char buf[8];
                std::snprintf(buf, sizeof buf, "U+%04X", c);
                return TextFault{i, "control-char",
                                 std::string("control character ") + buf +
                                     " is not allowed in a profile (XML 1.0 cannot carry it)"};
            }
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return utf8_fault(
                i, c,
                c >= 0x80 && c < 0xC0 ? "invalid UTF-8: unexpected continuation byte" : "invalid UTF-8 byte");
        }
        if (i + len > n) return utf8_fault(i, c, "invalid UTF-8: sequence cut short by the end of the file");
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return utf8_fault(i, c, "invalid UTF-8: incomplete sequence");
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
            return utf8_fault(i, c, "invalid UTF-8: overlong sequence");
        if (cp > 0x10FFFF) return utf8_fault(i, c, "invalid UTF-8: code point above U+10FFFF");
        if (cp >= 0xD800 && cp <= 0xDFFF) return utf8_fault(i, c, "invalid UTF-8: encoded surrogate");
        if (cp == 0xFFFE || cp == 0xFFFF)
            return TextFault{i, "control-char", "noncharacter U+FFFE/U+FFFF is not allowed in XML"};
        i += len;
    }
    return std::nullopt;
}

std::optional<Typographic> typographic_at(std::string_view text, std::size_t offset) noexcept {
    if (offset >= text.size()) return std::nullopt;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + offset;
    const std::size_t n = text.size() - offset;
    std::uint32_t cp;
    std::size_t len;
    if (s[0] == 0xC2 && n >= 2) {
        cp = 0x80 | (s[1] & 0x3F);
        len = 2;
    } else if (s[0] == 0xE2 && n >= 3 && (s[1] == 0x80 || s[1] == 0x88)) {
        cp = 0x2000 | (std::uint32_t(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        len = 3;
    } else {
        return std::nullopt;
    }
    char ascii;
    switch (cp) {
        case 0x2018:
        case 0x2019:
        case 0x201A:
        case 0x2032:
            ascii = '\'';
            break;
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x2033:
        case 0x00AB:
        case 0x00BB:
            ascii = '"';
            break;
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2014:
        case 0x2015:
        case 0x2212:
            ascii = '-';
            break;
        default:
            return std::nullopt;
    }
    return Typographic{len, cp, ascii};
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
    const unsigned char c = byte(0);
    if (c < 0x80) return 1;
    const std::size_t len = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (len == 0 || at + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k)
        if ((byte(k) & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && byte(1) >= 0xA0) return 0;  // surrogate
    if (c == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
    return len;
}

bool is_c1_control(std::string_view text, std::size_t at) noexcept {
    return at + 1 < text.size() && static_cast<unsigned char>(text[at]) == 0xC2 &&
           static_cast<unsigned char>(text[at + 1]) < 0xA0 && static_cast<unsigned char>(text[at + 1]) >= 0x80;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
    starts_.reserve(text.size() / 40 + 2);
    starts_.push_back(0);
    const char* base = text.data();
    const char* p = base;
    const char* end = base + text.size();
    while (p < end) {
        const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
        if (nl == nullptr) break;
        p = static_cast<const char*>(nl) + 1;
        starts_.push_back(static_cast<std::size_t>(p - base));
    }
}

LineIndex::Position LineIndex::position(std::size_t offset) const noexcept {
    std::uint32_t hint = 0;
    return position(offset, hint);
}

LineIndex::Position LineIndex::position(std::size_t offset, std::uint32_t& hint) const noexcept {
    offset = std::min(offset, text_.size());
    std::size_t line = hint;
    if (line >= 1 && line <= starts_.size() && starts_[line - 1] <= offset) {
        while (line < starts_.size() && starts_[line] <= offset) ++line;  // usually a step or two
    } else {
        line = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                        starts_.begin());
    }
    hint = static_cast<std::uint32_t>(line);
    std::size_t from = starts_[line - 1];
    std::uint32_t column = 1;
    if (line == last_line_ && offset >= last_offset_) {
        from = last_offset_;
        column = last_column_;
    }
    for (std::size_t i = from; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    last_line_ = line;
    last_offset_ = offset;
    last_column_ = column;
    return {static_cast<std::uint32_t>(line), column};
}

bool mostly_text(std::string_view data) noexcept {
    const std::string_view head = data.substr(0, 4096);
    std::size_t control = 0;
    for (char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0) return false;
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') ++control;
    }
    return control * 100 <= head.size();
}

bool has_utf16_bom(std::string_view data) noexcept {
    return data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF";
}

const char* utf16_byte_order(std::string_view data) noexcept {
    const bool le_bom = data.substr(0, 2) == "\xFF\xFE", be_bom = data.substr(0, 2) == "\xFE\xFF";
    if (le_bom || be_bom) data.remove_prefix(2);
    const auto ascii_units = [&](std::size_t ascii, std::size_t nul) {
        if (data.size() < 8) return false;
        for (std::size_t i = 0; i < 8; i += 2) {
            const auto c = static_cast<unsigned char>(data[i + ascii]);
            if (c == 0 || c >= 0x80 || data[i + nul] != '\0') return false;
        }
        return true;
    };
    if (!be_bom && ascii_units(0, 1)) return "LE";
    if (!le_bom && ascii_units(1, 0)) return "BE";
    return nullptr;
}

std::string_view LineIndex::line_text(std::uint32_t line) const noexcept {
    if (line == 0 || line > starts_.size()) return {};
    const std::size_t start = starts_[line - 1];
    std::size_t end = line < starts_.size() ? starts_[line] - 1 : text_.size();
    if (end > start && text_[end - 1] == '\r') --end;
    return text_.substr(start, end - start);
}

}  // namespace provkit
