// Whole-file reads and crash-safe atomic writes.
#include "provkit/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "provkit/error.hpp"

namespace provkit {

namespace {

std::string errno_text() { return std::strerror(errno); }

// Closes a descriptor and removes a temporary file unless released.
struct TempFile {
    int fd = -1;
    std::string path;
    bool keep = false;
    ~TempFile() {
        if (fd >= 0) ::close(fd);
        if (!keep && !path.empty()) ::unlink(path.c_str());
    }
};

std::string random_suffix() {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device rd;
    std::string s;
    for (int i = 0; i < 8; ++i) s.push_back(alphabet[rd() % (sizeof alphabet - 1)]);
    return s;
}

}  // namespace

Bytes read_file(const std::string& path, std::size_t max_size) {
    const bool is_stdin = path == "-";
    const std::string name = is_stdin ? "standard input" : path;
    int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorKind::io, "cannot open " + name + ": " + errno_text());
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin) ::close(fd);
        throw Error(ErrorKind::io, name + " is a directory");
    }
    Bytes data;
    if (S_ISREG(st.st_mode) && st.st_size > 0) data.reserve(std::min<std::size_t>(st.st_size, max_size) + 1);
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            std::string why = errno_text();
            if (!is_stdin) ::close(fd);
            throw Error(ErrorKind::io, "cannot read " + name + ": " + why);
        }
        if (n == 0) break;
        if (data.size() + std::size_t(n) > max_size) {
            if (!is_stdin) ::close(fd);
            throw Error(ErrorKind::input, name + " is larger than " + std::to_string(max_size) + " bytes");
        }
        data.append(buf, std::size_t(n));
    }
    if (!is_stdin) ::close(fd);
    return data;
}

void write_all(int fd, std::string_view data, const std::string& what) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(ErrorKind::io, "cannot write " + what + ": " + errno_text());
        data.remove_prefix(std::size_t(n));
    }
}

void write_file_atomic(const std::filesystem::path& path, std::string_view data) {
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::string name = path.string();
    TempFile tmp;
    for (int attempt = 0; tmp.fd < 0; ++attempt) {
        tmp.path = (dir / ("." + path.filename().string() + ".provkit-" + random_suffix())).string();
        tmp.fd = ::open(tmp.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (tmp.fd < 0 && (errno != EEXIST || attempt > 16)) {
            std::string why = errno_text();
            tmp.path.clear();
            throw Error(ErrorKind::io, "cannot create a temporary file next to " + name + ": " + why);
        }
    }
    struct stat existing {};
    if (::stat(name.c_str(), &existing) == 0) {
        if (!S_ISREG(existing.st_mode)) throw Error(ErrorKind::io, name + " exists and is not a regular file");
        ::fchmod(tmp.fd, existing.st_mode & 07777);
    }
    write_all(tmp.fd, data, name);
    if (::fsync(tmp.fd) != 0) throw Error(ErrorKind::io, "cannot sync " + name + ": " + errno_text());
    if (::close(tmp.fd) != 0) {
        tmp.fd = -1;
        throw Error(ErrorKind::io, "cannot write " + name + ": " + errno_text());
    }
    tmp.fd = -1;
    if (::rename(tmp.path.c_str(), name.c_str()) != 0)
        throw Error(ErrorKind::io, "cannot replace " + name + ": " + errno_text());
    tmp.keep = true;
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace provkit
