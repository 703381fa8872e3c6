// gzip-then-encrypt output for `provkit compile`, with `provkit encrypt`'s flags.
#include "encode_options.hpp"

#include <array>

#include "cipher_options.hpp"
#include "provkit/aes128gcm.hpp"
#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "provkit/openssl_enc.hpp"

namespace provkit::cli {

namespace {

bool was_given(const CLI::Option* o) { return o != nullptr && o->count() > 0; }

template <std::size_t N>
std::array<unsigned char, N> parse_hex_salt(const std::string& hex, const std::string& scheme) {
    if (hex.size() != 2 * N || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        throw Error(ErrorKind::usage, "--salt for --scheme " + scheme + " takes exactly " +
                                          std::to_string(2 * N) + " hex digits (" + std::to_string(N) +
                                          " bytes)");
    std::array<unsigned char, N> out{};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    return out;
}

}  // namespace

void add_encode_options(CLI::App& app, EncodeOptions& o, KeySource keys) {
    app.add_flag("--gzip", o.gzip, "Compress with gzip (before encrypting, the order phones require)");
    add_pass_options(app, o.pass);
    o.scheme_opt =
        app.add_option("--scheme", o.scheme,
                       std::string(keys == KeySource::required ? "" : "With a key: ") +
                           "openssl (openssl enc -aes-256-cbc, default) or aes128gcm (RFC 8188)")
            ->check(CLI::IsMember({"openssl", "aes128gcm"}));
    o.md_opt = app.add_option("--md", o.md, "openssl: key derivation digest (default md5, what phones read)")
                   ->type_name("NAME");
    o.pbkdf2_opt =
        app.add_flag("--pbkdf2", o.pbkdf2, "openssl: derive the key with PBKDF2, as openssl enc -pbkdf2");
    o.iter_opt =
        app.add_option("--iter", o.iter, "openssl: PBKDF2 iterations (default 10000; implies --pbkdf2)")
            ->check(CLI::Range(1, 2147483647));
    o.salt_opt =
        app.add_option("--salt", o.salt,
                       "Fixed salt for reproducible output: 16 hex digits (openssl) or 32 (aes128gcm)")
            ->type_name("HEX");
    o.key_encoding_opt = app.add_option("--key-encoding", o.key_encoding,
                                        "aes128gcm: how the key is written: text (default), hex or base64url")
                             ->check(CLI::IsMember({"text", "hex", "base64url"}));
    o.rs_opt = app.add_option("--rs", o.rs, "aes128gcm: record size (default 4096)")->type_name("N");
    o.keyid_opt =
        app.add_option("--keyid", o.keyid, "aes128gcm: key identifier in the header")->type_name("ID");
}

Encoder::Encoder(const EncodeOptions& opts, KeySource keys) : opts_(opts) {
    const bool gcm = opts.scheme == "aes128gcm";
    if (gcm)
        reject_flags(opts.scheme, {{was_given(opts.md_opt), "--md"},
                                   {opts.pbkdf2, "--pbkdf2"},
                                   {was_given(opts.iter_opt), "--iter"}});
    else
        reject_flags(opts.scheme, {{was_given(opts.key_encoding_opt), "--key-encoding"},
                                   {was_given(opts.rs_opt), "--rs"},
                                   {was_given(opts.keyid_opt), "--keyid"}});
    if (gcm && was_given(opts.rs_opt) && opts.rs < 18)
        throw Error(ErrorKind::usage, "--rs must be at least 18 (RFC 8188)");
    if (gcm && opts.keyid.size() > 255)
        throw Error(ErrorKind::usage, "--keyid must be at most 255 bytes (RFC 8188)");
    if (was_given(opts.salt_opt)) {  // checked now, so that a bad --salt costs nothing
        if (gcm)
            parse_hex_salt<16>(opts.salt, opts.scheme);
        else
            parse_hex_salt<8>(opts.salt, opts.scheme);
    }
    if (keys == KeySource::column) {
        if (was_given(opts.pass.key_option) || was_given(opts.pass.pass_option))
            throw Error(ErrorKind::usage,
                        "--pass-column gives each device its own key; -k and --pass give one key for all: use one");
        return;
    }
    secret_ = resolve_secret(opts.pass);
    if (keys == KeySource::required && !secret_)
        throw Error(ErrorKind::usage, "encrypt needs a key: give it with -k TEXT or --pass SPEC");
    const bool cipher_flags = was_given(opts.scheme_opt) || was_given(opts.md_opt) || opts.pbkdf2 ||
                              was_given(opts.iter_opt) || was_given(opts.salt_opt) ||
                              was_given(opts.key_encoding_opt) || was_given(opts.rs_opt) ||
                              was_given(opts.keyid_opt);
    if (cipher_flags && !secret_)
        throw Error(ErrorKind::usage, "encryption options need a key: give it with -k TEXT or --pass SPEC");
}

Bytes Encoder::encode(Bytes data) const {
    if (opts_.gzip) data = gzip::compress(data);
    if (!secret_) return data;
    if (opts_.scheme == "aes128gcm") {
        aes128gcm::Params params;
        if (was_given(opts_.salt_opt)) params.salt = parse_hex_salt<16>(opts_.salt, opts_.scheme);
        params.record_size = opts_.rs;
        params.keyid = opts_.keyid;
        const Secret ikm = aes128gcm::decode_ikm(
            secret_->view(),
            parse_key_encoding(was_given(opts_.key_encoding_opt) ? opts_.key_encoding : "text"));
        return aes128gcm::encrypt(data, ikm.view(), params);
    }
    const openssl_enc::Kdf k = kdf();
    std::optional<openssl_enc::Salt> salt;
    if (was_given(opts_.salt_opt)) salt = parse_hex_salt<8>(opts_.salt, opts_.scheme);
    Bytes out = openssl_enc::encrypt(data, secret_->view(), k, salt);
    warn_if_phones_may_not_read(k.digest, k.pbkdf2);
    return out;
}

openssl_enc::Kdf Encoder::kdf() const {
    openssl_enc::Kdf k;
    k.pbkdf2 = opts_.pbkdf2 || was_given(opts_.iter_opt);
    k.digest = was_given(opts_.md_opt) ? opts_.md : (k.pbkdf2 ? "sha256" : "md5");
    k.iterations = opts_.iter;
    return k;
}

bulk::Encoding Encoder::bulk_encoding(const std::string& key_column) const {
    bulk::Encoding e;
    e.gzip = opts_.gzip;
    if (!secret_ && key_column.empty()) return e;
    e.key_column = key_column;
    if (secret_) e.key = secret_->view();
    if (opts_.scheme == "aes128gcm") {
        e.cipher = bulk::Cipher::aes128gcm;
        e.gcm.record_size = opts_.rs;
        e.gcm.keyid = opts_.keyid;
        if (was_given(opts_.salt_opt)) e.gcm.salt = parse_hex_salt<16>(opts_.salt, opts_.scheme);
        e.key_encoding =
            parse_key_encoding(was_given(opts_.key_encoding_opt) ? opts_.key_encoding : "text");
        return e;
    }
    e.cipher = bulk::Cipher::openssl;
    e.kdf = kdf();
    if (was_given(opts_.salt_opt)) e.salt = parse_hex_salt<8>(opts_.salt, opts_.scheme);
    warn_if_phones_may_not_read(e.kdf.digest, e.kdf.pbkdf2);
    return e;
}

}  // namespace provkit::cli
