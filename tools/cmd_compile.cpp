// `provkit compile`: XML flat profiles and spc text sources applied as layers in order, then
// --set assignments, into the one canonical profile; optionally gzipped and encrypted in one pass.
#include <iostream>
#include <memory>
#include <sstream>

#include "cli_io.hpp"
#include "commands.hpp"
#include "compile_devices.hpp"
#include "diagnostics.hpp"
#include "encode_options.hpp"
#include "provkit/catalog.hpp"
#include "provkit/error.hpp"
#include "provkit/profile_source.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/spc.hpp"


namespace provkit::cli {

namespace {

struct CompileOptions {
    std::vector<std::string> sources;
    std::string output = "-";
    std::vector<std::string> sets;
    std::string from;  // "", "xml" or "spc"
    bool show_origin = false;
    bool strict = false;
    std::vector<std::string> catalogs;
    bool force = false;
    EncodeOptions encode;
    BulkOptions devices;
    CLI::Option* output_opt = nullptr;
};

struct Assignment {
    std::string name;
    std::string value;
};

// NAME=VALUE, NAME as the XML names it or as the web page shows it ("Resync On Reset").
Assignment parse_assignment(const std::string& text) {
    const std::size_t eq = text.find('=');
    // The argument is not echoed: the value may be a password.
    if (eq == std::string::npos)
        throw Error(ErrorKind::usage, "--set needs NAME=VALUE; an argument has no '='");
    Assignment a{normalise_name(text.substr(0, eq)), text.substr(eq + 1)};
    if (a.name.empty()) throw Error(ErrorKind::usage, "--set needs a parameter name before '='");
    if (!is_parameter_name(a.name))
        throw Error(ErrorKind::usage, "--set: \"" + a.name + "\" is not a parameter name");
    return a;
}

// Unknown names: a warning each (an error with --strict), with did-you-mean from the catalog.
bool check_names(const Profile& profile, const Catalog& catalog, bool strict) {
    bool unknown = false;
    for (const Param& p : profile.params()) {
        if (catalog.find(p.name) != nullptr) continue;
        unknown = true;
        const Location& at = profile.origin(p);
        Diagnostic d{profile.files()[at.file], at.line, at.column, "unknown-name",
                     "unknown parameter " + p.name + " (a phone ignores it)"};
        const auto suggestions = catalog.suggest(p.name);
        for (std::size_t i = 0; i < suggestions.size(); ++i)
            d.message += (i == 0                        ? "; did you mean "
                          : i + 1 == suggestions.size() ? " or "
                                                        : ", ") +
                         std::string(suggestions[i]) + (i + 1 == suggestions.size() ? "?" : "");
        if (strict)
            error(d.to_string());
        else
            warning(d.to_string());
    }
    return !(unknown && strict);
}

void print_origins(const Profile& profile) {
    std::ostringstream out;
    for (const Param& p : profile.params()) {
        const Location& at = profile.origin(p);
        out << profile.files()[at.file] << ':' << at.line;
        if (at.column > 0) out << ':' << at.column;
        out << ": " << p.name << '\n';
    }
    std::cerr << out.str();
}

int run_compile(const CompileOptions& opts) {
    // Everything that can be a usage error is checked before any input is read.
    check_bulk_options(opts.devices, opts.output_opt != nullptr && opts.output_opt->count() > 0, opts.sources);
    const Encoder encoder(opts.encode,
                          opts.devices.pass_column.empty() ? KeySource::optional : KeySource::column);
    std::vector<Assignment> sets;
    for (const std::string& s : opts.sets) sets.push_back(parse_assignment(s));
    const SourceFormat format = opts.from == "xml"   ? SourceFormat::xml
                                : opts.from == "spc" ? SourceFormat::spc
                                                     : SourceFormat::automatic;
    const std::vector<std::string> sources =
        opts.sources.empty() ? std::vector<std::string>{"-"} : opts.sources;
    refuse_overwriting_input(opts.output, sources, opts.force);
    Catalog catalog = Catalog::builtin();
    for (const std::string& path : opts.catalogs) catalog.merge(Catalog::load(path));

    Profile profile;
    bool failed = false;
    for (const std::string& source : sources) {
        const Bytes text = read_input(source);
        const ReadResult layer = read_profile_source(text, source == "-" ? "<stdin>" : source, format);
        for (const Diagnostic& d : layer.warnings) warning(d.to_string());
        for (const Diagnostic& d : layer.errors) error(d.to_string());
        if (!layer.ok())
            failed = true;
        else
            profile.apply(layer.profile);
    }
    if (failed) {
        note("nothing written: fix the errors above");
        return 1;
    }
    const std::uint32_t set_file = sets.empty() ? 0 : profile.add_file("--set");
    for (std::size_t i = 0; i < sets.size(); ++i)
        profile.set(sets[i].name, sets[i].value, std::nullopt,
                    Location{set_file, static_cast<std::uint32_t>(i + 1), 0});
    if (!check_names(profile, catalog, opts.strict)) {
        note("nothing written: unknown parameter names are errors with --strict");
        return 1;
    }
    if (opts.show_origin) print_origins(profile);
    if (opts.devices.active()) return run_compile_devices(opts.devices, encoder, profile, catalog);
    const Bytes out = encoder.encode(write_profile_xml(profile));
    write_output(opts.output, out, encoder.binary(), opts.force);
    return 0;
}

}  // namespace

Runner setup_compile(CLI::App& sub) {
    auto o = std::make_shared<CompileOptions>();
    sub.add_option(
        "SOURCE", o->sources,
        "XML flat profiles or spc text sources, applied in order, later wins (default: standard input)");
    o->output_opt = sub.add_option("-o,--output", o->output, "Output file (default: standard output)")->type_name("OUT");
    sub.add_option("--set", o->sets,
                   "Set a parameter after all sources; NAME as in XML or as the web page shows it")
        ->type_name("NAME=VALUE")
        ->allow_extra_args(false);  // one NAME=VALUE per --set; what follows is a SOURCE
    sub.add_option("--from", o->from, "Read every SOURCE as xml or spc (default: detect from the content)")
        ->check(CLI::IsMember({"xml", "spc"}));
    sub.add_flag("--show-origin", o->show_origin,
                 "Print to standard error where each parameter's value was set");
    sub.add_flag("--strict", o->strict, "Unknown parameter names are errors, not warnings");
    sub.add_option("--catalog", o->catalogs, "Add a site parameter catalog (TSV) to the built-in one")
        ->type_name("FILE")
        ->allow_extra_args(false);
    sub.add_flag("-f,--force", o->force, "Write binary output to a terminal; let -o overwrite a source");
    add_encode_options(sub, o->encode);
    add_bulk_options(sub, o->devices);
    return [o] { return run_compile(*o); };
}

}  // namespace provkit::cli
