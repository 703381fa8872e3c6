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
    if (fd_ < 0) throw Error(ErrorKind::io, "cannot open the output directory " + path_ + ": " + errno_text(errno));
}

OutputDir::~OutputDir() {
    if (fd_ >= 0) ::close(fd_);
}

void OutputDir::write(const std::string& name, std::string_view data, unsigned worker,
                      std::uint64_t& counter) const {
    const std::string shown = path_ + "/" + name;
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

    std::string tmp;
    int fd = -1;
    while (fd < 0) {
        tmp = std::string(temp_prefix) + std::to_string(::getpid()) + "-" + std::to_string(worker) + "-" +
              std::to_string(counter++) + ".tmp";
        fd = ::openat(fd_, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            throw Error(ErrorKind::io, "cannot create a temporary file in " + path_ + ": " + errno_text(errno));
    }
    struct Cleanup {
        int dir, fd;
        const std::string& tmp;
        bool done = false;
        ~Cleanup() {
            if (fd >= 0) ::close(fd);
            if (!done) ::unlinkat(dir, tmp.c_str(), 0);
        }
    } cleanup{fd_, fd, tmp};
    if (replace) ::fchmod(fd, existing.st_mode & 07777);
    write_all(fd, data, shown);
    const int rc = ::close(fd);
    cleanup.fd = -1;
    if (rc != 0) throw Error(ErrorKind::io, "cannot write " + shown + ": " + errno_text(errno));
    if (::renameat(fd_, tmp.c_str(), fd_, name.c_str()) != 0)
        throw Error(ErrorKind::io, "cannot create " + shown + ": " + errno_text(errno));
    cleanup.done = true;
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
    if (::syncfs(fd_) != 0) throw Error(ErrorKind::io, "cannot flush " + path_ + " to disk: " + errno_text(errno));
}

}  // namespace provkit::bulk::detail
