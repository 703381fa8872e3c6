// `provkit lint`: checks profiles (XML, gzip, encrypted, spc sources; files or whole directory
// trees) as a phone reads them and reports findings as text, JSON, SARIF or GitHub annotations.
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "cli_io.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "lint_inputs.hpp"
#include "provkit/catalog.hpp"
#include "provkit/error.hpp"
#include "provkit/lint.hpp"

namespace provkit::cli {

namespace {

struct LintCliOptions {
    std::vector<std::string> paths;
    std::string format = "text";
    bool werror = false;
    bool strict = false;
    std::vector<std::string> disabled;
    std::vector<std::string> catalogs;
    PassOptions pass;
};

LintFormat parse_format(const std::string& name) {
    if (name == "json") return LintFormat::json;
    if (name == "sarif") return LintFormat::sarif;
    if (name == "github") return LintFormat::github;
    return LintFormat::text;
}

// A catalog or key that cannot be read is a problem of the invocation (exit 2), not a finding.
template <typename F>
auto as_usage(F f) {
    try {
        return f();
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::usage) throw;
        throw Error(ErrorKind::usage, e.what());
    }
}

int run_lint(const LintCliOptions& opts) {
    // Usage problems (unknown rule, bad catalog, missing PATH, unreadable key) come before any output.
    Catalog catalog = Catalog::builtin();
    for (const std::string& path : opts.catalogs) catalog.merge(as_usage([&] { return Catalog::load(path); }));
    LintOptions options;
    options.strict = opts.strict;
    options.disabled = opts.disabled;
    Linter linter(catalog, options);
    const std::vector<std::string> paths = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
    if (opts.pass.pass == "stdin" && std::count(paths.begin(), paths.end(), "-") > 0)
        throw Error(ErrorKind::usage, "--pass stdin and the PATH - cannot both read standard input");
    std::vector<UnreadableDirectory> unreadable;
    const std::vector<LintInput> inputs = expand_lint_paths(paths, unreadable);
    const std::optional<Secret> secret = as_usage([&] { return resolve_secret(opts.pass); });

    const bool report_io = std::find(opts.disabled.begin(), opts.disabled.end(), "io") == opts.disabled.end();
    std::vector<Finding> findings;
    const auto io_finding = [&](const std::string& file, std::string message) {
        if (!report_io) return;
        Finding f;
        f.file = file;
        f.rule = "io";
        f.severity = Severity::error;
        f.message = std::move(message);
        findings.push_back(std::move(f));
    };
    for (const UnreadableDirectory& d : unreadable) io_finding(d.path, "cannot read the directory: " + d.reason);
    for (const LintInput& input : inputs) {
        Bytes data;
        try {
            data = read_input(input.path);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::io && e.kind() != ErrorKind::input) throw;
            io_finding(input.display, e.what());
            continue;
        }
        linter.lint_file(data, input.display, secret ? &*secret : nullptr, findings);
    }

    TextStyle style;
    style.caret = ::isatty(1) != 0;
    style.colour = use_colour(1);
    const std::string out = format_findings(findings, parse_format(opts.format), style);
    write_all(1, out, "standard output");

    const bool errors = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.severity == Severity::error || (opts.werror && f.severity == Severity::warning);
    });
    return errors ? 1 : 0;
}

}  // namespace

Runner setup_lint(CLI::App& sub) {
    auto o = std::make_shared<LintCliOptions>();
    sub.add_option("PATH", o->paths,
                   "Files or directories to check (directories recursively: *.xml *.cfg *.gz *.spc); - is "
                   "standard input (default: .)");
    sub.add_option("--format", o->format, "Output format: text, json, sarif or github (default: text)")
        ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
    sub.add_flag("--werror", o->werror, "Exit with status 1 on warnings too");
    sub.add_flag("--strict", o->strict, "Unknown parameter names and attributes are errors, not warnings");
    sub.add_option("--disable", o->disabled,
                   "Do not report RULE (repeatable, or RULE,RULE...; see provkit-lint(1) for the rules)")
        ->type_name("RULE")
        ->delimiter(',')
        ->allow_extra_args(false);
    sub.add_option("--catalog", o->catalogs, "Add a site parameter catalog (TSV) to the built-in one")
        ->type_name("FILE")
        ->allow_extra_args(false);
    add_pass_options(sub, o->pass);
    return [o] { return run_lint(*o); };
}

}  // namespace provkit::cli
