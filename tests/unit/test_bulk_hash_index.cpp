// Unit tests for the hash index of a bulk run (lib/src/bulk_hash_index.hpp): exact answers in
// memory, after spilling to the table file, and across the table's doublings.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <unordered_map>

#include "bulk_hash_index.hpp"
#include "bulk_test_helpers.hpp"

using provkit::bulk::detail::HashIndex;

namespace {

struct Dir {
    bulk_test::TempDir root;
    int fd = ::open(root.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ~Dir() { ::close(fd); }
};

// Claims n random names (with every 7th a repeat of an earlier one) and checks every answer
// against an unordered_map.
void check_against_model(HashIndex& index, std::uint64_t n, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::unordered_map<std::uint64_t, std::uint64_t> model;
    std::vector<std::uint64_t> hashes;
    for (std::uint64_t row = 0; row < n; ++row) {
        std::uint64_t h = random();
        if (row % 7 == 6) h = hashes[random() % hashes.size()];
        hashes.push_back(h);
        std::uint64_t other = UINT64_MAX;
        const bool fresh = index.insert(h, row, other);
        const auto [it, inserted] = model.emplace(h, row);
        REQUIRE(fresh == inserted);
        if (!fresh) REQUIRE(other == it->second);
    }
    REQUIRE(index.size() == model.size());
    for (const auto& [h, row] : model) REQUIRE(index.find(h) == row);
    for (int i = 0; i < 1000; ++i) {
        const std::uint64_t h = random();
        if (!model.count(h)) REQUIRE_FALSE(index.find(h));
    }
}

}  // namespace

TEST_CASE("bulk hash index: in memory, a repeated hash keeps its first value") {
    Dir dir;
    HashIndex index(dir.fd, dir.root.path.string(), 1000);
    check_against_model(index, 900, 1);
    CHECK_FALSE(index.on_disk());
}

TEST_CASE("bulk hash index: past the memory limit the table file gives the same answers") {
    Dir dir;
    HashIndex index(dir.fd, dir.root.path.string(), 64);
    check_against_model(index, 100'000, 2);  // spills at 64, then doubles many times
    CHECK(index.on_disk());
    std::uint64_t other = 0;
    CHECK(index.insert(42, 100'000, other));
    CHECK_FALSE(index.insert(42, 100'001, other));
    CHECK(other == 100'000);
    // The table file is unnamed: nothing is left in the directory.
    CHECK(std::filesystem::is_empty(dir.root.path));
}
