// Redaction of credentials in anything provkit shows: URLs (xpassword=, user:password@),
// Authorization headers, and the secret arguments of a profile rule's [--key/--pwd] options.
#pragma once

#include <string>
#include <string_view>

namespace provkit {

inline constexpr std::string_view redacted = "***";

// Replaces the value of every xpassword= parameter (up to '&', whitespace, a quote or the
// end), the password of URL user information, and the value of Authorization and
// Proxy-Authorization header lines (keeping the scheme) with ***.
std::string redact(std::string_view text);

// Replaces the arguments of --key, --pwd and -pwd in a rule's leading [...] option block with
// *** (quoted arguments as a whole). The rest of the rule is kept as written.
std::string redact_rule(std::string_view rule);

}  // namespace provkit
