// Parameter values as a phone reads them.
#include "device_values.hpp"

#include <algorithm>
#include <cctype>

namespace provkit::detail {

std::string normalize_value(std::string_view raw) {
    std::string v;
    for (char c : raw) v += (c == '\n' || c == '\r') ? ' ' : c;
    std::size_t b = 0, e = v.size();
    while (b < e && std::isspace(static_cast<unsigned char>(v[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(v[e - 1]))) --e;
    return v.substr(b, e - b);
}

std::string user_id_line(std::string_view name) {
    if (!name.starts_with("User_ID_") || !name.ends_with("_") || name.size() < 10) return "";
    std::string_view digits = name.substr(8, name.size() - 9);
    return std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })
               ? std::string(digits)
               : "";
}

}  // namespace provkit::detail
