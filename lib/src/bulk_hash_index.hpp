// Library-internal: a map from 64-bit hashes of file names to 64-bit values, for the tables of a
// bulk run that grow with its rows (which row claimed each file name; where each file's line is
// in the previous manifest). It is kept in memory up to a fixed number of entries, then in an
// unnamed file (a hash table of 2 KiB buckets, read and written with pread/pwrite): the run's
// memory stays the same whatever the number of rows, and the file costs only page cache and
// disappears with the run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provkit::bulk::detail {

// The hash the indexes are keyed by: FNV-1a with a final mix, so that its low bits spread well.
std::uint64_t file_name_hash(std::string_view name) noexcept;

class HashIndex {
public:
    // dir_fd (which must outlive the index): where the table file goes once memory_entries are
    // held; dir_path names it in messages.
    HashIndex(int dir_fd, std::string dir_path, std::size_t memory_entries = std::size_t(1) << 16);
    ~HashIndex();
    HashIndex(const HashIndex&) = delete;
    HashIndex& operator=(const HashIndex&) = delete;

    // Adds h -> value (value < UINT64_MAX; h well mixed, its low bits pick the bucket) and
    // returns true; when h is already there, returns false with its value in existing and
    // changes nothing. Throws Error(io) when the table file cannot be written.
    bool insert(std::uint64_t h, std::uint64_t value, std::uint64_t& existing);

    // The value of h. Safe from several threads at once when no insert runs.
    std::optional<std::uint64_t> find(std::uint64_t h) const;

    std::uint64_t size() const noexcept { return count_; }
    bool on_disk() const noexcept { return fd_ >= 0; }

    static constexpr std::size_t bucket_slots = 128;

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint64_t value1 = 0;  // the value + 1; 0: the slot is empty
    };
    using Bucket = std::vector<Slot>;
    static constexpr std::size_t bucket_bytes = bucket_slots * sizeof(Slot);  // 2 KiB

    bool insert_in_memory(std::uint64_t h, std::uint64_t value, std::uint64_t& existing);
    void spill();
    void grow();
    int new_table(std::uint64_t buckets) const;
    void read_bucket(int fd, std::uint64_t i, Slot* slots) const;
    void write_bucket(int fd, std::uint64_t i, const Bucket& b) const;

    int dir_fd_;
    std::string dir_path_;
    std::size_t memory_entries_;
    std::vector<Slot> memory_;  // open addressing, at most half full
    std::uint64_t count_ = 0;
    int fd_ = -1;  // the table file, once spilled
    std::uint64_t buckets_ = 0;
};

}  // namespace provkit::bulk::detail
