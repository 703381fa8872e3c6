// Unit tests for provkit/bulk.hpp, the files: nothing outside the output directory, shards,
// the manifest, atomic writes.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "bulk_test_helpers.hpp"
#include "provkit/bulk.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/gzip.hpp"
#include "provkit/profile_xml.hpp"

using namespace provkit;
using namespace bulk_test;
namespace fs = std::filesystem;

TEST_CASE("bulk: file names never leave the output directory") {
    TempDir root;
    const fs::path dir = root.path / "out";
    bulk::Options o;
    o.out_dir = dir;
    o.name = "{{site}}";
    o.keep_going = true;
    const std::string table =
        "mac,site\n001122334401,../escape\n001122334402,/tmp/abs\n001122334403,a/b\n001122334404,.\n"
        "001122334405,..\n001122334406,\"x\ny\"\n001122334407,.provkit-1\n001122334408,\n001122334409,good."
        "cfg\n";
    TestReporter rep;
    const auto s = run(parse("<flat-profile/>"), table, o, rep);
    CHECK(s.failed == 8);
    CHECK(s.written == 1);
    CHECK(listing(root.path) == std::set<std::string>{"out"});
    CHECK(listing(dir) == std::set<std::string>{"good.cfg"});
    for (const auto& r : rep.rows)
        if (r.outcome == bulk::Outcome::failed) CHECK(r.message.rfind("--name: ", 0) == 0);
}

TEST_CASE("bulk: shards cover the table exactly once, with the same files") {
    const Profile tmpl = sample();
    TempDir whole, parts;
    bulk::Options o;
    o.encoding.gzip = true;
    o.out_dir = whole.path;
    TestReporter all;
    run(tmpl, devices_csv(25), o, all);
    std::multiset<std::uint64_t> seen;
    o.out_dir = parts.path;
    o.shards = 3;
    for (std::uint64_t k = 0; k < 3; ++k) {
        o.shard = k;
        TestReporter rep;
        run(tmpl, devices_csv(25), o, rep);
        for (const auto& r : rep.rows) {
            CHECK(r.index % 3 == k);
            seen.insert(r.index);
        }
    }
    CHECK(seen.size() == 25);
    CHECK(std::set<std::uint64_t>(seen.begin(), seen.end()).size() == 25);
    CHECK(listing(whole.path) == listing(parts.path));
    for (const std::string& f : listing(whole.path))
        CHECK(read_file((whole.path / f).string()) == read_file((parts.path / f).string()));
}

TEST_CASE("bulk: the manifest skips unchanged rows and keeps their files untouched") {
    const Profile tmpl = sample();
    TempDir dir;
    const std::string manifest = (dir.path / "manifest.jsonl").string();
    bulk::Options o;
    o.out_dir = dir.path / "cfg";
    o.manifest = manifest;
    o.encoding.gzip = true;
    o.encoding.cipher = bulk::Cipher::openssl;
    o.encoding.key_column = "key";
    std::string table = devices_csv(10);
    TestReporter r1;
    REQUIRE(run(tmpl, table, o, r1).written == 10);
    const Bytes first = read_file(manifest);
    CHECK(std::count(first.begin(), first.end(), '\n') == 10);
    CHECK(first.find("{\"mac\":\"0011aa000000\",\"file\":\"0011aa000000.cfg\",\"sha256\":\"") == 0);
    // Old modification times, so that a rewrite shows.
    for (const std::string& f : listing(o.out_dir)) {
        const struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
        REQUIRE(::utimensat(AT_FDCWD, (o.out_dir / f).c_str(), times, 0) == 0);
    }
    auto mtime = [&](const std::string& f) { return fs::last_write_time(o.out_dir / f); };
    const auto old_time = mtime("0011aa000000.cfg");

    TestReporter r2;
    const auto s2 = run(tmpl, table, o, r2);
    CHECK(s2.unchanged == 10);
    CHECK(s2.written == 0);
    CHECK(mtime("0011aa000003.cfg") == old_time);
    CHECK(read_file(manifest) == first);

    // One value changed, one key changed, one file tampered with, one removed: those four only.
    table.replace(table.find("Name, 1\""), 8, "Name, X\"");
    table.replace(table.find("key-2,"), 6, "key-Z,");
    write_file_atomic(o.out_dir / "0011aa000003.cfg", "tampered");
    fs::remove(o.out_dir / "0011aa000004.cfg");
    TestReporter r3;
    const auto s3 = run(tmpl, table, o, r3);
    CHECK(s3.written == 4);
    CHECK(s3.unchanged == 6);
    for (int i : {1, 2, 3, 4}) CHECK(r3.at(std::uint64_t(i)).outcome == bulk::Outcome::written);
    CHECK(mtime("0011aa000005.cfg") == old_time);
    CHECK(decode(o.out_dir / "0011aa000002.cfg", "key-Z", true).find("User_ID_1_")->value == "1002");

    SUBCASE("a file that is not a manifest is never replaced") {
        write_file_atomic(manifest, "mac,file\n");
        TestReporter r4;
        CHECK_THROWS_WITH(run(tmpl, table, o, r4), doctest::Contains("not a provkit manifest line"));
        CHECK(read_file(manifest) == "mac,file\n");
    }
}

TEST_CASE("bulk: files appear whole, keep their mode, and links are not replaced") {
    TempDir dir;
    bulk::Options o;
    o.out_dir = dir.path;
    o.keep_going = true;
    write_file_atomic(dir.path / "001122334401.cfg", "old");
    ::chmod((dir.path / "001122334401.cfg").c_str(), 0640);
    write_file_atomic(dir.path / "target", "precious");
    fs::create_symlink(dir.path / "target", dir.path / "001122334402.cfg");
    TestReporter rep;
    const auto s = run(parse("<flat-profile><GPP_A>a</GPP_A></flat-profile>"),
                       "mac\n001122334401\n001122334402\n", o, rep);
    CHECK(s.written == 1);
    CHECK(rep.at(1).message.find("is a symbolic link") != std::string::npos);
    CHECK(read_file((dir.path / "target").string()) == "precious");
    CHECK((fs::status(dir.path / "001122334401.cfg").permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(listing(dir.path) == std::set<std::string>{"001122334401.cfg", "001122334402.cfg", "target"});
}
