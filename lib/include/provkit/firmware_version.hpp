// MPP firmware version strings (sip7832.11-0-1MPP-0123, as the guide's "Version Numbers"
// describes them) and their order, for downgrade checks before an upgrade is pushed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provkit {

struct FirmwareVersion {
    std::string prefix;               // "sip7832" (may be empty)
    std::vector<std::string> fields;  // v1-v2-v3[-v4]: 3 or 4, each starting with a digit
    std::string build;                // what follows the MPP marker ("-0123", "0001-609"), may be empty
    std::string text;                 // as written
};

// Parses [PREFIX.]v1-v2-v3[-v4]MPP[BUILD]; nullopt for anything else (a bare 11.0.0 too, as
// the guide says).
std::optional<FirmwareVersion> parse_firmware_version(std::string_view text);

// The version a load file names: the last path segment of url without ".loads"
// (".../sip7832.11-0-1MPP-0123.loads" -> sip7832.11-0-1MPP-0123); nullopt if it is none.
std::optional<FirmwareVersion> firmware_version_of_url(std::string_view url);

// <0, 0 or >0. Fields compare left to right, the leftmost taking precedence; within a field
// the leading digits compare as numbers, then the rest alphabetically (the guide: 11-0-0 <
// 11-0-0MN). A missing fourth field sorts first. Build numbers compare only when both
// versions have one (digit runs as numbers); the prefix (model) is not compared.
int compare_firmware_versions(const FirmwareVersion& a, const FirmwareVersion& b);

}  // namespace provkit
