// Library-internal: openssl-enc encryption and SHA-256 for bulk generation, with the OpenSSL
// algorithms fetched once per run and one set of contexts per worker reused for every device.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "provkit/file_io.hpp"
#include "provkit/openssl_enc.hpp"

namespace provkit::bulk::detail {

using Digest = std::array<unsigned char, 32>;

// Algorithms fetched from the default provider once; read-only and shared by every worker.
class Algorithms {
public:
    // Throws Error(usage) for a digest OpenSSL does not know, as openssl_enc::encrypt does.
    explicit Algorithms(const openssl_enc::Kdf& kdf);
    ~Algorithms();
    Algorithms(const Algorithms&) = delete;
    Algorithms& operator=(const Algorithms&) = delete;

    EVP_CIPHER* aes_256_cbc = nullptr;
    EVP_MD* kdf_digest = nullptr;
    EVP_MD* sha256 = nullptr;
    openssl_enc::Kdf kdf;
};

// One worker's cipher and digest contexts and its supply of random salts.
class Crypto {
public:
    explicit Crypto(const Algorithms& algorithms);
    ~Crypto();
    Crypto(const Crypto&) = delete;
    Crypto& operator=(const Crypto&) = delete;

    // Appends to out the `openssl enc -aes-256-cbc` file of the pieces concatenated: "Salted__",
    // the salt (fixed, or fresh from the OS), and the ciphertext, the key and IV derived from
    // secret exactly as openssl_enc::encrypt derives them.
    void encrypt(std::string_view secret, std::initializer_list<std::string_view> pieces,
                 const std::optional<openssl_enc::Salt>& fixed_salt, Bytes& out);

    // SHA-256 in steps (begin, add..., end), or of one piece at once.
    void sha256_begin();
    void sha256_add(std::string_view data);
    Digest sha256_end();
    Digest sha256(std::string_view data);

private:
    void derive(std::string_view secret, const unsigned char* salt, unsigned char key_iv[48]);
    void next_salt(unsigned char* out);

    const Algorithms& alg_;
    EVP_CIPHER_CTX* cipher_ = nullptr;
    EVP_MD_CTX* md_ = nullptr;
    std::array<unsigned char, 512> salts_{};
    std::size_t salts_used_ = sizeof salts_;
};

// Lower-case hex of bytes.
std::string to_hex(const unsigned char* data, std::size_t size);

}  // namespace provkit::bulk::detail
