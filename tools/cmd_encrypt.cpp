// `provkit encrypt`: optionally gzip, then encrypt a profile as `openssl enc -aes-256-cbc` does
// (the format phones accept) or with RFC 8188 aes128gcm.
#include <array>
#include <cstdint>
#include <memory>

#include "cipher_options.hpp"
#include "cli_io.hpp"
#include "commands.hpp"
#include "provkit/aes128gcm.hpp"
#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "provkit/openssl_enc.hpp"

namespace provkit::cli {

namespace {

struct EncryptOptions {
    std::string input = "-";
    std::string output = "-";
    PassOptions pass;
    std::string scheme = "openssl";
    std::optional<std::string> md;  // openssl: default md5 (sha256 with --pbkdf2, as openssl enc)
    bool pbkdf2 = false;
    std::optional<int> iter;  // implies --pbkdf2, as openssl enc -iter does
    std::optional<std::string> salt;
    bool gzip = false;
    bool force = false;
    std::optional<std::string> key_encoding;  // aes128gcm only
    std::optional<std::uint32_t> rs;
    std::optional<std::string> keyid;
};

// Parses exactly N bytes written as 2N hex digits (--salt).
template <std::size_t N>
std::array<unsigned char, N> parse_salt(const std::string& hex, const std::string& scheme) {
    auto bad = [&] {
        return Error(ErrorKind::usage, "--salt for --scheme " + scheme + " takes exactly " +
                                           std::to_string(2 * N) + " hex digits (" + std::to_string(N) +
                                           " bytes)");
    };
    if (hex.size() != 2 * N || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        throw bad();
    std::array<unsigned char, N> out{};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    return out;
}

int run_encrypt(const EncryptOptions& opts) {
    const bool gcm = opts.scheme == "aes128gcm";
    if (gcm)
        reject_flags(
            opts.scheme,
            {{opts.md.has_value(), "--md"}, {opts.pbkdf2, "--pbkdf2"}, {opts.iter.has_value(), "--iter"}});
    else
        reject_flags(opts.scheme, {{opts.key_encoding.has_value(), "--key-encoding"},
                                   {opts.rs.has_value(), "--rs"},
                                   {opts.keyid.has_value(), "--keyid"}});
    if (gcm && opts.rs && *opts.rs < 18) throw Error(ErrorKind::usage, "--rs must be at least 18 (RFC 8188)");
    if (gcm && opts.keyid && opts.keyid->size() > 255)
        throw Error(ErrorKind::usage, "--keyid must be at most 255 bytes (RFC 8188)");

    // Checked before any input is read, so that a bad --salt costs nothing.
    std::optional<openssl_enc::Salt> openssl_salt;
    aes128gcm::Params params;
    if (opts.salt && gcm)
        params.salt = parse_salt<16>(*opts.salt, opts.scheme);
    else if (opts.salt)
        openssl_salt = parse_salt<8>(*opts.salt, opts.scheme);

    auto secret = resolve_secret(opts.pass);  // before the input: --pass stdin takes stdin's first line
    if (!secret) throw Error(ErrorKind::usage, "encrypt needs a key: give it with -k TEXT or --pass SPEC");

    refuse_overwriting_input(opts.output, {opts.input}, opts.force);
    Bytes data = read_input(opts.input);
    const std::string name = input_name(opts.input);
    if (openssl_enc::has_header(data) && !opts.force)
        throw Error(ErrorKind::input, name +
                                          " is already encrypted (it starts with 'Salted__'); encrypting it "
                                          "again makes a file no phone can read (-f overrides)");
    if (opts.gzip && gzip::looks_like_gzip(data) && !opts.force)
        throw Error(ErrorKind::input, name +
                                          " is already gzip-compressed; drop --gzip, a phone inflates only "
                                          "once (-f overrides)");
    if (opts.gzip) data = gzip::compress(data);

    Bytes out;
    if (gcm) {
        params.record_size = opts.rs.value_or(params.record_size);
        params.keyid = opts.keyid.value_or("");
        Secret ikm =
            aes128gcm::decode_ikm(secret->view(), parse_key_encoding(opts.key_encoding.value_or("text")));
        out = aes128gcm::encrypt(data, ikm.view(), params);
    } else {
        openssl_enc::Kdf kdf;
        kdf.pbkdf2 = opts.pbkdf2 || opts.iter.has_value();
        kdf.digest = opts.md.value_or(kdf.pbkdf2 ? "sha256" : "md5");
        kdf.iterations = opts.iter.value_or(kdf.iterations);
        out = openssl_enc::encrypt(data, secret->view(), kdf, openssl_salt);
        warn_if_phones_may_not_read(kdf.digest, kdf.pbkdf2);
    }
    write_output(opts.output, out, true, opts.force);
    return 0;
}

}  // namespace

Runner setup_encrypt(CLI::App& sub) {
    struct Parsed {
        EncryptOptions opts;
        std::string md, salt, key_encoding, keyid;
        int iter = 10000;
        std::uint32_t rs = 4096;
        CLI::Option *md_opt, *iter_opt, *salt_opt, *key_encoding_opt, *rs_opt, *keyid_opt;
    };
    auto p = std::make_shared<Parsed>();
    auto& o = p->opts;
    sub.add_option("IN", o.input, "Input file (default: standard input)");
    sub.add_option("-o,--output", o.output, "Output file (default: standard output)")->type_name("OUT");
    add_pass_options(sub, o.pass);
    sub.add_option("--scheme", o.scheme,
                   "openssl (openssl enc -aes-256-cbc, default) or aes128gcm (RFC 8188)")
        ->check(CLI::IsMember({"openssl", "aes128gcm"}));
    p->md_opt =
        sub.add_option("--md", p->md, "openssl: key derivation digest (default md5, what phones read)")
            ->type_name("NAME");
    sub.add_flag("--pbkdf2", o.pbkdf2, "openssl: derive the key with PBKDF2, as openssl enc -pbkdf2");
    p->iter_opt =
        sub.add_option("--iter", p->iter, "openssl: PBKDF2 iterations (default 10000; implies --pbkdf2)")
            ->check(CLI::Range(1, 2147483647));
    p->salt_opt = sub.add_option("--salt", p->salt,
                                 "Fixed salt for reproducible output: 16 hex digits (openssl) "
                                 "or 32 (aes128gcm)")
                      ->type_name("HEX");
    sub.add_flag("--gzip", o.gzip, "Compress with gzip before encrypting (the order phones require)");
    sub.add_flag("-f,--force", o.force,
                 "Write binary output to a terminal; encrypt input that looks encrypted");
    p->key_encoding_opt =
        sub.add_option("--key-encoding", p->key_encoding,
                       "aes128gcm: how the key is written: text (default), hex or base64url")
            ->check(CLI::IsMember({"text", "hex", "base64url"}));
    p->rs_opt = sub.add_option("--rs", p->rs, "aes128gcm: record size (default 4096)")->type_name("N");
    p->keyid_opt =
        sub.add_option("--keyid", p->keyid, "aes128gcm: key identifier in the header")->type_name("ID");
    return [p] {
        p->opts.md = given(p->md_opt, p->md);
        p->opts.iter = given(p->iter_opt, p->iter);
        p->opts.salt = given(p->salt_opt, p->salt);
        p->opts.key_encoding = given(p->key_encoding_opt, p->key_encoding);
        p->opts.rs = given(p->rs_opt, p->rs);
        p->opts.keyid = given(p->keyid_opt, p->keyid);
        return run_encrypt(p->opts);
    };
}

}  // namespace provkit::cli
