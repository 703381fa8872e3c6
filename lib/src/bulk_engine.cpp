// A bulk run's set-up and reading-thread work: the checks made before any row, the template split
// into plans, and each row's identity (MAC, file name) and plan.
#include "bulk_engine.hpp"

#include <openssl/evp.h>
#include <sys/resource.h>

#include <algorithm>

#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/message_text.hpp"
#include "provkit/source_text.hpp"
#include "xml_text.hpp"

namespace provkit::bulk::detail {

using provkit::quoted_text;

namespace {

constexpr std::size_t max_plans = 256;

std::string join_columns(const ColumnList& columns) {
    std::string s;
    for (const std::string& c : columns) {
        if (s.size() > 200) return s + ", ... (" + std::to_string(columns.size()) + " columns)";
        s += (s.empty() ? "" : ", ") + quoted_text(c, 40);
    }
    return s.empty() ? "(none)" : s;
}

}  // namespace

std::string origin_of(const Profile& tmpl, const Param& p) {
    const Location& at = tmpl.origin(p);
    std::string s = at.file < tmpl.files().size() ? tmpl.files()[at.file] : "template";
    if (at.line > 0) s += ":" + std::to_string(at.line);
    if (at.column > 0) s += ":" + std::to_string(at.column);
    return s;
}

void append_param_xml(std::string& out, std::string_view name, const std::optional<UserAccess>& ua,
                      std::string_view value) {
    out += '<';
    out += name;
    if (ua) {
        out += " ua=\"";
        out += to_string(*ua);
        out += '"';
    }
    if (value.empty()) {
        out += "/>\n";
        return;
    }
    out += '>';
    append_escaped_value(out, value);
    out += "</";
    out += name;
    out += ">\n";
}

Engine::Engine(const Profile& t, const Catalog& c, DeviceTable& table, const Options& o, Reporter& reporter)
    : tmpl(t), catalog(c), options(o), table_(table), reporter_(reporter) {
    const Encoding& enc = options.encoding;
    if (options.shards == 0 || options.shard >= options.shards)
        throw Error(ErrorKind::usage, "--shard K/N needs N >= 1 and 0 <= K < N");
    if (enc.cipher != Cipher::none && enc.key.empty() && enc.key_column.empty())
        throw Error(ErrorKind::usage, "encryption needs a key: -k, --pass or --pass-column");
    if (enc.cipher == Cipher::none && !enc.key_column.empty())
        throw Error(ErrorKind::usage, "--pass-column needs an encryption scheme");
    refs = {"mac", enc.key_column};
    name = parse_name_pattern(options.name);
    for (const Piece& piece : name)
        if (piece.kind == Piece::Kind::column) {
            if (!enc.key_column.empty() && piece.text == enc.key_column)
                throw Error(ErrorKind::usage, "--name uses {{" + piece.text +
                                                  "}}, the --pass-column: a key never goes into a file name");
            name_refs.push_back(ref(piece.text));
        }
    scan_template(patterns_);
    if (table_.format() == TableFormat::csv) check_csv_columns();
    if (!options.manifest.empty()) old_manifest = std::make_unique<ManifestIndex>(options.manifest);
    if (enc.cipher == Cipher::openssl || !options.manifest.empty())
        algorithms = std::make_unique<Algorithms>(enc.kdf);
    if (enc.cipher == Cipher::aes128gcm && !enc.key.empty())
        gcm_ikm = aes128gcm::decode_ikm(enc.key, enc.key_encoding);
    plain_start = enc.gzip ? gzip::compress("").substr(0, 10) : std::string("<?xml vers");
    digest_config();
    if (table_.format() == TableFormat::csv) {
        std::vector<std::uint32_t> params;
        for (std::uint32_t i = 0; i < is_param_.size(); ++i)
            if (is_param_[i] == 1) params.push_back(i);
        plans_[params] = make_plan(params);
    }
    dir = std::make_unique<OutputDir>(options.out_dir);  // last: a failed check creates nothing
    file_rows_ = std::make_unique<HashIndex>(dir->fd(), dir->path());
    // Staged files hold a descriptor each until they are published: raise the soft limit on
    // descriptors as far as allowed (as a server does), and leave 128 for everything else.
    struct rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
        const rlim_t want = std::min<rlim_t>(files.rlim_max, max_staged + 128);
        if (files.rlim_cur < want) {
            files.rlim_cur = want;
            ::setrlimit(RLIMIT_NOFILE, &files);
            ::getrlimit(RLIMIT_NOFILE, &files);
        }
        max_staged = std::min<std::size_t>(max_staged, files.rlim_cur > 256 ? files.rlim_cur - 128 : 128);
    }
}

std::uint32_t Engine::ref(const std::string& column) {
    for (std::uint32_t i = 0; i < refs.size(); ++i)
        if (refs[i] == column) return i;
    refs.push_back(column);
    return std::uint32_t(refs.size() - 1);
}

// Parses the template's placeholders and checks its other values once, as lint does: a bad
// value there would fail every row.
void Engine::scan_template(std::vector<std::optional<Pattern>>& patterns) {
    const std::string& key_column = options.encoding.key_column;
    std::string xml = "<flat-profile>\n";
    std::vector<const Param*> lines;  // the parameter on line i + 2 of xml
    std::size_t bad = 0;
    for (const Param& p : tmpl.params()) {
        const std::string where = origin_of(tmpl, p) + ": " + p.name;
        std::optional<Pattern> pattern;
        try {
            pattern = parse_value_pattern(p.value);
        } catch (const Error& e) {
            throw Error(ErrorKind::input, where + ": " + e.what());
        }
        std::vector<std::uint32_t> piece_refs;
        if (pattern) {
            for (const Piece& piece : *pattern)
                if (piece.kind == Piece::Kind::column) {
                    if (!key_column.empty() && piece.text == key_column)
                        throw Error(ErrorKind::usage,
                                    where + ": {{" + piece.text +
                                        "}} is the --pass-column: a key never goes into a profile");
                    piece_refs.push_back(ref(piece.text));
                }
        } else if (auto fault = check_utf8_text(p.value)) {
            reporter_.error(where + ": the value cannot be written as XML: " + fault->message);
            ++bad;
        } else {
            append_param_xml(xml, p.name, p.ua, p.value);
            lines.push_back(&p);
        }
        warn_if_secret(p.name, p.value.empty() ? nullptr : catalog.find(p.name));
        patterns.push_back(std::move(pattern));
        pattern_refs_.push_back(std::move(piece_refs));
    }
    xml += "</flat-profile>\n";
    std::vector<Finding> findings;
    Linter(catalog, LintOptions{}).lint_xml(xml, "template", true, findings);
    for (const Finding& f : findings) {
        if (f.severity != Severity::error) continue;
        const std::string where = f.line >= 2 && f.line - 2 < lines.size()
                                      ? origin_of(tmpl, *lines[f.line - 2]) + ": "
                                      : std::string();
        reporter_.error(where + f.message + (f.suggestion.empty() ? "" : "; " + f.suggestion) + " [" +
                        f.rule + "]");
        ++bad;
    }
    if (bad > 0) throw Error(ErrorKind::input, "the template fails the value checks above; nothing written");
}

// Profiles that carry a password or key should travel encrypted: one warning per run.
void Engine::warn_if_secret(const std::string& name, const ParamSpec* spec) {
    if (spec == nullptr || !spec->secret || options.encoding.cipher != Cipher::none || warned_secret_) return;
    warned_secret_ = true;
    reporter_.warning("the profiles carry " + name +
                      ", a secret, unencrypted; give -k, --pass or --pass-column to encrypt them");
}

void Engine::check_csv_columns() {
    const ColumnList& columns = *table_.columns();
    const std::string header = "; the header has: " + join_columns(columns);
    if (!table_.column_index("mac"))
        throw Error(ErrorKind::input, table_.name() + ": no \"mac\" column" + header);
    for (std::size_t r = 1; r < refs.size(); ++r) {
        if (refs[r].empty() || table_.column_index(refs[r])) continue;
        throw Error(ErrorKind::input, table_.name() + ": no column \"" + refs[r] + "\" for " +
                                          (r == key_ref ? "--pass-column" : "{{" + refs[r] + "}}") + header);
    }
    for (std::uint32_t i = 0; i < columns.size(); ++i) classify(i);
}

// Decides whether a column sets a parameter, and warns about a column that does nothing.
void Engine::classify(std::uint32_t column) {
    if (column >= is_param_.size()) is_param_.resize(column + 1, -1);
    if (is_param_[column] >= 0) return;
    const std::string& name = (*table_.columns())[column];
    const bool special = name == "mac" || name == options.encoding.key_column;
    const bool param =
        !special && is_parameter_name(name) && (catalog.find(name) != nullptr || tmpl.find(name) != nullptr);
    is_param_[column] = param ? 1 : 0;
    if (param) warn_if_secret(name, catalog.find(name));
    if (param || special || std::find(refs.begin(), refs.end(), name) != refs.end()) return;
    if (const ParamSpec* near = catalog.find_ignoring_case(name))
        reporter_.warning(table_.name() + ": column " + quoted_text(name) +
                          " is not a parameter name (they are case-sensitive: " + near->name +
                          "?) and no {{...}} placeholder uses it; it is ignored");
    else
        reporter_.warning(table_.name() + ": column " + quoted_text(name) +
                          " is neither a parameter name nor used by a {{...}} placeholder; it is ignored");
}

std::shared_ptr<const Plan> Engine::make_plan(const std::vector<std::uint32_t>& param_columns) const {
    auto plan = std::make_shared<Plan>();
    const ColumnList& columns = *table_.columns();
    auto column_of = [&](const std::string& param) -> std::optional<std::uint32_t> {
        for (std::uint32_t c : param_columns)
            if (columns[c] == param) return c;
        return std::nullopt;
    };
    std::string prefix = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n";
    const auto params = tmpl.params();
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Param& p = params[i];
        const std::optional<std::uint32_t> column = column_of(p.name);
        if (!column && !patterns_[i]) {
            append_param_xml(prefix, p.name, p.ua, p.value);
            continue;
        }
        plan->tail.push_back(TailParam{p.name, p.ua, catalog.find(p.name), true, p.value, patterns_[i],
                                       pattern_refs_[i], column, origin_of(tmpl, p)});
    }
    for (std::uint32_t c : param_columns)
        if (tmpl.find(columns[c]) == nullptr)
            plan->tail.push_back(TailParam{columns[c],
                                           std::nullopt,
                                           catalog.find(columns[c]),
                                           false,
                                           {},
                                           std::nullopt,
                                           {},
                                           c,
                                           table_.name()});
    if (options.encoding.gzip && !options.keep_order) plan->primed = std::make_unique<PrimedDeflate>(prefix);
    plan->prefix_xml = std::move(prefix);
    return plan;
}

void Engine::prepare(Job& job) {
    auto fail = [&job](std::string message) {
        job.outcome = Outcome::failed;
        job.message = std::move(message);
    };
    const TableRow& row = job.row;
    if (!row.error.empty()) return fail(row.error);
    job.cols.assign(refs.size(), -1);
    for (std::size_t r = 0; r < refs.size(); ++r)
        if (!refs[r].empty())
            if (auto c = table_.column_index(refs[r])) job.cols[r] = *c;
    for (std::uint32_t c = 0; c < row.values.size(); ++c)
        if (c >= is_param_.size() || is_param_[c] < 0) classify(c);

    const std::string* mac = job.cols[mac_ref] >= 0 ? row.get(std::size_t(job.cols[mac_ref])) : nullptr;
    if (mac == nullptr) return fail("no mac");
    auto normal = normalise_mac(*mac);
    if (!normal)
        return fail("mac " + quoted_text(*mac) +
                    " is not a MAC address; write 12 hex digits, e.g. 0011aabbccdd or 00:11:aa:bb:cc:dd");
    job.mac = std::move(*normal);

    job.file.clear();
    std::size_t k = 0;
    for (const Piece& piece : name) {
        if (piece.kind == Piece::Kind::text) job.file += piece.text;
        if (piece.kind == Piece::Kind::mac) job.file += job.mac;
        if (piece.kind == Piece::Kind::mac_upper)
            for (char ch : job.mac) job.file += (ch >= 'a' && ch <= 'f') ? char(ch - 'a' + 'A') : ch;
        if (piece.kind != Piece::Kind::column) continue;
        const std::uint32_t r = name_refs[k++];
        if (r == mac_ref) {
            job.file += job.mac;
            continue;
        }
        const std::string* v = job.cols[r] >= 0 ? row.get(std::size_t(job.cols[r])) : nullptr;
        if (v == nullptr) return fail("no value for {{" + piece.text + "}} in --name");
        job.file += *v;
    }
    if (auto problem = file_name_problem(job.file)) return fail("--name: " + *problem);
    std::uint64_t other = 0;
    if (!claim_file(job.file, row.index, other))
        return fail("the file " + job.file + " is also the file of row " + std::to_string(other + 1) +
                    "; two rows would write the same file (a mac given twice?)");

    scratch_columns_.clear();
    for (std::uint32_t c = 0; c < row.values.size(); ++c)
        if (is_param_[c] == 1 && row.values[c]) scratch_columns_.push_back(c);
    auto it = plans_.find(scratch_columns_);
    if (it == plans_.end()) {
        if (plans_.size() >= max_plans) plans_.clear();  // JSON Lines rows naming ever new parameters
        it = plans_.emplace(scratch_columns_, make_plan(scratch_columns_)).first;
    }
    job.plan = it->second;
}

// Records that row writes file; false (with the other row) when an earlier row already does.
bool Engine::claim_file(const std::string& file, std::uint64_t row, std::uint64_t& other) {
    return file_rows_->insert(file_name_hash(file), row, other);
}

// Everything except the row that decides a file's content: a change here changes every
// manifest "inputs" digest, so a re-run regenerates every file.
void Engine::digest_config() {
    const Encoding& enc = options.encoding;
    std::string text = "provkit bulk 1\n" + write_profile_xml(tmpl);
    text += "\nname=" + options.name + "\ngzip=" + std::to_string(enc.gzip) +
            "\ncipher=" + std::to_string(int(enc.cipher)) +
            "\nkeep_order=" + std::to_string(options.keep_order);
    if (enc.cipher == Cipher::openssl) {
        text += "\nmd=" + enc.kdf.digest + "\npbkdf2=" + std::to_string(enc.kdf.pbkdf2) +
                "\niter=" + std::to_string(enc.kdf.iterations);
        if (enc.salt) text += "\nsalt=" + to_hex(enc.salt->data(), enc.salt->size());
    }
    if (enc.cipher == Cipher::aes128gcm) {
        text += "\nrs=" + std::to_string(enc.gcm.record_size) + "\nkeyid=" + enc.gcm.keyid +
                "\nkey_encoding=" + std::to_string(int(enc.key_encoding));
        if (enc.gcm.salt) text += "\nsalt=" + to_hex(enc.gcm.salt->data(), enc.gcm.salt->size());
    }
    text += "\nkey_column=" + enc.key_column + "\n";
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(text.data(), text.size(), d, &n, EVP_sha256(), nullptr) != 1)
        throw Error(ErrorKind::io, "SHA-256 failed");
    config_digest.assign(reinterpret_cast<const char*>(d), n);
}

}  // namespace provkit::bulk::detail
