// EVP_BytesToKey (one iteration) over OpenSSL's low-level MD5 and SHA-256 functions. Why not EVP:
// in OpenSSL 3.0 the first EVP digest use of a process builds the provider's whole method store
// (about 3.4M instructions, a fifth of a whole `provkit decrypt`), to hash 3 blocks. The
// low-level functions are deprecated but supported throughout 3.x, run the same assembly (and
// SHA-NI) as the default provider, and are as constant-time; they are used in this file only.
// Every other digest, and PBKDF2, stays on EVP.
#define OPENSSL_SUPPRESS_DEPRECATED  // MD5_* and SHA256_*: this file only, see above
#include "detail/bytes_to_key.hpp"

#include <openssl/crypto.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <strings.h>

#include <algorithm>
#include <cstddef>

namespace provkit::detail {

namespace {

// D_1 = H(secret || salt), D_i = H(D_(i-1) || secret || salt); key || IV = D_1 || D_2 || ...
template <typename Ctx, std::size_t Size, int (*Init)(Ctx*), int (*Update)(Ctx*, const void*, std::size_t),
          int (*Final)(unsigned char*, Ctx*)>
void derive(std::string_view secret, const unsigned char* salt, unsigned char (&key_iv)[48]) {
    Ctx ctx;
    unsigned char block[Size];
    for (std::size_t done = 0; done < sizeof key_iv; done += Size) {
        Init(&ctx);
        if (done > 0) Update(&ctx, block, Size);
        Update(&ctx, secret.data(), secret.size());
        Update(&ctx, salt, 8);
        Final(block, &ctx);
        std::copy_n(block, std::min(Size, sizeof key_iv - done), key_iv + done);
    }
    OPENSSL_cleanse(&ctx, sizeof ctx);
    OPENSSL_cleanse(block, sizeof block);
}

}  // namespace

bool bytes_to_key_md5_sha256(std::string_view digest, std::string_view secret, const unsigned char* salt,
                             unsigned char (&key_iv)[48]) {
    auto is = [&](const char* name) {
        return digest.size() == std::char_traits<char>::length(name) &&
               ::strncasecmp(digest.data(), name, digest.size()) == 0;
    };
    if (is("md5"))
        derive<MD5_CTX, MD5_DIGEST_LENGTH, MD5_Init, MD5_Update, MD5_Final>(secret, salt, key_iv);
    else if (is("sha256"))
        derive<SHA256_CTX, SHA256_DIGEST_LENGTH, SHA256_Init, SHA256_Update, SHA256_Final>(secret, salt,
                                                                                           key_iv);
    else
        return false;
    return true;
}

}  // namespace provkit::detail
