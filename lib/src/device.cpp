// The device context of provkit/device.hpp: macro variable names, values, NAME=VALUE files.
#include "provkit/device.hpp"

#include <algorithm>
#include <cctype>

#include "device_values.hpp"
#include "provkit/error.hpp"

namespace provkit {

namespace {

// Phones have up to 16 line keys that can carry a line; the guide's "UIDn" is "the contents
// of the Line n UserID configuration parameter".
constexpr int max_lines = 16;

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

const std::vector<std::string>& macro_variable_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (char c = 'A'; c <= 'P'; ++c) v.emplace_back(1, c);
        for (const char* n : {"SA", "SB", "SC", "SD", "MA", "MAU", "MAC", "PN", "PSN", "SN", "CCERT", "IP",
                              "EXTIP", "SWVER", "HWVER", "PRVST", "UPGST", "UPGERR", "PRVTMR", "UPGTMR",
                              "REGTMR1", "REGTMR2", "UPGCOND", "SCHEME", "SERV", "SERVIP", "PORT", "PATH",
                              "ERR"})
            v.emplace_back(n);
        for (int n = 1; n <= max_lines; ++n) v.push_back("UID" + std::to_string(n));
        for (const char* n : {"EMS", "MUID", "MPWD"}) v.emplace_back(n);
        return v;
    }();
    return names;
}

std::string canonical_macro_name(std::string_view name) {
    if (name.starts_with("GPP_")) {
        std::string_view rest = name.substr(4);
        bool letter = rest.size() == 1 && rest[0] >= 'A' && rest[0] <= 'P';
        return letter || is_secret_macro(rest) ? std::string(rest) : std::string();
    }
    const auto& names = macro_variable_names();
    return std::find(names.begin(), names.end(), name) != names.end() ? std::string(name) : std::string();
}

bool is_secret_macro(std::string_view canonical) {
    return canonical == "SA" || canonical == "SB" || canonical == "SC" || canonical == "SD";
}

std::string normalize_mac(std::string_view mac) {
    std::string hex;
    std::size_t digits_in_group = 0;
    char separator = 0;
    for (char c : mac) {
        if (std::isxdigit(static_cast<unsigned char>(c))) {
            hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            ++digits_in_group;
        } else if ((c == ':' || c == '-') && digits_in_group == 2 && (separator == 0 || separator == c)) {
            separator = c;
            digits_in_group = 0;
        } else {
            hex.clear();
            break;
        }
    }
    bool grouped_ok = separator == 0 || (digits_in_group == 2 && mac.size() == 17);
    if (hex.size() != 12 || !grouped_ok)
        throw Error(ErrorKind::usage, "'" + std::string(mac) +
                                          "' is not a MAC address; give 12 hex digits, e.g. 000e08012345 or "
                                          "00:0e:08:01:23:45");
    return hex;
}

void Device::set(std::string_view name, std::string value) {
    std::string canonical = canonical_macro_name(name);
    if (canonical.empty())
        throw Error(ErrorKind::usage, "'" + std::string(name) +
                                          "' is not a macro variable; known: A..P, SA..SD, MA, MAU, MAC, PN, PSN, "
                                          "SN, CCERT, IP, EXTIP, SWVER, HWVER, PRVST, UPGST, UPGERR, PRVTMR, "
                                          "UPGTMR, REGTMR1, REGTMR2, UPGCOND, SCHEME, SERV, SERVIP, PORT, PATH, "
                                          "ERR, UID1..UID16, EMS, MUID, MPWD");
    if (canonical == "MA" || canonical == "MAU" || canonical == "MAC")
        set_mac(value);
    else
        values_[canonical] = std::move(value);
}

void Device::set_mac(std::string_view mac) {
    std::string ma = normalize_mac(mac);
    std::string mau = ma, colons;
    std::transform(mau.begin(), mau.end(), mau.begin(), [](unsigned char c) { return std::toupper(c); });
    for (std::size_t i = 0; i < ma.size(); i += 2) {
        if (i) colons += ':';
        colons += ma.substr(i, 2);
    }
    // Guide ch. 5: MA lower-case hex, MAU upper-case hex, MAC lower-case with colons.
    values_["MA"] = ma;
    values_["MAU"] = mau;
    values_["MAC"] = colons;
}

const std::string* Device::value(std::string_view canonical) const {
    auto it = values_.find(canonical);
    return it == values_.end() ? nullptr : &it->second;
}

void Device::set_parameter(std::string name, std::string value, std::string source, ValueText text) {
    param_origins_[name] = Origin{std::move(source), std::move(text)};
    params_[std::move(name)] = std::move(value);
}

std::string Device::parameter_source(std::string_view name) const {
    auto it = param_origins_.find(name);
    return it == param_origins_.end() ? std::string() : it->second.source;
}

std::optional<FilePosition> Device::parameter_position(std::string_view name, std::size_t offset) const {
    auto it = param_origins_.find(name);
    if (it == param_origins_.end() || it->second.text.line == 0) return std::nullopt;
    return detail::position_in_value_text(it->second.text, offset);
}

const std::string* Device::parameter(std::string_view name) const {
    auto it = params_.find(name);
    return it == params_.end() ? nullptr : &it->second;
}

void load_device_text(Device& device, std::string_view text, const std::string& source) {
    std::size_t line_no = 0;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++line_no;
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        std::string where = source + ":" + std::to_string(line_no) + ": ";
        std::size_t eq = line.find('=');
        if (eq == std::string_view::npos)
            throw Error(ErrorKind::input, where + "expected NAME=VALUE (or a # comment)");
        std::string_view name = trim(line.substr(0, eq));
        try {
            device.set(name, std::string(trim(line.substr(eq + 1))));
        } catch (const Error& e) {
            throw Error(ErrorKind::input, where + e.what());
        }
    }
}

}  // namespace provkit
