// Parsing of size arguments such as --max-size 64M: bytes, or a number with a binary suffix.
#pragma once

#include <cstddef>
#include <string_view>

namespace provkit::cli {

// "4096", "512K", "64M", "1G" (also "64MiB", "64mb"; K = 1024). Throws Error(usage) naming flag
// for anything else, for 0 and for sizes that do not fit in size_t.
std::size_t parse_size(std::string_view text, std::string_view flag);

}  // namespace provkit::cli
