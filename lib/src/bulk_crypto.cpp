// openssl-enc encryption and SHA-256 with algorithms fetched once and contexts reused: the
// implicit fetch of EVP_aes_256_cbc()/EVP_md5() on every call costs more than a small file's
// encryption.
#include "bulk_crypto.hpp"

#include <openssl/crypto.h>

#include <climits>
#include <cstring>
#include <new>

#include "detail/os_random.hpp"
#include "provkit/error.hpp"

namespace provkit::bulk::detail {

Algorithms::Algorithms(const openssl_enc::Kdf& k) : kdf(k) {
    const EVP_MD* named = EVP_get_digestbyname(kdf.digest.c_str());
    if (!named)
        throw Error(ErrorKind::usage, "unknown digest '" + kdf.digest +
                                          "' (for example md5, sha1, sha256, sha512; "
                                          "'openssl list -digest-algorithms' shows them all)");
    aes_256_cbc = EVP_CIPHER_fetch(nullptr, "AES-256-CBC", nullptr);
    kdf_digest = EVP_MD_fetch(nullptr, EVP_MD_get0_name(named), nullptr);
    sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!aes_256_cbc || !kdf_digest || !sha256) {
        EVP_CIPHER_free(aes_256_cbc);
        EVP_MD_free(kdf_digest);
        EVP_MD_free(sha256);
        throw Error(ErrorKind::usage,
                    "OpenSSL cannot provide AES-256-CBC, SHA-256 and digest '" + kdf.digest + "'");
    }
}

Algorithms::~Algorithms() {
    EVP_CIPHER_free(aes_256_cbc);
    EVP_MD_free(kdf_digest);
    EVP_MD_free(sha256);
}

Crypto::Crypto(const Algorithms& algorithms) : alg_(algorithms) {
    cipher_ = EVP_CIPHER_CTX_new();
    md_ = EVP_MD_CTX_new();
    if (!cipher_ || !md_) {
        EVP_CIPHER_CTX_free(cipher_);
        EVP_MD_CTX_free(md_);
        throw std::bad_alloc();
    }
}

Crypto::~Crypto() {
    OPENSSL_cleanse(salts_.data(), salts_.size());
    EVP_CIPHER_CTX_free(cipher_);  // also cleanses the key schedule
    EVP_MD_CTX_free(md_);
}

void Crypto::next_salt(unsigned char* out) {
    if (salts_used_ + sizeof(openssl_enc::Salt) > salts_.size()) {
        ::provkit::detail::os_random(salts_.data(), salts_.size());
        salts_used_ = 0;
    }
    std::memcpy(out, salts_.data() + salts_used_, sizeof(openssl_enc::Salt));
    salts_used_ += sizeof(openssl_enc::Salt);
}

// openssl enc's derivation: EVP_BytesToKey with one iteration (D_i = H(D_i-1 || secret || salt),
// key then IV taken from D_1 D_2 ...), or PBKDF2 for 48 bytes.
void Crypto::derive(std::string_view secret, const unsigned char* salt, unsigned char key_iv[48]) {
    if (secret.size() > INT_MAX) throw Error(ErrorKind::usage, "the secret is too long");
    if (alg_.kdf.pbkdf2) {
        if (PKCS5_PBKDF2_HMAC(secret.data(), int(secret.size()), salt, int(sizeof(openssl_enc::Salt)),
                              alg_.kdf.iterations, alg_.kdf_digest, 48, key_iv) != 1)
            throw Error(ErrorKind::usage, "PBKDF2 with digest '" + alg_.kdf.digest + "' failed");
        return;
    }
    unsigned char block[EVP_MAX_MD_SIZE];
    unsigned int block_size = 0;
    for (std::size_t have = 0; have < 48;) {
        if (EVP_DigestInit_ex2(md_, alg_.kdf_digest, nullptr) != 1 ||
            (block_size > 0 && EVP_DigestUpdate(md_, block, block_size) != 1) ||
            EVP_DigestUpdate(md_, secret.data(), secret.size()) != 1 ||
            EVP_DigestUpdate(md_, salt, sizeof(openssl_enc::Salt)) != 1 ||
            EVP_DigestFinal_ex(md_, block, &block_size) != 1)
            throw Error(ErrorKind::usage, "digest '" + alg_.kdf.digest + "' cannot derive an AES-256 key");
        const std::size_t n = std::min<std::size_t>(block_size, 48 - have);
        std::memcpy(key_iv + have, block, n);
        have += n;
    }
    OPENSSL_cleanse(block, sizeof block);
}

void Crypto::encrypt(std::string_view secret, std::initializer_list<std::string_view> pieces,
                     const std::optional<openssl_enc::Salt>& fixed_salt, Bytes& out) {
    unsigned char salt[sizeof(openssl_enc::Salt)];
    if (fixed_salt)
        std::memcpy(salt, fixed_salt->data(), sizeof salt);
    else
        next_salt(salt);
    unsigned char key_iv[48];
    derive(secret, salt, key_iv);
    const bool ok = EVP_EncryptInit_ex2(cipher_, alg_.aes_256_cbc, key_iv, key_iv + 32, nullptr) == 1;
    OPENSSL_cleanse(key_iv, sizeof key_iv);
    if (!ok) throw Error(ErrorKind::io, "cannot initialise AES-256-CBC");

    std::size_t total = 0;
    for (std::string_view p : pieces) total += p.size();
    std::size_t pos = out.size();
    out.resize(pos + 16 + total + 16);
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    std::memcpy(dst + pos, "Salted__", 8);
    std::memcpy(dst + pos + 8, salt, 8);
    pos += 16;
    int written = 0;
    for (std::string_view p : pieces) {
        if (p.size() > INT_MAX) throw Error(ErrorKind::input, "a profile over 2 GiB cannot be encrypted");
        if (EVP_EncryptUpdate(cipher_, dst + pos, &written, reinterpret_cast<const unsigned char*>(p.data()),
                              int(p.size())) != 1)
            throw Error(ErrorKind::io, "AES-256-CBC failed");
        pos += std::size_t(written);
    }
    if (EVP_EncryptFinal_ex(cipher_, dst + pos, &written) != 1)
        throw Error(ErrorKind::io, "AES-256-CBC failed");
    out.resize(pos + std::size_t(written));
}

void Crypto::sha256_begin() {
    if (EVP_DigestInit_ex2(md_, alg_.sha256, nullptr) != 1) throw Error(ErrorKind::io, "SHA-256 failed");
}

void Crypto::sha256_add(std::string_view data) {
    if (EVP_DigestUpdate(md_, data.data(), data.size()) != 1) throw Error(ErrorKind::io, "SHA-256 failed");
}

Digest Crypto::sha256_end() {
    Digest d{};
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(md_, d.data(), &n) != 1 || n != d.size())
        throw Error(ErrorKind::io, "SHA-256 failed");
    return d;
}

Digest Crypto::sha256(std::string_view data) {
    sha256_begin();
    sha256_add(data);
    return sha256_end();
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    static const char digits[] = "0123456789abcdef";
    std::string s(size * 2, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        s[2 * i] = digits[data[i] >> 4];
        s[2 * i + 1] = digits[data[i] & 15];
    }
    return s;
}

}  // namespace provkit::bulk::detail
