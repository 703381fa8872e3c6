// `provkit compile --devices TABLE --out-dir DIR`: flags, checks, failed rows on stderr in table
// order, progress (rows/s, ETA) on a terminal only, a summary, and Ctrl-C that stops cleanly.
#include "compile_devices.hpp"

#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "diagnostics.hpp"
#include "provkit/bulk.hpp"
#include "provkit/error.hpp"

namespace provkit::cli {

namespace {

std::atomic<bool> interrupted{false};
volatile std::sig_atomic_t signal_number = 0;

extern "C" void on_interrupt(int sig) {
    if (interrupted.load()) {  // the second one: stop at once
        std::signal(sig, SIG_DFL);
        std::raise(sig);
    }
    signal_number = sig;
    interrupted.store(true);
}

// SIGINT/SIGTERM set the flag while the run is on, so that it finishes the rows in flight,
// removes its temporary files and commits the manifest; then the signal is raised again. A
// signal the caller ignores (a background job's SIGINT) stays ignored.
class InterruptGuard {
public:
    InterruptGuard() {
        struct sigaction sa {};
        sa.sa_handler = on_interrupt;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGINT, &sa, &old_int_);
        if (old_int_.sa_handler == SIG_IGN) ::sigaction(SIGINT, &old_int_, nullptr);
        ::sigaction(SIGTERM, &sa, &old_term_);
        if (old_term_.sa_handler == SIG_IGN) ::sigaction(SIGTERM, &old_term_, nullptr);
    }
    ~InterruptGuard() {
        ::sigaction(SIGINT, &old_int_, nullptr);
        ::sigaction(SIGTERM, &old_term_, nullptr);
    }

private:
    struct sigaction old_int_ {
    }, old_term_{};
};

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return a != "-" && b != "-" && std::filesystem::equivalent(a, b, ec);
}

void parse_shard(const std::string& text, std::uint64_t& k, std::uint64_t& n) {
    const std::size_t slash = text.find('/');
    const char* end = text.data() + text.size();
    bool ok = slash != std::string::npos;
    if (ok) {
        auto r1 = std::from_chars(text.data(), text.data() + slash, k);
        auto r2 = std::from_chars(text.data() + slash + 1, end, n);
        ok = r1.ec == std::errc() && r1.ptr == text.data() + slash && r2.ec == std::errc() && r2.ptr == end &&
             slash > 0 && n >= 1 && k < n;
    }
    if (!ok)
        throw Error(ErrorKind::usage,
                    "--shard takes K/N with 0 <= K < N, e.g. 0/4: the rows whose index mod N is K");
}

std::string format_duration(double seconds) {
    const long s = long(seconds + 0.5);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

class CliReporter final : public bulk::Reporter {
public:
    explicit CliReporter(std::string table) : table_(std::move(table)), tty_(::isatty(2) != 0) {}

    void warning(const std::string& message) override {
        clear();
        cli::warning(message);
    }
    void error(const std::string& message) override {
        clear();
        cli::error(message);
    }
    void row(const bulk::RowResult& r) override {
        if (r.outcome != bulk::Outcome::failed) return;
        error(table_ + ":" + std::to_string(r.line) + ": row " + std::to_string(r.index + 1) +
              (r.mac.empty() ? "" : " (mac " + r.mac + ")") + ": " + r.message + "; not written");
    }
    void progress(const bulk::Progress& p) override {
        if (!tty_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(250)) return;
        last_ = now;
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        std::string line = "provkit: " + std::to_string(p.rows_done) + " rows, " +
                           std::to_string(long(double(p.rows_done) / std::max(elapsed, 1e-3))) + " rows/s";
        if (p.bytes_total > 0 && p.bytes_read > 0) {
            const double done = double(p.bytes_read) / double(p.bytes_total);
            line += ", " + std::to_string(int(done * 100)) + "%, ETA " +
                    format_duration(elapsed * (1 - done) / std::max(done, 1e-9));
        }
        std::cerr << '\r' << line << "\033[K" << std::flush;
        shown_ = true;
    }
    void clear() {
        if (shown_) std::cerr << "\r\033[K" << std::flush;
        shown_ = false;
    }
    double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::string table_;
    bool tty_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

}  // namespace

void add_bulk_options(CLI::App& app, BulkOptions& o) {
    app.add_option("--devices", o.devices,
                   "Generate one profile per device of TABLE (CSV with a header, or JSON Lines)")
        ->type_name("TABLE");
    const auto bulk = [&o](CLI::Option* opt) { o.bulk_only.push_back(opt); };
    bulk(app.add_option("--out-dir", o.out_dir, "With --devices: the directory the profiles go to")
             ->type_name("DIR"));
    bulk(app.add_option("--name", o.name,
                        "With --devices: file name pattern ($MA, $MAU, {{column}}; default $MA.cfg)")
             ->type_name("PATTERN"));
    bulk(app.add_option("--pass-column", o.pass_column,
                        "With --devices: encrypt each profile with the key in this column")
             ->type_name("COL"));
    bulk(app.add_flag("--keep-going", o.keep_going,
                      "With --devices: go on past rows that fail (exit status 1 still)"));
    bulk(app.add_option("--manifest", o.manifest,
                        "With --devices: write a JSON Lines manifest; skip rows it shows unchanged")
             ->type_name("FILE"));
    bulk(app.add_option("--shard", o.shard, "With --devices: only the rows whose index mod N is K")
             ->type_name("K/N"));
    bulk(app.add_option("--jobs", o.jobs, "With --devices: worker threads (default: one per core)")
             ->type_name("N")
             ->check(CLI::Range(1u, 1024u).description("")));
    bulk(app.add_flag(
        "--keep-order", o.keep_order,
        "With --devices: keep the template's parameter order (compresses each profile whole: slower)"));
}

void check_bulk_options(const BulkOptions& o, bool output_given,
                          const std::vector<std::string>& sources) {
    if (!o.active()) {
        for (const CLI::Option* opt : o.bulk_only)
            if (opt->count() > 0) throw Error(ErrorKind::usage, opt->get_name() + " needs --devices TABLE");
        return;
    }
    if (output_given)
        throw Error(ErrorKind::usage, "-o names one output; with --devices the profiles go to --out-dir DIR");
    if (o.out_dir.empty()) throw Error(ErrorKind::usage, "--devices needs --out-dir DIR for the profiles");
    std::uint64_t k = 0, n = 1;
    if (!o.shard.empty()) parse_shard(o.shard, k, n);
    for (const std::string& s : sources) {
        if (s == "-" && o.devices == "-")
            throw Error(ErrorKind::usage, "the template and --devices cannot both be standard input");
        if (!o.manifest.empty() && same_file(s, o.manifest))
            throw Error(ErrorKind::usage, "--manifest " + o.manifest + " is the template source " + s);
    }
    if (!o.manifest.empty() && (o.manifest == "-" || same_file(o.devices, o.manifest)))
        throw Error(ErrorKind::usage, "--manifest must be a file of its own, not the device table or -");
}

int run_compile_devices(const BulkOptions& o, const Encoder& encoder, const Profile& tmpl,
                        const Catalog& catalog) {
    bulk::Options options;
    options.out_dir = o.out_dir;
    options.name = o.name;
    options.encoding = encoder.bulk_encoding(o.pass_column);
    options.manifest = o.manifest;
    options.keep_going = o.keep_going;
    if (!o.shard.empty()) parse_shard(o.shard, options.shard, options.shards);
    options.jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    options.keep_order = o.keep_order;
    options.cancel = &interrupted;
    interrupted.store(false);
    signal_number = 0;

    DeviceTable table = DeviceTable::open(o.devices);
    CliReporter reporter(o.devices == "-" ? "<stdin>" : o.devices);
    bulk::Summary s;
    {
        InterruptGuard guard;
        s = bulk::run(tmpl, catalog, table, options, reporter);
        reporter.clear();
    }
    const double seconds = reporter.elapsed();
    std::string text = std::to_string(s.rows) + (s.rows == 1 ? " row" : " rows");
    if (options.shards > 1)
        text += " (shard " + std::to_string(options.shard) + "/" + std::to_string(options.shards) + ")";
    text += " into " + o.out_dir + ": " + std::to_string(s.written) + " written, " +
            std::to_string(s.unchanged) + " unchanged, " + std::to_string(s.failed) + " failed";
    char rate[64];
    std::snprintf(rate, sizeof rate, " in %.2f s (%.0f rows/s)", seconds,
                  double(s.rows) / std::max(seconds, 1e-6));
    std::cerr << "provkit: " << text << rate << '\n';
    if (s.stopped) note("stopped at the first failed row; --keep-going goes on past failed rows");
    if (s.interrupted) {
        note("interrupted: the rows above were done, no partial file was left");
        const int sig = signal_number != 0 ? int(signal_number) : SIGINT;
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return 128 + sig;
    }
    return s.failed > 0 ? 1 : 0;
}

}  // namespace provkit::cli
