// Whole-file reads and atomic whole-file writes (temporary file, fsync, rename).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace provkit {

// Bytes are carried in std::string throughout provkit: raw octets, not necessarily text.
using Bytes = std::string;

// Reads a whole file; "-" reads standard input. Throws Error(io) naming the path on failure
// and Error(input) when the input exceeds max_size bytes.
Bytes read_file(const std::string& path, std::size_t max_size = std::size_t(1) << 32);

// Writes data to path atomically: a temporary file in the same directory is written, fsynced
// and renamed over path, then the directory is fsynced. On any failure the temporary file is
// removed and an existing file at path is left untouched. A new file gets mode 0666 & ~umask;
// a replaced file keeps its mode.
void write_file_atomic(const std::filesystem::path& path, std::string_view data);

// Writes all of data to a file descriptor (retrying short writes). Throws Error(io).
void write_all(int fd, std::string_view data, const std::string& what);

}  // namespace provkit
