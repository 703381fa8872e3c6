// Writing the profiles of a bulk run: openat/renameat relative to the directory descriptor.
#include "bulk_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

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
}

OutputDir::~OutputDir() {
    if (fd_ >= 0) ::close(fd_);
}

namespace {

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

// A new file is written unnamed (O_TMPFILE) and linked in when complete: one directory
// operation, and nothing left behind by a crash. When the name exists (a re-run), or the file
// system has no O_TMPFILE, the data goes to a named temporary file renamed over the name.
void OutputDir::write(const std::string& name, std::string_view data, unsigned worker,
                      std::uint64_t& counter) const {
    const std::string shown = path_ + "/" + name;
    Fd file;
    if (!no_tmpfile_.load(std::memory_order_relaxed)) {
        file.fd = ::openat(fd_, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        if (file.fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL))
            no_tmpfile_.store(true, std::memory_order_relaxed);
        else if (file.fd < 0)
            throw Error(ErrorKind::io, "cannot create a file in " + path_ + ": " + errno_text(errno));
    }
    if (file.fd >= 0) {
        write_all(file.fd, data, shown);
        const std::string proc = "/proc/self/fd/" + std::to_string(file.fd);
        if (::linkat(AT_FDCWD, proc.c_str(), fd_, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return;
        if (errno == ENOENT && ::access("/proc/self/fd", F_OK) != 0)
            no_tmpfile_.store(true);
        else if (errno != EEXIST)
            throw Error(ErrorKind::io, "cannot create " + shown + ": " + errno_text(errno));
    }

    struct stat existing {};
    bool replace = false;
    if (::fstatat(fd_, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(existing.st_mode))
            throw Error(ErrorKind::io, shown + " is a symbolic link; provkit does not replace links");
        if (!S_ISREG(existing.st_mode))
            throw Error(ErrorKind::io, shown + " exists and is not a regular file");
        replace = true;
    } else if (errno != ENOENT) {
        throw Error(ErrorKind::io, "cannot check " + shown + ": " + errno_text(errno));
    }
    std::string tmp;
    for (bool created = false; !created;) {
        tmp = std::string(temp_prefix) + std::to_string(::getpid()) + "-" + std::to_string(worker) + "-" +
              std::to_string(counter++) + ".tmp";
        if (file.fd >= 0) {  // the unnamed file, already written: give it the temporary name
            const std::string proc = "/proc/self/fd/" + std::to_string(file.fd);
            created = ::linkat(AT_FDCWD, proc.c_str(), fd_, tmp.c_str(), AT_SYMLINK_FOLLOW) == 0;
        } else {
            file.fd = ::openat(fd_, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            created = file.fd >= 0;
            if (created) write_all_or_unlink(file.fd, tmp, data, shown);
        }
        if (!created && errno != EEXIST)
            throw Error(ErrorKind::io,
                        "cannot create a temporary file in " + path_ + ": " + errno_text(errno));
    }
    struct Unlink {
        int dir;
        const std::string& tmp;
        bool done = false;
        ~Unlink() {
            if (!done) ::unlinkat(dir, tmp.c_str(), 0);
        }
    } unlink{fd_, tmp};
    if (replace) ::fchmod(file.fd, existing.st_mode & 07777);
    const int rc = ::close(file.fd);
    file.fd = -1;
    if (rc != 0) throw Error(ErrorKind::io, "cannot write " + shown + ": " + errno_text(errno));
    if (::renameat(fd_, tmp.c_str(), fd_, name.c_str()) != 0)
        throw Error(ErrorKind::io, "cannot create " + shown + ": " + errno_text(errno));
    unlink.done = true;
}

void OutputDir::write_all_or_unlink(int fd, const std::string& tmp, std::string_view data,
                                    const std::string& shown) const {
    try {
        write_all(fd, data, shown);
    } catch (...) {
        ::unlinkat(fd_, tmp.c_str(), 0);
        throw;
    }
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

void OutputDir::sync() const {
    if (::syncfs(fd_) != 0)
        throw Error(ErrorKind::io, "cannot flush " + path_ + " to disk: " + errno_text(errno));
}

}  // namespace provkit::bulk::detail
