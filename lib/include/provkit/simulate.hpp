// One resync as a phone performs it (guide ch. 2 "Profile Rules", ch. 3 "HTTP Status Code
// Handling", "Syslog Server"): Profile_Rule, _B, _C, _D evaluated in order, each chosen file
// fetched, decoded and applied to the phone's state; optionally the Upgrade_Rule checked.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "provkit/device.hpp"
#include "provkit/fetch.hpp"
#include "provkit/profile.hpp"

namespace provkit {

struct SimulateOptions {
    std::string tftp_server;  // DHCP option 66: "HOST" or "HOST:PORT"
    std::string cacert;       // PEM bundle the phone trusts for https; empty: the system's
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds timeout{30000};
    std::size_t max_bytes = std::size_t(8) << 20;
    bool upgrade = false;  // also evaluate Upgrade_Rule and probe its URL
};

// The guide's result classes: A success, B file not found or corrupt, C any other failure.
enum class ResultClass { none, a, b, c };
std::string_view to_string(ResultClass c);  // "", "A", "B", "C"

struct Attempt {
    std::string url;  // credentials shown as ***
    long status = 0;  // 0: no HTTP status (tftp, or no response)
    std::string outcome;  // "200 OK", "302 Found -> URL", "tftp: file received", "connection refused"
};

struct RuleReport {
    std::string param;                       // Profile_Rule, Profile_Rule_B, ...
    std::optional<std::size_t> alternative;  // 1-based, nullopt: none chosen
    std::string method;                      // GET or POST ("" when nothing was fetched)
    std::string url;                         // the URL fetched last, credentials as ***
    std::vector<Attempt> attempts;
    long status = 0;
    ResultClass result = ResultClass::none;
    std::size_t bytes = 0;
    std::vector<std::string> decoding;  // e.g. "aes-256-cbc (md5)", "gzip", "xml", "alias map GPP_B"
    std::vector<std::string> changed;   // parameters this rule changed, in order
    std::vector<std::string> ignored;   // names the phone does not know
    std::string note;                   // "empty", "no alternative chosen", ...
    std::string error;                  // why the rule failed; "" when it succeeded
    bool ok = true;
};

struct ParamChange {
    std::string name;
    std::optional<std::string> old_value;  // nullopt: the state did not hold it
    std::string new_value;
    std::optional<UserAccess> old_ua, new_ua;
    bool secret = false;  // the catalog marks it secret: reports show ***
};

struct UpgradeReport {
    std::optional<std::size_t> alternative;
    std::string url;        // credentials as ***
    std::string load;       // the file name, "sip7832.11-0-1MPP-0123.loads"
    std::string decision;   // "fetch", "current", "rejected", "disabled", "none"
    std::string detail;     // why, in words
    long status = 0;        // of the probe
    std::string error;      // the URL does not answer, or the rule is bad
    bool ok = true;
};

struct SimulateResult {
    std::vector<RuleReport> rules;  // one per Profile_Rule* evaluated
    std::vector<std::string> syslog;
    std::vector<ParamChange> changed;  // the final state against the initial one, in state order
    std::optional<UpgradeReport> upgrade;
    std::vector<std::string> unset;  // known variables that expanded to "" in the rules
    bool ok = true;
};

using Fetcher = std::function<FetchResult(const FetchRequest&)>;

// Runs one resync on state (changed in place) with device as the macro context (its
// parameters and GPP variables follow the state). Never throws for server or profile problems:
// they are in the result.
SimulateResult simulate_resync(Profile& state, Device& device, const SimulateOptions& options,
                               const Fetcher& fetcher = fetch);

}  // namespace provkit
