// Unit tests for provkit/secret.hpp: the pass forms.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "provkit/error.hpp"
#include "provkit/secret.hpp"

TEST_CASE("pass forms") {
    CHECK(provkit::read_secret("pass:s3cret").view() == "s3cret");
    CHECK(provkit::read_secret("pass:").view() == "");
    ::setenv("PROVKIT_TEST_SECRET", "from env", 1);
    CHECK(provkit::read_secret("env:PROVKIT_TEST_SECRET").view() == "from env");
    CHECK_THROWS_AS(provkit::read_secret("env:PROVKIT_TEST_UNSET_VARIABLE"), provkit::Error);

    auto path = std::filesystem::temp_directory_path() / ("provkit-secret-" + std::to_string(::getpid()));
    std::ofstream(path) << "first line\r\nsecond line\n";
    CHECK(provkit::read_secret("file:" + path.string()).view() == "first line");
    std::filesystem::remove(path);

    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    REQUIRE(::write(fds[1], "piped\nrest", 10) == 10);
    ::close(fds[1]);
    CHECK(provkit::read_secret("fd:" + std::to_string(fds[0])).view() == "piped");
    ::close(fds[0]);
}

TEST_CASE("an unknown pass form is a usage error that does not echo the text") {
    try {
        provkit::read_secret("hunter2");
        FAIL("expected an error");
    } catch (const provkit::Error& e) {
        CHECK(e.kind() == provkit::ErrorKind::usage);
        CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
    }
    CHECK_THROWS_AS(provkit::read_secret("fd:x"), provkit::Error);
}

TEST_CASE("a moved-from secret is empty") {
    provkit::Secret a("abc");
    provkit::Secret b(std::move(a));
    CHECK(b.view() == "abc");
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move): the contract says moved-from is empty
}
