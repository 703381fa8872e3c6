// {{column}} placeholders, $MA/$MAU in file names, and file name safety.
#include "bulk_pattern.hpp"

#include "provkit/message_text.hpp"
#include "provkit/error.hpp"
#include "provkit/source_text.hpp"

namespace provkit::bulk::detail {

using provkit::quoted_text;

namespace {

void add_text(Pattern& p, std::string_view text) {
    if (text.empty()) return;
    if (p.empty() || p.back().kind != Piece::Kind::text) p.push_back({Piece::Kind::text, {}});
    p.back().text += text;
}

// Parses the "{{name}}" at text[at]; returns the offset after it.
std::size_t parse_placeholder(std::string_view text, std::size_t at, Pattern& p, ErrorKind kind) {
    const std::size_t close = text.find("}}", at + 2);
    if (close == std::string_view::npos)
        throw Error(kind, "\"{{\" without a closing \"}}\" (a placeholder is {{column}})");
    std::string_view name = text.substr(at + 2, close - at - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty()) throw Error(kind, "an empty placeholder {{}}; write {{column}}");
    if (name.find("{{") != std::string_view::npos)
        throw Error(kind, "\"{{\" inside a placeholder; write {{column}}");
    p.push_back({Piece::Kind::column, std::string(name)});
    return close + 2;
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::optional<Pattern> parse_value_pattern(std::string_view text) {
    if (text.find("{{") == std::string_view::npos) return std::nullopt;
    Pattern p;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find("{{", i);
        if (open == std::string_view::npos) {
            add_text(p, text.substr(i));
            break;
        }
        add_text(p, text.substr(i, open - i));
        i = parse_placeholder(text, open, p, ErrorKind::input);
    }
    return p;
}

Pattern parse_name_pattern(std::string_view text) {
    Pattern p;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 2, "{{") == 0) {
            i = parse_placeholder(text, i, p, ErrorKind::usage);
            continue;
        }
        if (text[i] != '$') {
            add_text(p, text.substr(i, 1));
            ++i;
            continue;
        }
        const std::string_view rest = text.substr(i);
        if (rest.starts_with("$$")) {
            add_text(p, "$");
            i += 2;
        } else if (rest.starts_with("$(MAU)") || rest.starts_with("$(MA)")) {
            const bool upper = rest[4] == 'U';
            p.push_back({upper ? Piece::Kind::mac_upper : Piece::Kind::mac, {}});
            i += upper ? 6 : 5;
        } else if (rest.starts_with("$MA")) {
            const bool upper = rest.starts_with("$MAU");
            const std::size_t len = upper ? 4 : 3;
            if (len < rest.size() && is_word_char(rest[len]))
                throw Error(ErrorKind::usage,
                            "--name: \"" + std::string(rest.substr(0, len + 1)) +
                                "\" is ambiguous; write $(MA) or $(MAU) before letters or digits");
            p.push_back({upper ? Piece::Kind::mac_upper : Piece::Kind::mac, {}});
            i += len;
        } else {
            throw Error(ErrorKind::usage,
                        "--name: \"" + std::string(rest.substr(0, 6)) +
                            "...\" is not a name macro; use $MA, $MAU, {{column}} or $$ for a $");
        }
    }
    if (p.empty()) throw Error(ErrorKind::usage, "--name is empty; the default is $MA.cfg");
    return p;
}

std::optional<std::string> file_name_problem(std::string_view name) {
    if (name.empty()) return "the file name is empty";
    if (name == "." || name == "..") return "the file name " + quoted_text(name) + " is a directory";
    if (name.size() > 255) return "the file name is longer than 255 bytes";
    for (char c : name) {
        if (c == '/')
            return "the file name " + quoted_text(name) +
                   " contains '/'; files are written only directly in the output directory";
        if (c == '\0') return "the file name contains a NUL byte";
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return "the file name contains a control character";
    }
    if (check_utf8_text(name)) return "the file name is not valid UTF-8";
    if (name.starts_with(temp_prefix))
        return "the file name " + quoted_text(name) + " starts with " + std::string(temp_prefix) +
               ", which provkit keeps for its temporary files";
    return std::nullopt;
}

}  // namespace provkit::bulk::detail
