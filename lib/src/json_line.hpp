// Library-internal: reading one flat JSON object per line, as JSON Lines device tables and the
// bulk manifest use it (values are strings, numbers or null). Writing JSON is provkit/json.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provkit::json_line {

struct Member {
    std::string key;
    std::string value;  // a string's decoded text, a number's literal text; empty for null
    bool null = false;
};

struct ParseError {
    std::size_t offset;  // byte offset in the line
    std::string message;
};

// Parses line (without its line ending) as one JSON object (RFC 8259) whose values are strings,
// numbers or null; members are appended to out in order. A nested value, true/false, a key given
// twice, invalid UTF-8 or anything after the object is an error.
std::optional<ParseError> parse_object(std::string_view line, std::vector<Member>& out);

}  // namespace provkit::json_line
