// Input text shown in messages: one line, escaped, bounded.
#include "provkit/message_text.hpp"

#include "provkit/source_text.hpp"

namespace provkit {

void append_printable(std::string& out, std::string_view text, std::string_view keep) {
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        const std::size_t n = utf8_sequence_length(text, i);
        if ((u < 0x20 || u == 0x7F) && keep.find(c) != std::string_view::npos) out += c;
        else if (u < 0x20 || u == 0x7F) out += c == '\t' ? ' ' : '?';
        else if (n == 0 || is_c1_control(text, i)) out += '?';
        else out.append(text.substr(i, n));
        i += n == 0 ? 1 : n;
    }
}

std::string printable(std::string_view text, std::string_view keep) {
    std::string out;
    append_printable(out, text, keep);
    return out;
}

std::string quoted_text(std::string_view text, std::size_t max_bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    std::size_t i = 0;
    while (i < text.size() && i < max_bytes) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (u < 0x20 || u == 0x7f) out += "\\x", out += hex[u >> 4], out += hex[u & 15];
        else if (const std::size_t n = utf8_sequence_length(text, i); n > 0 && !is_c1_control(text, i)) {
            out.append(text.substr(i, n));
            i += n;
            continue;
        } else {
            out += "\\x", out += hex[u >> 4], out += hex[u & 15];
        }
        ++i;
    }
    out += '"';
    if (i < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
    return out;
}

}  // namespace provkit
