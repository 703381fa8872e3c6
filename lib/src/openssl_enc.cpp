// The `openssl enc -aes-256-cbc` file format: "Salted__" + salt + AES-256-CBC (PKCS#7), with the
// key and IV from EVP_BytesToKey (one iteration) or PBKDF2, as openssl enc derives them.
#include "provkit/openssl_enc.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>

#include "detail/aes256cbc.hpp"
#include "detail/bytes_to_key.hpp"
#include "detail/os_random.hpp"
#include "detail/openssl_enc_peek.hpp"
#include "provkit/error.hpp"

namespace provkit::openssl_enc {

namespace {

constexpr std::string_view magic = "Salted__";
constexpr std::size_t header_size = magic.size() + sizeof(Salt);
constexpr std::size_t block = 16;
using provkit::detail::Aes256Cbc;

// Key (32 bytes) followed by IV (16 bytes); wiped when it goes out of scope.
struct KeyIv {
    unsigned char bytes[48];
    KeyIv() = default;
    KeyIv(const KeyIv&) = delete;
    KeyIv& operator=(const KeyIv&) = delete;
    ~KeyIv() { OPENSSL_cleanse(bytes, sizeof bytes); }
    const unsigned char* key() const noexcept { return bytes; }
    const unsigned char* iv() const noexcept { return bytes + 32; }
};

const EVP_MD* find_digest(const std::string& name) {
    const EVP_MD* md = EVP_get_digestbyname(name.c_str());
    if (!md)
        throw Error(ErrorKind::usage, "unknown digest '" + name +
                                          "' (for example md5, sha1, sha256, sha512; "
                                          "'openssl list -digest-algorithms' shows them all)");
    return md;
}

// Derives key and IV exactly as openssl enc does: EVP_BytesToKey with one iteration, or with
// -pbkdf2 the first 48 bytes of PBKDF2-HMAC(digest) split into key and IV.
void derive(std::string_view secret, const unsigned char* salt, const Kdf& kdf, KeyIv& out) {
    if (kdf.pbkdf2) {
        const EVP_MD* md = find_digest(kdf.digest);
        if (kdf.iterations < 1)
            throw Error(ErrorKind::usage, "the PBKDF2 iteration count must be at least 1");
        if (secret.size() > INT_MAX) throw Error(ErrorKind::usage, "the secret is too long");
        if (PKCS5_PBKDF2_HMAC(secret.data(), int(secret.size()), salt, int(sizeof(Salt)), kdf.iterations, md,
                              int(sizeof out.bytes), out.bytes) != 1)
            throw Error(ErrorKind::usage, "PBKDF2 with digest '" + kdf.digest + "' failed");
        return;
    }
    if (secret.size() > INT_MAX) throw Error(ErrorKind::usage, "the secret is too long");
    if (provkit::detail::bytes_to_key_md5_sha256(kdf.digest, secret, salt, out.bytes)) return;
    const EVP_MD* md = find_digest(kdf.digest);
    const auto* data = reinterpret_cast<const unsigned char*>(secret.data());
    if (EVP_BytesToKey(EVP_aes_256_cbc(), md, salt, data, int(secret.size()), 1, out.bytes, out.bytes + 32) !=
        32)
        throw Error(ErrorKind::usage, "digest '" + kdf.digest + "' cannot derive an AES-256 key");
}

// Runs the cipher over in, appending to out; returns false when the final block (the
// padding, on decryption) does not verify.
bool run_cipher(Aes256Cbc& cipher, std::string_view in, Bytes& out) {
    std::size_t pos = out.size();
    out.resize(pos + in.size() + block);
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    pos += cipher.update(reinterpret_cast<const unsigned char*>(in.data()), in.size(), dst + pos);
    std::size_t written = 0;
    bool ok = cipher.final(dst + pos, written);
    pos += written;
    if (!ok) OPENSSL_cleanse(out.data(), out.size());
    out.resize(ok ? pos : 0);
    return ok;
}

}  // namespace

bool has_header(std::string_view data) noexcept { return data.substr(0, magic.size()) == magic; }

Bytes encrypt(std::string_view plaintext, std::string_view secret, const Kdf& kdf,
              const std::optional<Salt>& salt) {
    Salt s;
    if (salt)
        s = *salt;
    else
        ::provkit::detail::os_random(s.data(), s.size());
    KeyIv key_iv;
    derive(secret, s.data(), kdf, key_iv);

    Aes256Cbc cipher(Aes256Cbc::Direction::encrypt, key_iv.key(), key_iv.iv());
    Bytes out;
    out.reserve(header_size + plaintext.size() + block);
    out.append(magic);
    out.append(reinterpret_cast<const char*>(s.data()), s.size());
    run_cipher(cipher, plaintext, out);
    return out;
}

namespace {

// The ciphertext after the header, checked to be whole blocks.
std::string_view checked_body(std::string_view file) {
    if (!has_header(file)) {
        if (file.size() < magic.size() && magic.substr(0, file.size()) == file && !file.empty())
            throw Error(ErrorKind::input, "truncated openssl enc file: the 'Salted__' header is incomplete");
        throw Error(ErrorKind::input, "not an openssl enc file: it does not start with 'Salted__'");
    }
    if (file.size() < header_size)
        throw Error(ErrorKind::input, "truncated openssl enc file: the salt is incomplete");
    std::string_view body = file.substr(header_size);
    if (body.empty())
        throw Error(ErrorKind::input, "truncated openssl enc file: no ciphertext after the salt");
    if (body.size() % block != 0)
        throw Error(ErrorKind::input, "truncated or corrupt openssl enc file: the ciphertext (" +
                                          std::to_string(body.size()) +
                                          " bytes) is not a whole number of 16-byte AES blocks");
    return body;
}

// The decryption of file's body with the key and IV that secret and file's salt derive.
Aes256Cbc decryption(std::string_view file, std::string_view secret, const Kdf& kdf, bool padding) {
    KeyIv key_iv;
    derive(secret, reinterpret_cast<const unsigned char*>(file.data() + magic.size()), kdf, key_iv);
    return {Aes256Cbc::Direction::decrypt, key_iv.key(), key_iv.iv(), padding};
}

}  // namespace

Bytes decrypt(std::string_view file, std::string_view secret, const Kdf& kdf) {
    std::string_view body = checked_body(file);
    auto cipher = decryption(file, secret, kdf, true);
    Bytes out;
    out.reserve(body.size() + block);
    if (!run_cipher(cipher, body, out))
        throw Error(ErrorKind::wrong_key, "wrong key: the decrypted data has invalid padding");
    return out;
}

Bytes detail::decrypt_first_block(std::string_view file, std::string_view secret, const Kdf& kdf) {
    std::string_view body = checked_body(file);
    auto cipher = decryption(file, secret, kdf, false);
    Bytes out;
    run_cipher(cipher, body.substr(0, block), out);
    return out;
}

}  // namespace provkit::openssl_enc
