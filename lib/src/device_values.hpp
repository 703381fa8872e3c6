// Library-internal: how a phone reads a parameter of a downloaded profile, shared by the device
// model (device_profile.cpp) and the resync simulation (simulate_apply.cpp).
#pragma once

#include <string>
#include <string_view>

namespace provkit::detail {

// Guide ch. 2, "Formatting": leading and trailing white space is removed from the parameter
// value; new lines within a value are converted to spaces.
std::string normalize_value(std::string_view raw);

// "1" for User_ID_1_, "" for other names: the line whose user ID $UID1 names.
std::string user_id_line(std::string_view name);

}  // namespace provkit::detail
