// RFC 8188 "aes128gcm" content encoding: header (salt, record size, key id), then records of
// AES-128-GCM with keys from HKDF-SHA-256 of the input keying material (IKM).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "provkit/file_io.hpp"
#include "provkit/secret.hpp"

namespace provkit::aes128gcm {

enum class KeyEncoding { text, hex, base64url };

// The fixed part of the header: salt (16 random bytes), record size (4), key id length (1).
inline constexpr std::size_t salt_size = 16;
inline constexpr std::size_t header_size = salt_size + 4 + 1;

// Turns the secret as the user wrote it into IKM bytes. Throws Error(usage) for bad hex or
// base64url (without echoing the secret).
Secret decode_ikm(std::string_view written, KeyEncoding encoding);

struct Params {
    std::uint32_t record_size = 4096;           // rs: 18 .. 2^32-1
    std::string keyid;                           // at most 255 bytes
    std::optional<std::array<unsigned char, 16>> salt;  // fresh random salt when absent
};

Bytes encrypt(std::string_view plaintext, std::string_view ikm, const Params& params);

// Decodes every record, enforcing the RFC's padding-delimiter rules. Throws Error(input) for
// malformed or truncated input and Error(wrong_key) when a record fails authentication.
Bytes decrypt(std::string_view body, std::string_view ikm);

// True when data could be an aes128gcm body (header long enough, plausible record size).
bool looks_like_aes128gcm(std::string_view data) noexcept;

}  // namespace provkit::aes128gcm
