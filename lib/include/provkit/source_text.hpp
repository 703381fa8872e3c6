// Source text helpers shared by the profile readers and lint: UTF-8 checking and turning byte
// offsets into line:column positions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provkit {

// The first thing in text that is not UTF-8 XML can carry: an invalid, overlong or truncated
// byte sequence, a surrogate or a code point above U+10FFFF [utf8], or a control character other
// than tab, LF and CR (NUL included) [control-char].
struct TextFault {
    std::size_t offset;
    std::string code;     // "utf8" or "control-char"
    std::string message;  // e.g. "invalid UTF-8 byte 0xE9; the file must be UTF-8 (re-save it as UTF-8)"
};
std::optional<TextFault> check_utf8_text(std::string_view text) noexcept;

// A typographic quote or dash (as word processors and PDFs produce) standing where XML or a
// value needs its ASCII counterpart: ‘ ’ ‚ ′ -> ', “ ” „ ″ « » -> ", ‐ ‑ ‒ – — ― − -> -.
struct Typographic {
    std::size_t length;  // bytes of the UTF-8 sequence
    std::uint32_t code_point;
    char ascii;  // the ASCII character it stands in for
};
// The typographic character starting at text[offset], if there is one.
std::optional<Typographic> typographic_at(std::string_view text, std::size_t offset) noexcept;

// Appends code point cp (<= 0x10FFFF) to out as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

// The length of the valid UTF-8 sequence starting at text[at] (1 for ASCII; at < text.size()),
// or 0 when there is none: a stray or missing continuation byte, an overlong form, a surrogate,
// above U+10FFFF.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept;

// True when text[at] starts a C1 control (U+0080..U+009F) in UTF-8: valid, but some terminals
// act on U+009B as on ESC [, so messages never show one raw.
bool is_c1_control(std::string_view text, std::size_t at) noexcept;

// Text rather than binary data (ciphertext, compressed data): no NUL and at most 1% other control
// characters in the first 4 KiB. Ciphertext has about 12% bytes below 0x20.
bool mostly_text(std::string_view data) noexcept;

// True when data starts with a UTF-16 byte order mark (FF FE or FE FF).
bool has_utf16_bom(std::string_view data) noexcept;

// "LE" or "BE" when data starts as UTF-16 text does - after a byte order mark, if any, four ASCII
// characters each with a NUL byte after (LE) or before (BE) it - else null. Random data does so
// about 1 time in 2^36.
const char* utf16_byte_order(std::string_view data) noexcept;

// Byte offsets to 1-based line and column. Lines end at LF (a CR LF pair counts once, as the
// LF ends it; a lone CR does not end a line, as in most editors). Columns count Unicode
// characters (UTF-8 lead bytes) from the line start. Building is one memchr pass.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    struct Position {
        std::uint32_t line;
        std::uint32_t column;
    };
    Position position(std::size_t offset) const noexcept;

    // The same, faster for offsets that mostly increase: hint is the line found last time
    // (start with 1).
    Position position(std::size_t offset, std::uint32_t& hint) const noexcept;

    // The text of line n (1-based), without its line ending.
    std::string_view line_text(std::uint32_t line) const noexcept;

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;  // offset of each line's first byte
    // The last position computed: columns on the same line are counted on from there, so that
    // many positions on one long line (a whole profile on one line) cost linear, not quadratic,
    // time. (A LineIndex is used by one reader at a time.)
    mutable std::size_t last_line_ = 0, last_offset_ = 0;
    mutable std::uint32_t last_column_ = 1;
};

}  // namespace provkit
