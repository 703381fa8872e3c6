// Redaction of credentials in shown text (redact.hpp).
#include <doctest/doctest.h>

#include "provkit/redact.hpp"

using provkit::redact;
using provkit::redact_rule;

TEST_CASE("xpassword values are replaced wherever they appear") {
    CHECK(redact("http://p/admin/resync?x&xuser=admin&xpassword=s3cr%26t") ==
          "http://p/admin/resync?x&xuser=admin&xpassword=***");
    CHECK(redact("http://p/admin/config.xml&xuser=admin&xpassword=pw&more=1") ==
          "http://p/admin/config.xml&xuser=admin&xpassword=***&more=1");
    CHECK(redact("see \"http://p/?XPassword=abc\" there") == "see \"http://p/?XPassword=***\" there");
    CHECK(redact("xpassword=") == "xpassword=***");
    CHECK(redact("no secrets here") == "no secrets here");
}

TEST_CASE("URL user information and Authorization headers") {
    CHECK(redact("http://admin:pw@host/x") == "http://admin:***@host/x");
    CHECK(redact("http://admin@host/x") == "http://admin@host/x");
    CHECK(redact("https://a:b@c:443/p?q=1 and http://d/e") == "https://a:***@c:443/p?q=1 and http://d/e");
    CHECK(redact("GET / HTTP/1.1\nAuthorization: Basic YWRtaW46cHc=\nHost: x") ==
          "GET / HTTP/1.1\nAuthorization: Basic ***\nHost: x");
    CHECK(redact("authorization: Digest username=\"admin\", response=\"abc\"") == "authorization: Digest ***");
    CHECK(redact("Proxy-Authorization: Basic abc") == "Proxy-Authorization: Basic ***");
}

TEST_CASE("rule options: --key and --pwd arguments are hidden, the rest kept") {
    CHECK(redact_rule("[--key VerySecretValue] http://x/a.cfg") == "[--key ***] http://x/a.cfg");
    CHECK(redact_rule("[--key \"my secret phrase\"] http://x") == "[--key ***] http://x");
    CHECK(redact_rule("[--uid $SA -pwd $SB] https://p/c.xml") == "[--uid $SA -pwd ***] https://p/c.xml");
    CHECK(redact_rule("[--uid MyUserID -pwdMySecretPassword] https://p") == "[--uid MyUserID -pwd***] https://p");
    CHECK(redact_rule("  [--uid a --pwd b --key=c]http://x") == "  [--uid a --pwd *** --key=***]http://x");
    CHECK(redact_rule("http://x/--key/y") == "http://x/--key/y");
    CHECK(redact_rule("[--key") == "[--key");
    CHECK(redact_rule("[--key \"unterminated") == "[--key ***");
}
