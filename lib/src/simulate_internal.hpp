// Pieces of the resync simulation shared by simulate_*.cpp: fetching with the phone's status
// handling, decoding and applying a downloaded profile.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provkit/rule.hpp"
#include "provkit/secret.hpp"
#include "provkit/simulate.hpp"

namespace provkit::simulate_detail {

// A transfer with the guide's status handling: 301/302 retried at the new location, 401/407
// retried with the credentials (request.user/password) at most twice, 404 and a missing tftp
// file class B, everything else class C.
struct Download {
    ResultClass result = ResultClass::c;
    FetchResult response;  // the last one
    std::vector<Attempt> attempts;
    std::string url;     // the last URL requested (unredacted)
    std::string error;   // the phone's $ERR when not class A
    bool not_found = false;
    bool have_credentials = false;
};
Download download(FetchRequest request, bool have_credentials, const Fetcher& fetcher);

// "scheme://host:port/path" for a URL split by the rule module.
std::string fetch_url(const Url& url);

// The value a phone holds for name: the state's, else the catalog default, else "".
std::string phone_value(const Profile& state, std::string_view name);

// Decodes a downloaded body: RFC 8188 when the server said Content-Encoding: aes128gcm (the
// key from IKM_HTTP_Encrypt_Content), then as `decrypt` does with key. alias (the map text of
// GPP_X) allows a document that is not a flat profile. Throws Error (class B for the caller).
Bytes decode_body(const FetchResult& response, const Secret* key, const Profile& state, bool alias,
                  std::vector<std::string>& steps);

// Applies a decoded document to state and device with the phone's semantics; records the
// names changed and ignored in report. alias_map: the text of GPP_X for --alias x, or null.
void apply_document(std::string_view document, const std::string* alias_map, const std::string& source,
                    Profile& state, Device& device, RuleReport& report);

// Sets one parameter as a phone would (unknown names ignored); returns whether it changed.
bool apply_parameter(Profile& state, Device& device, const std::string& name, const std::string& value,
                     std::optional<UserAccess> ua, Location where, RuleReport& report);

// Evaluates Upgrade_Rule and probes the load's URL.
UpgradeReport check_upgrade(Profile& state, Device& device, const SimulateOptions& options,
                            const std::string& user_agent, const Fetcher& fetcher);

}  // namespace provkit::simulate_detail
