// Unit tests for provkit/bulk.hpp: profiles made from the shared compressed prefix equal the
// naive ones, encryption equals openssl_enc's, row checks, name patterns, JSON Lines.
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
