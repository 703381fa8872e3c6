// Literals of the rule language: integers and firmware version strings, and the version
// comparison of guide ch. 2 "Version Numbers" (see provkit-eval-rule(1) for the algorithm).
#include <algorithm>
#include <cctype>

#include "rule_internal.hpp"

namespace provkit {

namespace {

bool is_field(std::string_view f) {
    // "v1-v2-v3-v4 can specify different digits and characters, but must start with a
    // numeric digit."
    return !f.empty() && std::isdigit(static_cast<unsigned char>(f[0])) &&
           std::all_of(f.begin(), f.end(), [](unsigned char c) { return std::isalnum(c); });
}

bool is_alnum(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c); });
}

// Compares two digit strings as unbounded non-negative numbers.
int compare_digits(std::string_view a, std::string_view b) {
    while (a.size() > 1 && a[0] == '0') a.remove_prefix(1);
    while (b.size() > 1 && b[0] == '0') b.remove_prefix(1);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

// "If v[x] includes only numeric digits, the digits are compared; if v[x] includes numeric
// digits + alpha characters, digits are compared first, then characters are compared in
// alphabetical order." A field without leading digits sorts before any number; the rest
// compares case-insensitively, then byte-wise so that only identical fields are equal.
int compare_field(std::string_view a, std::string_view b) {
    auto split = [](std::string_view f) {
        std::size_t n = 0;
        while (n < f.size() && std::isdigit(static_cast<unsigned char>(f[n]))) ++n;
        return std::pair{f.substr(0, n), f.substr(n)};
    };
    auto [da, ra] = split(a);
    auto [db, rb] = split(b);
    if (da.empty() != db.empty()) return da.empty() ? -1 : 1;
    if (int c = compare_digits(da, db)) return c;
    auto lower = [](unsigned char c) { return std::tolower(c); };
    bool less = std::lexicographical_compare(ra.begin(), ra.end(), rb.begin(), rb.end(),
                                             [&](char x, char y) { return lower(x) < lower(y); });
    bool greater = std::lexicographical_compare(rb.begin(), rb.end(), ra.begin(), ra.end(),
                                                [&](char x, char y) { return lower(x) < lower(y); });
    if (less || greater) return less ? -1 : 1;
    return ra.compare(rb) < 0 ? -1 : ra.compare(rb) > 0 ? 1 : 0;
}

std::optional<FirmwareVersion> parse_mpp(std::string_view text) {
    // PREFIX.v1-v2-v3[-v4]MPP[-BN]: the marker is the last "MPP" followed by the end or by
    // "-BN", so that fields may themselves contain letters (11-0-0MN-1MPP-BN).
    for (std::size_t at = text.rfind("MPP"); at != std::string_view::npos && at > 0;
         at = text.rfind("MPP", at - 1)) {
        std::string_view tail = text.substr(at + 3);
        if (!tail.empty() && !(tail[0] == '-' && is_alnum(tail.substr(1)))) continue;
        std::string_view head = text.substr(0, at);
        std::size_t dot = head.find('.');
        if (dot == std::string_view::npos || !is_alnum(head.substr(0, dot))) return std::nullopt;
        FirmwareVersion v;
        v.prefix = head.substr(0, dot);
        v.build = tail.empty() ? "" : tail.substr(1);
        std::string_view fields = head.substr(dot + 1);
        while (true) {
            std::size_t dash = fields.find('-');
            v.fields.emplace_back(fields.substr(0, dash));
            if (!is_field(v.fields.back())) return std::nullopt;
            if (dash == std::string_view::npos) break;
            fields.remove_prefix(dash + 1);
        }
        if (v.fields.size() < 3 || v.fields.size() > 4) return std::nullopt;
        return v;
    }
    return std::nullopt;
}

std::optional<FirmwareVersion> parse_dotted(std::string_view text) {
    // Hardware versions ($HWVER, "2.0.1") and legacy SPA firmware ("2.0.3(0412s)"): two to
    // four dot-separated fields and an optional build in parentheses. The guide lists
    // "software or hardware version numbers" as literals; its "11.0.0 is an invalid format"
    // is about the MPP format, which "the comparing string must use" - so comparing such a
    // version with an MPP one is the format error (compare_versions).
    FirmwareVersion v;
    v.mpp = false;
    if (text.ends_with(")")) {
        std::size_t open = text.find('(');
        if (open == std::string_view::npos) return std::nullopt;
        v.build = text.substr(open + 1, text.size() - open - 2);
        if (!is_alnum(v.build)) return std::nullopt;
        text = text.substr(0, open);
    }
    for (std::size_t dot; (dot = text.find('.')) != std::string_view::npos; text.remove_prefix(dot + 1))
        v.fields.emplace_back(text.substr(0, dot));
    v.fields.emplace_back(text);
    if (v.fields.size() < 2 || v.fields.size() > 4 || !std::all_of(v.fields.begin(), v.fields.end(), is_field))
        return std::nullopt;
    return v;
}

}  // namespace

std::optional<FirmwareVersion> parse_firmware_version(std::string_view text) {
    if (auto v = parse_mpp(text)) return v;
    return parse_dotted(text);
}

int compare_versions(const FirmwareVersion& a, const FirmwareVersion& b) {
    if (a.mpp != b.mpp)
        throw RuleError(1, "format error: an MPP version (PREFIX.v1-v2-v3[-v4]MPP[-BN]) can only be compared with "
                           "another in the same format", "version-format");
    // "v1-v2-v3-v4 is compared in sequence, and the leftmost digits take precedence": the
    // prefix (model family) is not compared; a missing field sorts before any present one.
    std::size_t n = std::min(a.fields.size(), b.fields.size());
    for (std::size_t i = 0; i < n; ++i)
        if (int c = compare_field(a.fields[i], b.fields[i])) return c;
    if (a.fields.size() != b.fields.size()) return a.fields.size() < b.fields.size() ? -1 : 1;
    // The build number decides only when both sides carry one: $SWVER (sip78xx.11-0-1MPP)
    // usually has none, and must still equal the same release written with one.
    if (!a.build.empty() && !b.build.empty()) return compare_field(a.build, b.build);
    return 0;
}

namespace detail {

std::optional<std::int64_t> parse_integer(std::string_view text) {
    std::string_view digits = text;
    if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    std::int64_t n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return text[0] == '-' ? -n : n;
}

std::optional<OperandType> classify_word(std::string_view text) {
    if (parse_integer(text)) return OperandType::integer;
    if (parse_firmware_version(text)) return OperandType::version;
    return std::nullopt;
}

std::string not_a_literal_message(std::string_view word, std::string_view written) {
    std::string head = written.empty() || written == word
                           ? "'" + std::string(word) + "' is"
                           : std::string(written) + " expands to '" + std::string(word) + "', which is";
    return head +
           " neither an integer nor a version string (MPP: sip7832.11-0-1MPP-0123, hardware: 2.0.1, legacy SPA: "
           "2.0.3(0412s)); put a string in double quotes";
}

}  // namespace detail

}  // namespace provkit
