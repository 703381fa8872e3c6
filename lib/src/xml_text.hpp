// Character-level XML helpers of the profile reader and writer: entity decoding with positions,
// the guide's value rules (trim, newline -> space), escaping, and name checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace provkit {

inline bool is_name_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u == '-' || u == '.' || u == ':' || u >= 0x80;
}

// An XML Name as phones use them: [A-Za-z_:] or non-ASCII first, then also digits, '-' and '.'.
bool is_xml_name(std::string_view name) noexcept;

bool ascii_iequals(std::string_view a, std::string_view b) noexcept;
std::string ascii_lower(std::string_view s);

// A problem at a byte offset relative to the start of the text it was found in.
struct TextError {
    std::size_t offset;
    std::string message;
};

// Decodes the five escapes and character references of raw (NUL-terminated) into out, taking
// everything else literally. Used for attribute values.
std::optional<TextError> decode_xml_text(const char* raw, std::string& out);

// Builds a parameter value from the text pieces of an element by the guide's rules: leading and
// trailing white space dropped, each newline (LF, CR, CR LF) becoming one space, escapes and
// character references translated. White space produced by a character reference is content:
// never trimmed, never converted.
class ValueBuilder {
public:
    explicit ValueBuilder(std::string& scratch) : out_(scratch) { out_.clear(); }
    // Text with markup escapes (pcdata). Returns the first bad escape, offset within raw.
    std::optional<TextError> add_markup_text(const char* raw);
    // Text taken as is (a CDATA section).
    void add_literal_text(const char* raw);
    std::string_view finish();

private:
    void soft(char c);
    void hard(std::string_view bytes);
    std::string& out_;
    bool started_ = false;  // a non-trimmable character was added
    std::size_t hard_end_ = 0;
};

// Appends value escaped for element content so that ValueBuilder gives it back exactly.
void append_escaped_value(std::string& out, std::string_view value);

// Looks for a typographic quote or dash in the markup around a parse failure at offset (from the
// '<' that opened the tag up to a little past offset). Returns its offset and a message.
std::optional<TextError> find_typographic_in_markup(std::string_view text, std::size_t offset);

}  // namespace provkit
