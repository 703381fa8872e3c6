// The hash index of a bulk run's file names: in memory, then in an unnamed table file.
#include "bulk_hash_index.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "bulk_pattern.hpp"
#include "provkit/error.hpp"

namespace provkit::bulk::detail {

namespace {

std::size_t power_of_two_at_least(std::uint64_t n) {
    std::size_t p = 1;
    while (p < n) p *= 2;
    return p;
}

}  // namespace

std::uint64_t file_name_hash(std::string_view name) noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 31;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

HashIndex::HashIndex(int dir_fd, std::string dir_path, std::size_t memory_entries)
    : dir_fd_(dir_fd), dir_path_(std::move(dir_path)), memory_entries_(std::max<std::size_t>(1, memory_entries)) {}

HashIndex::~HashIndex() {
    if (fd_ >= 0) ::close(fd_);
}

bool HashIndex::insert(std::uint64_t h, std::uint64_t value, std::uint64_t& existing) {
    if (fd_ < 0) {
        if (count_ < memory_entries_) return insert_in_memory(h, value, existing);
        spill();
    }
    Slot slots[bucket_slots];
    for (;;) {
        const std::uint64_t i = h & (buckets_ - 1);
        read_bucket(fd_, i, slots);
        // Buckets fill from the front and nothing is removed: the first empty slot ends the search.
        std::size_t s = 0;
        for (; s < bucket_slots && slots[s].value1 != 0; ++s)
            if (slots[s].hash == h) {
                existing = slots[s].value1 - 1;
                return false;
            }
        // A full bucket, or the table past half full on average, doubles the table first.
        if (s < bucket_slots && (count_ + 1) * 2 <= buckets_ * bucket_slots) {
            const Slot mine{h, value + 1};
            if (::pwrite(fd_, &mine, sizeof mine, off_t(i * bucket_bytes + s * sizeof(Slot))) != ssize_t(sizeof mine))
                throw Error(ErrorKind::io, "cannot write a table file in " + dir_path_ + ": " + std::strerror(errno));
            ++count_;
            return true;
        }
        grow();
    }
}

std::optional<std::uint64_t> HashIndex::find(std::uint64_t h) const {
    if (fd_ < 0) {
        if (memory_.empty()) return std::nullopt;
        const std::size_t mask = memory_.size() - 1;
        for (std::size_t i = h & mask; memory_[i].value1 != 0; i = (i + 1) & mask)
            if (memory_[i].hash == h) return memory_[i].value1 - 1;
        return std::nullopt;
    }
    Slot slots[bucket_slots];
    read_bucket(fd_, h & (buckets_ - 1), slots);
    for (std::size_t s = 0; s < bucket_slots && slots[s].value1 != 0; ++s)
        if (slots[s].hash == h) return slots[s].value1 - 1;
    return std::nullopt;
}

bool HashIndex::insert_in_memory(std::uint64_t h, std::uint64_t value, std::uint64_t& existing) {
    if ((count_ + 1) * 2 > memory_.size()) {  // grows by doubling up to the limit
        std::vector<Slot> old(std::max<std::size_t>(1024, memory_.size() * 2));
        old.swap(memory_);
        for (const Slot& slot : old)
            if (slot.value1 != 0) {
                std::size_t i = slot.hash & (memory_.size() - 1);
                while (memory_[i].value1 != 0) i = (i + 1) & (memory_.size() - 1);
                memory_[i] = slot;
            }
    }
    const std::size_t mask = memory_.size() - 1;
    std::size_t i = h & mask;
    for (; memory_[i].value1 != 0; i = (i + 1) & mask)
        if (memory_[i].hash == h) {
            existing = memory_[i].value1 - 1;
            return false;
        }
    memory_[i] = {h, value + 1};
    ++count_;
    return true;
}

// Moves the entries held in memory into a new table file, a quarter full, and frees the memory.
void HashIndex::spill() {
    std::vector<Bucket> pending;
    for (buckets_ = power_of_two_at_least(std::max<std::uint64_t>(16, 4 * count_ / bucket_slots));;
         buckets_ *= 2) {
        pending.assign(buckets_, Bucket{});
        bool fits = true;
        for (const Slot& slot : memory_)
            if (slot.value1 != 0) {
                Bucket& b = pending[slot.hash & (buckets_ - 1)];
                b.push_back(slot);
                fits = fits && b.size() <= bucket_slots;
            }
        if (fits) break;
    }
    fd_ = new_table(buckets_);
    for (std::uint64_t i = 0; i < buckets_; ++i) {
        if (pending[i].empty()) continue;
        pending[i].resize(bucket_slots);
        write_bucket(fd_, i, pending[i]);
    }
    std::vector<Slot>().swap(memory_);
}

// Doubles the table: bucket i splits into buckets i and i + buckets_ of a new file.
void HashIndex::grow() {
    const int fd = new_table(buckets_ * 2);
    try {
        Slot slots[bucket_slots];
        Bucket low, high;
        for (std::uint64_t i = 0; i < buckets_; ++i) {
            read_bucket(fd_, i, slots);
            low.clear();
            high.clear();
            for (const Slot& slot : slots)
                if (slot.value1 != 0) ((slot.hash & buckets_) ? high : low).push_back(slot);
            low.resize(bucket_slots);
            high.resize(bucket_slots);
            write_bucket(fd, i, low);
            write_bucket(fd, i + buckets_, high);
        }
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd_);
    fd_ = fd;
    buckets_ *= 2;
}

// An empty table of `buckets` buckets: a sparse file of zeros, unnamed where the file system
// allows, else named and unlinked at once.
int HashIndex::new_table(std::uint64_t buckets) const {
    int fd = ::openat(dir_fd_, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
        const std::string name = std::string(temp_prefix) + "index-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(attempt) + ".tmp";
        fd = ::openat(dir_fd_, name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::unlinkat(dir_fd_, name.c_str(), 0);
        else if (errno != EEXIST)
            break;
    }
    if (fd < 0 || ::ftruncate(fd, off_t(buckets * bucket_bytes)) != 0) {
        const std::string why = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        throw Error(ErrorKind::io, "cannot create a table file in " + dir_path_ + ": " + why);
    }
    return fd;
}

void HashIndex::read_bucket(int fd, std::uint64_t i, Slot* slots) const {
    if (::pread(fd, slots, bucket_bytes, off_t(i * bucket_bytes)) != ssize_t(bucket_bytes))
        throw Error(ErrorKind::io, "cannot read a table file in " + dir_path_ + ": " + std::strerror(errno));
}

void HashIndex::write_bucket(int fd, std::uint64_t i, const Bucket& b) const {
    if (::pwrite(fd, b.data(), bucket_bytes, off_t(i * bucket_bytes)) != ssize_t(bucket_bytes))
        throw Error(ErrorKind::io, "cannot write a table file in " + dir_path_ + ": " + std::strerror(errno));
}

}  // namespace provkit::bulk::detail
