// MPP firmware version parsing and ordering (see firmware_version.hpp).
#include "provkit/firmware_version.hpp"

#include <cctype>

namespace provkit {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Compares two runs of digits as numbers, whatever their length or leading zeros.
int compare_numbers(std::string_view a, std::string_view b) {
    while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
    while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

// Alternating runs of digits (numeric order) and other characters (byte order).
int compare_mixed(std::string_view a, std::string_view b) {
    while (!a.empty() && !b.empty()) {
        const bool digits = is_digit(a.front()) && is_digit(b.front());
        auto run = [&](std::string_view s) {
            std::size_t n = 0;
            while (n < s.size() && is_digit(s[n]) == digits) ++n;
            return n;
        };
        const std::size_t na = run(a), nb = run(b);
        int c = digits ? compare_numbers(a.substr(0, na), b.substr(0, nb)) : a.substr(0, na).compare(b.substr(0, nb));
        if (c != 0) return c < 0 ? -1 : 1;
        a.remove_prefix(na);
        b.remove_prefix(nb);
    }
    return a.empty() == b.empty() ? 0 : a.empty() ? -1 : 1;
}

}  // namespace

std::optional<FirmwareVersion> parse_firmware_version(std::string_view text) {
    FirmwareVersion v;
    v.text = std::string(text);
    std::string_view rest = text;
    if (const std::size_t dot = rest.find('.'); dot != std::string_view::npos) {
        v.prefix = std::string(rest.substr(0, dot));
        rest.remove_prefix(dot + 1);
    }
    const std::size_t marker = rest.find("MPP");
    if (marker == std::string_view::npos) return std::nullopt;
    std::string_view fields = rest.substr(0, marker);
    v.build = std::string(rest.substr(marker + 3));
    while (true) {
        const std::size_t dash = fields.find('-');
        const std::string_view field = fields.substr(0, dash);
        if (field.empty() || !is_digit(field.front())) return std::nullopt;
        for (char c : field)
            if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
        v.fields.emplace_back(field);
        if (dash == std::string_view::npos) break;
        fields.remove_prefix(dash + 1);
    }
    if (v.fields.size() < 3 || v.fields.size() > 4) return std::nullopt;
    return v;
}

std::optional<FirmwareVersion> firmware_version_of_url(std::string_view url) {
    url = url.substr(0, url.find_first_of("?#"));
    std::string_view file = url.substr(url.rfind('/') + 1);
    if (file.size() > 6 && file.substr(file.size() - 6) == ".loads") file.remove_suffix(6);
    return parse_firmware_version(file);
}

int compare_firmware_versions(const FirmwareVersion& a, const FirmwareVersion& b) {
    for (std::size_t i = 0; i < 4; ++i) {
        const bool has_a = i < a.fields.size(), has_b = i < b.fields.size();
        if (!has_a || !has_b) {
            if (has_a != has_b) return has_a ? 1 : -1;
            continue;
        }
        const std::string_view fa = a.fields[i], fb = b.fields[i];
        std::size_t da = 0, db = 0;
        while (da < fa.size() && is_digit(fa[da])) ++da;
        while (db < fb.size() && is_digit(fb[db])) ++db;
        if (int c = compare_numbers(fa.substr(0, da), fb.substr(0, db)); c != 0) return c;
        if (int c = fa.substr(da).compare(fb.substr(db)); c != 0) return c < 0 ? -1 : 1;
    }
    auto build_of = [](const std::string& build) {
        std::string_view s = build;
        while (!s.empty() && s.front() == '-') s.remove_prefix(1);
        return s;
    };
    const std::string_view ba = build_of(a.build), bb = build_of(b.build);
    if (ba.empty() || bb.empty()) return 0;
    return compare_mixed(ba, bb);
}

}  // namespace provkit
