// Library-internal: how a phone reads a parameter of a downloaded profile, shared by the device
// model (device_profile.cpp) and the resync simulation (simulate_apply.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "provkit/device.hpp"

namespace provkit::detail {

// Guide ch. 2, "Formatting": leading and trailing white space is removed from the parameter
// value; new lines within a value are converted to spaces.
std::string normalize_value(std::string_view raw);

// "1" for User_ID_1_, "" for other names: the line whose user ID $UID1 names.
std::string user_id_line(std::string_view name);

// The file position of byte offset of the value that normalize_value makes of text.raw as
// pugixml decodes it (escapes and character references, CR LF and CR as one newline): leading
// white space skipped, each escape one step. An offset past the end points after the text.
FilePosition position_in_value_text(const ValueText& text, std::size_t offset);

}  // namespace provkit::detail
