// Shared command-line plumbing: reading inputs, writing outputs by the conventions of
// provkit(1) ("-" is stdin/stdout, atomic files, no binary to a terminal), and secret options.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "provkit/file_io.hpp"
#include "provkit/secret.hpp"

namespace provkit::cli {

// Reads a whole input; "-" is standard input.
Bytes read_input(const std::string& path);

// Writes a command's result: "-" (or empty) to standard output, else atomically to the file.
// Binary data is refused on a terminal unless force is set.
void write_output(const std::string& path, std::string_view data, bool binary, bool force);

// Refuses (Error(usage)) an output file that is one of the inputs, unless force: an input is
// never overwritten unless the user asked for it. "-" and empty names are never the same file.
void refuse_overwriting_input(const std::string& output, const std::vector<std::string>& inputs, bool force);

// -k/--key TEXT and --pass SPEC, shared by every command that takes a secret.
struct PassOptions {
    std::string key;   // -k TEXT, shorthand for pass:TEXT
    std::string pass;  // --pass SPEC
    CLI::Option* key_option = nullptr;
    CLI::Option* pass_option = nullptr;
};
void add_pass_options(CLI::App& app, PassOptions& opts);

// The secret the user gave, or nothing. An empty secret is a usage error.
std::optional<Secret> resolve_secret(const PassOptions& opts);

}  // namespace provkit::cli
