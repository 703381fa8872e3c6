// The bulk side of `provkit compile`: --devices TABLE --out-dir DIR and their flags, one profile
// per device from the compiled template (the engine is provkit::bulk).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "encode_options.hpp"
#include "provkit/catalog.hpp"
#include "provkit/profile.hpp"

namespace provkit::cli {

struct BulkOptions {
    std::string devices, out_dir, name = "$MA.cfg", pass_column, manifest, shard;
    unsigned jobs = 0;  // 0: one per core
    bool keep_going = false, keep_order = false;
    std::vector<CLI::Option*> bulk_only;  // the flags that need --devices

    bool active() const noexcept { return !devices.empty(); }
};

// Adds --devices, --out-dir, --name, --pass-column, --keep-going, --manifest, --shard, --jobs
// and --keep-order.
void add_bulk_options(CLI::App& app, BulkOptions& opts);

// Usage checks before any input is read: the bulk flags need --devices, --devices needs
// --out-dir and excludes -o; no file is both an input and the manifest.
void check_bulk_options(const BulkOptions& opts, bool output_given,
                          const std::vector<std::string>& sources);

// Generates the profiles; prints failed rows, progress on a terminal and a summary. Returns the
// exit status (1 when a row failed).
int run_compile_devices(const BulkOptions& opts, const Encoder& encoder, const Profile& tmpl,
                        const Catalog& catalog);

}  // namespace provkit::cli
