// The `openssl enc -aes-256-cbc` file format: "Salted__" + 8-byte salt + AES-256-CBC with
// PKCS#7 padding, key and IV from EVP_BytesToKey (digest, 1 iteration) or PBKDF2.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "provkit/file_io.hpp"

namespace provkit::openssl_enc {

using Salt = std::array<unsigned char, 8>;

// How the key and IV are derived from the secret.
struct Kdf {
    std::string digest = "md5";  // any digest OpenSSL knows; md5 is what phones were tested with
    bool pbkdf2 = false;         // PBKDF2 (openssl enc -pbkdf2) instead of EVP_BytesToKey
    int iterations = 10000;      // PBKDF2 iterations (openssl enc -iter)
};

// True when data starts with "Salted__".
bool has_header(std::string_view data) noexcept;

// Encrypts plaintext exactly as `openssl enc -e -aes-256-cbc` with the given KDF does. Without
// a salt a fresh one comes from the OS random generator. Throws Error(usage) for an unknown
// digest.
Bytes encrypt(std::string_view plaintext, std::string_view secret, const Kdf& kdf,
              const std::optional<Salt>& salt = std::nullopt);

// Decrypts an openssl-enc file. Throws Error(input) for a missing header or a length that is
// not whole blocks, and Error(wrong_key) when the padding does not verify.
Bytes decrypt(std::string_view file, std::string_view secret, const Kdf& kdf);

}  // namespace provkit::openssl_enc
