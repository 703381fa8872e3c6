// The files `provkit lint` checks: PATH arguments expanded (directories recursively, in a
// deterministic order) into the list of inputs.
#pragma once

#include <string>
#include <vector>

namespace provkit::cli {

struct LintInput {
    std::string path;     // what to open ("-" for standard input)
    std::string display;  // how findings name it ("<stdin>" for standard input)
};

struct UnreadableDirectory {
    std::string path;
    std::string reason;
};

// "-" is standard input; a file is taken whatever its name; a directory contributes, recursively,
// its regular files named *.xml, *.cfg, *.gz or *.spc (any case), skipping entries whose name
// starts with '.' (.git and the like), sorted by path. Directories that cannot be read are
// returned in unreadable. Throws Error(usage) for a PATH that does not exist.
std::vector<LintInput> expand_lint_paths(const std::vector<std::string>& paths, std::vector<UnreadableDirectory>& unreadable);

}  // namespace provkit::cli
