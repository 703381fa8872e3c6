// RAII owner of an OpenSSL EVP_CIPHER_CTX (freed, and with it its key schedule, on scope exit).
#pragma once

#include <openssl/evp.h>

#include <new>

namespace provkit::detail {

class EvpCipherCtx {
public:
    EvpCipherCtx() : ctx_(EVP_CIPHER_CTX_new()) {
        if (!ctx_) throw std::bad_alloc();
    }
    ~EvpCipherCtx() { EVP_CIPHER_CTX_free(ctx_); }  // also cleanses the expanded key
    EvpCipherCtx(const EvpCipherCtx&) = delete;
    EvpCipherCtx& operator=(const EvpCipherCtx&) = delete;

    EVP_CIPHER_CTX* get() const noexcept { return ctx_; }

private:
    EVP_CIPHER_CTX* ctx_;
};

}  // namespace provkit::detail
