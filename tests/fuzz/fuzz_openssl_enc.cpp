// Fuzzes openssl-enc decryption: any bytes, several derivations; only Error may come out, and
// a successful decryption must re-encrypt to the same file.
#include <cstdint>
#include <cstring>

#include "provkit/error.hpp"
#include "provkit/openssl_enc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const char* const digests[] = {"md5", "sha1", "sha256", "sha512", "no-such-digest"};
    provkit::openssl_enc::Kdf kdf;
    kdf.digest = digests[data[0] % 5];
    kdf.pbkdf2 = (data[0] & 0x80) != 0;
    kdf.iterations = 1 + (data[0] >> 3 & 3);  // few iterations: fuzzing speed, not strength
    std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        provkit::Bytes plain = provkit::openssl_enc::decrypt(file, "fuzz", kdf);
        provkit::openssl_enc::Salt salt;
        std::memcpy(salt.data(), file.data() + 8, 8);  // decrypt succeeded: the header is there
        if (provkit::openssl_enc::encrypt(plain, "fuzz", kdf, salt) != file) __builtin_trap();
    } catch (const provkit::Error&) {
    }
    return 0;
}
