// RFC 8188 "aes128gcm" content encoding: HKDF-SHA-256 key and nonce derivation, record
// framing with padding delimiters, AES-128-GCM per record (OpenSSL EVP), and IKM decoding.
#include "provkit/aes128gcm.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/params.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "detail/gcm_ctx.hpp"
#include "detail/os_random.hpp"
#include "provkit/error.hpp"

namespace provkit::aes128gcm {
namespace {

using detail::WipedKey;

constexpr std::size_t tag_size = 16;
constexpr std::size_t record_overhead = tag_size + 1;  // tag + padding delimiter
constexpr std::uint32_t min_record_size = 18;          // RFC 8188 2.1: smaller is invalid
constexpr unsigned char delimiter_more = 0x01;
constexpr unsigned char delimiter_last = 0x02;
// EVP_*Update takes an int length; records can be up to 4 GiB, so feed them in slices.
constexpr std::size_t max_update = std::size_t(1) << 30;

[[noreturn]] void openssl_failure(const char* what) {
    unsigned long code = ERR_get_error();
    ERR_clear_error();
    std::string message = std::string("OpenSSL failed to ") + what;
    if (code != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        message += std::string(": ") + buf;
    }
    throw Error(ErrorKind::io, message);
}

void require_ikm(std::string_view ikm) {
    if (ikm.empty()) throw Error(ErrorKind::usage, "the aes128gcm input keying material (key) is empty");
}

// One HKDF-SHA-256 step (extract-only or expand-only) through OpenSSL's EVP_KDF "HKDF".
void hkdf(int mode, const unsigned char* key, std::size_t key_len, const unsigned char* salt,
          std::string_view info, unsigned char* out, std::size_t out_len) {
    detail::GcmKdf kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    if (!kdf) openssl_failure("load HKDF");
    detail::GcmKdfCtx ctx(EVP_KDF_CTX_new(kdf.get()));
    if (!ctx) openssl_failure("create an HKDF context");
    OSSL_PARAM params[6];
    OSSL_PARAM* p = params;
    *p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA256"), 0);
    *p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<unsigned char*>(key), key_len);
    if (salt) *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<unsigned char*>(salt), salt_size);
    if (!info.empty())
        *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size());
    *p = OSSL_PARAM_construct_end();
    if (EVP_KDF_derive(ctx.get(), out, out_len, params) != 1) openssl_failure("derive a key with HKDF");
}

// The content-encryption key and the nonce base of RFC 8188 sections 2.2 and 2.3.
struct Keys {
    WipedKey<16> cek;
    WipedKey<12> nonce_base;
};

void derive_keys(std::string_view ikm, const unsigned char* salt, Keys& keys) {
    using namespace std::string_view_literals;
    WipedKey<32> prk;  // PRK = HKDF-Extract(salt, IKM)
    hkdf(EVP_KDF_HKDF_MODE_EXTRACT_ONLY, reinterpret_cast<const unsigned char*>(ikm.data()), ikm.size(), salt, {},
         prk.data(), prk.size());
    // The info strings end in one zero octet, which the _sv literal keeps.
    hkdf(EVP_KDF_HKDF_MODE_EXPAND_ONLY, prk.data(), prk.size(), nullptr, "Content-Encoding: aes128gcm\0"sv,
         keys.cek.data(), keys.cek.size());
    hkdf(EVP_KDF_HKDF_MODE_EXPAND_ONLY, prk.data(), prk.size(), nullptr, "Content-Encoding: nonce\0"sv,
         keys.nonce_base.data(), keys.nonce_base.size());
}

// AES-128-GCM over successive records, each with nonce = nonce base XOR the 96-bit big-endian
// record sequence number (a 64-bit counter suffices: there are never 2^64 records).
class RecordCipher {
public:
    RecordCipher(const Keys& keys, bool encrypting) : keys_(keys), encrypting_(encrypting), ctx_(EVP_CIPHER_CTX_new()) {
        if (!ctx_) openssl_failure("create a cipher context");
        if (EVP_CipherInit_ex(ctx_.get(), EVP_aes_128_gcm(), nullptr, keys.cek.data(), nullptr, encrypting ? 1 : 0) != 1)
            openssl_failure("set up AES-128-GCM");
    }

    // Encrypts the concatenation of the parts into out (same total length) and appends the tag.
    void seal(std::uint64_t seq, std::initializer_list<std::string_view> parts, unsigned char* out) {
        start(seq);
        for (std::string_view part : parts) out += update(part, out);
        int n = 0;
        if (EVP_EncryptFinal_ex(ctx_.get(), out, &n) != 1) openssl_failure("finish an AES-128-GCM record");
        if (EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_GET_TAG, int(tag_size), out + n) != 1)
            openssl_failure("read the AES-128-GCM tag");
    }

    // Decrypts record (ciphertext + tag) into out; false when the tag does not verify.
    bool open(std::uint64_t seq, std::string_view record, unsigned char* out) {
        start(seq);
        std::string_view ciphertext = record.substr(0, record.size() - tag_size);
        out += update(ciphertext, out);
        // The tag is only read, but the ctrl interface takes a non-const pointer.
        if (EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_SET_TAG, int(tag_size),
                                const_cast<char*>(record.data() + ciphertext.size())) != 1)
            openssl_failure("set the AES-128-GCM tag");
        int n = 0;
        bool ok = EVP_DecryptFinal_ex(ctx_.get(), out, &n) == 1;
        ERR_clear_error();
        return ok;
    }

private:
    void start(std::uint64_t seq) {
        WipedKey<12> nonce;
        std::memcpy(nonce.data(), keys_.nonce_base.data(), nonce.size());
        for (int i = 0; i < 8; ++i) nonce.bytes[11 - i] ^= static_cast<unsigned char>(seq >> (8 * i));
        if (EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce.data(), encrypting_ ? 1 : 0) != 1)
            openssl_failure("set the AES-128-GCM nonce");
    }

    std::size_t update(std::string_view in, unsigned char* out) {
        std::size_t written = 0;
        for (std::size_t pos = 0; pos < in.size(); pos += max_update) {
            std::size_t len = std::min(max_update, in.size() - pos);
            int n = 0;
            if (EVP_CipherUpdate(ctx_.get(), out + written, &n, reinterpret_cast<const unsigned char*>(in.data() + pos),
                                 int(len)) != 1)
                openssl_failure("run AES-128-GCM");
            written += std::size_t(n);
        }
        return written;
    }

    const Keys& keys_;
    bool encrypting_;
    detail::GcmCipherCtx ctx_;
};

std::uint32_t read_be32(const char* p) {
    auto b = [&](int i) { return std::uint32_t(static_cast<unsigned char>(p[i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

// Wipes a partly decrypted output unless released: failures never leave plaintext behind.
struct WipeUnlessReleased {
    Bytes& bytes;
    bool released = false;
    ~WipeUnlessReleased() {
        if (!released && !bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
    }
};

std::string record_name(std::uint64_t seq) { return "record " + std::to_string(seq + 1); }

}  // namespace

Bytes encrypt(std::string_view plaintext, std::string_view ikm, const Params& params) {
    require_ikm(ikm);
    if (params.record_size < min_record_size)
        throw Error(ErrorKind::usage, "the aes128gcm record size must be at least " + std::to_string(min_record_size) +
                                          ", not " + std::to_string(params.record_size));
    if (params.keyid.size() > 255)
        throw Error(ErrorKind::usage, "the aes128gcm key id is " + std::to_string(params.keyid.size()) +
                                          " bytes long; at most 255 fit in the header");

    unsigned char salt[salt_size];
    if (params.salt) {
        std::memcpy(salt, params.salt->data(), salt_size);
    } else {
        detail::os_random(salt, salt_size);
    }
    Keys keys;
    derive_keys(ikm, salt, keys);

    // Every record but the last carries rs-17 plaintext bytes and delimiter 0x01, so it is
    // exactly rs bytes. The last carries the rest (possibly nothing) and 0x02 and is always
    // shorter than rs - an exact multiple gets a final record holding only the delimiter, which
    // every receiver accepts. No padding beyond the delimiter is added.
    const std::uint64_t rs = params.record_size;
    const std::uint64_t chunk = rs - record_overhead;
    const std::uint64_t full_records = plaintext.size() / chunk;
    const std::size_t records = std::size_t(full_records) + 1;

    Bytes out;
    out.reserve(header_size + params.keyid.size() + plaintext.size() + records * record_overhead);
    out.append(reinterpret_cast<const char*>(salt), salt_size);
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(rs >> shift));
    out.push_back(static_cast<char>(params.keyid.size()));
    out.append(params.keyid);

    RecordCipher cipher(keys, true);
    const char more = static_cast<char>(delimiter_more), last = static_cast<char>(delimiter_last);
    for (std::size_t seq = 0; seq < records; ++seq) {
        bool is_last = seq + 1 == records;
        std::string_view data = plaintext.substr(std::size_t(seq * chunk), is_last ? std::string_view::npos : chunk);
        std::size_t at = out.size();
        out.resize(at + data.size() + record_overhead);
        cipher.seal(seq, {data, std::string_view(is_last ? &last : &more, 1)},
                    reinterpret_cast<unsigned char*>(out.data() + at));
    }
    return out;
}

Bytes decrypt(std::string_view body, std::string_view ikm) {
    require_ikm(ikm);
    if (body.size() < header_size)
        throw Error(ErrorKind::input, "truncated aes128gcm header: " + std::to_string(body.size()) +
                                          " bytes, a header needs at least " + std::to_string(header_size));
    const std::uint32_t rs = read_be32(body.data() + salt_size);
    const std::size_t idlen = static_cast<unsigned char>(body[header_size - 1]);
    if (body.size() < header_size + idlen)
        throw Error(ErrorKind::input, "truncated aes128gcm header: the key id of " + std::to_string(idlen) +
                                          " bytes does not fit in the remaining " +
                                          std::to_string(body.size() - header_size) + " bytes");
    if (rs < min_record_size)
        throw Error(ErrorKind::input, "invalid aes128gcm header: record size " + std::to_string(rs) +
                                          " is below the minimum of " + std::to_string(min_record_size));
    const std::string_view records = body.substr(header_size + idlen);
    if (records.empty())
        throw Error(ErrorKind::input, "truncated aes128gcm data: no records follow the header");

    Keys keys;
    derive_keys(ikm, reinterpret_cast<const unsigned char*>(body.data()), keys);
    RecordCipher cipher(keys, false);

    Bytes out;
    out.reserve(records.size());
    WipeUnlessReleased guard{out};
    std::uint64_t seq = 0;
    for (std::size_t pos = 0; pos < records.size(); pos += rs, ++seq) {
        std::string_view record = records.substr(pos, rs);
        const bool is_last = pos + record.size() == records.size();
        if (record.size() < record_overhead)
            throw Error(ErrorKind::input, "truncated aes128gcm data: " + record_name(seq) + " is " +
                                              std::to_string(record.size()) + " bytes, a record needs at least " +
                                              std::to_string(record_overhead));
        const std::size_t at = out.size();
        out.resize(at + record.size() - tag_size);
        if (!cipher.open(seq, record, reinterpret_cast<unsigned char*>(out.data() + at))) {
            // A first record that fails says nothing about why; once one has verified, the key
            // is right and a later failure means the data was damaged.
            if (seq == 0) throw Error(ErrorKind::wrong_key, "authentication failed: wrong key or corrupted data");
            throw Error(ErrorKind::input, "aes128gcm " + record_name(seq) +
                                              " failed authentication although earlier records verified "
                                              "with this key: the data is corrupted or truncated");
        }
        // RFC 8188 section 2: the delimiter is the last non-zero octet; zeros after it are padding.
        std::size_t end = out.size();
        while (end > at && out[end - 1] == 0) --end;
        if (end == at)
            throw Error(ErrorKind::input, "invalid aes128gcm " + record_name(seq) + ": no padding delimiter");
        const auto delimiter = static_cast<unsigned char>(out[end - 1]);
        if (is_last && delimiter == delimiter_more)
            throw Error(ErrorKind::input, "truncated aes128gcm data: " + record_name(seq) +
                                              " is not marked final and no record follows");
        if (!is_last && delimiter == delimiter_last)
            throw Error(ErrorKind::input, "invalid aes128gcm data: more data follows the final record (" +
                                              record_name(seq) + ")");
        if (delimiter != (is_last ? delimiter_last : delimiter_more))
            throw Error(ErrorKind::input, "invalid aes128gcm " + record_name(seq) + ": padding delimiter " +
                                              std::to_string(delimiter) + " is neither 1 nor 2");
        OPENSSL_cleanse(out.data() + end - 1, out.size() - (end - 1));
        out.resize(end - 1);
    }
    guard.released = true;
    return out;
}

bool looks_like_aes128gcm(std::string_view data) noexcept {
    if (data.size() < header_size) return false;
    const std::uint32_t rs = read_be32(data.data() + salt_size);
    const std::size_t idlen = static_cast<unsigned char>(data[header_size - 1]);
    if (rs < min_record_size || data.size() < header_size + idlen) return false;
    // The records must tile: full rs-byte records, then a final one of at least 17 bytes.
    const std::size_t body = data.size() - header_size - idlen;
    const std::size_t tail = body % rs;
    return body >= record_overhead && (tail == 0 || tail >= record_overhead);
}

}  // namespace provkit::aes128gcm
