// The one table of subcommands: name, one-line summary and setup function. --help, the man
// pages and the shell completions are checked against it (tests/cli/test_docs_agree.sh).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string_view>
#include <vector>

namespace provkit::cli {

// Runs a parsed subcommand and returns its exit status; errors are thrown as provkit::Error.
using Runner = std::function<int()>;

struct Command {
    std::string_view name;
    std::string_view summary;
    // Adds the subcommand's options to `sub` and returns the function that runs it.
    Runner (*setup)(CLI::App& sub);
};

const std::vector<Command>& commands();

// The command named by the first argument that is not an option (the program has no options
// taking a value), or nullptr: the only one whose options main() needs to build.
const Command* command_in_arguments(int argc, const char* const* argv);

// The first argument that is not an option, when it names no command ("" when there is none).
std::string_view unknown_command_in_arguments(int argc, const char* const* argv);

// The command whose name is closest to a mistyped one (edit distance at most 2), or nullptr.
const Command* nearest_command(std::string_view typed);

}  // namespace provkit::cli
