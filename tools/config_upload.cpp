// Pre-upload check of push-resync --config (see config_upload.hpp).
#include "config_upload.hpp"

#include "provkit/catalog.hpp"
#include "provkit/decode.hpp"
#include "provkit/error.hpp"
#include "provkit/lint.hpp"
#include "provkit/source_text.hpp"

namespace provkit::cli {

namespace {

// "NAME:LINE:COL: " for a byte offset, columns counting characters as lint's do.
std::string at(const std::string& name, std::string_view data, std::size_t offset) {
    const LineIndex::Position pos = LineIndex(data).position(offset);
    return name + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": ";
}

}  // namespace

std::vector<std::string> check_config_before_upload(const std::string& name, std::string_view data) {
    // Well-formedness as a phone decodes the file, through the device-side decode path.
    std::string decode_problem;
    DecodeOptions options;
    options.source_name = name;
    try {
        if (decode_profile(data, nullptr, options).compressed)
            return {name +
                    ": the file is gzip-compressed; --config uploads the plain XML profile (inflate it "
                    "first, e.g. with gunzip)"};
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::usage)  // encrypted, and no key here
            return {name +
                    ": the file is encrypted; --config uploads the plain XML profile (decrypt it "
                    "first with provkit decrypt)"};
        decode_problem = e.what();  // starts with name (NAME:LINE:COL where there is a position)
    }
    std::vector<std::string> problems;
    // The body is what `curl -d @FILE` makes of the file; these bytes would not survive it.
    if (std::size_t nul = data.find('\0'); nul != std::string_view::npos)
        problems.push_back(at(name, data, nul) +
                           "NUL byte: curl -d (and so this upload) drops the rest of "
                           "the line");
    for (std::size_t cr = data.find('\r'); cr != std::string_view::npos; cr = data.find('\r', cr + 1)) {
        if (cr + 1 < data.size() && data[cr + 1] == '\n') continue;
        problems.push_back(at(name, data, cr) +
                           "carriage return without a line feed: curl -d (and so this "
                           "upload) drops the rest of the line; convert the line ends "
                           "to LF or CRLF");
        break;
    }
    if (!decode_problem.empty()) {
        problems.push_back(decode_problem);
        return problems;
    }
    // Then lint it as `provkit lint` would; its errors refuse the upload (warnings do not).
    std::vector<Finding> findings;
    LintOptions lint_options;
    for (const LintRule& rule : lint_rules())  // only errors refuse: skip the rest (and their memory)
        if (rule.severity != Severity::error) lint_options.disabled.emplace_back(rule.id);
    Linter(Catalog::builtin(), lint_options).lint_xml(data, name, false, findings);
    for (const Finding& f : findings) {
        if (f.severity != Severity::error) continue;
        std::string where = f.line
                                ? name + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": "
                                : name + ": ";
        problems.push_back(where + f.message + (f.suggestion.empty() ? "" : "; " + f.suggestion) + " [" +
                           f.rule + "]");
    }
    return problems;
}

}  // namespace provkit::cli
