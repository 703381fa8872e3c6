// Unit tests for provkit/openssl_enc.hpp against OpenSSL's EVP layer itself: the library derives
// MD5/SHA-256 keys and runs AES-256-CBC without EVP (for speed), so every message length around
// the block size, secret length and salt must give EVP's bytes exactly.
#include <doctest/doctest.h>
#include <openssl/evp.h>

#include <random>
#include <string>

#include "provkit/openssl_enc.hpp"

namespace oe = provkit::openssl_enc;

namespace {

// openssl enc -aes-256-cbc -md DIGEST, done the EVP way: EVP_BytesToKey, then EVP_Encrypt*.
std::string evp_encrypt(const std::string& plaintext, const std::string& secret, const char* digest,
                        const oe::Salt& salt) {
    unsigned char key[32], iv[16];
    REQUIRE(EVP_BytesToKey(EVP_aes_256_cbc(), EVP_get_digestbyname(digest), salt.data(),
                           reinterpret_cast<const unsigned char*>(secret.data()), int(secret.size()), 1, key,
                           iv) == 32);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    REQUIRE(EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key, iv) == 1);
    std::string out(plaintext.size() + 16, '\0');
    int n = 0, last = 0;
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    CHECK(EVP_EncryptUpdate(ctx, dst, &n, reinterpret_cast<const unsigned char*>(plaintext.data()),
                            int(plaintext.size())) == 1);
    CHECK(EVP_EncryptFinal_ex(ctx, dst + n, &last) == 1);
    EVP_CIPHER_CTX_free(ctx);
    out.resize(std::size_t(n + last));
    return "Salted__" + std::string(salt.begin(), salt.end()) + out;
}

oe::Kdf kdf(const char* digest) {
    oe::Kdf k;
    k.digest = digest;
    return k;
}

}  // namespace

TEST_CASE("encrypt and decrypt agree with EVP for every length, secret and salt") {
    std::mt19937 rng(2);
    auto bytes = [&](std::size_t n) {
        std::string s(n, '\0');
        for (auto& c : s) c = char(rng());
        return s;
    };
    // Both spellings of each digest (the library's fast path takes "md5" and "SHA256" in any case).
    for (const char* digest : {"md5", "MD5", "sha256", "SHA256"}) {
        for (std::size_t length = 0; length <= 70; ++length) {
            oe::Salt salt;
            for (auto& b : salt) b = static_cast<unsigned char>(rng());
            // Secrets longer than a digest block (64) and empty ones too.
            const std::string secret = bytes((length * 7) % 150);
            const std::string message = bytes(length);
            const std::string expected = evp_encrypt(message, secret, digest, salt);
            CHECK(oe::encrypt(message, secret, kdf(digest), salt) == expected);
            CHECK(oe::decrypt(expected, secret, kdf(digest)) == message);
        }
    }
}

TEST_CASE("a digest only EVP knows by that name derives the same key as md5 and sha256") {
    const oe::Salt salt{8, 7, 6, 5, 4, 3, 2, 1};
    const std::string message = "<flat-profile/>\n";
    CHECK(oe::encrypt(message, "k", kdf("SSL3-MD5"), salt) == oe::encrypt(message, "k", kdf("md5"), salt));
    CHECK(oe::encrypt(message, "k", kdf("SHA2-256"), salt) == oe::encrypt(message, "k", kdf("sha256"), salt));
    CHECK(oe::encrypt(message, "k", kdf("sha1"), salt) == evp_encrypt(message, "k", "sha1", salt));
}
