// The spc text source reader (Name [?|!] ["value"] ; with # comments and imports) and the
// guide's web-name -> XML-name rule.
#include "provkit/spc.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "provkit/error.hpp"
#include "provkit/source_text.hpp"
#include "xml_text.hpp"

namespace fs = std::filesystem;

namespace provkit {

std::string normalise_name(std::string_view name) {
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    std::string out(name);
    for (char& c : out)
        if (c == ' ' || c == '\t' || c == '[' || c == ']' || c == '(' || c == ')' || c == '/') c = '_';
    return out;
}

bool looks_like_xml(std::string_view text) noexcept {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        return c == '<';
    }
    return false;
}

namespace {

constexpr std::size_t max_import_depth = 64;

// ASCII name characters (parameter names are ASCII), plus the brackets, parentheses and slash
// of web names ("Dial_Plan[1]").
bool is_spc_name_char(char c) {
    if (c == '[' || c == ']' || c == '(' || c == ')' || c == '/') return true;
    return is_name_char(c) && c != ':' && static_cast<unsigned char>(c) < 0x80;
}

// The character at text[at] for a message, whole: 'x', or 'Ä' (U+00C4) beyond ASCII, so that
// an invisible one (a stray byte-order mark, a no-break space) can be told. The text is valid
// UTF-8 here (checked first).
std::string shown_character(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return "'" + std::string(1, text[at]) + "'";
    const std::size_t n = std::max<std::size_t>(utf8_sequence_length(text, at), 1);
    std::uint32_t cp = lead & (0x7Fu >> n);
    for (std::size_t i = 1; i < n; ++i) cp = cp << 6 | (static_cast<unsigned char>(text[at + i]) & 0x3Fu);
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    return "'" + std::string(text.substr(at, n)) + "' (" + code + ")";
}

// The identity of a file for cycle detection: its canonical path when it exists.
std::string file_key(const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? path.lexically_normal().string() : canonical.string();
}

class SpcReader {
public:
    SpcReader(ReadResult& out, const SourceLoader& load) : out_(out), load_(load) {}

    // Reads the top-level source.
    void read_root(std::string_view text, const std::string& file) {
        stack_.push_back(file_key(file));
        shown_.push_back(file);
        read(text, file);
    }

private:
    // Reads one source; false when an error stopped it.
    bool read(std::string_view text, const std::string& file);

    struct Cursor {
        std::string_view text;
        const std::string& file;
        const LineIndex& lines;
        std::uint32_t file_index;
        std::size_t pos = 0;
    };

    bool fail(const Cursor& c, std::size_t at, std::string_view code, std::string message) {
        const auto p = c.lines.position(at);
        out_.errors.push_back(Diagnostic{c.file, p.line, p.column, std::string(code), std::move(message)});
        return false;
    }
    void warn(const Cursor& c, std::size_t at, std::string_view code, std::string message) {
        const auto p = c.lines.position(at);
        out_.warnings.push_back(Diagnostic{c.file, p.line, p.column, std::string(code), std::move(message)});
    }
    // Skips white space and # comments.
    static void skip_blank(Cursor& c) {
        while (c.pos < c.text.size()) {
            const char ch = c.text[c.pos];
            if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
                ++c.pos;
            } else if (ch == '#') {
                const std::size_t nl = c.text.find('\n', c.pos);
                c.pos = nl == std::string_view::npos ? c.text.size() : nl;
            } else {
                break;
            }
        }
    }
    bool read_import(Cursor& c, std::size_t at);
    bool read_entry(Cursor& c);

    ReadResult& out_;
    const SourceLoader& load_;
    std::vector<std::string> stack_;  // canonical paths of the files being read, for cycles
    std::vector<std::string> shown_;  // the same paths as the user sees them
};

bool SpcReader::read(std::string_view text, const std::string& file) {
    const LineIndex lines(text);
    Cursor c{text, file, lines, out_.profile.add_file(file)};
    if (text.substr(0, 3) == "\xEF\xBB\xBF") c.pos = 3;
    if (auto fault = check_utf8_text(text.substr(c.pos)))
        return fail(c, c.pos + fault->offset, fault->code, fault->message);
    while (true) {
        skip_blank(c);
        if (c.pos >= text.size()) return true;
        const std::size_t at = c.pos;
        if (text.substr(at, 6) == "import" &&
            (at + 6 == text.size() ||
             std::string_view(" \t\r\n").find(text[at + 6]) != std::string_view::npos)) {
            c.pos += 6;
            if (!read_import(c, at)) return false;
        } else if (!read_entry(c)) {
            return false;
        }
    }
}

bool SpcReader::read_import(Cursor& c, std::size_t at) {
    while (c.pos < c.text.size() && (c.text[c.pos] == ' ' || c.text[c.pos] == '\t')) ++c.pos;
    std::string_view target;
    const std::size_t target_at = c.pos;
    if (c.pos < c.text.size() && c.text[c.pos] == '"') {
        const std::size_t close = c.text.find_first_of("\"\n", c.pos + 1);
        if (close == std::string_view::npos || c.text[close] != '"')
            return fail(c, c.pos, "spc-syntax", "unterminated file name after import");
        target = c.text.substr(c.pos + 1, close - c.pos - 1);
        c.pos = close + 1;
    } else {
        const std::size_t end = c.text.find_first_of(" \t\r\n;#", c.pos);
        target = c.text.substr(c.pos, (end == std::string_view::npos ? c.text.size() : end) - c.pos);
        c.pos += target.size();
    }
    if (target.empty()) return fail(c, target_at, "spc-syntax", "import needs a file name: import FILE");
    // An optional ';' ends the statement, as after an entry.
    std::size_t after = c.pos;
    while (after < c.text.size() && (c.text[after] == ' ' || c.text[after] == '\t')) ++after;
    if (after < c.text.size() && c.text[after] == ';') c.pos = after + 1;

    fs::path path(target);
    if (path.is_relative()) path = fs::path(c.file).parent_path() / path;
    const std::string shown = path.lexically_normal().string();
    const std::string key = file_key(path);
    for (std::size_t i = 0; i < stack_.size(); ++i) {
        if (stack_[i] != key) continue;
        std::string chain;
        for (std::size_t k = i; k < shown_.size(); ++k) chain += shown_[k] + " -> ";
        return fail(c, at, "import-cycle", "import cycle: " + chain + shown);
    }
    if (stack_.size() >= max_import_depth)
        return fail(c, at, "import",
                    "imports nested more than " + std::to_string(max_import_depth) + " deep");
    Bytes text;
    try {
        text = load_ ? load_(shown) : read_file(shown);
    } catch (const Error& e) {
        return fail(c, target_at, "import", std::string("cannot import: ") + e.what());
    }
    stack_.push_back(key);
    shown_.push_back(shown);
    const bool ok = read(text, shown);
    stack_.pop_back();
    shown_.pop_back();
    return ok;
}

bool SpcReader::read_entry(Cursor& c) {
    const std::string_view text = c.text;
    const std::size_t name_at = c.pos;
    while (c.pos < text.size() && is_spc_name_char(text[c.pos])) ++c.pos;
    if (c.pos == name_at) {
        std::string what =
            text[c.pos] == '"' ? "a value without a parameter name" : shown_character(text, c.pos);
        if (auto typo = typographic_at(text, c.pos))
            what = "typographic quote or dash " + std::string(text.substr(c.pos, typo->length)) +
                   " (write ASCII " + std::string(1, typo->ascii) + ")";
        return fail(c, c.pos, "spc-syntax", "expected a parameter name, found " + what);
    }
    const std::string name = normalise_name(text.substr(name_at, c.pos - name_at));
    if (!is_xml_name(name))
        return fail(c, name_at, "spc-syntax",
                    "\"" + std::string(text.substr(name_at, c.pos - name_at)) + "\" is not a parameter name");
    skip_blank(c);
    std::optional<UserAccess> ua = UserAccess::na;  // no marker: hidden from the user
    bool marked = false;
    if (c.pos < text.size() && (text[c.pos] == '?' || text[c.pos] == '!')) {
        ua = text[c.pos] == '?' ? UserAccess::ro : UserAccess::rw;
        marked = true;
        ++c.pos;
        skip_blank(c);
    }
    std::optional<std::string_view> value;
    if (c.pos < text.size() && text[c.pos] == '"') {
        const std::size_t close = text.find_first_of("\"\n", c.pos + 1);
        if (close == std::string_view::npos || text[close] != '"')
            return fail(c, c.pos, "spc-syntax",
                        "unterminated value of " + name + ": a value is one line between double quotes");
        value = text.substr(c.pos + 1, close - c.pos - 1);
        c.pos = close + 1;
        skip_blank(c);
    } else if (auto typo = typographic_at(text, c.pos); typo && typo->ascii == '"') {
        return fail(c, c.pos, "typographic",
                    "typographic quote " + std::string(text.substr(c.pos, typo->length)) +
                        " around the value of " + name + "; write ASCII double quotes \"...\"");
    }
    if (c.pos >= text.size() || text[c.pos] != ';')
        return fail(c, c.pos, "spc-syntax",
                    "expected ';' after " + name + (value ? "'s value" : "") +
                        " (entries are Name [?|!] [\"value\"] ;)");
    ++c.pos;
    if (!value) {
        if (marked)
            warn(c, name_at, "spc-no-value",
                 name +
                     " has a user-access marker but no value; it is left out (XML cannot change access "
                     "without setting a value)");
        return true;  // leave the phone's value unchanged
    }
    const auto p = c.lines.position(name_at);
    out_.profile.set(name, *value, ua, Location{c.file_index, p.line, p.column});
    return true;
}

}  // namespace

ReadResult read_profile_spc(std::string_view text, const std::string& file, const SourceLoader& load) {
    ReadResult result;
    SpcReader(result, load).read_root(text, file);
    return result;
}

}  // namespace provkit
