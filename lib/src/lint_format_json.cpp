// Structured output formats of lint: a JSON array of findings, and a SARIF 2.1.0 log (the format
// code-scanning services such as GitHub's read).
#include <cstdio>

#include "lint_internal.hpp"
#include "provkit/json.hpp"
#include "provkit/lint.hpp"
#include "provkit/version.hpp"

namespace provkit {

namespace {

Json position(std::uint32_t n) { return n > 0 ? Json(n) : Json(); }

std::string_view sarif_level(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "note";
    }
    return "error";
}

// A relative reference as SARIF wants a URI: unreserved characters and '/' kept, the rest
// percent-encoded; an absolute path becomes a file:// URI.
std::string file_uri(std::string_view path) {
    std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", u);
            out += buf;
        }
    }
    return out;
}

std::string full_message(const Finding& f) {
    return f.suggestion.empty() ? f.message : f.message + "; " + f.suggestion;
}

}  // namespace

std::string lint_detail::format_lint_json(std::span<const Finding> findings) {
    // One finding per line: readable, and still one JSON array.
    std::string out = "[";
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& f = findings[i];
        Json o = Json::object();
        o.set("file", f.file);
        o.set("line", position(f.line));
        o.set("column", position(f.line > 0 ? f.column : 0));
        o.set("rule", f.rule);
        o.set("severity", to_string(f.severity));
        o.set("message", f.message);
        o.set("suggestion", f.suggestion.empty() ? Json() : Json(f.suggestion));
        out += i == 0 ? "\n  " : ",\n  ";
        out += o.dump();
    }
    out += findings.empty() ? "]\n" : "\n]\n";
    return out;
}

std::string lint_detail::format_lint_sarif(std::span<const Finding> findings) {
    Json rules = Json::array();
    std::vector<std::string> ids;
    for (const LintRule& r : lint_rules()) {
        Json rule = Json::object();
        rule.set("id", r.id);
        rule.set("shortDescription", Json::object().set("text", r.summary));
        rule.set("help", Json::object().set("text", "Example: " + std::string(r.example)));
        rule.set("defaultConfiguration", Json::object().set("level", sarif_level(r.severity)));
        rules.push(std::move(rule));
        ids.emplace_back(r.id);
    }
    Json results = Json::array();
    for (const Finding& f : findings) {
        std::size_t index = 0;
        while (index < ids.size() && ids[index] != f.rule) ++index;
        if (index == ids.size()) {  // a reader code without a table entry
            ids.push_back(f.rule);
            rules.push(Json::object().set("id", f.rule).set("shortDescription", Json::object().set("text", f.rule)));
        }
        Json physical = Json::object();
        physical.set("artifactLocation", Json::object().set("uri", file_uri(f.file)));
        if (f.line > 0)
            physical.set("region", Json::object().set("startLine", f.line).set("startColumn", f.column));
        Json result = Json::object();
        result.set("ruleId", f.rule);
        result.set("ruleIndex", index);
        result.set("level", sarif_level(f.severity));
        result.set("message", Json::object().set("text", full_message(f)));
        result.set("locations", Json::array().push(Json::object().set("physicalLocation", std::move(physical))));
        results.push(std::move(result));
    }
    Json driver = Json::object();
    driver.set("name", "provkit");
    driver.set("version", version());
    driver.set("rules", std::move(rules));
    Json run = Json::object();
    run.set("tool", Json::object().set("driver", std::move(driver)));
    run.set("columnKind", "unicodeCodePoints");  // columns count characters, as in text output
    run.set("results", std::move(results));
    Json log = Json::object();
    log.set("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
    log.set("version", "2.1.0");
    log.set("runs", Json::array().push(std::move(run)));
    return log.dump() + "\n";
}

}  // namespace provkit
