// `provkit encrypt`: optionally gzip, then encrypt a profile as `openssl enc -aes-256-cbc` does
// (the format phones accept) or with RFC 8188 aes128gcm - the same flags and encoder as
// `provkit compile` (encode_options.hpp), with a key required.
#include <memory>

#include "cipher_options.hpp"
#include "cli_io.hpp"
#include "commands.hpp"
#include "encode_options.hpp"
#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "provkit/openssl_enc.hpp"

namespace provkit::cli {

namespace {

struct EncryptOptions {
    std::string input = "-";
    std::string output = "-";
    EncodeOptions encode;
    bool force = false;
};

int run_encrypt(const EncryptOptions& opts) {
    // Flags and key first (--pass stdin takes stdin's first line), so a bad flag costs nothing.
    const Encoder encoder(opts.encode, KeySource::required);
    refuse_overwriting_input(opts.output, {opts.input}, opts.force);
    Bytes data = read_input(opts.input);
    const std::string name = input_name(opts.input);
    if (openssl_enc::has_header(data) && !opts.force)
        throw Error(ErrorKind::input, name +
                                          " is already encrypted (it starts with 'Salted__'); encrypting it "
                                          "again makes a file no phone can read (-f overrides)");
    if (opts.encode.gzip && gzip::looks_like_gzip(data) && !opts.force)
        throw Error(ErrorKind::input, name +
                                          " is already gzip-compressed; drop --gzip, a phone inflates only "
                                          "once (-f overrides)");
    write_output(opts.output, encoder.encode(std::move(data)), true, opts.force);
    return 0;
}

}  // namespace

Runner setup_encrypt(CLI::App& sub) {
    auto o = std::make_shared<EncryptOptions>();
    sub.add_option("IN", o->input, "Input file (default: standard input)");
    sub.add_option("-o,--output", o->output, "Output file (default: standard output)")->type_name("OUT");
    add_encode_options(sub, o->encode, KeySource::required);
    sub.add_flag("-f,--force", o->force, "Write binary output to a terminal; encrypt input that looks encrypted");
    return [o] { return run_encrypt(*o); };
}

}  // namespace provkit::cli
