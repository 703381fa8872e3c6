// Library-internal: {{column}} placeholders in template values and file names, the $MA / $MAU
// macros of file names, and the checks that keep every generated file inside its directory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provkit::bulk::detail {

struct Piece {
    enum class Kind { text, column, mac, mac_upper } kind = Kind::text;
    std::string text;  // the literal text, or the column name
};
using Pattern = std::vector<Piece>;

// A template value: literal text and {{column}} placeholders (spaces inside the braces are
// ignored). Nothing when text holds no "{{". Everything else, phone macros ($MA, $(MAU), ...)
// included, is literal. Throws Error(input) for "{{" without "}}" or an empty name.
std::optional<Pattern> parse_value_pattern(std::string_view text);

// A --name pattern: also $MA, $(MA), $MAU, $(MAU) and $$. Throws Error(usage) for any other $.
Pattern parse_name_pattern(std::string_view text);

// Why name cannot be a file directly inside the output directory, or nothing when it can: empty,
// "." or "..", a '/', NUL or other control character, invalid UTF-8, over 255 bytes, or the
// prefix of provkit's temporary files.
std::optional<std::string> file_name_problem(std::string_view name);

// The prefix of temporary files in the output directory.
inline constexpr std::string_view temp_prefix = ".provkit-";

}  // namespace provkit::bulk::detail
