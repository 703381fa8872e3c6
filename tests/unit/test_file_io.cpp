// Unit tests for provkit/file_io.hpp: whole-file reads and atomic writes.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "provkit/error.hpp"
#include "provkit/file_io.hpp"

namespace fs = std::filesystem;

namespace {
fs::path fresh_dir() {
    fs::path dir = fs::temp_directory_path() / ("provkit-unit-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}
}  // namespace

TEST_CASE("write_file_atomic creates, replaces and keeps the mode") {
    fs::path dir = fresh_dir();
    fs::path out = dir / "out.cfg";
    provkit::write_file_atomic(out, "first");
    CHECK(provkit::read_file(out.string()) == "first");
    ::chmod(out.c_str(), 0640);
    provkit::write_file_atomic(out, std::string("second\0binary", 13));
    CHECK(provkit::read_file(out.string()) == std::string("second\0binary", 13));
    struct stat st {};
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temp left
    fs::remove_all(dir);
}

TEST_CASE("write_file_atomic leaves the old file when it cannot write") {
    fs::path dir = fresh_dir();
    CHECK_THROWS_AS(provkit::write_file_atomic(dir / "missing-dir" / "x", "data"), provkit::Error);
    fs::create_directories(dir / "a-directory");
    CHECK_THROWS_AS(provkit::write_file_atomic(dir / "a-directory", "data"), provkit::Error);
    CHECK(fs::is_directory(dir / "a-directory"));
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    fs::remove_all(dir);
}

TEST_CASE("read_file names the file and enforces the size cap") {
    fs::path dir = fresh_dir();
    try {
        provkit::read_file((dir / "nope").string());
        FAIL("expected an error");
    } catch (const provkit::Error& e) {
        CHECK(std::string(e.what()).find("nope") != std::string::npos);
        CHECK(e.kind() == provkit::ErrorKind::io);
    }
    std::ofstream(dir / "big") << std::string(100, 'x');
    CHECK_THROWS_AS(provkit::read_file((dir / "big").string(), 99), provkit::Error);
    CHECK(provkit::read_file((dir / "big").string(), 100).size() == 100);
    fs::remove_all(dir);
}
