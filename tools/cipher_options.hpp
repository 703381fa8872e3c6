// Command-line pieces shared by `provkit encrypt` and `provkit decrypt`: key encodings, flags
// that apply to one scheme only, and the phone-compatibility warnings.
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "provkit/aes128gcm.hpp"

namespace provkit::cli {

// The value of an option if the user gave it, else nothing.
template <class T>
std::optional<T> given(const CLI::Option* option, const T& value) {
    return option->count() > 0 ? std::optional<T>(value) : std::nullopt;
}

// "text", "hex" or "base64url" (validated by CLI11 before this is called).
aes128gcm::KeyEncoding parse_key_encoding(const std::string& name);

// The input as messages name it: the path, or "standard input" for "-".
std::string input_name(const std::string& path);

// Throws Error(usage) naming the first flag that was given although it does not apply to the
// scheme: each pair is (given, "--flag").
void reject_flags(const std::string& scheme, std::initializer_list<std::pair<bool, const char*>> flags);

// Warns when a file made with this derivation may not be readable by phones, which were tested
// against OpenSSL 0.9.7c: EVP_BytesToKey with MD5.
void warn_if_phones_may_not_read(const std::string& digest, bool pbkdf2);

}  // namespace provkit::cli
