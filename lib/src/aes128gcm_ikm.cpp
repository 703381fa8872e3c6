// aes128gcm::decode_ikm: the input keying material as the user wrote it (text, hex or
// RFC 4648 section 5 base64url) turned into bytes, with errors that never echo the secret.
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <string>

#include "provkit/aes128gcm.hpp"
#include "provkit/error.hpp"

namespace provkit::aes128gcm {
namespace {

[[noreturn]] void bad_key(const std::string& what) {
    throw Error(ErrorKind::usage, "the aes128gcm key " + what);
}

// Scratch copy of secret bytes; its whole buffer (also a moved-from short string's) is wiped.
struct Scratch {
    std::string s;
    explicit Scratch(std::string_view from) : s(from) {}
    explicit Scratch(std::size_t zeros) : s(zeros, '\0') {}
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch() { OPENSSL_cleanse(s.data(), s.capacity()); }
    unsigned char* bytes() { return reinterpret_cast<unsigned char*>(s.data()); }
};

// ASCII ranges, not <cctype>: the meaning of a key must not depend on the locale.
bool is_hex_digit(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_base64url_char(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

Secret decode_hex(std::string_view written) {
    if (written.size() % 2 != 0) bad_key("is not valid hex: it has an odd number of digits");
    for (std::size_t i = 0; i < written.size(); ++i)
        if (!is_hex_digit(static_cast<unsigned char>(written[i])))
            bad_key("is not valid hex: character " + std::to_string(i + 1) + " is not a hex digit");
    Scratch text(written);  // OPENSSL_hexstr2buf_ex wants a NUL-terminated string
    Scratch out(written.size() / 2);
    std::size_t len = 0;
    if (OPENSSL_hexstr2buf_ex(out.bytes(), out.s.size(), &len, text.s.c_str(), '\0') != 1 || len != out.s.size()) {
        ERR_clear_error();
        bad_key("is not valid hex");
    }
    return Secret(std::move(out.s));
}

Secret decode_base64url(std::string_view written) {
    std::size_t data_len = written.size();
    while (data_len > 0 && written[data_len - 1] == '=') --data_len;
    const std::size_t written_pad = written.size() - data_len;
    for (std::size_t i = 0; i < data_len; ++i) {
        auto c = static_cast<unsigned char>(written[i]);
        if (c == '+' || c == '/')
            bad_key("is not base64url: character " + std::to_string(i + 1) +
                    " is from the standard base64 alphabet (base64url uses - and _ instead of + and /)");
        if (!is_base64url_char(c))
            bad_key("is not base64url: character " + std::to_string(i + 1) + " is outside the alphabet");
    }
    // 4 characters carry 3 bytes; a final group of 1 character cannot encode a whole byte.
    const std::size_t pad = (4 - data_len % 4) % 4;
    if (pad == 3) bad_key("is not base64url: no base64url text has this length");
    if (written_pad != 0 && written_pad != pad) bad_key("is not base64url: the '=' padding does not match the length");

    // EVP_DecodeBlock speaks standard base64 with padding, and it counts each '=' as a zero
    // byte of output; those bytes are cut off again below.
    Scratch in(data_len + pad);  // sized once: a reallocation would leave an unwiped copy
    for (std::size_t i = 0; i < in.s.size(); ++i) {
        char c = i < data_len ? written[i] : '=';
        in.s[i] = c == '-' ? '+' : c == '_' ? '/' : c;
    }
    Scratch out(in.s.size() / 4 * 3);
    int n = EVP_DecodeBlock(out.bytes(), reinterpret_cast<const unsigned char*>(in.s.data()), int(in.s.size()));
    if (n < 0 || std::size_t(n) != out.s.size()) {
        ERR_clear_error();
        bad_key("is not base64url");
    }
    out.s.resize(out.s.size() - pad);
    return Secret(std::move(out.s));
}

}  // namespace

Secret decode_ikm(std::string_view written, KeyEncoding encoding) {
    Secret ikm;
    switch (encoding) {
        case KeyEncoding::text: ikm = Secret(std::string(written)); break;
        case KeyEncoding::hex: ikm = decode_hex(written); break;
        case KeyEncoding::base64url: ikm = decode_base64url(written); break;
    }
    if (ikm.empty()) bad_key("is empty");
    return ikm;
}

}  // namespace provkit::aes128gcm
