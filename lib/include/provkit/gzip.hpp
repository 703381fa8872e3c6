// gzip (RFC 1952) compression and decompression of whole buffers, with an output cap.
#pragma once

#include <cstddef>
#include <string_view>

#include "provkit/file_io.hpp"

namespace provkit::gzip {

inline constexpr std::size_t default_max_output = std::size_t(64) << 20;  // 64 MiB

// True when data starts as a gzip stream does: the magic 1f 8b, method 8 (deflate), valid flags.
bool looks_like_gzip(std::string_view data) noexcept;

// True when data starts with the gzip magic bytes 1f 8b (zlib then names a damaged header).
bool has_magic(std::string_view data) noexcept;

// One gzip member of data at the given level (1..9), no file name, mtime 0, so the output is
// reproducible. `gzip -t` and `gunzip` accept it.
Bytes compress(std::string_view data, int level = 6);

// Decodes every member of a (possibly multi-member) gzip file, checking each CRC-32 and
// length. Throws Error(input) for truncated, corrupt or non-gzip input, and as soon as the
// output would exceed max_output bytes (so a decompression bomb fails fast).
Bytes decompress(std::string_view data, std::size_t max_output = default_max_output);

}  // namespace provkit::gzip
