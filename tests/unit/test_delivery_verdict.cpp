// What push-resync and upgrade make of phones' answers (tools/delivery_verdict.hpp).
#include <doctest/doctest.h>

#include "delivery_verdict.hpp"
#include "fake_transport.hpp"

using namespace provkit;
using namespace provkit::cli;
using provkit::test::answer;
using provkit::test::failure;

namespace {

VerdictContext context(bool credentials = true, phone::CredentialMode mode = phone::CredentialMode::query) {
    VerdictContext c;
    c.path = "/admin/resync";
    c.credentials = credentials;
    c.mode = mode;
    c.timeout = std::chrono::milliseconds(1500);
    c.connect_timeout = std::chrono::milliseconds(5000);
    return c;
}

HttpResponse with(long status, std::string reason, std::vector<std::pair<std::string, std::string>> headers = {},
                  std::string body = "") {
    HttpResponse r = answer(status);
    r.reason = std::move(reason);
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

}  // namespace

TEST_CASE("2xx is ok; the status line is the message") {
    Verdict v = judge(with(200, "OK"), context());
    CHECK(v.outcome == Outcome::ok);
    CHECK(v.message == "HTTP 200 OK");
    CHECK(v.hint.empty());
    CHECK(judge(with(204, ""), context()).message == "HTTP 204");
}

TEST_CASE("401 says what to do about the credentials") {
    CHECK(judge(with(401, "Unauthorized"), context()).hint == "check --user and --password");
    CHECK(judge(with(401, "Unauthorized"), context(false)).message ==
          "HTTP 401 Unauthorized: the phone asks for credentials");
    CHECK(judge(with(401, "Unauthorized"), context(false)).hint.find("--user and --password") != std::string::npos);
    const Verdict digest =
        judge(with(401, "Unauthorized", {{"WWW-Authenticate", "Digest realm=\"x\", nonce=\"n\""}}), context());
    CHECK(digest.outcome == Outcome::unauthorized);
    CHECK(digest.hint == "the phone asks for HTTP Digest authentication: add --auth digest");
    CHECK(judge(with(401, "Unauthorized", {{"WWW-Authenticate", "Digest realm=\"x\""}}),
                context(true, phone::CredentialMode::digest))
              .hint == "check --user and --password");
    CHECK(judge(with(403, "Forbidden"), context()).outcome == Outcome::unauthorized);
}

TEST_CASE("404, redirects and other statuses") {
    Verdict nf = judge(with(404, "Not Found"), context());
    CHECK(nf.outcome == Outcome::not_found);
    CHECK(nf.message == "HTTP 404 Not Found: wrong host, or firmware without /admin/resync");
    Verdict moved = judge(with(302, "Found", {{"Location", "http://x/login?u=a&xpassword=secret"}}), context());
    CHECK(moved.outcome == Outcome::redirected);
    CHECK(moved.message == "HTTP 302 Found: the phone redirects to http://x/login?u=a&xpassword=***");
    CHECK(judge(with(503, "Service Unavailable"), context()).outcome == Outcome::http_error);
}

TEST_CASE("no answer: timeouts, refused, TLS, broken connections") {
    CHECK(judge(failure(FailureKind::timeout), context()).message == "no answer within 1.5 s");
    CHECK(judge(failure(FailureKind::timeout), context()).outcome == Outcome::timed_out);
    CHECK(judge(failure(FailureKind::connect_timeout), context()).message == "could not connect within 5 s");
    CHECK(judge(failure(FailureKind::refused), context()).outcome == Outcome::unreachable);
    CHECK(judge(failure(FailureKind::resolve), context()).outcome == Outcome::unreachable);
    Verdict tls = judge(failure(FailureKind::tls), context());
    CHECK(tls.outcome == Outcome::tls);
    CHECK(tls.hint.find("--cacert FILE") != std::string::npos);
    CHECK(tls.hint.find("--insecure") != std::string::npos);
    CHECK(judge(failure(FailureKind::connection), context()).outcome == Outcome::broken);
}

TEST_CASE("Execute: a 200 carrying a CiscoIPPhoneError is a refusal") {
    VerdictContext c = context();
    c.execute = true;
    c.path = "/CGI/Execute";
    Verdict auth = judge(with(200, "OK", {}, "<CiscoIPPhoneError Number=\"4\" />"), c);
    CHECK(auth.outcome == Outcome::unauthorized);
    CHECK(auth.message == "the phone answered CiscoIPPhoneError 4 (authentication error)");
    Verdict parse = judge(with(200, "OK", {}, "<CiscoIPPhoneError Number=\"1\"/>"), c);
    CHECK(parse.outcome == Outcome::rejected);
    CHECK(judge(with(200, "OK", {}, "<CiscoIPPhoneResponse/>"), c).outcome == Outcome::ok);
    c.execute = false;  // only /CGI/Execute answers carry such errors
    CHECK(judge(with(200, "OK", {}, "<CiscoIPPhoneError Number=\"4\" />"), c).outcome == Outcome::ok);
}

TEST_CASE("every outcome has a name and every failure a hint") {
    for (int i = 0; i < outcome_count; ++i) {
        CHECK_FALSE(outcome_name(static_cast<Outcome>(i)).empty());
        if (i > 0) CHECK_FALSE(outcome_hint(static_cast<Outcome>(i), context()).empty());
    }
}
