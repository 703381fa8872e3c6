// AES-256-CBC from OpenSSL's default provider, called through the provider interface. Why not
// EVP: in OpenSSL 3.0 the first EVP cipher use of a process reads openssl.cnf (1.7M
// instructions) and builds the default provider's whole method store of some 150 ciphers plus
// the legacy name map (6M), about half of a whole `provkit decrypt`, to run one cipher on a few
// KB. Here a private library context loads the built-in default provider (0.1M) and we call its
// AES-256-CBC functions (OSSL_PROVIDER_query_operation, provider-cipher(7)): the same AES-NI,
// constant-time code EVP would run, through public, ABI-stable API. Being private, the context
// does not read openssl.cnf, and the process's default context (used for TLS and everything
// else) is left as the configuration makes it. The openssl enc format fixes its cipher, so the
// configuration could only forbid it (a FIPS policy), never choose a different one.
#include "detail/aes256cbc.hpp"

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <strings.h>

#include <string_view>

#include "provkit/error.hpp"

namespace provkit::detail {

namespace {

struct LibCtxFree {
    void operator()(OSSL_LIB_CTX* ctx) const noexcept { OSSL_LIB_CTX_free(ctx); }
};
struct ProviderUnload {
    void operator()(OSSL_PROVIDER* provider) const noexcept { OSSL_PROVIDER_unload(provider); }
};

[[noreturn]] void fail() { throw Error(ErrorKind::io, "cannot initialise AES-256-CBC"); }

// True when the provider's ':'-separated name list contains name (names are case-insensitive).
bool names_contain(std::string_view names, std::string_view name) {
    while (!names.empty()) {
        auto end = names.find(':');
        auto first = names.substr(0, end);
        if (first.size() == name.size() && ::strncasecmp(first.data(), name.data(), name.size()) == 0)
            return true;
        names = end == std::string_view::npos ? std::string_view() : names.substr(end + 1);
    }
    return false;
}

}  // namespace

// Declared before ctx_ is made and destroyed after it is freed: the context belongs to them.
struct Aes256Cbc::Provider {
    std::unique_ptr<OSSL_LIB_CTX, LibCtxFree> libctx{OSSL_LIB_CTX_new()};
    std::unique_ptr<OSSL_PROVIDER, ProviderUnload> provider;
    OSSL_FUNC_cipher_newctx_fn* newctx = nullptr;
    OSSL_FUNC_cipher_encrypt_init_fn* encrypt_init = nullptr;
    OSSL_FUNC_cipher_decrypt_init_fn* decrypt_init = nullptr;
    OSSL_FUNC_cipher_update_fn* update = nullptr;
    OSSL_FUNC_cipher_final_fn* final = nullptr;
    OSSL_FUNC_cipher_freectx_fn* freectx = nullptr;

    Provider() {
        if (!libctx) fail();
        provider.reset(OSSL_PROVIDER_load(libctx.get(), "default"));
        if (!provider) fail();
        int no_cache = 0;
        const OSSL_ALGORITHM* algorithms =
            OSSL_PROVIDER_query_operation(provider.get(), OSSL_OP_CIPHER, &no_cache);
        for (const OSSL_ALGORITHM* a = algorithms; a && a->algorithm_names; ++a) {
            if (!names_contain(a->algorithm_names, "AES-256-CBC")) continue;
            for (const OSSL_DISPATCH* f = a->implementation; f->function_id != 0; ++f) {
                switch (f->function_id) {
                    case OSSL_FUNC_CIPHER_NEWCTX:
                        newctx = OSSL_FUNC_cipher_newctx(f);
                        break;
                    case OSSL_FUNC_CIPHER_ENCRYPT_INIT:
                        encrypt_init = OSSL_FUNC_cipher_encrypt_init(f);
                        break;
                    case OSSL_FUNC_CIPHER_DECRYPT_INIT:
                        decrypt_init = OSSL_FUNC_cipher_decrypt_init(f);
                        break;
                    case OSSL_FUNC_CIPHER_UPDATE:
                        update = OSSL_FUNC_cipher_update(f);
                        break;
                    case OSSL_FUNC_CIPHER_FINAL:
                        final = OSSL_FUNC_cipher_final(f);
                        break;
                    case OSSL_FUNC_CIPHER_FREECTX:
                        freectx = OSSL_FUNC_cipher_freectx(f);
                        break;
                    default:
                        break;
                }
            }
            break;
        }
        OSSL_PROVIDER_unquery_operation(provider.get(), OSSL_OP_CIPHER, algorithms);
        if (!newctx || !encrypt_init || !decrypt_init || !update || !final || !freectx) fail();
    }
};

Aes256Cbc::Aes256Cbc(Direction direction, const unsigned char* key, const unsigned char* iv, bool padding)
    : provider_(std::make_unique<Provider>()) {
    ctx_ = provider_->newctx(OSSL_PROVIDER_get0_provider_ctx(provider_->provider.get()));
    if (!ctx_) fail();
    unsigned int pad = padding ? 1 : 0;
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_uint(OSSL_CIPHER_PARAM_PADDING, &pad), OSSL_PARAM_END};
    auto init = direction == Direction::encrypt ? provider_->encrypt_init : provider_->decrypt_init;
    if (init(ctx_, key, 32, iv, 16, params) != 1) {
        provider_->freectx(ctx_);
        fail();
    }
}

Aes256Cbc::~Aes256Cbc() { provider_->freectx(ctx_); }

std::size_t Aes256Cbc::update(const unsigned char* in, std::size_t n, unsigned char* out) {
    std::size_t written = 0;
    if (n > 0 && provider_->update(ctx_, out, &written, n + 16, in, n) != 1)
        throw Error(ErrorKind::input, "AES-256-CBC failed");
    return written;
}

bool Aes256Cbc::final(unsigned char* out, std::size_t& written) {
    written = 0;
    return provider_->final(ctx_, out, &written, 16) == 1;
}

}  // namespace provkit::detail
