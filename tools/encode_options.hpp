// The output encoding flags of `provkit encrypt` and `provkit compile` - --gzip, a key and the
// cipher options - and the one-pass compress-then-encrypt they select.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cli_io.hpp"
#include "provkit/bulk.hpp"
#include "provkit/file_io.hpp"

namespace provkit::cli {

struct EncodeOptions {
    PassOptions pass;
    bool gzip = false;
    std::string scheme = "openssl";
    std::string md, salt, key_encoding, keyid;
    int iter = 10000;
    std::uint32_t rs = 4096;
    bool pbkdf2 = false;
    CLI::Option *scheme_opt = nullptr, *md_opt = nullptr, *iter_opt = nullptr, *salt_opt = nullptr,
                *key_encoding_opt = nullptr, *rs_opt = nullptr, *keyid_opt = nullptr, *pbkdf2_opt = nullptr;
};

// Where the key comes from: compile may encrypt (a key is optional), encrypt must, and
// compile --devices --pass-column takes each device's key from its row.
enum class KeySource { optional, required, column };

// Adds --gzip, -k/--key, --pass, --scheme, --md, --pbkdf2, --iter, --salt, --key-encoding, --rs
// and --keyid: the flags of `provkit encrypt`, and of `provkit compile` (KeySource::optional).
void add_encode_options(CLI::App& app, EncodeOptions& opts, KeySource keys = KeySource::optional);

// Checks the flag combination (Error(usage)) and resolves the secret, before any input is read.
// Returns the prepared encoder; encode() then gzips and/or encrypts data as the flags say.
// With KeySource::column each device brings its own key: -k and --pass are refused, and the
// cipher flags need no key here.
class Encoder {
public:
    explicit Encoder(const EncodeOptions& opts, KeySource keys = KeySource::optional);
    // True when the output is binary (compressed or encrypted).
    bool binary() const noexcept { return opts_.gzip || secret_.has_value(); }
    Bytes encode(Bytes data) const;

    // The same settings for bulk generation; key_column names the column of per-device keys
    // (empty: the one key, if any). The Encoding refers to this Encoder's secret.
    bulk::Encoding bulk_encoding(const std::string& key_column) const;

private:
    openssl_enc::Kdf kdf() const;

    const EncodeOptions& opts_;
    std::optional<Secret> secret_;
};

}  // namespace provkit::cli
