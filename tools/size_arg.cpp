// Parsing of size arguments with K/M/G suffixes.
#include "size_arg.hpp"

#include <cctype>
#include <limits>
#include <string>
#include <utility>

#include "provkit/error.hpp"

namespace provkit::cli {

std::size_t parse_size(std::string_view text, std::string_view flag) {
    const auto bad = [&] {
        return Error(ErrorKind::usage,
                     std::string(flag) + ": '" + std::string(text) +
                         "' is not a size; give bytes or a number with K, M or G (e.g. 64M)");
    };
    std::size_t digits = 0, value = 0;
    constexpr std::size_t max = std::numeric_limits<std::size_t>::max();
    for (; digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])); ++digits) {
        const std::size_t d = std::size_t(text[digits] - '0');
        if (value > (max - d) / 10) throw bad();
        value = value * 10 + d;
    }
    if (digits == 0) throw bad();
    std::string unit;
    for (char c : text.substr(digits))
        unit.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    static constexpr std::pair<std::string_view, int> units[] = {
        {"", 0},    {"b", 0},    {"k", 10}, {"kb", 10}, {"kib", 10}, {"m", 20},
        {"mb", 20}, {"mib", 20}, {"g", 30}, {"gb", 30}, {"gib", 30}};
    int shift = -1;
    for (const auto& [name, bits] : units)
        if (unit == name) shift = bits;
    if (shift < 0) throw bad();
    if (value > (max >> shift)) throw bad();
    value <<= shift;
    if (value == 0) throw Error(ErrorKind::usage, std::string(flag) + " must be at least 1 byte");
    return value;
}

}  // namespace provkit::cli
