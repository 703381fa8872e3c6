// Unit tests for provkit/decode.hpp: the phone's decode path (detect, decrypt, inflate, check),
// key-derivation auto-detection, and wrong keys that must never turn into output.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "provkit/aes128gcm.hpp"
#include "provkit/decode.hpp"
#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "provkit/openssl_enc.hpp"

using namespace provkit;

namespace {

const Bytes& sample() {
    static const Bytes data = read_file(PROVKIT_SOURCE_DIR "/examples/sample-profile.xml");
    return data;
}

openssl_enc::Kdf kdf(std::string digest, bool pbkdf2 = false, int iterations = 10000) {
    openssl_enc::Kdf k;
    k.digest = std::move(digest);
    k.pbkdf2 = pbkdf2;
    k.iterations = iterations;
    return k;
}

DecodeOptions with_digest(std::optional<std::string> digest, bool raw = false) {
    DecodeOptions o;
    o.digest = std::move(digest);
    o.raw = raw;
    return o;
}

// Runs fn and returns the provkit::Error it throws (kind and message).
std::pair<ErrorKind, std::string> error_of(auto&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return {e.kind(), e.what()};
    }
    FAIL("expected a provkit::Error");
    return {ErrorKind::io, ""};
}

std::string from_base64url(std::string_view text) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned bits = 0, value = 0;
    for (char c : text) {
        value = (value << 6) | unsigned(alphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((value >> bits) & 0xff));
        }
    }
    return out;
}

const Secret key("SecretPhrase1234");

}  // namespace

TEST_CASE("unencrypted profiles decode without a key") {
    auto plain = decode_profile(sample(), nullptr, {});
    CHECK(plain.data == sample());
    CHECK_FALSE(plain.encrypted);
    CHECK_FALSE(plain.compressed);
    CHECK(plain.derivation.empty());

    auto packed = decode_profile(gzip::compress(sample()), nullptr, {});
    CHECK(packed.data == sample());
    CHECK(packed.compressed);
    CHECK_FALSE(packed.encrypted);

    // A key given for a file that does not need one is simply not used.
    CHECK(decode_profile(sample(), &key, {}).data == sample());
}

TEST_CASE("--md auto finds the derivation: MD5 (phones, OpenSSL < 1.1.0) and SHA-256 (OpenSSL >= 1.1.0)") {
    for (std::string digest : {"md5", "sha256"}) {
        for (bool compress : {false, true}) {
            CAPTURE(digest);
            CAPTURE(compress);
            Bytes inner = compress ? gzip::compress(sample()) : sample();
            auto result = decode_profile(openssl_enc::encrypt(inner, key.view(), kdf(digest)), &key, {});
            CHECK(result.data == sample());
            CHECK(result.encrypted);
            CHECK(result.compressed == compress);
            CHECK(result.derivation == digest);
        }
    }
}

TEST_CASE("explicit digests and PBKDF2") {
    auto sha512 = openssl_enc::encrypt(sample(), key.view(), kdf("sha512"));
    CHECK(decode_profile(sha512, &key, with_digest("sha512")).derivation == "sha512");
    CHECK(error_of([&] { decode_profile(sha512, &key, {}); }).first == ErrorKind::wrong_key);

    auto md5 = openssl_enc::encrypt(sample(), key.view(), kdf("md5"));
    CHECK(error_of([&] { decode_profile(md5, &key, with_digest("sha256")); }).first == ErrorKind::wrong_key);

    DecodeOptions pbkdf2;
    pbkdf2.pbkdf2 = true;
    auto file = openssl_enc::encrypt(gzip::compress(sample()), key.view(), kdf("sha256", true));
    auto result = decode_profile(file, &key, pbkdf2);
    CHECK(result.data == sample());
    CHECK(result.derivation == "pbkdf2-sha256 (10000 iterations)");
    CHECK(error_of([&] { decode_profile(file, &key, {}); }).first == ErrorKind::wrong_key);

    pbkdf2.iterations = 1000;
    CHECK(error_of([&] { decode_profile(file, &key, pbkdf2); }).first == ErrorKind::wrong_key);
    pbkdf2.digest = "sha1";
    auto sha1 = openssl_enc::encrypt(sample(), key.view(), kdf("sha1", true, 1000));
    CHECK(decode_profile(sha1, &key, pbkdf2).derivation == "pbkdf2-sha1 (1000 iterations)");
}

TEST_CASE("encrypted input without a key is a usage error") {
    auto file = openssl_enc::encrypt(sample(), key.view(), kdf("md5"));
    auto [kind, message] = error_of([&] { decode_profile(file, nullptr, {}); });
    CHECK(kind == ErrorKind::usage);
    CHECK(message == "encrypted; give the key with -k or --pass");
}

TEST_CASE("1000 random wrong keys: none is accepted, each is reported as a wrong key") {
    // Padding alone would let about 1 wrong key in 256 through; the content check stops them.
    // Fixed salts make the run repeatable: with fresh ones, all 2000 padding checks failed
    // (and the last CHECK with them) about 1 run in 2,500.
    const openssl_enc::Salt salt1{9, 8, 7, 6, 5, 4, 3, 2}, salt2{1, 3, 5, 7, 9, 11, 13, 15};
    const Bytes files[] = {openssl_enc::encrypt(sample(), key.view(), kdf("md5"), salt1),
                           openssl_enc::encrypt(gzip::compress(sample()), key.view(), kdf("sha256"), salt2)};
    std::mt19937_64 rng(20261125);
    int passed_padding = 0;
    for (int i = 0; i < 1000; ++i) {
        std::string guess = "wrong-" + std::to_string(rng());
        const Bytes& file = files[i % 2];
        for (const char* digest : {"md5", "sha256"}) {
            try {
                openssl_enc::decrypt(file, guess, kdf(digest));
                ++passed_padding;
            } catch (const Error&) {
            }
        }
        Secret wrong(guess);
        auto [kind, message] = error_of([&] { decode_profile(file, &wrong, {}); });
        CHECK(kind == ErrorKind::wrong_key);
        CHECK(message.find("wrong key: the file did not decrypt with MD5 or SHA-256") == 0);
        CHECK(message.find(guess) == std::string::npos);
    }
    MESSAGE("wrong keys with valid padding (rejected by the content check): " << passed_padding);
    CHECK(passed_padding > 0);  // the content check was really exercised
}

TEST_CASE("--raw stops after decryption") {
    const Bytes binary("\x00\x01\x02 not a profile \xff", 20);
    auto file = openssl_enc::encrypt(binary, key.view(), kdf("sha256"));
    auto result = decode_profile(file, &key, with_digest("sha256", true));
    CHECK(result.data == binary);
    CHECK(result.derivation == "sha256");

    auto packed = openssl_enc::encrypt(gzip::compress(sample()), key.view(), kdf("md5"));
    auto raw = decode_profile(packed, &key, with_digest(std::nullopt, true));
    CHECK(raw.data == gzip::compress(sample()));
    CHECK_FALSE(raw.compressed);

    // Without --raw the same data is not a profile, which cannot be told from a wrong key.
    auto [kind, message] = error_of([&] { decode_profile(file, &key, with_digest("sha256")); });
    CHECK(kind == ErrorKind::wrong_key);
    CHECK(message.find("--raw") != std::string::npos);

    // Unencrypted input has nothing to decrypt.
    CHECK(decode_profile("plain text", nullptr, with_digest(std::nullopt, true)).data == "plain text");
}

TEST_CASE("the result must be a well-formed <flat-profile> document") {
    auto [kind, message] =
        error_of([&] { decode_profile("<flat-profile>\n<a>x</b>\n</flat-profile>", nullptr, {}); });
    CHECK(kind == ErrorKind::input);
    CHECK(message.find("line 2, column") != std::string::npos);

    std::tie(kind, message) =
        error_of([&] { decode_profile("<?xml version=\"1.0\"?><config/>", nullptr, {}); });
    CHECK(kind == ErrorKind::input);
    CHECK(message.find("<config>") != std::string::npos);

    CHECK(error_of([&] { decode_profile("<flat-profile/>trailing", nullptr, {}); }).first ==
          ErrorKind::input);
    CHECK(error_of([&] { decode_profile("<flat-profile/><flat-profile/>", nullptr, {}); }).first ==
          ErrorKind::input);
    CHECK(decode_profile("\xEF\xBB\xBF<flat-profile/>\n", nullptr, {}).data ==
          "\xEF\xBB\xBF<flat-profile/>\n");

    // Right key, well-formed XML, wrong root: a content error, not a wrong key.
    auto file = openssl_enc::encrypt(gzip::compress("<config/>"), key.view(), kdf("md5"));
    CHECK(error_of([&] { decode_profile(file, &key, {}); }).first == ErrorKind::input);

    // No DTD is loaded and no external entity is fetched: a DOCTYPE is refused, as compile does.
    auto xxe =
        "<!DOCTYPE flat-profile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><flat-profile>&x;</flat-profile>";
    std::tie(kind, message) = error_of([&] { decode_profile(xxe, nullptr, {}); });
    CHECK(kind == ErrorKind::input);
    CHECK(message.find("DOCTYPE") != std::string::npos);

    // The strict profile reader decides, as for compile and lint: a bare '&', nesting, bad UTF-8.
    for (const char* bad : {"<flat-profile><A>a & b</A></flat-profile>", "<flat-profile><A><B/></A></flat-profile>",
                            "<flat-profile><A>\xff</A></flat-profile>"})
        CHECK(error_of([&] { decode_profile(bad, nullptr, {}); }).first == ErrorKind::input);
    DecodeOptions named;
    named.source_name = "p.xml";
    std::tie(kind, message) = error_of([&] { decode_profile("<flat-profile>\n<A>a & b</A>\n</flat-profile>", nullptr, named); });
    CHECK(message.rfind("p.xml:2:6: ", 0) == 0);
    CHECK(message.find("p.xml", 1) == std::string::npos);  // named once, not prefixed again
}

TEST_CASE("a named input starts every error message with its name, keeping the kind") {
    DecodeOptions named;
    named.source_name = "p.cfg";
    CHECK(error_of([&] { decode_profile("", nullptr, named); }) ==
          std::pair{ErrorKind::input, std::string("p.cfg: the input is empty")});
    // A fixed salt: with a random one, a wrong key shows gzip or XML 1 time in 2^23.
    auto file = openssl_enc::encrypt(gzip::compress(sample()), key.view(), kdf("md5"),
                                     openssl_enc::Salt{1, 2, 3, 4, 5, 6, 7, 8});
    auto [kind, message] = error_of([&] { decode_profile(file, nullptr, named); });
    CHECK(kind == ErrorKind::usage);
    CHECK(message.rfind("p.cfg: encrypted", 0) == 0);
    Secret wrong("not-the-key");
    std::tie(kind, message) = error_of([&] { decode_profile(file, &wrong, named); });
    CHECK(kind == ErrorKind::wrong_key);
    CHECK(message.rfind("p.cfg: wrong key", 0) == 0);
}

TEST_CASE("the right key and a malformed profile: the error points into it, never at the padding") {
    const Bytes malformed = "<flat-profile>\n<Resync_On_Reset>Yes</Resync_On_Reset>\n";
    DecodeOptions named;
    named.source_name = "p.cfg";
    for (const char* digest : {"md5", "sha256"}) {
        auto file = openssl_enc::encrypt(malformed, key.view(), kdf(digest));
        auto [kind, message] = error_of([&] { decode_profile(file, &key, named); });
        CHECK(kind == ErrorKind::input);
        CHECK(message.rfind("p.cfg:3:1: unexpected end of file", 0) == 0);
        CHECK(message.find("padding") == std::string::npos);
    }
    // A profile that starts with a blank line or a comment is still recognised as one, and one
    // that starts as profiles do whatever follows (a Latin-1 name, not UTF-8).
    const Bytes latin1 = "<flat-profile><GPP_A>M\xFCller</GPP_A>\n<GPP_B>x</GPP_B>\n";
    auto latin1_file = openssl_enc::encrypt(latin1, key.view(), kdf("md5"));
    CHECK(error_of([&] { decode_profile(latin1_file, &key, named); }).second.rfind("p.cfg:1:23: ", 0) == 0);
    for (const Bytes& start : {Bytes("\n"), Bytes("<!-- made by hand -->\n")}) {
        auto file = openssl_enc::encrypt(start + malformed, key.view(), kdf("md5"));
        auto [kind, message] = error_of([&] { decode_profile(file, &key, named); });
        CHECK(kind == ErrorKind::input);
        CHECK(message.find("unexpected end of file") != std::string::npos);
    }
    // This salt and key make the SHA-256 derivation pass the padding check too (1 in 256): --raw
    // takes the derivation whose plaintext starts as a profile does, so lint can point into it.
    const Secret lint_key("lint test key");
    const openssl_enc::Salt salt{0x00, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x46, 0x9c};
    auto file = openssl_enc::encrypt(malformed, lint_key.view(), kdf("md5"), salt);
    REQUIRE_NOTHROW(openssl_enc::decrypt(file, lint_key.view(), kdf("sha256")));  // the premise
    auto raw = decode_profile(file, &lint_key, with_digest(std::nullopt, true));
    CHECK(raw.data == malformed);
    CHECK(raw.derivation == "md5");
    CHECK(error_of([&] { decode_profile(file, &lint_key, named); }).second.rfind("p.cfg:3:1: ", 0) == 0);
}

TEST_CASE("damaged input is an input error") {
    auto file = openssl_enc::encrypt(gzip::compress(sample()), key.view(), kdf("md5"));
    CHECK(error_of([&] { decode_profile(file.substr(0, file.size() - 5), &key, {}); }).first ==
          ErrorKind::input);
    CHECK(error_of([&] { decode_profile(file.substr(0, 12), &key, {}); }).first == ErrorKind::input);

    CHECK(error_of([&] { decode_profile("Salt", &key, {}); }).second.find("truncated") != std::string::npos);
    CHECK(error_of([&] { decode_profile("", nullptr, {}); }).second == "the input is empty");

    // Cut at a block boundary: the padding fails as with a wrong key, but the right key's first
    // block shows gzip or XML, so the file is reported as damaged rather than the key as wrong.
    for (bool compress : {true, false}) {
        auto whole =
            openssl_enc::encrypt(compress ? gzip::compress(sample()) : sample(), key.view(), kdf("sha256"));
        auto [kind, message] =
            error_of([&] { decode_profile(whole.substr(0, whole.size() - 16), &key, {}); });
        CHECK(kind == ErrorKind::input);
        CHECK(message.find("truncated or corrupt openssl enc file: it decrypts with sha256") == 0);
        const Secret wrong("a wrong key");
        CHECK(error_of([&] { decode_profile(whole.substr(0, whole.size() - 16), &wrong, {}); }).first ==
              ErrorKind::wrong_key);
    }

    Bytes packed = gzip::compress(sample());
    packed[packed.size() - 6] ^= 0x55;  // CRC-32 no longer matches
    auto [kind, message] =
        error_of([&] { decode_profile(openssl_enc::encrypt(packed, key.view(), kdf("md5")), &key, {}); });
    CHECK(kind == ErrorKind::input);
    CHECK(message.find("gzip") != std::string::npos);
    CHECK(error_of([&] { decode_profile(packed, nullptr, {}); }).first == ErrorKind::input);

    std::tie(kind, message) = error_of([&] { decode_profile(Bytes("\x93\x11garbage", 9), nullptr, {}); });
    CHECK(kind == ErrorKind::input);
    CHECK(message.find("neither") != std::string::npos);
}

TEST_CASE("the output cap stops a decompression bomb") {
    DecodeOptions capped;
    capped.max_output = 4096;
    auto bomb = gzip::compress(std::string(1 << 20, ' '));
    CHECK(error_of([&] { decode_profile(bomb, nullptr, capped); }).first == ErrorKind::input);
    CHECK(error_of([&] {
              decode_profile(openssl_enc::encrypt(bomb, key.view(), kdf("md5")), &key, capped);
          }).first == ErrorKind::input);
}

TEST_CASE("a forced scheme must match the input") {
    DecodeOptions openssl;
    openssl.scheme = Scheme::openssl;
    CHECK(error_of([&] { decode_profile(sample(), &key, openssl); }).first == ErrorKind::input);
    DecodeOptions gcm;
    gcm.scheme = Scheme::aes128gcm;
    auto file = openssl_enc::encrypt(sample(), key.view(), kdf("md5"));
    CHECK(error_of([&] { decode_profile(file, &key, gcm); }).first == ErrorKind::input);
}

TEST_CASE("aes128gcm: the RFC 8188 section 3.1 example, round trips and auto-detection") {
    const Bytes body =
        from_base64url("I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg");
    const Secret ikm(from_base64url("yqdlZ-tYemfogSmv7Ws5PQ"));
    DecodeOptions gcm_raw;
    gcm_raw.scheme = Scheme::aes128gcm;
    gcm_raw.raw = true;
    auto result = decode_profile(body, &ikm, gcm_raw);
    CHECK(result.data == "I am the walrus");
    CHECK(result.derivation == "aes128gcm");
    CHECK(decode_profile(body, &ikm, with_digest(std::nullopt, true)).data == "I am the walrus");  // auto

    // A fixed salt: a random one starts like XML or gzip about 1 time in 250, and then a wrong key
    // leaves the file read as plain data (an input error, not wrong_key: see the next test case).
    aes128gcm::Params params;
    params.salt.emplace();
    params.salt->fill(0x11);
    auto file = aes128gcm::encrypt(gzip::compress(sample()), ikm.view(), params);
    auto decoded = decode_profile(file, &ikm, {});
    CHECK(decoded.data == sample());
    CHECK(decoded.compressed);
    CHECK(decoded.derivation == "aes128gcm");

    const Secret wrong("not the key");
    CHECK(error_of([&] { decode_profile(file, &wrong, {}); }).first == ErrorKind::wrong_key);
    CHECK(error_of([&] { decode_profile(file, nullptr, {}); }).first == ErrorKind::input);
    gcm_raw.raw = false;
    CHECK(error_of([&] { decode_profile(file, nullptr, gcm_raw); }).first == ErrorKind::usage);
}

TEST_CASE("aes128gcm ciphertext of any size and salt is told from text, and a wrong key is a wrong key") {
    // 1,000 salts, sizes from 1 byte (the header then holds most of the bytes) upwards, and
    // headers whose record size and key id are text, as the --rs and --keyid options allow.
    std::mt19937 rng(8188);
    const Secret ikm("the key"), wrong("not the key");
    const std::uint32_t record_sizes[] = {4096, 0x41414141, 0x0a0a0a0a, 0x20202020, 18};
    const std::string keyids[] = {"", std::string(65, 'A'), "key-1", std::string(255, 'k')};
    for (int i = 0; i < 1000; ++i) {
        aes128gcm::Params params;
        params.record_size = record_sizes[i % 5];
        params.keyid = keyids[(i / 5) % 4];
        params.salt.emplace();
        for (auto& b : *params.salt) b = static_cast<unsigned char>(rng());
        if (i % 50 == 0)
            std::copy_n("\x1f\x8b", 2, params.salt->begin());  // gzip's magic, then no gzip header
        if (i % 50 == 1) (*params.salt)[0] = '<';
        const std::string_view salt(reinterpret_cast<const char*>(params.salt->data()), 16);
        if (gzip::looks_like_gzip(salt)) continue;  // a whole gzip header: 1 salt in 2^27
        const Bytes content = sample().substr(0, std::size_t{1} << (i % 12));
        const Bytes file = aes128gcm::encrypt(content, ikm.view(), params);
        INFO(i);
        CHECK(looks_like_aes128gcm_ciphertext(file));
        CHECK(error_of([&] { decode_profile(file, &wrong, with_digest(std::nullopt, true)); }).first ==
              ErrorKind::wrong_key);
        CHECK(error_of([&] { decode_profile(file, nullptr, with_digest(std::nullopt, true)); }).first ==
              ErrorKind::input);
    }
}

TEST_CASE("aes128gcm: a salt that starts like XML or gzip is still detected by its authentication") {
    // The salt is random: 1 time in about 250 it starts with '<' (or blanks and '<') or with
    // gzip's magic. Authentication decides; a plain file given with a key stays plain.
    const Secret ikm("the key");
    aes128gcm::Params params;
    for (std::string_view start :
         {std::string_view("<"), std::string_view(" \n<"), std::string_view("\xEF\xBB\xBF<"),
          std::string_view("\x1f\x8b\x08\x00", 4)}) {
        INFO(start);
        params.salt.emplace();
        for (std::size_t i = 0; i < 16; ++i) (*params.salt)[i] = static_cast<unsigned char>(0x9d + 37 * i);
        std::copy(start.begin(), start.end(), params.salt->begin());  // then binary, as random salts are
        const bool like_gzip = start[0] == '\x1f';
        for (const Bytes& content : {sample(), gzip::compress(sample())}) {
            const Bytes file = aes128gcm::encrypt(content, ikm.view(), params);
            auto decoded = decode_profile(file, &ikm, {});
            CHECK(decoded.data == sample());
            CHECK(decoded.derivation == "aes128gcm");
            CHECK(looks_like_aes128gcm_ciphertext(file) == !like_gzip);
            // A wrong key: binary from its header on, it is still ciphertext by its bytes; only a
            // salt like a whole gzip header (1 time in 2^27) leaves it to be read as damaged gzip.
            const Secret wrong("not the key");
            CHECK(error_of([&] { decode_profile(file, &wrong, {}); }).first ==
                  (like_gzip ? ErrorKind::input : ErrorKind::wrong_key));
            if (like_gzip) continue;
            CHECK(error_of([&] { decode_profile(file, &wrong, with_digest(std::nullopt, true)); }).first ==
                  ErrorKind::wrong_key);
            // Without a key: what it could be, and never passed on as data.
            CHECK(error_of([&] { decode_profile(file, nullptr, {}); }).second.find("give the key") !=
                  std::string::npos);
            CHECK(error_of([&] { decode_profile(file, nullptr, with_digest(std::nullopt, true)); }).first ==
                  ErrorKind::input);
        }
    }
    for (std::size_t i = 0; i < 16; ++i) (*params.salt)[i] = static_cast<unsigned char>(0x9d + 37 * i);
    (*params.salt)[0] = '<';
    const Bytes salted_like_xml = aes128gcm::encrypt(sample(), ikm.view(), params);
    CHECK(looks_like_aes128gcm_ciphertext(salted_like_xml));
    CHECK_FALSE(looks_like_aes128gcm_ciphertext(sample()));
    CHECK_FALSE(looks_like_aes128gcm_ciphertext(gzip::compress(sample())));
    Bytes damaged = sample();  // binary, but not from the header on: a damaged profile
    damaged[300] = '\0';
    CHECK_FALSE(looks_like_aes128gcm_ciphertext(damaged));
    CHECK_FALSE(looks_like_aes128gcm_ciphertext(salted_like_xml.substr(0, 20)));  // too short
    Bytes utf16;  // UTF-16LE, as Windows' "Unicode" saves it, with and without its byte-order mark
    for (char c : sample()) utf16 += std::string{c, '\0'};
    CHECK_FALSE(looks_like_aes128gcm_ciphertext(utf16));
    CHECK_FALSE(looks_like_aes128gcm_ciphertext("\xFF\xFE" + utf16));
    CHECK_FALSE(decode_profile(utf16, &ikm, with_digest(std::nullopt, true)).encrypted);
    const Secret empty("");  // an empty key (say, --key $B with GPP_B unset): plain data stays plain
    CHECK(decode_profile(sample(), &empty, {}).data == sample());
    auto plain = decode_profile(sample(), &ikm, {});  // plain XML with a key: not encrypted
    CHECK(plain.data == sample());
    CHECK_FALSE(plain.encrypted);
    auto gz = decode_profile(gzip::compress(sample()), &ikm, {});
    CHECK(gz.data == sample());
    CHECK_FALSE(gz.encrypted);
}
