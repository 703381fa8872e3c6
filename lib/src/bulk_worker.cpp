// One device's work on a worker thread: its values (columns, {{column}} placeholders) checked,
// the manifest skip test, the profile made (shared compressed prefix + own tail), encrypted and
// staged for the publisher (bulk_publish.cpp).
#include <algorithm>

#include "bulk_engine.hpp"
#include "detail/openssl_enc_peek.hpp"
#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/source_text.hpp"

namespace provkit::bulk::detail {

Worker::Worker(const Engine& engine, unsigned id)
    : e_(engine), id_(id), linter_(std::make_unique<Linter>(engine.catalog, LintOptions{})) {
    if (e_.algorithms) crypto_ = std::make_unique<Crypto>(*e_.algorithms);
    if (e_.options.encoding.gzip && !e_.options.keep_order) resumer_ = std::make_unique<DeflateResumer>();
}

void Worker::process(Job& job) noexcept {
    if (job.outcome == Outcome::failed) return;  // failed on the reading thread
    try {
        make(job);
    } catch (...) {
        fail_current(job);
    }
}

void Worker::make(Job& job) {
    const Encoding& enc = e_.options.encoding;
    std::string_view key = enc.key;
    if (!enc.key_column.empty()) {
        const std::int64_t c = job.cols[Engine::key_ref];
        const std::string* k = c >= 0 ? job.row.get(std::size_t(c)) : nullptr;
        if (k == nullptr || k->empty())
            throw Error(ErrorKind::input, "no key: the --pass-column \"" + enc.key_column + "\" is empty");
        key = *k;
    }
    resolve(job);
    std::string inputs;
    if (!e_.options.manifest.empty()) inputs = inputs_digest(job);
    if (e_.old_manifest && unchanged(job, key, inputs)) return;
    encode(job, key);
    job.staged = e_.dir->stage(out_, e_.dir->path() + "/" + job.file, id_, temp_counter_);
    job.outcome = Outcome::written;
    if (!e_.options.manifest.empty()) {
        const Digest d = crypto_->sha256(out_);
        job.manifest_line =
            manifest_line({job.mac, job.file, to_hex(d.data(), d.size()), inputs, out_.size()});
    }
}

// The value of every tail parameter for this device - a non-empty cell of its column, else the
// template's value with placeholders replaced, else the template's value - as XML lines in
// tail_xml_, each checked as lint checks values.
void Worker::resolve(const Job& job) {
    const Plan& plan = *job.plan;
    values_.resize(plan.tail.size());
    has_value_.assign(plan.tail.size(), 0);
    tail_xml_.clear();
    std::string problems;
    for (std::size_t i = 0; i < plan.tail.size(); ++i) {
        const TailParam& tp = plan.tail[i];
        std::string& v = values_[i];
        const std::string* cell = tp.column ? job.row.get(*tp.column) : nullptr;
        if (cell != nullptr && !cell->empty()) {
            v = *cell;
        } else if (tp.pattern) {
            v.clear();
            std::size_t k = 0;
            for (const Piece& piece : *tp.pattern) {
                if (piece.kind != Piece::Kind::column) {
                    v += piece.text;
                    continue;
                }
                const std::uint32_t r = tp.refs[k++];
                const std::int64_t c = job.cols[r];
                const std::string* s = r == Engine::mac_ref ? &job.mac
                                       : c >= 0             ? job.row.get(std::size_t(c))
                                                            : nullptr;
                if (s == nullptr)
                    throw Error(ErrorKind::input, "{{" + piece.text + "}} in " + tp.name + " (" + tp.origin +
                                                      "): the row has no " + piece.text);
                v += *s;
            }
        } else if (tp.in_template) {
            v = tp.value;
        } else {
            continue;  // a parameter only the table names, empty in this row: left out
        }
        has_value_[i] = 1;
        if (auto fault = check_utf8_text(v))
            problems += (problems.empty() ? "" : "; ") + tp.name +
                        ": the value cannot be written as XML: " + fault->message;
        else
            append_param_xml(tail_xml_, tp.name, tp.ua, v);
    }
    if (!problems.empty()) throw Error(ErrorKind::input, problems);
    tail_xml_ += "</flat-profile>\n";
    // lint's checks of the values this device brings (types, rule syntax, typographic quotes),
    // on a small profile of just them: the rest is the template's, checked once.
    lint_text_.assign("<flat-profile>\n").append(tail_xml_);
    findings_.clear();
    linter_->lint_xml(lint_text_, "row", true, findings_);
    for (const Finding& f : findings_)
        if (f.severity == Severity::error)
            problems += (problems.empty() ? "" : "; ") + f.message +
                        (f.suggestion.empty() ? "" : "; " + f.suggestion) + " [" + f.rule + "]";
    if (!problems.empty()) throw Error(ErrorKind::input, problems);
}

// SHA-256 of the run's configuration and the row's columns (sorted by name, the key column
// left out): what the manifest's "inputs" records.
std::string Worker::inputs_digest(const Job& job) {
    const ColumnList& columns = *job.row.columns;
    digest_items_.clear();
    for (std::size_t c = 0; c < job.row.values.size(); ++c)
        if (job.row.values[c] && std::int64_t(c) != job.cols[Engine::key_ref])
            digest_items_.emplace_back(columns[c], *job.row.values[c]);
    std::sort(digest_items_.begin(), digest_items_.end());
    crypto_->sha256_begin();
    crypto_->sha256_add(e_.config_digest);
    for (const auto& [name, value] : digest_items_) {
        crypto_->sha256_add(name);
        crypto_->sha256_add(std::string_view("\0", 1));
        crypto_->sha256_add(value);
        crypto_->sha256_add(std::string_view("\0", 1));
    }
    const Digest d = crypto_->sha256_end();
    return to_hex(d.data(), d.size());
}

// True (and the job done) when the previous manifest has this file with the same inputs, the
// file still has the recorded size and SHA-256, and the key still opens it.
bool Worker::unchanged(Job& job, std::string_view key, const std::string& inputs) {
    const std::optional<ManifestEntry> entry = e_.old_manifest->find(job.file);
    if (!entry || entry->inputs != inputs || entry->mac != job.mac) return false;
    const std::optional<Bytes> data = e_.dir->read_exact(job.file, entry->bytes);
    if (!data) return false;
    const Digest d = crypto_->sha256(*data);
    if (to_hex(d.data(), d.size()) != entry->sha256) return false;
    const Encoding& enc = e_.options.encoding;
    try {
        Bytes start;
        if (enc.cipher == Cipher::none) start = data->substr(0, e_.plain_start.size());
        if (enc.cipher == Cipher::openssl)
            start = openssl_enc::detail::decrypt_first_block(*data, key, enc.kdf);
        if (enc.cipher == Cipher::aes128gcm)
            start = aes128gcm::decrypt(
                *data, e_.gcm_ikm ? e_.gcm_ikm->view() : aes128gcm::decode_ikm(key, enc.key_encoding).view());
        // The first 10 plaintext bytes are known (gzip header or XML declaration): a wrong key
        // matches them by chance once in 2^80.
        if (start.compare(0, e_.plain_start.size(), e_.plain_start) != 0) return false;
    } catch (const Error&) {
        return false;  // the key changed: make the file again
    }
    job.outcome = Outcome::unchanged;
    job.manifest_line = manifest_line(*entry);
    return true;
}

void Worker::encode(const Job& job, std::string_view key) {
    const Plan& plan = *job.plan;
    const Encoding& enc = e_.options.encoding;
    std::string_view a, b;
    if (e_.options.keep_order) {
        Profile p = e_.tmpl;
        for (std::size_t i = 0; i < plan.tail.size(); ++i)
            if (has_value_[i]) p.set(plan.tail[i].name, values_[i], std::nullopt, Location{});
        scratch_ = write_profile_xml(p);
        if (enc.gzip) compressed_ = gzip::compress(scratch_);
        a = enc.gzip ? std::string_view(compressed_) : std::string_view(scratch_);
    } else {
        if (enc.gzip) {
            resumer_->finish(*plan.primed, tail_xml_, compressed_);
            a = plan.primed->shared();
            b = compressed_;
        } else {
            a = plan.prefix_xml;
            b = tail_xml_;
        }
    }
    out_.clear();
    if (enc.cipher == Cipher::openssl) {
        crypto_->encrypt(key, {a, b}, enc.salt, out_);
    } else if (enc.cipher == Cipher::aes128gcm) {
        joined_.assign(a).append(b);
        out_ = aes128gcm::encrypt(
            joined_, e_.gcm_ikm ? e_.gcm_ikm->view() : aes128gcm::decode_ikm(key, enc.key_encoding).view(),
            enc.gcm);
    } else {
        out_.assign(a).append(b);
    }
}

}  // namespace provkit::bulk::detail
