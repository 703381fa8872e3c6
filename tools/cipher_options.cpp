// Command-line pieces shared by `provkit encrypt` and `provkit decrypt`.
#include "cipher_options.hpp"

#include <algorithm>
#include <cctype>

#include "diagnostics.hpp"
#include "provkit/error.hpp"

namespace provkit::cli {

aes128gcm::KeyEncoding parse_key_encoding(const std::string& name) {
    if (name == "hex") return aes128gcm::KeyEncoding::hex;
    if (name == "base64url") return aes128gcm::KeyEncoding::base64url;
    return aes128gcm::KeyEncoding::text;
}

std::string input_name(const std::string& path) {
    return path.empty() || path == "-" ? "standard input" : path;
}

void reject_flags(const std::string& scheme, std::initializer_list<std::pair<bool, const char*>> flags) {
    for (const auto& [is_given, flag] : flags)
        if (is_given)
            throw Error(ErrorKind::usage, std::string(flag) + " does not apply to --scheme " + scheme);
}

void warn_if_phones_may_not_read(const std::string& digest, bool pbkdf2) {
    std::string lower = digest;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (pbkdf2)
        warning(
            "phones tested against OpenSSL 0.9.7c may not read a file whose key comes from PBKDF2; "
            "they expect the default (MD5 key derivation, no --pbkdf2)");
    else if (lower != "md5")
        warning(
            "phones tested against OpenSSL 0.9.7c derive the key with MD5 and may not read a file made with "
            "--md " +
            digest + "; they expect the default, --md md5");
}

}  // namespace provkit::cli
