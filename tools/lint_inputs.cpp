// Expanding lint's PATH arguments into files.
#include "lint_inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "provkit/error.hpp"

namespace fs = std::filesystem;

namespace provkit::cli {

namespace {

bool is_profile_name(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".xml" || ext == ".cfg" || ext == ".gz" || ext == ".spc";
}

// "dir" + "a/b.xml" as the user would write it: "./a/b.xml" stays "a/b.xml" when dir is ".".
std::string join(const std::string& root, const fs::path& relative) {
    if (root == ".") return relative.generic_string();
    return (fs::path(root) / relative).generic_string();
}

// Collects the profile files under dir (symbolic links to directories are not followed, as
// find(1) does not, so a link cannot make the walk loop).
void walk(const fs::path& dir, const std::string& root, std::vector<LintInput>& found,
          std::vector<UnreadableDirectory>& unreadable) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.filename().string().rfind('.', 0) == 0) continue;  // hidden: .git, .cache, ...
        std::error_code type_ec;
        if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
            walk(p, root, found, unreadable);
        } else if (it->is_regular_file(type_ec) && is_profile_name(p)) {
            found.push_back({p.string(), join(root, p.lexically_relative(root))});
        }
    }
    if (ec) unreadable.push_back({dir == fs::path(root) ? root : join(root, dir.lexically_relative(root)), ec.message()});
}

}  // namespace

std::vector<LintInput> expand_lint_paths(const std::vector<std::string>& paths, std::vector<UnreadableDirectory>& unreadable) {
    std::vector<LintInput> files;
    for (const std::string& path : paths) {
        if (path == "-") {
            files.push_back({"-", "<stdin>"});
            continue;
        }
        std::error_code ec;
        const fs::file_status st = fs::status(path, ec);
        if (ec || !fs::exists(st))
            throw Error(ErrorKind::usage, path + ": no such file or directory");
        if (fs::is_directory(st)) {
            std::vector<LintInput> found;
            walk(path, path, found, unreadable);
            std::sort(found.begin(), found.end(),
                      [](const LintInput& a, const LintInput& b) { return a.display < b.display; });
            files.insert(files.end(), found.begin(), found.end());
        } else
            files.push_back({path, path});
    }
    return files;
}

}  // namespace provkit::cli
