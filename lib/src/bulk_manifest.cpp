// The bulk manifest: reading the previous one (indexed by file name) and writing the new one.
#include "bulk_manifest.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>

#include "json_line.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/json.hpp"

namespace provkit::bulk::detail {

namespace {

bool is_hex64(std::string_view s) {
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::string manifest_line(const ManifestEntry& e) {
    std::string s = "{\"mac\":" + json_quote(e.mac) + ",\"file\":" + json_quote(e.file);
    s += ",\"sha256\":\"" + e.sha256 + "\",\"bytes\":" + std::to_string(e.bytes) + ",\"inputs\":\"" +
         e.inputs + "\"}\n";
    return s;
}

std::optional<ManifestEntry> parse_manifest_line(std::string_view line) {
    std::vector<json_line::Member> members;
    if (json_line::parse_object(line, members)) return std::nullopt;
    ManifestEntry e;
    int found = 0;
    for (const json_line::Member& m : members) {
        if (m.key == "mac") e.mac = m.value, found |= 1;
        if (m.key == "file") e.file = m.value, found |= 2;
        if (m.key == "sha256") e.sha256 = m.value, found |= 4;
        if (m.key == "inputs") e.inputs = m.value, found |= 8;
        if (m.key == "bytes") {
            auto [p, ec] = std::from_chars(m.value.data(), m.value.data() + m.value.size(), e.bytes);
            if (ec == std::errc() && p == m.value.data() + m.value.size()) found |= 16;
        }
    }
    if (found != 31 || !is_hex64(e.sha256) || !is_hex64(e.inputs) || e.file.empty()) return std::nullopt;
    return e;
}

ManifestIndex::ManifestIndex(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        if (errno == ENOENT) return;
        throw Error(ErrorKind::io, "cannot open the manifest " + path + ": " + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode))
        throw Error(ErrorKind::input, "the manifest " + path + " is not a regular file");
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    const std::string dir_name = dir.empty() ? "." : dir.string();
    dir_fd_ = ::open(dir_name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd_ < 0)
        throw Error(ErrorKind::io, "cannot open the directory of the manifest " + path + ": " + std::strerror(errno));
    index_ = std::make_unique<HashIndex>(dir_fd_, dir_name);
    // One pass over the file: every line must be a manifest line.
    std::string line, buf(std::size_t(1) << 16, '\0');
    std::uint64_t offset = 0, line_start = 0, line_no = 1;
    auto take = [&] {
        if (line.empty()) return;
        const auto e = parse_manifest_line(line);
        if (!e)
            throw Error(ErrorKind::input, path + ":" + std::to_string(line_no) +
                                              ": not a provkit manifest line; refusing to replace the file "
                                              "(give another --manifest, or remove it)");
        std::uint64_t first = 0;  // a name given twice: the first line counts
        index_->insert(file_name_hash(e->file), line_start, first);
    };
    for (;;) {
        const ssize_t n = ::read(fd_, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            throw Error(ErrorKind::io, "cannot read the manifest " + path + ": " + std::strerror(errno));
        if (n == 0) break;
        for (std::size_t i = 0; i < std::size_t(n); ++i) {
            if (buf[i] != '\n') {
                if (line.size() > 65536) take();  // fails: no manifest line is that long
                line.push_back(buf[i]);
                continue;
            }
            take();
            line.clear();
            ++line_no;
            line_start = offset + i + 1;
        }
        offset += std::uint64_t(n);
    }
    take();
}

ManifestIndex::~ManifestIndex() {
    index_.reset();
    if (fd_ >= 0) ::close(fd_);
    if (dir_fd_ >= 0) ::close(dir_fd_);
}

std::optional<ManifestEntry> ManifestIndex::find(std::string_view file) const {
    if (!index_) return std::nullopt;
    const std::optional<std::uint64_t> offset = index_->find(file_name_hash(file));
    if (!offset) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::pread(fd_, buf, sizeof buf, off_t(*offset));
    if (n <= 0) return std::nullopt;
    std::string_view text(buf, std::size_t(n));
    text = text.substr(0, text.find('\n'));
    if (auto e = parse_manifest_line(text); e && e->file == file) return e;
    return std::nullopt;  // another name with the same hash: the file is made again
}

ManifestWriter::ManifestWriter(const std::string& path) : path_(path) {
    const std::filesystem::path p(path);
    const std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
    for (int attempt = 0; fd_ < 0; ++attempt) {
        tmp_ = (dir / ("." + p.filename().string() + ".provkit-" + std::to_string(::getpid()) + "-" +
                       std::to_string(attempt)))
                   .string();
        fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && (errno != EEXIST || attempt > 100)) {
            const std::string why = std::strerror(errno);
            tmp_.clear();
            throw Error(ErrorKind::io,
                        "cannot create a temporary file next to the manifest " + path + ": " + why);
        }
    }
}

ManifestWriter::~ManifestWriter() {
    if (fd_ >= 0) ::close(fd_);
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

void ManifestWriter::append(std::string_view line) {
    buffer_ += line;
    if (buffer_.size() >= (std::size_t(1) << 16)) flush();
}

void ManifestWriter::flush() {
    write_all(fd_, buffer_, path_);
    buffer_.clear();
}

void ManifestWriter::commit() {
    flush();
    struct stat existing {};
    if (::stat(path_.c_str(), &existing) == 0) ::fchmod(fd_, existing.st_mode & 07777);
    if (::fsync(fd_) != 0)
        throw Error(ErrorKind::io, "cannot sync the manifest " + path_ + ": " + std::strerror(errno));
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0)
        throw Error(ErrorKind::io, "cannot write the manifest " + path_ + ": " + std::strerror(errno));
    if (::rename(tmp_.c_str(), path_.c_str()) != 0)
        throw Error(ErrorKind::io, "cannot replace the manifest " + path_ + ": " + std::strerror(errno));
    tmp_.clear();
}

}  // namespace provkit::bulk::detail
