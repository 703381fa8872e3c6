// Phone requests as the guide shows them: URLs, credentials, curl -d bodies, the Execute
// object, upgrade URL checks, and display forms without passwords.
#include <doctest/doctest.h>

#include "provkit/error.hpp"
#include "provkit/phone_request.hpp"

using namespace provkit;
using namespace provkit::phone;

namespace {

// RFC 3986 percent-decoding, as a phone decodes its query.
std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

Credentials query_credentials(const std::string& password) {
    Credentials c;
    c.user = "admin";
    c.password = std::make_shared<const Secret>(password);
    return c;
}

Endpoint endpoint(const std::string& phone = "192.168.1.10") {
    Endpoint e;
    e.phone = phone;
    return e;
}

}  // namespace

TEST_CASE("encode_rule keeps URL punctuation and macros, encodes the rest, and decodes back exactly") {
    CHECK(encode_rule("https://prov.example.com/cisco/$MA.cfg") == "https://prov.example.com/cisco/$MA.cfg");
    CHECK(encode_rule("[--key \"a b\"] https://p/x.cfg") == "%5B--key%20%22a%20b%22%5D%20https://p/x.cfg");
    CHECK(encode_rule("https://secure.me.com/profile?Linksys") == "https://secure.me.com/profile?Linksys");
    CHECK(encode_rule("a&b+c%d#e") == "a%26b%2Bc%25d%23e");
    CHECK(encode_rule("<>\\^`{|}\x7f\x01") == "%3C%3E%5C%5E%60%7B%7C%7D%7F%01");
    CHECK(encode_rule("caf\xc3\xa9") == "caf%C3%A9");
    for (std::string rule : {"[--uid admin --pwd 555]http://x/$MA.xml", "tftp://1.2.3.4/a b/c%20d.cfg",
                             "[--key \"my secret phrase\"] https://p/$PN/$MA.cfg?x=1&y=2", "\xe2\x80\x9cq\xe2\x80\x9d"}) {
        const std::string encoded = encode_rule(rule);
        for (char c : std::string_view(" \"[]<>&+#")) CHECK(encoded.find(c) == std::string::npos);
        CHECK(percent_decode(encoded) == rule);
    }
}

TEST_CASE("resync URL: the guide's form with query credentials") {
    PhoneRequest r = resync_request(endpoint(), "https://prov.supervoip.com/cisco-init/1234abcd", false,
                                    query_credentials("p&w d"));
    CHECK(r.http.method == "GET");
    CHECK(r.http.url.view() ==
          "http://192.168.1.10/admin/resync?https://prov.supervoip.com/cisco-init/1234abcd&xuser=admin&xpassword=p%26w%20d");
    CHECK(r.http.auth == HttpAuth::none);
    CHECK(r.display == "GET http://192.168.1.10/admin/resync?https://prov.supervoip.com/cisco-init/1234abcd"
                       "&xuser=admin&xpassword=***\n");
}

TEST_CASE("resync without a rule, without credentials, over https") {
    Endpoint e = endpoint("phone.example.com:8443");
    e.https = true;
    CHECK(resync_request(e, "", false, Credentials{}).http.url.view() == "https://phone.example.com:8443/admin/resync");
    CHECK(resync_request(endpoint(), "", false, query_credentials("pw")).http.url.view() ==
          "http://192.168.1.10/admin/resync&xuser=admin&xpassword=pw");
}

TEST_CASE("basic and digest credentials leave the URL clean") {
    for (CredentialMode mode : {CredentialMode::basic, CredentialMode::digest}) {
        Credentials c = query_credentials("sekrit");
        c.mode = mode;
        PhoneRequest r = resync_request(endpoint(), "http://x/$MA.cfg", false, c);
        CHECK(r.http.url.view() == "http://192.168.1.10/admin/resync?http://x/$MA.cfg");
        CHECK(r.http.auth == (mode == CredentialMode::basic ? HttpAuth::basic : HttpAuth::digest));
        CHECK(r.http.user == "admin");
        CHECK(r.http.password->view() == "sekrit");
        CHECK(r.display.find("Authorization: ") != std::string::npos);
        CHECK(r.display.find("sekrit") == std::string::npos);
    }
}

TEST_CASE("the display never holds the password or a rule's key") {
    PhoneRequest r = resync_request(endpoint(), "[--key \"top secret\" --uid u --pwd hunter2] http://x/$MA", false,
                                    query_credentials("admin-pw"));
    CHECK(r.display.find("admin-pw") == std::string::npos);
    CHECK(r.display.find("secret") == std::string::npos);
    CHECK(r.display.find("hunter2") == std::string::npos);
    CHECK(r.display.find("--uid%20u") != std::string::npos);
    CHECK(std::string(r.http.url.view()).find("hunter2") != std::string::npos);  // it is sent, only not shown
}

TEST_CASE("--raw-url sends the rule verbatim, refusing what cannot be sent") {
    PhoneRequest r = resync_request(endpoint(), "%5B--key+k%5Dhttp://x/[y]", true, Credentials{});
    CHECK(r.http.url.view() == "http://192.168.1.10/admin/resync?%5B--key+k%5Dhttp://x/[y]");
    CHECK_THROWS_AS(resync_request(endpoint(), "[--key a] http://x", true, Credentials{}), Error);
    CHECK_THROWS_AS(check_raw_target("http://x/#frag"), Error);
    CHECK_THROWS_AS(check_raw_target("http://x/caf\xc3\xa9"), Error);
    CHECK_NOTHROW(check_raw_target("http://x/$MA.cfg?a=1&b=2"));
}

TEST_CASE("curl_data_from_file matches curl 7.88's -d @file") {
    CHECK(curl_data_from_file("<a>\n  <b>1</b>\r\n</a>\n") == "<a>  <b>1</b></a>");
    // Measured with curl 7.88.1: a lone CR drops the rest of its fgets chunk, NUL likewise.
    CHECK(curl_data_from_file(std::string("line1\r\nli\rne2\nline3")) == "line1liline3");
    CHECK(curl_data_from_file(std::string("ab\0cd\nef\n", 9)) == "abef");
    const std::string a300(300, 'A'), c300(300, 'C');
    CHECK(curl_data_from_file(a300 + "\rBBB" + c300 + "\ntail") == std::string(300, 'A') + std::string(94, 'C') + "tail");
    CHECK(curl_data_from_file(std::string(2000, 'x')) == std::string(2000, 'x'));
    CHECK(curl_data_from_file("") == "");
}

TEST_CASE("config upload: the guide's curl -d request") {
    PhoneRequest r = config_upload_request(endpoint("192.168.15.1"), "<flat-profile>\n<A>1</A>\n</flat-profile>\n",
                                           "my_config.xml", query_credentials("admin"));
    CHECK(r.http.method == "POST");
    CHECK(r.http.url.view() == "http://192.168.15.1/admin/config.xml&xuser=admin&xpassword=admin");
    CHECK(r.http.body == "<flat-profile><A>1</A></flat-profile>");
    CHECK(r.http.headers.empty());  // libcurl adds Content-Type: application/x-www-form-urlencoded, as curl does
    CHECK(r.display.find("Content-Type: application/x-www-form-urlencoded\nContent-Length: 37\n") != std::string::npos);
    CHECK(r.display.find("xpassword=***") != std::string::npos);
}

TEST_CASE("the Cisco XML Execute object") {
    CHECK(model_name("7832") == "CP-7832-3PCC");
    CHECK(model_name("cp-8845-3pcc") == "CP-8845-3PCC");
    CHECK(model_name("CP-6821") == "CP-6821-3PCC");
    CHECK_THROWS_AS(model_name("x8xx"), Error);
    CHECK_THROWS_AS(model_name("78321"), Error);
    CHECK(execute_object("CP-7832-3PCC", "http://p/$MA.cfg") ==
          "<CP-7832-3PCCExecute><ExecuteItem URL=\"Resync:http://p/$MA.cfg\"/></CP-7832-3PCCExecute>");
    CHECK(execute_object("CP-7832-3PCC", "[--key \"a&b\"] http://p/<x>") ==
          "<CP-7832-3PCCExecute><ExecuteItem URL=\"Resync:[--key &quot;a&amp;b&quot;] http://p/&lt;x>\"/>"
          "</CP-7832-3PCCExecute>");
    Credentials c = query_credentials("pw");
    c.mode = CredentialMode::basic;
    PhoneRequest r = execute_resync_request(endpoint(), "CP-7832-3PCC", "http://p/a b", c);
    CHECK(r.http.method == "POST");
    CHECK(r.http.url.view() == "http://192.168.1.10/CGI/Execute");
    CHECK(r.http.body ==
          "XML=%3CCP-7832-3PCCExecute%3E%3CExecuteItem+URL%3D%22Resync%3Ahttp%3A%2F%2Fp%2Fa+b%22%2F%3E%3C%2FCP-7832-"
          "3PCCExecute%3E");
}

TEST_CASE("upgrade URLs are checked as the guide requires") {
    CHECK(check_upgrade_url("http://fw.example.com/sip7832.11-0-1MPP-0123.loads").empty());
    CHECK(check_upgrade_url("tftp://192.168.1.5/image/sip7832.11-0-1MPP-BN.loads").empty());
    CHECK(check_upgrade_url("https://fw:8443/a/b.loads?x=1").empty());
    CHECK(check_upgrade_url("http://fw/firmware.bin").size() == 1);
    for (std::string bad : {"", "/image/x.loads", "fw.example.com/x.loads", "ftp://fw/x.loads", "http:///x.loads",
                            "http://fw", "http://fw/", "http://fw/dir/", "[--key k] http://fw/x.loads",
                            "($SWVER ne sip78xx.11-0-0MPP)? http://fw/x.loads", "http://u:p@fw/x.loads",
                            "http://fw:99999/x.loads"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(check_upgrade_url(bad), Error);
    }
    PhoneRequest r = upgrade_request(endpoint(), "http://fw/sip7832.11-0-1MPP-BN (BN==Build Number).loads", false,
                                     query_credentials("pw"));
    CHECK(r.http.url.view() ==
          "http://192.168.1.10/admin/upgrade?http://fw/sip7832.11-0-1MPP-BN%20(BN==Build%20Number).loads"
          "&xuser=admin&xpassword=pw");
}

TEST_CASE("phone addresses") {
    for (std::string ok : {"192.168.1.10", "192.168.1.10:8080", "phone-1.example.com", "[::1]", "[fe80::1]:80",
                           "127.0.0.2:65535"})
        CHECK_NOTHROW(check_phone_address(ok));
    for (std::string bad : {"", "http://192.168.1.10", "192.168.1.10/admin", "admin@1.2.3.4", "1.2.3.4:0",
                            "1.2.3.4:65536", "1.2.3.4:", "a b", "[::1", "::1", "host:port"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(check_phone_address(bad), Error);
    }
}
