// Unit tests for provkit/openssl_enc.hpp: known answers produced by `openssl enc`, round trips,
// malformed input and wrong keys.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "provkit/error.hpp"
#include "provkit/openssl_enc.hpp"

namespace oe = provkit::openssl_enc;
using provkit::ErrorKind;

namespace {

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(char(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    return out;
}

const oe::Salt salt{1, 2, 3, 4, 5, 6, 7, 8};
const std::string header = std::string("Salted__") + from_hex("0102030405060708");
const std::string secret = "SecretPhrase1234";
const std::string message = "hello, phone\n";

oe::Kdf kdf(std::string digest, bool pbkdf2 = false, int iterations = 10000) {
    oe::Kdf k;
    k.digest = std::move(digest);
    k.pbkdf2 = pbkdf2;
    k.iterations = iterations;
    return k;
}

ErrorKind error_kind(auto&& fn) {
    try {
        fn();
    } catch (const provkit::Error& e) {
        return e.kind();
    }
    FAIL("expected a provkit::Error");
    return ErrorKind::io;
}

}  // namespace

// Ciphertexts below are `printf 'hello, phone\n' | openssl enc -e -aes-256-cbc -k SecretPhrase1234
// -S 0102030405060708 ...` from OpenSSL 3.0 (which omits the Salted__ header when -S is given).
TEST_CASE("encrypt matches openssl enc for each key derivation") {
    CHECK(oe::encrypt(message, secret, kdf("md5"), salt) ==
          header + from_hex("cffcd806d6460a6769ede137ee9f6348"));
    CHECK(oe::encrypt(message, secret, kdf("sha256"), salt) ==
          header + from_hex("3d58d17d3202435a2070d1cbd027e659"));
    CHECK(oe::encrypt(message, secret, kdf("sha256", true), salt) ==
          header + from_hex("58c8f2e97eee6308223f20744065e94c"));
    CHECK(oe::encrypt(message, secret, kdf("sha512", true, 1000), salt) ==
          header + from_hex("3c84e2fe1086f5a3174aaf4cbc82eba4"));
    CHECK(oe::encrypt("", secret, kdf("md5"), salt) == header + from_hex("677cf94cb7db0a9c2ca8c2f35af40413"));
}

TEST_CASE("the default KDF is what phones read: EVP_BytesToKey with MD5") {
    CHECK(oe::encrypt(message, secret, oe::Kdf{}, salt) == oe::encrypt(message, secret, kdf("md5"), salt));
}

TEST_CASE("decrypt inverts encrypt, across sizes and derivations") {
    std::mt19937 rng(7);
    for (const auto& k : {kdf("md5"), kdf("sha256"), kdf("sha1"), kdf("sha256", true, 1)}) {
        for (std::size_t size : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 1000u, 70000u}) {
            std::string plain(size, '\0');
            for (auto& c : plain) c = char(rng());
            auto file = oe::encrypt(plain, secret, k);
            CHECK(oe::has_header(file));
            CHECK(file.size() == 16 + (size / 16 + 1) * 16);
            CHECK(oe::decrypt(file, secret, k) == plain);
        }
    }
}

TEST_CASE("a fresh random salt each time") {
    auto a = oe::encrypt(message, secret, kdf("md5"));
    auto b = oe::encrypt(message, secret, kdf("md5"));
    CHECK(a.substr(8, 8) != b.substr(8, 8));
    CHECK(oe::decrypt(a, secret, kdf("md5")) == oe::decrypt(b, secret, kdf("md5")));
}

TEST_CASE("has_header") {
    CHECK(oe::has_header("Salted__"));
    CHECK(oe::has_header(header + "x"));
    CHECK_FALSE(oe::has_header("Salted_"));
    CHECK_FALSE(oe::has_header("<flat-profile/>"));
    CHECK_FALSE(oe::has_header(""));
}

TEST_CASE("malformed files are input errors") {
    auto good = oe::encrypt(message, secret, kdf("md5"), salt);
    CHECK(error_kind([&] { oe::decrypt("<flat-profile/>", secret, kdf("md5")); }) == ErrorKind::input);
    CHECK(error_kind([&] { oe::decrypt("Salted__abc", secret, kdf("md5")); }) == ErrorKind::input);
    CHECK(error_kind([&] { oe::decrypt(header, secret, kdf("md5")); }) == ErrorKind::input);
    CHECK(error_kind([&] { oe::decrypt(good.substr(0, good.size() - 1), secret, kdf("md5")); }) ==
          ErrorKind::input);
    CHECK(error_kind([&] { oe::decrypt(good + "x", secret, kdf("md5")); }) == ErrorKind::input);
}

TEST_CASE("bad KDF parameters are usage errors") {
    CHECK(error_kind([&] { oe::encrypt(message, secret, kdf("no-such-digest"), salt); }) == ErrorKind::usage);
    CHECK(error_kind([&] { oe::encrypt(message, secret, kdf("sha256", true, 0), salt); }) ==
          ErrorKind::usage);
    auto good = oe::encrypt(message, secret, kdf("md5"), salt);
    CHECK(error_kind([&] { oe::decrypt(good, secret, kdf("no-such-digest")); }) == ErrorKind::usage);
}

TEST_CASE("the wrong digest or key fails the padding check most of the time") {
    // Padding is the format's only check: about 1 wrong key in 256 passes it. decode_profile
    // adds the content check that rejects the rest (see test_decode.cpp).
    auto file = oe::encrypt(message, secret, kdf("md5"), salt);
    CHECK(error_kind([&] { oe::decrypt(file, secret, kdf("sha256")); }) == ErrorKind::wrong_key);
    std::mt19937 rng(42);
    int passed_padding = 0;
    for (int i = 0; i < 1000; ++i) {
        std::string wrong = "wrong-" + std::to_string(rng());
        try {
            auto garbage = oe::decrypt(file, wrong, kdf("md5"));
            CHECK(garbage != message);
            ++passed_padding;
        } catch (const provkit::Error& e) {
            CHECK(e.kind() == ErrorKind::wrong_key);
            CHECK(std::string(e.what()).find(wrong) == std::string::npos);
        }
    }
    CHECK(passed_padding < 30);
}
