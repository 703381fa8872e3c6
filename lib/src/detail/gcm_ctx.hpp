// RAII owners for the OpenSSL handles the aes128gcm codec uses (AES-GCM cipher context, HKDF),
// and a fixed-size key buffer that is wiped when it dies.
#pragma once

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <array>
#include <cstddef>
#include <memory>

namespace provkit::detail {

struct GcmCipherCtxFree {
    void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
using GcmCipherCtx = std::unique_ptr<EVP_CIPHER_CTX, GcmCipherCtxFree>;

struct GcmKdfFree {
    void operator()(EVP_KDF* kdf) const noexcept { EVP_KDF_free(kdf); }
};
using GcmKdf = std::unique_ptr<EVP_KDF, GcmKdfFree>;

struct GcmKdfCtxFree {
    void operator()(EVP_KDF_CTX* ctx) const noexcept { EVP_KDF_CTX_free(ctx); }
};
using GcmKdfCtx = std::unique_ptr<EVP_KDF_CTX, GcmKdfCtxFree>;

// Key material on the stack (PRK, CEK, nonce base): cleansed on destruction, never copied.
template <std::size_t N>
struct WipedKey {
    std::array<unsigned char, N> bytes{};
    WipedKey() = default;
    WipedKey(const WipedKey&) = delete;
    WipedKey& operator=(const WipedKey&) = delete;
    ~WipedKey() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
    unsigned char* data() noexcept { return bytes.data(); }
    const unsigned char* data() const noexcept { return bytes.data(); }
    static constexpr std::size_t size() noexcept { return N; }
};

}  // namespace provkit::detail
