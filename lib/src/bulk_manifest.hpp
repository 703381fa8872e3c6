// Library-internal: the bulk manifest, JSON Lines with one line per generated file:
//   {"mac":"...","file":"...","sha256":"...","bytes":N,"inputs":"..."}
// ("inputs" is the SHA-256 of everything the file was made from except the key). The previous
// manifest is indexed by file name for skipping unchanged rows; the new one is written to a
// temporary file and renamed into place at the end.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bulk_hash_index.hpp"

namespace provkit::bulk::detail {

struct ManifestEntry {
    std::string mac, file, sha256, inputs;
    std::uint64_t bytes = 0;
};

// The entry as one manifest line, newline included.
std::string manifest_line(const ManifestEntry& entry);

// The previous manifest, if there is one: an index from file name to the offset of its line
// (a HashIndex: in memory, then in an unnamed file next to the manifest); lines are read back
// with pread when a row asks. Read-only once built.
class ManifestIndex {
public:
    // Indexes path; a missing file is an empty index. Throws Error(input) "PATH:LINE: ..." when
    // a line is not a manifest line (so that a mistyped --manifest never replaces another file).
    explicit ManifestIndex(const std::string& path);
    ~ManifestIndex();
    ManifestIndex(const ManifestIndex&) = delete;
    ManifestIndex& operator=(const ManifestIndex&) = delete;

    // Safe from several threads at once.
    std::optional<ManifestEntry> find(std::string_view file) const;
    std::size_t size() const noexcept { return index_ ? index_->size() : 0; }

private:
    std::string path_;
    int fd_ = -1;
    int dir_fd_ = -1;                   // the manifest's directory, for the index's file
    std::unique_ptr<HashIndex> index_;  // file name -> line offset
};

// Writes the new manifest next to path under a temporary name; commit() syncs and renames it
// over path. Destroyed without commit, the temporary file is removed.
class ManifestWriter {
public:
    explicit ManifestWriter(const std::string& path);
    ~ManifestWriter();
    ManifestWriter(const ManifestWriter&) = delete;
    ManifestWriter& operator=(const ManifestWriter&) = delete;

    void append(std::string_view line);
    void commit();

private:
    void flush();

    std::string path_, tmp_;
    int fd_ = -1;
    std::string buffer_;
};

// Parses one manifest line; nothing when it is not one.
std::optional<ManifestEntry> parse_manifest_line(std::string_view line);

}  // namespace provkit::bulk::detail
