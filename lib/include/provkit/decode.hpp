// The device-side decode path: a downloaded file is decrypted when it is encrypted, inflated
// when it is gzip, and must then be a well-formed <flat-profile> document - as a phone does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "provkit/file_io.hpp"
#include "provkit/gzip.hpp"
#include "provkit/openssl_enc.hpp"
#include "provkit/secret.hpp"

namespace provkit {

enum class Scheme { automatic, openssl, aes128gcm };

struct DecodeOptions {
    Scheme scheme = Scheme::automatic;
    // nullopt: try MD5 then SHA-256 and accept a candidate only if its plaintext verifies.
    std::optional<std::string> digest;
    bool pbkdf2 = false;
    int iterations = 10000;
    bool raw = false;  // stop after decryption
    std::size_t max_output = gzip::default_max_output;
    // Names the input: every error message then starts with it, and positions of the final
    // profile check read "NAME:LINE:COL: ...". When empty, positions read "line L, column C".
    std::string source_name;
};

struct DecodeResult {
    Bytes data;
    bool encrypted = false;
    bool compressed = false;
    std::string derivation;  // e.g. "md5", "sha256", "pbkdf2-sha256 (10000 iterations)", "aes128gcm"
};

// Decodes file. secret may be null for unencrypted input; encrypted input without a secret
// is Error(usage). A wrong key is Error(wrong_key), never garbage output.
DecodeResult decode_profile(std::string_view file, const Secret* secret, const DecodeOptions& options);

// aes128gcm has no magic. Whether data that no key authenticates (or without one) is taken for
// its ciphertext: data in aes128gcm's shape that is not a gzip stream (a whole header) or UTF-16
// text, and whose salt and records (not the record size and key id, which can be text) are at
// least a quarter bytes no text has; if it starts like XML (a random salt does 1 time in 256),
// its salt must turn binary too - else it is rather a damaged profile.
bool looks_like_aes128gcm_ciphertext(std::string_view data) noexcept;

}  // namespace provkit
