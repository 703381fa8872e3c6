// EVP_BytesToKey for AES-256-CBC with one iteration, for the two digests phones use (MD5,
// SHA-256), computed without an OpenSSL provider fetch; see bytes_to_key.cpp for why.
#pragma once

#include <string_view>

namespace provkit::detail {

// Writes the 32-byte key and 16-byte IV that EVP_BytesToKey(EVP_aes_256_cbc(), md, salt,
// secret, 1, ...) derives from the 8-byte salt, when digest names MD5 or SHA-256 ("md5", "sha256", any case),
// and returns true; returns false without writing for any other digest (derive those through EVP).
bool bytes_to_key_md5_sha256(std::string_view digest, std::string_view secret, const unsigned char* salt,
                             unsigned char (&key_iv)[48]);

}  // namespace provkit::detail
