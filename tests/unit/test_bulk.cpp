// Unit tests for provkit/bulk.hpp: profiles made from the shared compressed prefix equal the
// naive ones, encryption equals openssl_enc's, bad rows, path safety, shards, the manifest.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "provkit/bulk.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/gzip.hpp"
#include "provkit/profile_xml.hpp"

using namespace provkit;
namespace fs = std::filesystem;

namespace {

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

Profile parse(const std::string& xml) {
    ReadResult r = read_profile_xml(xml, "t.xml");
    REQUIRE(r.ok());
    return r.profile;
}

Profile sample() { return parse(read_file(PROVKIT_SOURCE_DIR "/examples/sample-profile.xml")); }

using Params = std::map<std::string, std::pair<std::string, std::string>>;

Params params_of(const Profile& p) {
    Params m;
    for (const Param& q : p.params()) m[q.name] = {q.value, q.ua ? std::string(to_string(*q.ua)) : "-"};
    return m;
}

// What a phone reads from a generated file.
Profile decode(const fs::path& file, std::string_view key, bool gzip) {
    Bytes data = read_file(file.string());
    if (!key.empty()) data = openssl_enc::decrypt(data, key, openssl_enc::Kdf{});
    if (gzip) data = gzip::decompress(data);  // checks CRC-32 and ISIZE
    return parse(data);
}

bulk::Summary run(const Profile& tmpl, const std::string& table, const bulk::Options& o, TestReporter& rep,
                  const std::string& name = "d.csv") {
    DeviceTable t = DeviceTable::from_text(table, name);
    return bulk::run(tmpl, Catalog::builtin(), t, o, rep);
}

std::string devices_csv(int n) {
    std::string s = "mac,Display_Name_1_,User_ID_1_,Password_1_,key,user\n";
    for (int i = 0; i < n; ++i) {
        char mac[16];
        std::snprintf(mac, sizeof mac, "0011aa%06x", i);
        s += std::string(mac) + ",\"Name, " + std::to_string(i) + "\"," + std::to_string(1000 + i) + ",pw" +
             std::to_string(i * 7) + ",key-" + std::to_string(i) + ",u" + std::to_string(i) + "\n";
    }
    return s;
}

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

}  // namespace

TEST_CASE("bulk: resumed deflate and the naive path give the same parameters, per-device keys") {
    Profile tmpl = sample();
    tmpl.set("Station_Name", "Phone {{ user }} of $MA / {{mac}}", std::nullopt, {});  // $MA is the phone's
    TempDir fast, naive;
    bulk::Options o;
    o.encoding.gzip = true;
    o.encoding.cipher = bulk::Cipher::openssl;
    o.encoding.key_column = "key";
    o.jobs = 2;
    TestReporter r1, r2;
    o.out_dir = fast.path;
    const auto s1 = run(tmpl, devices_csv(40), o, r1);
    o.out_dir = naive.path;
    o.keep_order = true;
    const auto s2 = run(tmpl, devices_csv(40), o, r2);
    CHECK(s1.written == 40);
    CHECK(s2.written == 40);
    CHECK(r1.warnings.empty());
    for (int i = 0; i < 40; ++i) {
        char mac[16];
        std::snprintf(mac, sizeof mac, "0011aa%06x", i);
        const std::string file = std::string(mac) + ".cfg", key = "key-" + std::to_string(i);
        const Profile a = decode(fast.path / file, key, true), b = decode(naive.path / file, key, true);
        CHECK(params_of(a) == params_of(b));
        CHECK(a.find("Display_Name_1_")->value == "Name, " + std::to_string(i));
        CHECK(a.find("Password_1_")->value == "pw" + std::to_string(i * 7));
        CHECK(a.find("Station_Name")->value == "Phone u" + std::to_string(i) + " of $MA / " + mac);
        CHECK(a.find("Resync_Periodic")->value == tmpl.find("Resync_Periodic")->value);
        CHECK(a.size() == tmpl.size() + 1);  // Password_1_ is not in the sample: added
        // keep_order keeps the template's order; the fast path puts the varying ones last.
        CHECK(b.params()[0].name == tmpl.params()[0].name);
        CHECK(b.params()[b.size() - 1].name == "Password_1_");
        CHECK_THROWS_AS(decode(fast.path / file, "key-x", true), Error);  // only its own key opens it
    }
}

TEST_CASE("bulk: with a fixed salt the file is what openssl_enc::encrypt makes, for every derivation") {
    const Profile tmpl = parse("<flat-profile><GPP_A>a</GPP_A><GPP_B ua=\"rw\">{{x}}</GPP_B></flat-profile>");
    Profile expected = tmpl;
    expected.set("GPP_B", "hello", std::nullopt, {});
    openssl_enc::Kdf sha256;
    sha256.digest = "sha256";
    openssl_enc::Kdf sha512_pbkdf2;
    sha512_pbkdf2.digest = "sha512";
    sha512_pbkdf2.pbkdf2 = true;
    sha512_pbkdf2.iterations = 1000;
    for (const openssl_enc::Kdf& kdf : {openssl_enc::Kdf{}, sha256, sha512_pbkdf2}) {
        CAPTURE(kdf.digest);
        TempDir dir;
        bulk::Options o;
        o.out_dir = dir.path;
        o.keep_order = true;
        o.encoding.gzip = true;
        o.encoding.cipher = bulk::Cipher::openssl;
        o.encoding.kdf = kdf;
        o.encoding.key = "one key";
        o.encoding.salt = openssl_enc::Salt{1, 2, 3, 4, 5, 6, 7, 8};
        TestReporter rep;
        REQUIRE(run(tmpl, "mac,x\n001122334455,hello\n", o, rep).written == 1);
        const Bytes want = openssl_enc::encrypt(gzip::compress(write_profile_xml(expected)), "one key", kdf,
                                                o.encoding.salt);
        CHECK(read_file((dir.path / "001122334455.cfg").string()) == want);
    }
}

TEST_CASE("bulk: a template larger than the deflate window, without encryption") {
    Profile tmpl;
    for (int i = 0; i < 3000; ++i)
        tmpl.set("GPP_X" + std::to_string(i), "value " + std::to_string(i * 7919 % 1000), std::nullopt, {});
    tmpl.set("GPP_A", "{{a}}", UserAccess::ro, {});
    TempDir fast;
    bulk::Options o;
    o.out_dir = fast.path;
    o.encoding.gzip = true;
    TestReporter rep;
    REQUIRE(run(tmpl, "mac,a\n001122334455,first\n001122334456,second\n", o, rep).written == 2);
    const Profile p = decode(fast.path / "001122334456.cfg", "", true);
    Profile expected = tmpl;
    expected.set("GPP_A", "second", std::nullopt, {});
    CHECK(params_of(p) == params_of(expected));
    CHECK(p.find("GPP_A")->ua == UserAccess::ro);
}

TEST_CASE("bulk: bad rows are reported with their row and line and not written") {
    const Profile tmpl = parse("<flat-profile><Resync_Periodic>3600</Resync_Periodic></flat-profile>");
    const std::string table =
        "mac,Resync_Periodic,Display_Name_1_,Password_1_,site\n"
        "001122334455,7200,ok,,s\n"         // row 1: fine
        "nonsense,7200,x,,s\n"              // row 2: bad mac
        "001122334456,often,x,,s\n"         // row 3: not a schedule
        "001122334457,7200,x\n"             // row 4: wrong field count
        "00:11:22:33:44:55,7200,dup,,s\n"   // row 5: the same file as row 1
        "001122334458,7200,\"a\x01\",,s\n"  // row 6: a control character
        "001122334459,,fine,,s\n";          // row 7: fine (empty cell: the template's value)
    TempDir dir;
    bulk::Options o;
    o.out_dir = dir.path;
    o.keep_going = true;
    TestReporter rep;
    const auto s = run(tmpl, table, o, rep);
    CHECK(s.rows == 7);
    CHECK(s.written == 2);
    CHECK(s.failed == 5);
    CHECK(rep.at(1).message.find("is not a MAC address") != std::string::npos);
    CHECK(rep.at(1).line == 3);
    CHECK(rep.at(2).message.find("Resync_Periodic") != std::string::npos);
    CHECK(rep.at(3).message == "has 3 fields; the header has 5");
    CHECK(rep.at(4).message.find("also the file of row 1") != std::string::npos);
    CHECK(rep.at(5).message.find("cannot be written as XML") != std::string::npos);
    CHECK(listing(dir.path) == std::set<std::string>{"001122334455.cfg", "001122334459.cfg"});
    CHECK(decode(dir.path / "001122334459.cfg", "", false).find("Resync_Periodic")->value == "3600");

    SUBCASE("without keep_going the run stops at the first failed row") {
        TempDir d2;
        o.out_dir = d2.path;
        o.keep_going = false;
        o.jobs = 1;
        TestReporter r2;
        const auto s2 = run(tmpl, table, o, r2);
        CHECK(s2.stopped);
        CHECK(s2.failed >= 1);
        CHECK(r2.rows.back().index >= 1);
        CHECK(fs::exists(d2.path / "001122334455.cfg"));
        CHECK_FALSE(fs::exists(d2.path / "001122334459.cfg"));
    }
}

TEST_CASE("bulk: a secret value is never echoed in a message") {
    Catalog site = Catalog::builtin();
    site.merge(Catalog::parse("Password_1_\tstr:4\tna\t\tsecret\n", "site.tsv"));
    TempDir dir;
    bulk::Options o;
    o.out_dir = dir.path;
    TestReporter rep;
    DeviceTable t = DeviceTable::from_text("mac,Password_1_\n001122334455,hunter2-long\n", "d.csv");
    bulk::run(parse("<flat-profile/>"), site, t, o, rep);
    REQUIRE(rep.rows.size() == 1);
    CHECK(rep.rows[0].outcome == bulk::Outcome::failed);
    CHECK(rep.rows[0].message.find("hunter2") == std::string::npos);
    CHECK(rep.rows[0].message.find("does not fit the type of Password_1_ (str:4) [value-type]") !=
          std::string::npos);
    REQUIRE(rep.warnings.size() == 1);  // and the profiles would carry it unencrypted
    CHECK(rep.warnings[0].find("carry Password_1_, a secret, unencrypted") != std::string::npos);
}

TEST_CASE("bulk: rows are checked as lint checks values: rule syntax, typographic quotes") {
    const Profile tmpl = parse("<flat-profile><Profile_Rule>{{rule}}</Profile_Rule></flat-profile>");
    TempDir dir;
    bulk::Options o;
    o.out_dir = dir.path;
    o.keep_going = true;
    TestReporter rep;
    const auto s = run(tmpl,
                       "mac,rule,Resync_On_Reset\n"
                       "001122334401,( $PN == SPA962 )? /a.cfg,Yes\n"
                       "001122334402,/b.cfg,\xE2\x80\x9CYes\xE2\x80\x9D\n"
                       "001122334403,\"( $PN eq \"\"SPA962\"\" )? /c.cfg\",No\n",
                       o, rep);
    CHECK(s.written == 1);
    CHECK(rep.at(0).message.find("Profile_Rule: 'SPA962' is neither an integer nor a version") !=
          std::string::npos);
    CHECK(rep.at(0).message.find("[rule-syntax]") != std::string::npos);
    CHECK(rep.at(1).message.find("[typographic]") != std::string::npos);
    CHECK(rep.at(2).outcome == bulk::Outcome::written);
}

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

TEST_CASE("bulk: name patterns") {
    TempDir dir;
    bulk::Options o;
    o.out_dir = dir.path;
    o.name = "SEP$MAU-$(MA)$$.{{ext}}";
    TestReporter rep;
    run(parse("<flat-profile/>"), "mac,ext\n00:1a:2b:3c:4d:5e,xml\n", o, rep);
    CHECK(listing(dir.path) == std::set<std::string>{"SEP001A2B3C4D5E-001a2b3c4d5e$.xml"});
    for (const char* bad : {"$PN.cfg", "$MAC.cfg", "{{x.cfg", "{{}}.cfg", ""}) {
        o.name = bad;
        CHECK_THROWS_AS(run(parse("<flat-profile/>"), "mac\n001a2b3c4d5e\n", o, rep), Error);
    }
}

TEST_CASE("bulk: checks before any row") {
    TempDir root;
    bulk::Options o;
    o.out_dir = root.path / "never";
    TestReporter rep;
    CHECK_THROWS_WITH(run(parse("<flat-profile/>"), "MAC,x\n1,2\n", o, rep),
                      doctest::Contains("no \"mac\" column"));
    CHECK_THROWS_WITH(run(parse("<flat-profile><GPP_A>{{nope}}</GPP_A></flat-profile>"), "mac\n1\n", o, rep),
                      doctest::Contains("no column \"nope\" for {{nope}}"));
    CHECK_THROWS_WITH(run(parse("<flat-profile><GPP_A>{{open</GPP_A></flat-profile>"), "mac\n1\n", o, rep),
                      doctest::Contains("t.xml:1:15: GPP_A: \"{{\" without a closing"));
    CHECK_THROWS_WITH(run(parse("<flat-profile><Resync_On_Reset>Maybe</Resync_On_Reset></flat-profile>"),
                          "mac\n1\n", o, rep),
                      doctest::Contains("fails the value checks"));
    CHECK(rep.errors.back().find("Resync_On_Reset: \"Maybe\" is not a Bool") != std::string::npos);
    o.encoding.cipher = bulk::Cipher::openssl;
    o.encoding.key_column = "key";
    CHECK_THROWS_WITH(
        run(parse("<flat-profile><GPP_A>{{key}}</GPP_A></flat-profile>"), "mac,key\n1,k\n", o, rep),
        doctest::Contains("a key never goes into a profile"));
    CHECK_FALSE(fs::exists(root.path / "never"));
}

TEST_CASE("bulk: JSON Lines rows with different keys") {
    const Profile tmpl = parse("<flat-profile><GPP_A>tmpl</GPP_A><GPP_B>b</GPP_B></flat-profile>");
    TempDir dir;
    bulk::Options o;
    o.out_dir = dir.path;
    o.encoding.gzip = true;
    TestReporter rep;
    const auto s = run(tmpl,
                       "{\"mac\":\"001122334401\",\"GPP_A\":\"one\",\"GPP_C\":3}\n"
                       "{\"mac\":\"001122334402\",\"GPP_A\":null,\"note\":\"x\"}\n"
                       "{\"mac\":\"001122334403\",\"GPP_B\":\"bee\"}\n",
                       o, rep, "d.jsonl");
    CHECK(s.written == 3);
    const Profile p1 = decode(dir.path / "001122334401.cfg", "", true);
    CHECK(p1.find("GPP_A")->value == "one");
    CHECK(p1.find("GPP_C")->value == "3");
    const Profile p2 = decode(dir.path / "001122334402.cfg", "", true);
    CHECK(params_of(p2) == params_of(tmpl));
    const Profile p3 = decode(dir.path / "001122334403.cfg", "", true);
    CHECK(p3.find("GPP_B")->value == "bee");
    CHECK(rep.warnings.size() == 1);  // "note" sets nothing
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

TEST_CASE("bulk: aes128gcm with one key and with a key per device") {
    const Profile tmpl = parse("<flat-profile><GPP_A>{{a}}</GPP_A><GPP_B>b</GPP_B></flat-profile>");
    for (bool per_device : {false, true}) {
        TempDir dir;
        bulk::Options o;
        o.out_dir = dir.path;
        o.encoding.gzip = true;
        o.encoding.cipher = bulk::Cipher::aes128gcm;
        o.encoding.gcm.record_size = 100;  // several records
        if (per_device)
            o.encoding.key_column = "key";
        else
            o.encoding.key = "shared";
        TestReporter rep;
        REQUIRE(run(tmpl, "mac,a,key\n001122334401,one,k1\n001122334402,two,k2\n", o, rep).written == 2);
        const Bytes file = read_file((dir.path / "001122334402.cfg").string());
        const Bytes plain = gzip::decompress(aes128gcm::decrypt(file, per_device ? "k2" : "shared"));
        CHECK(parse(plain).find("GPP_A")->value == "two");
        CHECK_THROWS_AS(aes128gcm::decrypt(file, "k1"), Error);
    }
}
