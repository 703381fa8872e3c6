// Library-internal: the state of a bulk run shared by its threads - the template split into a
// static body and the parameters that vary by device (a Plan), the checks made before any row,
// the per-row preparation on the reading thread (bulk_engine.cpp) and one device's work on a
// worker thread (bulk_worker.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bulk_hash_index.hpp"
#include "bulk_crypto.hpp"
#include "bulk_deflate.hpp"
#include "bulk_manifest.hpp"
#include "bulk_output.hpp"
#include "bulk_pattern.hpp"
#include "provkit/bulk.hpp"
#include "provkit/lint.hpp"
#include "provkit/secret.hpp"

namespace provkit::bulk::detail {

// A parameter written after the static body because its value depends on the device.
struct TailParam {
    std::string name;
    std::optional<UserAccess> ua;
    const ParamSpec* spec = nullptr;
    bool in_template = false;
    std::string value;                    // the template's value
    std::optional<Pattern> pattern;       // its {{column}} placeholders
    std::vector<std::uint32_t> refs;      // the ref of each column piece of pattern, in order
    std::optional<std::uint32_t> column;  // the table column that sets it
    std::string origin;                   // where the template set it, for messages
};

// How the profiles of rows with the same parameter columns are made.
struct Plan {
    std::vector<TailParam> tail;
    std::string prefix_xml;                 // declaration, <flat-profile>, the static parameters
    std::unique_ptr<PrimedDeflate> primed;  // prefix_xml deflated once (gzip, not keep_order)
};

// One row on its way through the run.
struct Job {
    TableRow row;
    std::vector<std::int64_t> cols;  // the column of each ref in this row's table, or -1
    std::shared_ptr<const Plan> plan;
    std::string mac, file;
    bool skipped = false;  // not processed: the run stopped first
    Outcome outcome = Outcome::written;
    std::string message;
    std::string manifest_line;
    StagedFile staged;  // written, waiting to be flushed and named (outcome written)
};

class Engine {
public:
    // Every check that can fail before a row is read; throws as bulk::run documents.
    Engine(const Profile& tmpl, const Catalog& catalog, DeviceTable& table, const Options& options,
           Reporter& reporter);

    // On the reading thread: the row's identity (MAC, file name, no duplicate) and plan. Sets
    // job.outcome to failed with a message when the row fails here.
    void prepare(Job& job);

    // Shared, read-only while workers run.
    const Profile& tmpl;
    const Catalog& catalog;
    const Options& options;
    std::vector<std::string> refs;  // columns the run looks up: mac, the key column, placeholders
    static constexpr std::uint32_t mac_ref = 0, key_ref = 1;
    Pattern name;
    std::vector<std::uint32_t> name_refs;
    std::unique_ptr<OutputDir> dir;
    std::unique_ptr<ManifestIndex> old_manifest;
    std::unique_ptr<Algorithms> algorithms;
    std::optional<Secret> gcm_ikm;  // aes128gcm with one key: decoded once
    std::string config_digest;      // SHA-256 of everything but the row that shapes a file
    std::string plain_start;        // the first bytes of every profile before encryption
    std::size_t max_staged = 4096;  // staged files (open descriptors) waiting to be published

private:
    std::uint32_t ref(const std::string& column);
    void scan_template(std::vector<std::optional<Pattern>>& patterns);
    void check_csv_columns();
    void classify(std::uint32_t column);
    void warn_if_secret(const std::string& name, const ParamSpec* spec);
    std::shared_ptr<const Plan> make_plan(const std::vector<std::uint32_t>& param_columns) const;
    bool claim_file(const std::string& file, std::uint64_t row, std::uint64_t& other);
    void digest_config();

    DeviceTable& table_;
    Reporter& reporter_;
    std::vector<std::optional<Pattern>> patterns_;  // of each template parameter
    std::vector<std::vector<std::uint32_t>> pattern_refs_;
    std::vector<std::int8_t> is_param_;  // per column: -1 unknown, 0 no, 1 yes
    std::map<std::vector<std::uint32_t>, std::shared_ptr<const Plan>> plans_;
    std::vector<std::uint32_t> scratch_columns_;
    std::unique_ptr<HashIndex> file_rows_;  // the row that makes each file
    bool warned_secret_ = false;
};

// One worker thread's tools, reused for every device it makes.
class Worker {
public:
    Worker(const Engine& engine, unsigned id);
    // Makes and checks the profile of a prepared job and stages its file (job.staged); never
    // throws: a failure becomes job.outcome = failed with a message.
    void process(Job& job) noexcept;

private:
    void make(Job& job);
    void resolve(const Job& job);
    std::string inputs_digest(const Job& job);
    bool unchanged(Job& job, std::string_view key, const std::string& inputs);
    void encode(const Job& job, std::string_view key);

    const Engine& e_;
    unsigned id_;
    std::uint64_t temp_counter_ = 0;
    std::unique_ptr<Crypto> crypto_;
    std::unique_ptr<DeflateResumer> resumer_;
    std::vector<std::string> values_;  // the value of each tail parameter for this device
    std::vector<char> has_value_;
    std::unique_ptr<Linter> linter_;
    std::vector<Finding> findings_;
    std::string tail_xml_, lint_text_, scratch_, joined_;
    Bytes compressed_, out_;
    std::vector<std::pair<std::string_view, std::string_view>> digest_items_;
};

// Flushes staged files to disk and then names them, a group at a time (bulk_publish.cpp).
class Publisher {
public:
    Publisher(const Engine& engine, unsigned id) : e_(engine), id_(id) {}
    // Every job with a staged file: its data flushed to disk, then linked or renamed in. A
    // file that cannot be written fails its job. Never throws.
    void publish(const std::vector<Job*>& jobs) noexcept;

private:
    const Engine& e_;
    unsigned id_;  // for temporary names: differs from every worker's
    std::uint64_t temp_counter_ = 0;
};

// Marks job failed with message (the exception being handled, for fail_current).
void fail(Job& job, std::string message);
void fail_current(Job& job);

// "FILE:LINE:COL" of where the template set p.
std::string origin_of(const Profile& tmpl, const Param& p);

// Appends one parameter line as write_profile_xml writes it.
void append_param_xml(std::string& out, std::string_view name, const std::optional<UserAccess>& ua,
                      std::string_view value);

}  // namespace provkit::bulk::detail
