// Fleet lists for push-resync/upgrade --phones: one phone a line, or CSV
// PHONE[,USER][,PASSWORD-SPEC][,URL]; blank lines and lines starting with # are skipped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provkit {

struct PhoneEntry {
    std::size_t line = 0;  // 1-based line number in the list
    std::string phone;     // HOST[:PORT], checked with phone::check_phone_address
    std::optional<std::string> user;           // an empty field means "the command line's"
    std::optional<std::string> password_spec;  // pass:, env:, file:, fd: or stdin
    std::optional<std::string> url;            // the rest of the line (it may hold commas)
};

// Parses a list; `name` is used in messages. Fields are trimmed of surrounding blanks; the
// fourth field is the rest of the line. Throws Error(input) as "NAME:LINE:COL: problem" for
// a bad phone address or an empty list. A password spec is not resolved here.
std::vector<PhoneEntry> parse_phone_list(std::string_view text, const std::string& name);

}  // namespace provkit
