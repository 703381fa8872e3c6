// Helpers of the bulk unit tests (test_bulk.cpp, test_bulk_files.cpp): a reporter that keeps
// what it is told, a temporary directory, and decoding a generated file as a phone does.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "provkit/bulk.hpp"
#include "provkit/file_io.hpp"
#include "provkit/gzip.hpp"
#include "provkit/profile_xml.hpp"

namespace bulk_test {

using namespace provkit;
namespace fs = std::filesystem;

struct TestReporter : bulk::Reporter {
    std::vector<std::string> warnings, errors;
    std::vector<bulk::RowResult> rows;
    void warning(const std::string& m) override { warnings.push_back(m); }
    void error(const std::string& m) override { errors.push_back(m); }
    void row(const bulk::RowResult& r) override { rows.push_back(r); }
    const bulk::RowResult& at(std::uint64_t index) const {
        for (const auto& r : rows)
            if (r.index == index) return r;
        FAIL("no result for row " << index);
        return rows.front();
    }
};

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "provkit-bulk-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() { fs::remove_all(path); }
};

inline Profile parse(const std::string& xml) {
    ReadResult r = read_profile_xml(xml, "t.xml");
    REQUIRE(r.ok());
    return r.profile;
}

inline Profile sample() { return parse(read_file(PROVKIT_SOURCE_DIR "/examples/sample-profile.xml")); }

using Params = std::map<std::string, std::pair<std::string, std::string>>;

inline Params params_of(const Profile& p) {
    Params m;
    for (const Param& q : p.params()) m[q.name] = {q.value, q.ua ? std::string(to_string(*q.ua)) : "-"};
    return m;
}

// What a phone reads from a generated file.
inline Profile decode(const fs::path& file, std::string_view key, bool gzip) {
    Bytes data = read_file(file.string());
    if (!key.empty()) data = openssl_enc::decrypt(data, key, openssl_enc::Kdf{});
    if (gzip) data = gzip::decompress(data);  // checks CRC-32 and ISIZE
    return parse(data);
}

inline bulk::Summary run(const Profile& tmpl, const std::string& table, const bulk::Options& o,
                         TestReporter& rep, const std::string& name = "d.csv") {
    DeviceTable t = DeviceTable::from_text(table, name);
    return bulk::run(tmpl, Catalog::builtin(), t, o, rep);
}

inline std::string devices_csv(int n) {
    std::string s = "mac,Display_Name_1_,User_ID_1_,Password_1_,key,user\n";
    for (int i = 0; i < n; ++i) {
        char mac[16];
        std::snprintf(mac, sizeof mac, "0011aa%06x", i);
        s += std::string(mac) + ",\"Name, " + std::to_string(i) + "\"," + std::to_string(1000 + i) + ",pw" +
             std::to_string(i * 7) + ",key-" + std::to_string(i) + ",u" + std::to_string(i) + "\n";
    }
    return s;
}

inline std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

}  // namespace bulk_test
