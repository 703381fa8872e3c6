// Library-internal: the output directory of a bulk run. Every file is created through a
// descriptor of the directory with a single-component name, so nothing lands outside it, and
// appears whole or not at all (a temporary file renamed over the name).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "provkit/file_io.hpp"

namespace provkit::bulk::detail {

class OutputDir {
public:
    // Opens dir, creating it (and its parents) when missing. Throws Error(io).
    explicit OutputDir(const std::filesystem::path& dir);
    ~OutputDir();
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    // Writes data as name (a checked single component) atomically: an unnamed file linked in
    // as name, or (to replace a file) a temporary file in the directory renamed over name. A replaced file
    // keeps its mode; a symbolic link or anything else that is not a regular file is not replaced. worker and
    // counter make the temporary name unique. Throws Error(io) naming the file; the temporary file is
    // removed.
    void write(const std::string& name, std::string_view data, unsigned worker, std::uint64_t& counter) const;

    // The content of name when it is a regular file of exactly size bytes, else nothing.
    std::optional<Bytes> read_exact(const std::string& name, std::uint64_t size) const;

    // Flushes everything written to disk (syncfs once, instead of an fsync per file).
    void sync() const;

    const std::string& path() const noexcept { return path_; }
    int fd() const noexcept { return fd_; }

private:
    void write_all_or_unlink(int fd, const std::string& tmp, std::string_view data,
                             const std::string& shown) const;

    std::string path_;
    int fd_ = -1;
    mutable std::atomic<bool> no_tmpfile_{false};  // the file system has no O_TMPFILE
};

}  // namespace provkit::bulk::detail
