// provkit gzip: compresses or decompresses files as gzip(1) does, with a cap on decompressed
// output and a guard against compressing data that is already compressed or encrypted.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli_io.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "size_arg.hpp"

namespace provkit::cli {

struct GzipOptions {
    bool decompress = false;
    bool to_stdout = false;
    bool keep = false;
    bool force = false;
    bool test = false;
    int level = 6;
    std::string output;  // -o FILE; empty: by gzip's naming rules
    std::size_t max_output = gzip::default_max_output;
    std::vector<std::string> files;  // empty: standard input
};

namespace {

constexpr std::string_view suffix = ".gz";

bool has_suffix(std::string_view name) {
    return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix &&
           name[name.size() - suffix.size() - 1] != '/';
}

[[noreturn]] void fail(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

std::string errno_text() { return std::strerror(errno); }

// Sets the process umask for the lifetime of the object (provkit is single-threaded), so a
// new output file is never more accessible than the input it was made from.
class ScopedUmask {
public:
    explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
    ~ScopedUmask() { ::umask(old_); }
    ScopedUmask(const ScopedUmask&) = delete;
    ScopedUmask& operator=(const ScopedUmask&) = delete;

private:
    mode_t old_;
};

// Where one input's result goes.
struct Plan {
    std::string dest;       // "-": standard output; empty: nowhere (-t)
    bool in_place = false;  // FILE -> FILE.gz (or back): copy mode and times, then remove FILE
};

Plan plan_for(const std::string& file, const GzipOptions& o) {
    const bool decode = o.decompress || o.test;
    if (o.test) return {"", false};
    if (!o.output.empty()) return {o.output, false};
    if (o.to_stdout || file == "-") return {"-", false};
    if (!decode) {
        if (has_suffix(file) && !o.force)
            fail(ErrorKind::input,
                 "already has the .gz suffix; nothing done (-f compresses it to " + file + ".gz anyway)");
        return {file + std::string(suffix), true};
    }
    if (!has_suffix(file))
        fail(ErrorKind::input,
             "unknown suffix; nothing done (a name ending in .gz is expected; use -c or -o to name the "
             "output)");
    return {file.substr(0, file.size() - suffix.size()), true};
}

// Refuses what gzip refuses before any work is done.
void check_before_reading(const std::string& file, const Plan& plan, const GzipOptions& o,
                          struct stat& in_st) {
    const bool decode = o.decompress || o.test;
    if (file == "-") {
        if (decode && !o.force && ::isatty(0))
            fail(ErrorKind::usage,
                 "refusing to read compressed data from a terminal; redirect the input or use -f");
    } else {
        if (::lstat(file.c_str(), &in_st) != 0) fail(ErrorKind::io, errno_text());
        if (plan.in_place && S_ISLNK(in_st.st_mode) && !o.force)
            fail(ErrorKind::input,
                 "is a symbolic link; nothing done (-f follows it; -c or -o writes elsewhere)");
        if (::stat(file.c_str(), &in_st) != 0) fail(ErrorKind::io, errno_text());
        if (S_ISDIR(in_st.st_mode)) fail(ErrorKind::input, "is a directory; nothing done");
        if (plan.in_place && !S_ISREG(in_st.st_mode))
            fail(ErrorKind::input, "is not a regular file; nothing done (use -c or -o)");
        if (plan.in_place && in_st.st_nlink > 1 && !o.force && !o.keep)
            fail(ErrorKind::input, "has " + std::to_string(in_st.st_nlink - 1) +
                                       " other links; nothing done (-f or -k processes it anyway)");
    }
    if (plan.dest == "-") {
        if (!decode && !o.force && ::isatty(1))
            fail(ErrorKind::usage,
                 "refusing to write compressed data to a terminal; redirect the output, use -o FILE, or -f");
        return;
    }
    if (plan.dest.empty()) return;
    struct stat out_st {};
    if (::lstat(plan.dest.c_str(), &out_st) == 0) {
        if (file != "-" && out_st.st_dev == in_st.st_dev && out_st.st_ino == in_st.st_ino)
            fail(ErrorKind::usage, "the output " + plan.dest + " is the input file itself");
        if (!o.force) fail(ErrorKind::input, plan.dest + " already exists; use -f to overwrite it");
    }
}

// gzip's guard, aware of what a profile goes through: compress once, then encrypt.
void check_compressible(std::string_view data) {
    if (gzip::looks_like_gzip(data))
        fail(ErrorKind::input,
             "is already gzip data; compressing it twice gains nothing and phones inflate only once "
             "(-f compresses it anyway)");
    if (data.substr(0, 8) == "Salted__")
        fail(ErrorKind::input,
             "is encrypted (openssl enc, starts with Salted__); compression must come before encryption: "
             "compress the plain profile and encrypt the result, e.g. with 'provkit encrypt --gzip' "
             "(-f compresses it anyway)");
}

void write_in_place(const std::string& file, const Plan& plan, std::string_view data,
                    const struct stat& in_st, bool keep) {
    {
        // Created as 0666 & ~umask: with this mask, never readable by more users than the input.
        ScopedUmask mask(~in_st.st_mode & 0777);
        write_file_atomic(plan.dest, data);
    }
    // Like gzip, the output takes the input's permissions and times.
    if (::chmod(plan.dest.c_str(), in_st.st_mode & 07777) != 0)
        warning(plan.dest + ": cannot copy the permissions of " + file + ": " + errno_text());
    const struct timespec times[2] = {in_st.st_atim, in_st.st_mtim};
    if (::utimensat(AT_FDCWD, plan.dest.c_str(), times, 0) != 0)
        warning(plan.dest + ": cannot copy the timestamps of " + file + ": " + errno_text());
    if (!keep && ::unlink(file.c_str()) != 0)
        fail(ErrorKind::io, "wrote " + plan.dest + " but cannot remove the input: " + errno_text());
}

void process(const std::string& file, const GzipOptions& o) {
    const bool decode = o.decompress || o.test;
    const Plan plan = plan_for(file, o);
    struct stat in_st {};
    check_before_reading(file, plan, o, in_st);

    const Bytes data = read_input(file);
    if (!decode && !o.force) check_compressible(data);
    const Bytes result = decode ? gzip::decompress(data, o.max_output) : gzip::compress(data, o.level);

    if (plan.dest.empty()) return;  // -t: decoding was the test
    if (plan.dest == "-") {
        write_output("-", result, !decode, o.force);
    } else if (plan.in_place) {
        write_in_place(file, plan, result, in_st, o.keep);
    } else {
        write_file_atomic(plan.dest, result);
    }
}

// Shows -1..-9 as plain names: CLI11 would print each with its value, as "-1{1}".
class LevelFlagFormatter : public CLI::Formatter {
public:
    std::string make_option_name(const CLI::Option* opt, bool positional) const override {
        std::string name;
        bool in_value = false;
        for (char c : CLI::Formatter::make_option_name(opt, positional)) {
            if (c == '{' || c == '}')
                in_value = c == '{';
            else if (!in_value)
                name.push_back(c);
        }
        return name;
    }
};

}  // namespace

int run_gzip(const GzipOptions& o) {
    const std::vector<std::string> files = o.files.empty() ? std::vector<std::string>{"-"} : o.files;
    if (!o.output.empty() && (o.to_stdout || o.test))
        throw Error(ErrorKind::usage, "-o cannot be combined with -c or -t");
    if (!o.output.empty() && files.size() > 1)
        throw Error(ErrorKind::usage, "-o names one output; give one input file with it");
    int failed = 0;
    for (const std::string& file : files) {
        try {
            process(file, o);
        } catch (const Error& e) {
            error((file == "-" ? std::string("stdin") : file) + ": " + e.what());
            ++failed;
        }
    }
    return failed == 0 ? 0 : 1;
}

Runner setup_gzip(CLI::App& sub) {
    auto o = std::make_shared<GzipOptions>();
    auto max_size = std::make_shared<std::string>("64M");
    sub.formatter(std::make_shared<LevelFlagFormatter>());
    sub.add_flag("-d,--decompress", o->decompress, "Decompress (every member of a multi-member file)");
    sub.add_flag("-c,--stdout", o->to_stdout, "Write to standard output and keep the input files");
    sub.add_flag("-k,--keep", o->keep, "Keep (do not delete) the input files");
    sub.add_flag("-f,--force", o->force,
                 "Overwrite outputs, write to a terminal, compress gzip or encrypted data");
    sub.add_flag("-t,--test", o->test, "Test compressed files' integrity; write nothing");
    // CLI11 2.1 stores 0 in a flag-with-values that is not given, hence the count check below.
    CLI::Option* level =
        sub.add_flag("-1{1},-2{2},-3{3},-4{4},-5{5},-6{6},-7{7},-8{8},-9{9},--fast{1},--best{9}", o->level,
                     "Compression level: -1 (--fast) fastest to -9 (--best) smallest; default -6")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
            ->disable_flag_override();
    sub.add_option("-o,--output", o->output,
                   "Write the output to FILE (one input only; - is standard output)")
        ->type_name("FILE");
    sub.add_option("--max-size", *max_size,
                   "Largest decompressed output: bytes, or a number with K, M or G (default 64M)")
        ->type_name("SIZE");
    sub.add_option("FILE", o->files, "Files to process; none or - is standard input")->type_name("");
    return [o, max_size, level] {
        if (level->count() == 0) o->level = 6;
        o->max_output = parse_size(*max_size, "--max-size");
        return run_gzip(*o);
    };
}

}  // namespace provkit::cli
