// Unit tests for provkit/aes128gcm.hpp: the RFC 8188 section 3 vectors, round trips, the
// padding-delimiter rules, tampering, truncation, wrong keys, and IKM decoding.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>
#include <string>
#include <vector>

#include "provkit/aes128gcm.hpp"
#include "provkit/error.hpp"

namespace gcm = provkit::aes128gcm;
using provkit::ErrorKind;

namespace {

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(char(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    return out;
}

// RFC 8188 section 3.1 and 3.2, base64url-decoded (by Python's base64 module, not by provkit).
const std::string rfc31_body = from_hex(
    "23506cc6d16db65bf7bbf3a8f78c679b0000100000f8d015b9bdaa160044b902916a9a19bbe231908bdadcc101d4f0fe972f138638");
const std::string rfc31_ikm = from_hex("caa76567eb587a67e88129afed6b393d");  // yqdlZ-tYemfogSmv7Ws5PQ
const std::string rfc32_body = from_hex(
    "b8d0a45a2358cca4e704df638b7faa5800000019026131ce1bc721cff827be03aa746628bf1ca3baa4722458c40f2a05d45be48fa850"
    "3dd3c7239d4e114284a60cf74ac2d622a4bfb8");
const std::string rfc32_ikm = from_hex("04edd954fc549672ce45b5463296d3d5");  // BO3ZVPxUlnLORbVGMpbT1Q

std::array<unsigned char, 16> salt_of(std::string_view body) {
    std::array<unsigned char, 16> salt{};
    std::copy(body.begin(), body.begin() + 16, salt.begin());
    return salt;
}

ErrorKind decrypt_error(std::string_view body, std::string_view ikm, std::string* message = nullptr) {
    try {
        gcm::decrypt(body, ikm);
    } catch (const provkit::Error& e) {
        if (message) *message = e.what();
        return e.kind();
    }
    FAIL("decrypt accepted bad input");
    return ErrorKind::usage;
}

// An independent record writer (EVP_PKEY HKDF, not the EVP_KDF path provkit uses) that takes
// each record's plaintext verbatim - delimiter and padding included - to build the inputs
// provkit's encoder never produces.
std::string seal_records(std::string_view ikm, std::string_view salt, std::uint32_t rs, std::string_view keyid,
                         const std::vector<std::string>& records) {
    auto derive = [&](std::string_view info, std::size_t len) {
        std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr),
                                                                       EVP_PKEY_CTX_free);
        std::string out(len, '\0');
        REQUIRE(EVP_PKEY_derive_init(ctx.get()) == 1);
        REQUIRE(EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) == 1);
        REQUIRE(EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), (const unsigned char*)salt.data(), int(salt.size())) == 1);
        REQUIRE(EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), (const unsigned char*)ikm.data(), int(ikm.size())) == 1);
        REQUIRE(EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), (const unsigned char*)info.data(), int(info.size())) == 1);
        REQUIRE(EVP_PKEY_derive(ctx.get(), (unsigned char*)out.data(), &len) == 1);
        return out;
    };
    using namespace std::string_view_literals;
    const std::string cek = derive("Content-Encoding: aes128gcm\0"sv, 16);
    const std::string nonce_base = derive("Content-Encoding: nonce\0"sv, 12);
    std::string out(salt);
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(char(rs >> shift));
    out.push_back(char(keyid.size()));
    out.append(keyid);
    for (std::size_t seq = 0; seq < records.size(); ++seq) {
        std::string nonce = nonce_base;
        nonce[11] = char(nonce[11] ^ char(seq));
        std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
        std::string sealed(records[seq].size() + 16, '\0');
        int n = 0, m = 0;
        REQUIRE(EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, (const unsigned char*)cek.data(),
                                   (const unsigned char*)nonce.data()) == 1);
        REQUIRE(EVP_EncryptUpdate(ctx.get(), (unsigned char*)sealed.data(), &n,
                                  (const unsigned char*)records[seq].data(), int(records[seq].size())) == 1);
        REQUIRE(EVP_EncryptFinal_ex(ctx.get(), (unsigned char*)sealed.data() + n, &m) == 1);
        REQUIRE(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, sealed.data() + n + m) == 1);
        out += sealed;
    }
    return out;
}

std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = char(i * 7 + 3);
    return s;
}

}  // namespace

TEST_CASE("RFC 8188 section 3.1: decrypts the example and encrypts it byte for byte") {
    const provkit::Secret ikm = gcm::decode_ikm("yqdlZ-tYemfogSmv7Ws5PQ", gcm::KeyEncoding::base64url);
    REQUIRE(ikm.view() == rfc31_ikm);
    CHECK(gcm::decrypt(rfc31_body, ikm.view()) == "I am the walrus");

    // One record, rs 4096, no key id: "I am the walrus" + 0x02 with no padding, so the
    // encoder's output must equal the RFC's bytes exactly.
    gcm::Params params;
    params.record_size = 4096;
    params.salt = salt_of(rfc31_body);
    CHECK(gcm::encrypt("I am the walrus", ikm.view(), params) == rfc31_body);
    CHECK(gcm::looks_like_aes128gcm(rfc31_body));
}

TEST_CASE("RFC 8188 section 3.2: two records, rs 25, key id a1, padding in the first record") {
    CHECK(rfc32_body.size() == 23 + 25 + 25);  // the final record is full-sized here
    CHECK(rfc32_body.substr(16, 7) == std::string("\0\0\0\x19\x02" "a1", 7));
    CHECK(gcm::decrypt(rfc32_body, rfc32_ikm) == "I am the walrus");
    CHECK(gcm::looks_like_aes128gcm(rfc32_body));

    // The test's independent writer reproduces the RFC's records, padding octet included ...
    CHECK(seal_records(rfc32_ikm, rfc32_body.substr(0, 16), 25, "a1",
                       {std::string("I am th\x01\x00", 9), "e walrus\x02"}) == rfc32_body);
    // ... while provkit's encoder adds no padding: 8 + 7 content bytes, the last record shorter.
    gcm::Params params;
    params.record_size = 25;
    params.keyid = "a1";
    params.salt = salt_of(rfc32_body);
    const provkit::Bytes ours = gcm::encrypt("I am the walrus", rfc32_ikm, params);
    CHECK(ours.substr(0, 23) == rfc32_body.substr(0, 23));
    CHECK(ours.size() == 23 + 25 + 24);
    CHECK(ours == seal_records(rfc32_ikm, rfc32_body.substr(0, 16), 25, "a1", {"I am the\x01", " walrus\x02"}));
    CHECK(gcm::decrypt(ours, rfc32_ikm) == "I am the walrus");
}

TEST_CASE("round trips for every size up to three records, records exactly rs but the last") {
    const std::string ikm = "round trip key";
    for (std::uint32_t rs : {18u, 19u, 25u, 64u, 257u}) {
        gcm::Params params;
        params.record_size = rs;
        for (std::size_t n = 0; n <= 3 * rs; ++n) {
            const std::string plain = pattern(n);
            const provkit::Bytes body = gcm::encrypt(plain, ikm, params);
            const std::size_t records = n / (rs - 17) + 1;  // an exact multiple ends in a delimiter-only record
            REQUIRE(body.size() == 21 + n + 17 * records);
            REQUIRE((body.size() - 21) % rs != 0);  // the final record is always shorter than rs
            REQUIRE(gcm::looks_like_aes128gcm(body));
            REQUIRE(gcm::decrypt(body, ikm) == plain);
        }
    }
    gcm::Params params;  // the default rs 4096 around its record boundaries
    for (std::size_t n : {0, 1, 4078, 4079, 4080, 8157, 8158, 8159, 12237, 100000}) {
        const std::string plain = pattern(n);
        CHECK(gcm::decrypt(gcm::encrypt(plain, ikm, params), ikm) == plain);
    }
}

TEST_CASE("header: big-endian rs, key id, fresh random salt") {
    gcm::Params params;
    params.record_size = 0x01020304;
    params.keyid = std::string(255, 'k');
    const provkit::Bytes a = gcm::encrypt("x", "key", params);
    const provkit::Bytes b = gcm::encrypt("x", "key", params);
    CHECK(a.substr(16, 5) == "\x01\x02\x03\x04\xff");
    CHECK(a.substr(21, 255) == params.keyid);
    CHECK(a.substr(0, 16) != b.substr(0, 16));
    CHECK(gcm::decrypt(a, "key") == "x");
    CHECK(gcm::decrypt(b, "key") == "x");
}

TEST_CASE("encrypt rejects a bad record size, key id or key as usage errors") {
    gcm::Params params;
    params.record_size = 17;
    CHECK_THROWS_AS(gcm::encrypt("x", "key", params), provkit::Error);
    params.record_size = 18;
    params.keyid = std::string(256, 'k');
    try {
        gcm::encrypt("x", "key", params);
        FAIL("a 256-byte key id was accepted");
    } catch (const provkit::Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
    }
    params.keyid.clear();
    try {
        gcm::encrypt("x", "", params);
        FAIL("an empty key was accepted");
    } catch (const provkit::Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
    }
}

TEST_CASE("a wrong key is reported as a wrong key") {
    std::string message;
    CHECK(decrypt_error(rfc31_body, "not the key", &message) == ErrorKind::wrong_key);
    CHECK(message.find("wrong key") != std::string::npos);
    CHECK(message.find("not the key") == std::string::npos);
    std::string near = rfc32_ikm;
    near[15] = char(near[15] ^ 1);
    CHECK(decrypt_error(rfc32_body, near) == ErrorKind::wrong_key);
}

TEST_CASE("changing any bit pattern in any byte of the header or records is rejected") {
    gcm::Params params;
    params.record_size = 25;
    const std::string ikm = "tamper key";
    const provkit::Bytes body = gcm::encrypt(pattern(20), ikm, params);  // records of 25, 25, 21 bytes
    REQUIRE(body.size() == 21 + 71);
    for (std::size_t i = 0; i < body.size(); ++i) {
        for (unsigned char flip : {0x01, 0x80, 0xff}) {
            provkit::Bytes bad = body;
            bad[i] = char(bad[i] ^ flip);
            CAPTURE(i);
            const ErrorKind kind = decrypt_error(bad, ikm);
            // The first record cannot tell a damaged file from a wrong key; after it verified,
            // a damaged later record is reported as bad input.
            if (i >= 21 + 25) CHECK(kind == ErrorKind::input);
            else CHECK((kind == ErrorKind::wrong_key || kind == ErrorKind::input));
        }
    }
    // Swapping two records breaks their nonces.
    provkit::Bytes swapped = body.substr(0, 21) + body.substr(46, 25) + body.substr(21, 25) + body.substr(71);
    CHECK(decrypt_error(swapped, ikm) == ErrorKind::wrong_key);
}

TEST_CASE("truncation anywhere is rejected") {
    gcm::Params params;
    params.record_size = 25;
    const std::string ikm = "truncate key";
    const provkit::Bytes body = gcm::encrypt(pattern(20), ikm, params);  // records of 25, 25, 21 bytes
    for (std::size_t len = 0; len < body.size(); ++len) {
        CAPTURE(len);
        CHECK_THROWS_AS(gcm::decrypt(body.substr(0, len), ikm), provkit::Error);
    }
    // Cut on a record boundary every record verifies, but the last one is not marked final.
    std::string message;
    CHECK(decrypt_error(body.substr(0, 21 + 50), ikm, &message) == ErrorKind::input);
    CHECK(message.find("not marked final") != std::string::npos);
    CHECK(decrypt_error(body.substr(0, 21), ikm, &message) == ErrorKind::input);
    CHECK(decrypt_error(body.substr(0, 20), ikm, &message) == ErrorKind::input);
    CHECK(message.find("header") != std::string::npos);
}

TEST_CASE("malformed headers and record layouts are bad input") {
    std::string message;
    provkit::Bytes small_rs = rfc31_body;
    small_rs[19] = 17;
    small_rs[18] = 0;
    CHECK(decrypt_error(small_rs, rfc31_ikm, &message) == ErrorKind::input);
    CHECK(message.find("record size 17") != std::string::npos);
    CHECK_FALSE(gcm::looks_like_aes128gcm(small_rs));

    provkit::Bytes long_keyid = rfc31_body;
    long_keyid[20] = char(40);  // claims 40 key-id bytes, only 32 follow
    CHECK(decrypt_error(long_keyid, rfc31_ikm, &message) == ErrorKind::input);
    CHECK(message.find("key id") != std::string::npos);
    CHECK_FALSE(gcm::looks_like_aes128gcm(long_keyid));

    // Data after the record marked final (the RFC 3.2 body's records are full-sized).
    CHECK(decrypt_error(rfc32_body + "12345", rfc32_ikm, &message) == ErrorKind::input);
    CHECK(message.find("follows the final record") != std::string::npos);
    CHECK(decrypt_error(rfc32_body + std::string(20, 'x'), rfc32_ikm, &message) == ErrorKind::input);
    CHECK(message.find("follows the final record") != std::string::npos);
}

TEST_CASE("padding-delimiter rules of RFC 8188 section 2") {
    const std::string ikm = "delimiter key";
    const std::string salt(16, 's');
    // Padding after the delimiter is stripped, in every record; a final record may be full-sized.
    CHECK(gcm::decrypt(seal_records(ikm, salt, 20, "", {std::string("ab\x01\0", 4), std::string("c\x02\0\0", 4)}),
                       ikm) == "abc");
    CHECK(gcm::decrypt(seal_records(ikm, salt, 18, "", {std::string("\x02\0", 2)}), ikm) == "");

    std::string message;
    auto rejects = [&](std::uint32_t rs, const std::vector<std::string>& records, std::string_view why) {
        CAPTURE(why);
        CHECK(decrypt_error(seal_records(ikm, salt, rs, "", records), ikm, &message) == ErrorKind::input);
        CHECK(message.find(why) != std::string::npos);
    };
    rejects(20, {std::string("\0\0\0", 3)}, "no padding delimiter");
    rejects(20, {std::string("abc", 0)}, "is 16 bytes");  // a bare tag: no room for a delimiter
    rejects(20, {"ab\x03"}, "neither 1 nor 2");
    rejects(20, {std::string("ab\x02\0", 4), "c\x02"}, "follows the final record");
    rejects(20, {std::string("ab\x01\0", 4), "c\x01"}, "not marked final");
    rejects(20, {std::string(4, '\0'), "c\x02"}, "no padding delimiter");
    rejects(20, {std::string("ab\x00\0", 4), "c\x02"}, "neither 1 nor 2");  // 'b' is taken as the delimiter
}

TEST_CASE("looks_like_aes128gcm") {
    CHECK_FALSE(gcm::looks_like_aes128gcm(""));
    CHECK_FALSE(gcm::looks_like_aes128gcm(rfc31_body.substr(0, 20)));
    CHECK_FALSE(gcm::looks_like_aes128gcm(rfc31_body.substr(0, 21)));       // no record
    CHECK_FALSE(gcm::looks_like_aes128gcm(rfc31_body.substr(0, 21 + 16)));  // too short for one
    CHECK(gcm::looks_like_aes128gcm(rfc31_body.substr(0, 21 + 17)));
    CHECK_FALSE(gcm::looks_like_aes128gcm(rfc32_body + "x"));  // a 1-byte final record
}

TEST_CASE("decode_ikm: text, hex and base64url with and without padding") {
    using gcm::KeyEncoding;
    CHECK(gcm::decode_ikm("pass phrase", KeyEncoding::text).view() == "pass phrase");
    CHECK(gcm::decode_ikm("00ff10Ab", KeyEncoding::hex).view() == std::string("\x00\xff\x10\xab", 4));
    CHECK(gcm::decode_ikm("BO3ZVPxUlnLORbVGMpbT1Q", KeyEncoding::base64url).view() == rfc32_ikm);
    CHECK(gcm::decode_ikm("BO3ZVPxUlnLORbVGMpbT1Q==", KeyEncoding::base64url).view() == rfc32_ikm);
    CHECK(gcm::decode_ikm("YQ", KeyEncoding::base64url).view() == "a");
    CHECK(gcm::decode_ikm("YWI", KeyEncoding::base64url).view() == "ab");
    CHECK(gcm::decode_ikm("YWI=", KeyEncoding::base64url).view() == "ab");
    CHECK(gcm::decode_ikm("YWJj", KeyEncoding::base64url).view() == "abc");
    // EVP_DecodeBlock pads its output with zero bytes; real zero bytes must survive, extra ones not.
    CHECK(gcm::decode_ikm("AA", KeyEncoding::base64url).view() == std::string(1, '\0'));
    CHECK(gcm::decode_ikm("AAA", KeyEncoding::base64url).view() == std::string(2, '\0'));
    CHECK(gcm::decode_ikm("AAAA", KeyEncoding::base64url).view() == std::string(3, '\0'));
    CHECK(gcm::decode_ikm("-_-_", KeyEncoding::base64url).view() == "\xfb\xff\xbf");
}

TEST_CASE("decode_ikm: bad keys are usage errors that never echo the key") {
    using gcm::KeyEncoding;
    const std::pair<const char*, KeyEncoding> bad[] = {
        {"", KeyEncoding::text},          {"", KeyEncoding::hex},          {"", KeyEncoding::base64url},
        {"abc", KeyEncoding::hex},        {"zz11", KeyEncoding::hex},      {"0x11", KeyEncoding::hex},
        {"a1 b2", KeyEncoding::hex},      {"Y", KeyEncoding::base64url},   {"YWJjZ", KeyEncoding::base64url},
        {"YQ=", KeyEncoding::base64url},  {"YQ===", KeyEncoding::base64url}, {"Y=Q=", KeyEncoding::base64url},
        {"+/+/", KeyEncoding::base64url}, {"YW J", KeyEncoding::base64url}, {"====", KeyEncoding::base64url},
    };
    for (const auto& [written, encoding] : bad) {
        CAPTURE(written);
        try {
            gcm::decode_ikm(written, encoding);
            FAIL("accepted a bad key");
        } catch (const provkit::Error& e) {
            CHECK(e.kind() == ErrorKind::usage);
            if (*written) CHECK(std::string(e.what()).find(written) == std::string::npos);
        }
    }
}
