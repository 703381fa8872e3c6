// Unit tests for URL splitting (guide ch. 2 "URL Syntax"), with every URL example of the guide.
#include <doctest/doctest.h>

#include "provkit/rule.hpp"

using provkit::split_url;

namespace {
void check_url(const char* text, const char* scheme, const char* host, unsigned port, const char* path) {
    INFO(text);
    provkit::Url u = split_url(text, 1);
    CHECK(u.text == text);
    CHECK(u.scheme == scheme);
    CHECK(u.host == host);
    CHECK(u.port == port);
    CHECK(u.path == path);
    CHECK_FALSE(u.host_from_dhcp);
}

std::size_t error_column(const char* text, std::size_t column = 1) {
    try {
        split_url(text, column);
    } catch (const provkit::RuleError& e) {
        return e.column();
    }
    FAIL("no error for " << text);
    return 0;
}
}  // namespace

TEST_CASE("guide ch. 2 URL Syntax: the valid URL examples (after macro expansion)") {
    check_url("/000e08012345.cfg", "tftp", "", 69, "/000e08012345.cfg");  // /$MA.cfg
    check_url("/cisco/sip78xx.11-0-0MPP-BN (BN==Build Number).loads", "tftp", "", 69,
              "/cisco/sip78xx.11-0-0MPP-BN (BN==Build Number).loads");
    check_url("192.168.1.130/profiles/init.cfg", "tftp", "192.168.1.130", 69, "/profiles/init.cfg");
    check_url("tftp://prov.call.com/cpe/cisco000e08012345.cfg", "tftp", "prov.call.com", 69,
              "/cpe/cisco000e08012345.cfg");
    check_url("http://neptune.speak.net:8080/prov/d/e.cfg", "http", "neptune.speak.net", 8080, "/prov/d/e.cfg");
    check_url("https://secure.me.com/profile?Linksys", "https", "secure.me.com", 443, "/profile?Linksys");
}

TEST_CASE("guide URLs of ch. 2, 4 and 5 profile and upgrade rules") {
    check_url("tftp://prov.telco.com:6900/cisco/config/CP_x8xx_MPP.cfg", "tftp", "prov.telco.com", 6900,
              "/cisco/config/CP_x8xx_MPP.cfg");
    check_url("http://prov.telco.com/path/profile.cfg", "http", "prov.telco.com", 80, "/path/profile.cfg");
    check_url("http://192.168.1.200/basic.txt", "http", "192.168.1.200", 80, "/basic.txt");
    check_url("https://my.server.com/basic.txt", "https", "my.server.com", 443, "/basic.txt");
    check_url("https://prov.server.com/cgi-bin/reflect.pl?", "https", "prov.server.com", 443, "/cgi-bin/reflect.pl?");
    check_url("tftp://192.168.1.200/basic.txt.gz", "tftp", "192.168.1.200", 69, "/basic.txt.gz");
    check_url("tftp://192.168.1.200/basic2.txt", "tftp", "192.168.1.200", 69, "/basic2.txt");
    check_url("https://provisioning_server_url/path_to_your_config/your_config.xml", "https",
              "provisioning_server_url", 443, "/path_to_your_config/your_config.xml");
    check_url("tftp://192.168.1.5/image/sip7832.11-0-1MPP-BN.loads", "tftp", "192.168.1.5", 69,
              "/image/sip7832.11-0-1MPP-BN.loads");
    check_url("http://p.tel.com/lost-reg?", "http", "p.tel.com", 80, "/lost-reg?");
    check_url("HTTPS://P.tel.com/x", "https", "P.tel.com", 443, "/x");
    check_url("http://[2001:db8::1]:8080/x.cfg", "http", "[2001:db8::1]", 8080, "/x.cfg");
    check_url("/cgi?u=http://x/y", "tftp", "", 69, "/cgi?u=http://x/y");
}

TEST_CASE("a missing server is the DHCP option-66 TFTP server") {
    provkit::Url u = split_url("/000e08012345.cfg", 1, "10.0.0.66");
    CHECK(u.host == "10.0.0.66");
    CHECK(u.host_from_dhcp);
    CHECK(u.port == 69);
    u = split_url("/x.cfg", 1, "tftp.example:1069");
    CHECK(u.host == "tftp.example");
    CHECK(u.port == 1069);
    u = split_url("http:///x.cfg", 1, "10.0.0.66");
    CHECK(u.scheme == "http");
    CHECK(u.port == 80);
    u = split_url("prov/x.cfg", 1, "10.0.0.66");  // a server in the URL wins
    CHECK(u.host == "prov");
    CHECK_FALSE(u.host_from_dhcp);
}

TEST_CASE("URL errors point at their column") {
    // The guide's typo "tftp://prov.telco.com: 6900/..." (ch. 2 Element Tag Properties).
    CHECK(error_column("tftp://prov.telco.com: 6900/cisco/config/CP_x8xx_MPP.cfg") == 23);
    CHECK(error_column("ftp://x/y") == 1);
    CHECK(error_column("http://host") == 8);        // no file path
    CHECK(error_column("host.cfg") == 1);
    CHECK(error_column("http://:80/x") == 8);       // empty server
    CHECK(error_column("http://h:0/x") == 10);
    CHECK(error_column("http://h:65536/x") == 10);
    CHECK(error_column("http://h:/x") == 9);
    CHECK(error_column("http://[::1/x") == 8);
    CHECK(error_column("http://u@h/x") == 8);
    CHECK(error_column("http://h:0/x", 40) == 49);  // relative to the URL's column in the rule
}
