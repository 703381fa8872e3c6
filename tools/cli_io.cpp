// Shared command-line plumbing for inputs, outputs and secrets.
#include "cli_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>

#include "provkit/error.hpp"

namespace provkit::cli {

Bytes read_input(const std::string& path) { return read_file(path.empty() ? "-" : path); }

void write_output(const std::string& path, std::string_view data, bool binary, bool force) {
    if (path.empty() || path == "-") {
        if (binary && !force && ::isatty(1))
            throw Error(ErrorKind::usage,
                        "refusing to write binary data to a terminal; use -o FILE, redirect, or -f to force");
        write_all(1, data, "standard output");
        return;
    }
    // A device or FIFO (-o /dev/null, -o /dev/stdout) cannot be replaced by a rename and cannot
    // hold a partial file either: write to it directly.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) throw Error(ErrorKind::io, "cannot open " + path + ": " + std::strerror(errno));
        try {
            write_all(fd, data, path);
        } catch (...) {
            ::close(fd);
            throw;
        }
        ::close(fd);
        return;
    }
    write_file_atomic(path, data);
}

void refuse_overwriting_input(const std::string& output, const std::vector<std::string>& inputs, bool force) {
    if (force || output.empty() || output == "-") return;
    for (const std::string& input : inputs) {
        std::error_code ec;
        if (!input.empty() && input != "-" && std::filesystem::equivalent(input, output, ec))
            throw Error(ErrorKind::usage, "-o " + output + " is the input " + input +
                                              "; refusing to overwrite an input (-f overrides)");
    }
}

void add_pass_options(CLI::App& app, PassOptions& opts) {
    opts.key_option = app.add_option("-k,--key", opts.key, "Secret as text (same as --pass pass:TEXT)")
                    ->type_name("TEXT");
    opts.pass_option = app.add_option("--pass", opts.pass,
                                "Secret source: pass:TEXT, env:VAR, file:PATH, fd:N or stdin")
                     ->type_name("SPEC");
    opts.key_option->excludes(opts.pass_option);
}

std::optional<Secret> resolve_secret(const PassOptions& opts) {
    std::optional<Secret> secret;
    if (opts.pass_option && opts.pass_option->count() > 0)
        secret = read_secret(opts.pass);
    else if (opts.key_option && opts.key_option->count() > 0)
        secret = Secret(opts.key);
    else
        return std::nullopt;
    if (secret->empty()) throw Error(ErrorKind::usage, "the secret is empty; give a non-empty key");
    return secret;
}

}  // namespace provkit::cli
