// Writing the profiles of a bulk run: openat/linkat/renameat relative to the directory descriptor.
#include "bulk_output.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "bulk_pattern.hpp"
#include "provkit/error.hpp"

namespace provkit::bulk::detail {

namespace {

std::string errno_text(int e) { return std::strerror(e); }

}  // namespace

OutputDir::OutputDir(const std::filesystem::path& dir) : path_(dir.string()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec && !std::filesystem::is_directory(dir))
        throw Error(ErrorKind::io, "cannot create the output directory " + path_ + ": " + ec.message());
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0)
        throw Error(ErrorKind::io, "cannot open the output directory " + path_ + ": " + errno_text(errno));
    // An unnamed file is linked in through /proc/self/fd: without /proc, named files only.
    if (::access("/proc/self/fd", F_OK) != 0) no_tmpfile_.store(true);
    remove_stale_temporaries();
}

namespace {

// The process id in a temporary name of ours, ".provkit-PID-WORKER-N.tmp", or 0.
pid_t temp_owner(std::string_view name) {
    if (!name.starts_with(temp_prefix) || !name.ends_with(".tmp")) return 0;
    name.remove_prefix(temp_prefix.size());
    name.remove_suffix(4);
    int dashes = 0;
    for (char c : name) {
        if (c == '-') ++dashes;
        else if (c < '0' || c > '9') return 0;
    }
    if (dashes != 2) return 0;
    pid_t pid = 0;
    for (char c : name.substr(0, name.find('-'))) {
        if (pid > 4194304) return 0;  // beyond any pid_max
        pid = pid * 10 + (c - '0');
    }
    return pid;
}

}  // namespace

// A run killed between giving a file its temporary name and renaming it leaves the temporary
// file behind (complete, but litter). Those of processes that no longer exist go now.
void OutputDir::remove_stale_temporaries() const {
    const int fd = ::openat(fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    DIR* d = ::fdopendir(fd);
    if (d == nullptr) {
        ::close(fd);
        return;
    }
    while (const dirent* e = ::readdir(d)) {
        const pid_t pid = temp_owner(e->d_name);
        if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH)
            ::unlinkat(fd_, e->d_name, 0);
    }
    ::closedir(d);
}

OutputDir::~OutputDir() {
    if (fd_ >= 0) ::close(fd_);
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : dir_(other.dir_), fd_(std::exchange(other.fd_, -1)), tmp_(std::move(other.tmp_)) {
    other.tmp_.clear();
}

StagedFile& StagedFile::operator=(StagedFile&& other) noexcept {
    if (this != &other) {
        release();
        dir_ = other.dir_;
        fd_ = std::exchange(other.fd_, -1);
        tmp_ = std::move(other.tmp_);
        other.tmp_.clear();
    }
    return *this;
}

StagedFile::~StagedFile() { release(); }

void StagedFile::release() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!tmp_.empty() && dir_ != nullptr) ::unlinkat(dir_->fd_, tmp_.c_str(), 0);
    tmp_.clear();
}

std::string OutputDir::temp_name(unsigned worker, std::uint64_t& counter) const {
    return std::string(temp_prefix) + std::to_string(::getpid()) + "-" + std::to_string(worker) + "-" +
           std::to_string(counter++) + ".tmp";
}

StagedFile OutputDir::stage(std::string_view data, const std::string& shown, unsigned worker,
                            std::uint64_t& counter) const {
    StagedFile file;
    file.dir_ = this;
    if (!no_tmpfile_.load(std::memory_order_relaxed)) {
        file.fd_ = ::openat(fd_, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        if (file.fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL))
            no_tmpfile_.store(true, std::memory_order_relaxed);
        else if (file.fd_ < 0)
            throw Error(ErrorKind::io, "cannot create a file in " + path_ + ": " + errno_text(errno));
        else {
            write_all(file.fd_, data, shown);
            return file;
        }
    }
    int fd = -1;
    while (fd < 0) {
        file.tmp_ = temp_name(worker, counter);
        fd = ::openat(fd_, file.tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) {
            file.tmp_.clear();
            throw Error(ErrorKind::io, "cannot create a temporary file in " + path_ + ": " + errno_text(errno));
        }
    }
    file.fd_ = fd;
    write_all(fd, data, shown);
    return file;
}

// A new name is linked straight to the unnamed file: one directory operation. To replace a file,
// the data gets a temporary name and is renamed over it (linkat cannot replace).
void OutputDir::publish(StagedFile& file, const std::string& name, unsigned worker,
                        std::uint64_t& counter) const {
    const std::string shown = path_ + "/" + name;
    struct Release {
        StagedFile& f;
        ~Release() { f.release(); }
    } release{file};
    std::string proc;
    if (file.tmp_.empty()) {  // unnamed
        proc = "/proc/self/fd/" + std::to_string(file.fd_);
        if (::linkat(AT_FDCWD, proc.c_str(), fd_, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return;
        if (errno != EEXIST) throw Error(ErrorKind::io, "cannot create " + shown + ": " + errno_text(errno));
    }
    struct stat existing {};
    bool replace = false;
    if (::fstatat(fd_, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(existing.st_mode))
            throw Error(ErrorKind::io, shown + " is a symbolic link; provkit does not replace links");
        if (!S_ISREG(existing.st_mode)) throw Error(ErrorKind::io, shown + " exists and is not a regular file");
        replace = true;
    } else if (errno != ENOENT) {
        throw Error(ErrorKind::io, "cannot check " + shown + ": " + errno_text(errno));
    }
    if (file.tmp_.empty()) {  // the unnamed file: give it a temporary name
        for (bool linked = false; !linked;) {
            file.tmp_ = temp_name(worker, counter);
            linked = ::linkat(AT_FDCWD, proc.c_str(), fd_, file.tmp_.c_str(), AT_SYMLINK_FOLLOW) == 0;
            if (!linked && errno != EEXIST) {
                file.tmp_.clear();
                throw Error(ErrorKind::io, "cannot create a temporary file in " + path_ + ": " + errno_text(errno));
            }
        }
    }
    if (replace) ::fchmodat(fd_, file.tmp_.c_str(), existing.st_mode & 07777, 0);
    if (::renameat(fd_, file.tmp_.c_str(), fd_, name.c_str()) != 0)
        throw Error(ErrorKind::io, "cannot create " + shown + ": " + errno_text(errno));
    file.tmp_.clear();
}

std::optional<Bytes> OutputDir::read_exact(const std::string& name, std::uint64_t size) const {
    const int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<Bytes> data;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && std::uint64_t(st.st_size) == size) {
        Bytes buf(size, '\0');
        std::size_t got = 0;
        while (got < size) {
            const ssize_t n = ::read(fd, buf.data() + got, size - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += std::size_t(n);
        }
        if (got == size) data = std::move(buf);
    }
    ::close(fd);
    return data;
}

void OutputDir::flush() const {
    if (::syncfs(fd_) != 0) throw Error(ErrorKind::io, "cannot flush " + path_ + " to disk: " + errno_text(errno));
}

void OutputDir::sync() const {
    if (::fsync(fd_) != 0)
        throw Error(ErrorKind::io, "cannot flush " + path_ + " to disk: " + errno_text(errno));
}

}  // namespace provkit::bulk::detail
