// The requests a Cisco SPA/MPP phone's web server understands, built as the provisioning
// guide shows them: /admin/resync?RULE, /admin/upgrade?URL, the direct /admin/config.xml
// upload (byte-identical to `curl -d @FILE`), and the XML Execute object for /CGI/Execute;
// credentials in the query (&xuser=&xpassword=) or by HTTP Basic/Digest.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/file_io.hpp"
#include "provkit/secret.hpp"
#include "provkit/transport.hpp"

namespace provkit::phone {

enum class CredentialMode { query, basic, digest };

struct Credentials {
    std::string user;  // empty: no credentials are sent
    std::shared_ptr<const Secret> password;  // null or empty: an empty password
    CredentialMode mode = CredentialMode::query;
};

// Where and how to reach one phone.
struct Endpoint {
    std::string phone;  // HOST[:PORT], see check_phone_address
    bool https = false;
    TlsOptions tls;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{15000};
};

// A request and its display form. `display` is what provkit may show (dry runs, -v): the
// method and URL with xpassword=***, rule secrets and Authorization values redacted, the
// Content-Type, and for a body its size (or, for the Execute object, the body itself).
struct PhoneRequest {
    HttpRequest http;
    std::string display;
};

// Throws Error(usage) unless phone is HOST[:PORT] (a name, IPv4 address or [IPv6] address;
// port 1-65535) without scheme, path or user information.
void check_phone_address(std::string_view phone);

// Percent-encodes what cannot stand in a URL query so the phone decodes it back to exactly
// `rule`: kept are letters, digits, - . _ ~ and ! $ ' ( ) * , ; = : @ / ? (so $MA macros and
// the URL's punctuation stay readable); encoded are %, &, +, #, space, " [ ] < > \ ^ ` { | },
// control characters and every non-ASCII byte.
std::string encode_rule(std::string_view rule);

// Throws Error(usage) when a --raw-url target holds what no HTTP request line can carry
// verbatim (space, control characters, non-ASCII) or what would cut the URL short (#).
void check_raw_target(std::string_view target);

// Percent-encodes every byte except letters, digits and - . _ ~ (for xuser and xpassword).
std::string encode_credential(std::string_view value);

// application/x-www-form-urlencoded value: letters, digits, * - . _ kept, space as +.
std::string form_urlencode(std::string_view value);

// The body `curl -d @FILE` sends for a file (curl 7.88, as on Debian 12): the file is read
// in fgets() chunks of up to 255 bytes; in each chunk everything from the first CR on, then
// from the first LF on, then from the first NUL on is dropped. For a text file with LF or
// CRLF line ends that is "every CR and LF removed"; a lone CR or a NUL loses data.
Bytes curl_data_from_file(std::string_view file);

// "7832", "cp-7832-3pcc" or "CP-7832-3PCC" -> "CP-7832-3PCC". Throws Error(usage) otherwise.
std::string model_name(std::string_view model);

// <CP-7832-3PCCExecute><ExecuteItem URL="Resync:RULE" /></CP-7832-3PCCExecute> (the guide's
// "Provisioning Through Cisco XML" object, attribute value quoted and XML-escaped).
std::string execute_object(std::string_view model_name, std::string_view rule);

// Checks a firmware URL as the guide requires of an upgrade URL: scheme (tftp, http or
// https) and server present, an absolute file path, no [options]. Throws Error(usage) with
// the reason; returns warnings (a file name that does not look like a *.loads load).
std::vector<std::string> check_upgrade_url(std::string_view url);

// GET /admin/resync[?RULE]: rule empty for a resync to the phone's own Profile_Rule.
// raw: send rule verbatim (checked by check_raw_target) instead of encode_rule(rule).
PhoneRequest resync_request(const Endpoint& endpoint, std::string_view rule, bool raw, const Credentials& credentials);

// GET /admin/upgrade?URL (check the URL with check_upgrade_url first).
PhoneRequest upgrade_request(const Endpoint& endpoint, std::string_view firmware_url, bool raw,
                             const Credentials& credentials);

// POST /admin/config.xml with body = curl_data_from_file(file), as the guide's
// `curl -d @my_config.xml "http://PHONE/admin/config.xml&xuser=admin&xpassword=PW"`.
// source_name names the file in the display form.
PhoneRequest config_upload_request(const Endpoint& endpoint, std::string_view file, std::string_view source_name,
                                   const Credentials& credentials);

// POST /CGI/Execute with form field XML=execute_object(model, rule), as Cisco XML objects
// are posted to phones.
PhoneRequest execute_resync_request(const Endpoint& endpoint, std::string_view model_name, std::string_view rule,
                                    const Credentials& credentials);

}  // namespace provkit::phone
