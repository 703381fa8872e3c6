// Per-device profiles for a whole deployment: a compiled template and a device table in, one
// checked - optionally gzipped and encrypted - profile file per device out, on several threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "provkit/aes128gcm.hpp"
#include "provkit/catalog.hpp"
#include "provkit/device_table.hpp"
#include "provkit/openssl_enc.hpp"
#include "provkit/profile.hpp"

namespace provkit::bulk {

enum class Cipher { none, openssl, aes128gcm };

// The formats of `provkit encrypt`: gzip first, then the cipher.
struct Encoding {
    bool gzip = false;
    Cipher cipher = Cipher::none;
    openssl_enc::Kdf kdf;                   // openssl: key derivation
    std::optional<openssl_enc::Salt> salt;  // openssl: a fixed salt; else a fresh one per file
    aes128gcm::Params gcm;                  // aes128gcm: record size, key id, fixed salt
    aes128gcm::KeyEncoding key_encoding = aes128gcm::KeyEncoding::text;
    std::string_view key;    // one secret for every device, or...
    std::string key_column;  // ...the column holding each device's secret
};

struct Options {
    std::filesystem::path out_dir;  // created when missing; nothing is ever written outside it
    // The file name of each profile: $MA / $(MA) the MAC in lower case, $MAU / $(MAU) in upper
    // case, $$ a dollar sign, {{column}} a column's value. A name with '/', NUL, a control
    // character, or that is "." or "..", fails its row.
    std::string name = "$MA.cfg";
    Encoding encoding;
    std::string manifest;  // JSON Lines manifest to write, and to read back for skipping; "" none
    bool keep_going = false;
    std::uint64_t shard = 0, shards = 1;  // only rows with index % shards == shard
    unsigned jobs = 1;
    // Keep the template's parameter order in every profile. Without it the parameters that vary
    // by device go last, so the shared part is compressed once for all devices.
    bool keep_order = false;
    const std::atomic<bool>* cancel = nullptr;  // when set: finish the rows in flight and stop
};

enum class Outcome { written, unchanged, failed };

struct RowResult {
    std::uint64_t index = 0;  // 0-based row index (messages say row index + 1)
    std::uint64_t line = 0;   // the table line the row starts on
    Outcome outcome = Outcome::failed;
    std::string mac;      // normalised, when valid
    std::string file;     // the file name, when it was made
    std::string message;  // why the row failed
};

struct Progress {
    std::uint64_t rows_done = 0;
    std::uint64_t bytes_read = 0, bytes_total = 0;  // of the table; total 0 when unknown
};

// Receives what a run reports; the library itself never prints.
class Reporter {
public:
    virtual ~Reporter() = default;
    virtual void warning(const std::string& message) = 0;
    virtual void error(const std::string& message) = 0;  // problems found before any row
    // Every processed row of the shard, in table order, from one thread.
    virtual void row(const RowResult& result) = 0;
    // Called after every few rows; throttle as needed.
    virtual void progress(const Progress&) {}
};

struct Summary {
    std::uint64_t rows = 0, written = 0, unchanged = 0, failed = 0;
    bool stopped = false;      // stopped after a failed row (keep_going not set)
    bool interrupted = false;  // stopped because cancel was set
};

// Generates one profile per row of table (of the shard): the template with the row's parameter
// columns set and {{column}} placeholders in its values replaced; phone macros ($MA, ...) in
// values are left alone. Every value is checked against catalog; a row that fails is reported
// with its row number and not written. Each file is written atomically into out_dir, and only
// named once its data is on disk (one syncfs for each group of files); the manifest is
// committed after the directory is flushed. Memory does not grow with the rows. With a manifest, a row
// whose inputs are unchanged and whose file still matches is left untouched.
//
// Throws Error(usage) for a bad name pattern, Error(input) for a template or table that cannot
// work (no mac column, a {{column}} the CSV header lacks, a template value failing its check,
// a manifest that is not one), before any file is written; Error(io) when out_dir or the
// manifest cannot be written.
Summary run(const Profile& tmpl, const Catalog& catalog, DeviceTable& table, const Options& options,
            Reporter& reporter);

}  // namespace provkit::bulk
