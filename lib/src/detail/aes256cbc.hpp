// AES-256-CBC with PKCS#7 padding, taken straight from OpenSSL's default provider in a private
// library context instead of through EVP; see aes256cbc.cpp for why.
#pragma once

#include <cstddef>
#include <memory>

namespace provkit::detail {

class Aes256Cbc {
public:
    enum class Direction { encrypt, decrypt };

    // key is 32 bytes, iv 16. padding false: no PKCS#7 (whole blocks only, nothing checked).
    // Throws Error(io) when OpenSSL cannot provide the cipher.
    Aes256Cbc(Direction direction, const unsigned char* key, const unsigned char* iv, bool padding = true);
    ~Aes256Cbc();  // frees the context, which wipes the key schedule
    Aes256Cbc(const Aes256Cbc&) = delete;
    Aes256Cbc& operator=(const Aes256Cbc&) = delete;

    // Ciphers n bytes of in into out, which has room for n + 16; returns the bytes written.
    std::size_t update(const unsigned char* in, std::size_t n, unsigned char* out);
    // Writes the last block into out (room for 16) and sets written; returns false when the
    // padding does not verify on decryption (a wrong key, or a damaged last block).
    bool final(unsigned char* out, std::size_t& written);

private:
    struct Provider;
    std::unique_ptr<Provider> provider_;
    void* ctx_ = nullptr;
};

}  // namespace provkit::detail
