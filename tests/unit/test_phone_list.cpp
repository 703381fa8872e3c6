// --phones lists (phone_list.hpp).
#include <doctest/doctest.h>

#include "provkit/error.hpp"
#include "provkit/phone_list.hpp"

using namespace provkit;

TEST_CASE("one phone a line, comments and blank lines skipped") {
    auto list = parse_phone_list("# fleet\n192.168.1.10\n\n   # indented comment\n  192.168.1.11:8080  \r\n", "f.txt");
    REQUIRE(list.size() == 2);
    CHECK(list[0].phone == "192.168.1.10");
    CHECK(list[0].line == 2);
    CHECK_FALSE(list[0].user);
    CHECK(list[1].phone == "192.168.1.11:8080");
    CHECK(list[1].line == 5);
}

TEST_CASE("CSV fields; empty ones fall back, the URL keeps its commas") {
    auto list = parse_phone_list(
        "10.0.0.1,admin,env:PW1,[--key \"a,b\"] http://p/$MA.cfg\n"
        "10.0.0.2,,file:pw.txt\n"
        "10.0.0.3, ops ,, http://p/x.cfg\n"
        "10.0.0.4,\n",
        "f.csv");
    REQUIRE(list.size() == 4);
    CHECK(*list[0].user == "admin");
    CHECK(*list[0].password_spec == "env:PW1");
    CHECK(*list[0].url == "[--key \"a,b\"] http://p/$MA.cfg");
    CHECK_FALSE(list[1].user);
    CHECK(*list[1].password_spec == "file:pw.txt");
    CHECK_FALSE(list[1].url);
    CHECK(*list[2].user == "ops");
    CHECK_FALSE(list[2].password_spec);
    CHECK(*list[2].url == "http://p/x.cfg");
    CHECK_FALSE(list[3].user);
}

TEST_CASE("errors name the file, line and column") {
    try {
        parse_phone_list("10.0.0.1\n  http://10.0.0.2,admin\n", "fleet.csv");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::input);
        CHECK(std::string(e.what()).rfind("fleet.csv:2:3: ", 0) == 0);
    }
    CHECK_THROWS_AS(parse_phone_list("# only comments\n\n", "empty.txt"), Error);
    CHECK_THROWS_AS(parse_phone_list("", "empty.txt"), Error);
}
