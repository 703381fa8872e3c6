// Library-internal: the output directory of a bulk run. Every file is created through a
// descriptor of the directory with a single-component name, so nothing lands outside it, and
// appears whole or not at all. Files are written in steps - staged (the data in a file that has
// no name yet), flushed to disk, then published (linked or renamed in) - so a crash or power
// loss never leaves a name pointing at a partial file. One flush (syncfs) serves every file
// staged before it: a group of files costs one journal commit, not one per file.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "provkit/file_io.hpp"

namespace provkit::bulk::detail {

class OutputDir;

// The data of one file, written but not yet visible under its name: an unnamed O_TMPFILE file
// or, where the file system has none, a temporary file; kept open until published. Destroying
// an unpublished StagedFile removes it.
class StagedFile {
public:
    StagedFile() = default;
    StagedFile(StagedFile&& other) noexcept;
    StagedFile& operator=(StagedFile&& other) noexcept;
    ~StagedFile();
    explicit operator bool() const noexcept { return fd_ >= 0; }

private:
    friend class OutputDir;
    void release() noexcept;

    const OutputDir* dir_ = nullptr;
    int fd_ = -1;
    std::string tmp_;  // the temporary name, when the file has one
};

class OutputDir {
public:
    // Opens dir, creating it (and its parents) when missing, and removes the temporary files
    // that killed runs left there (those of processes that no longer exist). Throws Error(io).
    explicit OutputDir(const std::filesystem::path& dir);
    ~OutputDir();
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    // Writes data into a new file of the directory that has no name yet. worker and counter make
    // a temporary name unique when one is needed. Throws Error(io) naming `shown`.
    StagedFile stage(std::string_view data, const std::string& shown, unsigned worker,
                     std::uint64_t& counter) const;

    // Writes every file staged so far to disk - with whatever else on the directory's file
    // system is waiting to be written: one syncfs. Throws Error(io).
    void flush() const;

    // Gives a staged file (flushed first) its name, a checked single component,
    // replacing a regular file of that name and keeping its mode; a symbolic link or anything
    // else that is not a regular file is not replaced. Throws Error(io); the staged file is
    // removed either way.
    void publish(StagedFile& file, const std::string& name, unsigned worker, std::uint64_t& counter) const;

    // The content of name when it is a regular file of exactly size bytes, else nothing.
    std::optional<Bytes> read_exact(const std::string& name, std::uint64_t size) const;

    // Makes the names given so far durable (fsync of the directory).
    void sync() const;

    const std::string& path() const noexcept { return path_; }
    int fd() const noexcept { return fd_; }

private:
    friend class StagedFile;
    std::string temp_name(unsigned worker, std::uint64_t& counter) const;
    void remove_stale_temporaries() const;

    std::string path_;
    int fd_ = -1;
    mutable std::atomic<bool> no_tmpfile_{false};  // the file system has no O_TMPFILE
};

}  // namespace provkit::bulk::detail
