// `provkit decrypt`: decode a downloaded profile as a phone does - decrypt, inflate, check that
// it is a <flat-profile> document - and write the profile XML.
#include <cstdint>
#include <memory>

#include "cipher_options.hpp"
#include "cli_io.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "provkit/decode.hpp"
#include "provkit/error.hpp"
#include "size_arg.hpp"

namespace provkit::cli {

namespace {

struct DecryptOptions {
    std::string input = "-";
    std::string output = "-";
    PassOptions pass;
    std::string scheme = "auto";
    std::optional<std::string> md;  // "auto" or a digest name
    bool pbkdf2 = false;
    std::optional<int> iter;  // implies --pbkdf2, as openssl enc -iter does
    bool raw = false;
    std::string max_size = "64M";
    bool verbose = false;
    bool force = false;
    std::optional<std::string> key_encoding;  // aes128gcm keys only
};

// Data a terminal would show sensibly: no NUL and no control characters but tab and newlines.
bool looks_like_text(std::string_view data) {
    for (unsigned char c : data)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
    return true;
}

int run_decrypt(const DecryptOptions& opts) {
    if (opts.scheme == "aes128gcm")
        reject_flags(
            opts.scheme,
            {{opts.md.has_value(), "--md"}, {opts.pbkdf2, "--pbkdf2"}, {opts.iter.has_value(), "--iter"}});
    if (opts.scheme == "openssl")
        reject_flags(opts.scheme, {{opts.key_encoding.has_value(), "--key-encoding"}});

    DecodeOptions decode;
    decode.scheme = opts.scheme == "openssl"     ? Scheme::openssl
                    : opts.scheme == "aes128gcm" ? Scheme::aes128gcm
                                                 : Scheme::automatic;
    if (opts.md && *opts.md != "auto") decode.digest = *opts.md;
    decode.pbkdf2 = opts.pbkdf2 || opts.iter.has_value();
    decode.iterations = opts.iter.value_or(decode.iterations);
    decode.raw = opts.raw;
    decode.max_output = parse_size(opts.max_size, "--max-size");

    auto secret = resolve_secret(opts.pass);  // before the input: --pass stdin takes stdin's first line
    refuse_overwriting_input(opts.output, {opts.input}, opts.force);
    Bytes file = read_input(opts.input);
    const std::string name = input_name(opts.input);
    decode.source_name = name;

    // --key-encoding describes aes128gcm keys; openssl enc keys are always text.
    const auto encoding = parse_key_encoding(opts.key_encoding.value_or("text"));
    if (secret && encoding != aes128gcm::KeyEncoding::text) {
        if (openssl_enc::has_header(file))
            throw Error(ErrorKind::usage,
                        name + " is openssl-encrypted, whose keys are text; drop --key-encoding");
        secret = aes128gcm::decode_ikm(secret->view(), encoding);
    }

    DecodeResult result = decode_profile(file, secret ? &*secret : nullptr, decode);  // errors start with name

    if (secret && !result.encrypted) warning(name + " is not encrypted; the key was not used");
    if (opts.verbose) {
        note(name + ": " + std::to_string(file.size()) + " bytes");
        if (result.encrypted)
            note(result.derivation == "aes128gcm"
                     ? std::string("decrypted: aes128gcm (RFC 8188)")
                     : "decrypted: openssl enc AES-256-CBC, key derivation " + result.derivation);
        else
            note("not encrypted");
        if (!opts.raw) note(result.compressed ? "gzip: inflated" : "gzip: not compressed");
        note(opts.raw
                 ? "output: " + std::to_string(result.data.size()) + " bytes (raw)"
                 : "output: " + std::to_string(result.data.size()) + " bytes, a well-formed <flat-profile>");
    }
    write_output(opts.output, result.data, !looks_like_text(result.data), opts.force);
    return 0;
}

}  // namespace

Runner setup_decrypt(CLI::App& sub) {
    struct Parsed {
        DecryptOptions opts;
        std::string md, key_encoding;
        int iter = 10000;
        CLI::Option *md_opt, *iter_opt, *key_encoding_opt;
    };
    auto p = std::make_shared<Parsed>();
    auto& o = p->opts;
    sub.add_option("IN", o.input, "Input file (default: standard input)");
    sub.add_option("-o,--output", o.output, "Output file (default: standard output)")->type_name("OUT");
    add_pass_options(sub, o.pass);
    sub.add_option("--scheme", o.scheme, "auto (default), openssl or aes128gcm")
        ->check(CLI::IsMember({"auto", "openssl", "aes128gcm"}));
    p->md_opt =
        sub.add_option("--md", p->md, "openssl: key derivation digest; auto (default) tries md5, then sha256")
            ->type_name("NAME");
    sub.add_flag("--pbkdf2", o.pbkdf2, "openssl: the key was derived with PBKDF2 (openssl enc -pbkdf2)");
    p->iter_opt =
        sub.add_option("--iter", p->iter, "openssl: PBKDF2 iterations (default 10000; implies --pbkdf2)")
            ->check(CLI::Range(1, 2147483647));
    sub.add_flag("--raw", o.raw, "Stop after decryption: no inflating, no profile check");
    sub.add_option("--max-size", o.max_size, "Largest inflated output (default 64M)")->type_name("SIZE");
    sub.add_flag("-v,--verbose", o.verbose, "Say what was found: encryption, key derivation, gzip, sizes");
    sub.add_flag("-f,--force", o.force, "Write binary output (--raw) to a terminal");
    p->key_encoding_opt =
        sub.add_option("--key-encoding", p->key_encoding,
                       "aes128gcm: how the key is written: text (default), hex or base64url")
            ->check(CLI::IsMember({"text", "hex", "base64url"}));
    return [p] {
        p->opts.md = given(p->md_opt, p->md);
        p->opts.iter = given(p->iter_opt, p->iter);
        p->opts.key_encoding = given(p->key_encoding_opt, p->key_encoding);
        return run_decrypt(p->opts);
    };
}

}  // namespace provkit::cli
