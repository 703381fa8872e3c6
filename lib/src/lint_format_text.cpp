// Line-oriented output formats of lint: text (FILE:LINE:COL: severity: message [rule], with the
// source line and a caret on a terminal) and GitHub Actions workflow commands.
#include "lint_internal.hpp"
#include "provkit/message_text.hpp"

namespace provkit {

namespace {

std::string_view colour_of(Severity s) {
    switch (s) {
        case Severity::error: return "\033[1;31m";
        case Severity::warning: return "\033[1;35m";
        case Severity::info: return "\033[1;36m";
    }
    return "";
}

void append_text(std::string& out, const Finding& f, const TextStyle& style) {
    if (style.colour) out += "\033[1m";
    append_printable(out, f.file);
    if (f.line > 0) out += ':' + std::to_string(f.line) + ':' + std::to_string(f.column);
    out += ':';
    if (style.colour) out += "\033[0m";
    out += ' ';
    if (style.colour) out += colour_of(f.severity);
    out += to_string(f.severity);
    out += ':';
    if (style.colour) out += "\033[0m";
    out += ' ';
    append_printable(out, f.message);
    if (!f.suggestion.empty()) {
        out += "; ";
        append_printable(out, f.suggestion);
    }
    out += " [" + f.rule + "]\n";
    if (!style.caret || f.line == 0 || f.source_line.empty()) return;
    // A long line (a profile written on one line) is shown as a window around the column.
    std::string_view line = f.source_line;
    std::size_t at = 0;  // byte offset of the column in line
    for (std::uint32_t column = 1; at < line.size() && column < f.column;) {
        ++at;
        if (at >= line.size() || (static_cast<unsigned char>(line[at]) & 0xC0) != 0x80) ++column;
    }
    const auto boundary = [&](std::size_t i) {
        while (i > 0 && i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) --i;
        return i;
    };
    const std::size_t begin = line.size() > 160 && at > 60 ? boundary(at - 60) : 0;
    const std::size_t end = line.size() > 160 ? boundary(std::min(line.size(), at + 80)) : line.size();
    if (end < line.size() && end <= at) at = end;
    const std::string_view before = line.substr(begin, at - begin);
    out += begin > 0 ? "    ..." : "    ";
    append_printable(out, line.substr(begin, end - begin), "\t");
    if (end < line.size()) out += "...";
    out += begin > 0 ? "\n       " : "\n    ";
    // Under the column: the same tabs as the line, spaces for everything else (one per character).
    for (char c : before) {
        if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
        out += c == '\t' ? '\t' : ' ';
    }
    if (style.colour) out += "\033[1;32m";
    out += '^';
    if (style.colour) out += "\033[0m";
    out += '\n';
}

// Workflow-command escaping: % CR LF always, and in properties also : and ,. Other control
// characters would reach the log viewer, which acts on colour escapes: printable first.
void append_escaped(std::string& out, std::string_view raw, bool property) {
    std::string s;
    append_printable(s, raw, "\r\n");
    for (char c : s) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += property ? "%3A" : ":"; break;
            case ',': out += property ? "%2C" : ","; break;
            default: out += c;
        }
    }
}

void append_github(std::string& out, const Finding& f) {
    out += f.severity == Severity::error ? "::error " : f.severity == Severity::warning ? "::warning " : "::notice ";
    out += "file=";
    append_escaped(out, f.file, true);
    if (f.line > 0) out += ",line=" + std::to_string(f.line) + ",col=" + std::to_string(f.column);
    out += ",title=";
    append_escaped(out, "provkit lint [" + f.rule + "]", true);
    out += "::";
    append_escaped(out, f.message, false);
    if (!f.suggestion.empty()) {
        out += "; ";
        append_escaped(out, f.suggestion, false);
    }
    out += '\n';
}

}  // namespace

std::string format_findings(std::span<const Finding> findings, LintFormat format, const TextStyle& style) {
    std::string out;
    switch (format) {
        case LintFormat::text:
            for (const Finding& f : findings) append_text(out, f, style);
            break;
        case LintFormat::github:
            for (const Finding& f : findings) append_github(out, f);
            break;
        case LintFormat::json: return lint_detail::format_lint_json(findings);
        case LintFormat::sarif: return lint_detail::format_lint_sarif(findings);
    }
    return out;
}

}  // namespace provkit
