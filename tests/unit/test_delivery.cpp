// Batches with retries (delivery.hpp) over the fake Transport, and the curl Transport's
// failure classification for cases that need no server.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>

#include "fake_transport.hpp"
#include "provkit/delivery.hpp"

using namespace provkit;
using provkit::test::answer;
using provkit::test::failure;
using provkit::test::FakeTransport;

namespace {

std::vector<HttpRequest> requests(std::size_t n) {
    std::vector<HttpRequest> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i].url = Secret("http://10.0.0." + std::to_string(i + 1) + "/admin/resync");
    return out;
}

}  // namespace

TEST_CASE("deliver reports every request once, with its own answer") {
    FakeTransport fake([](const HttpRequest& r, int) {
        return answer(r.url.view().find("10.0.0.2/") != std::string_view::npos ? 404 : 200);
    });
    auto reqs = requests(5);
    DeliveryOptions options;
    options.parallel = 3;
    std::map<std::size_t, long> seen;
    deliver(fake, reqs, options, [&](DeliveryResult&& r) {
        CHECK(seen.count(r.index) == 0);
        CHECK(r.attempts == 1);
        seen[r.index] = r.response.status;
    });
    CHECK(fake.parallel() == 3);
    REQUIRE(seen.size() == 5);
    CHECK(seen[1] == 404);
    CHECK(seen[0] == 200);
    CHECK(fake.sent.size() == 5);
}

TEST_CASE("connection failures are retried with doubling backoff, then succeed") {
    FakeTransport fake([](const HttpRequest&, int previous) {
        return previous < 2 ? failure(FailureKind::refused) : answer(200);
    });
    auto reqs = requests(1);
    DeliveryOptions options;
    options.retries = 3;
    std::vector<std::pair<int, long long>> retries;
    std::vector<DeliveryResult> results;
    deliver(
        fake, reqs, options, [&](DeliveryResult&& r) { results.push_back(std::move(r)); },
        [&](std::size_t, int attempt, std::chrono::milliseconds delay, const HttpResponse& failed) {
            CHECK(failed.failure == FailureKind::refused);
            retries.emplace_back(attempt, delay.count());
        });
    REQUIRE(results.size() == 1);
    CHECK(results[0].attempts == 3);
    CHECK(results[0].response.status == 200);
    CHECK(retries == std::vector<std::pair<int, long long>>{{2, 1000}, {3, 2000}});
    REQUIRE(fake.sent.size() == 3);
    CHECK(fake.sent[1].due < fake.sent[2].due);  // each retry is queued for later
    CHECK(results[0].elapsed.count() >= 3000);   // the backoff counts as time spent on the phone
}

TEST_CASE("retries stop after --retry N attempts and report the last failure") {
    FakeTransport fake([](const HttpRequest&, int) { return failure(FailureKind::connect_timeout); });
    auto reqs = requests(2);
    DeliveryOptions options;
    options.retries = 2;
    std::vector<DeliveryResult> results;
    deliver(fake, reqs, options, [&](DeliveryResult&& r) { results.push_back(std::move(r)); });
    REQUIRE(results.size() == 2);
    for (const auto& r : results) {
        CHECK(r.attempts == 3);
        CHECK(r.response.failure == FailureKind::connect_timeout);
    }
    CHECK(fake.sent.size() == 6);
}

TEST_CASE("failures after the request may have reached the phone are not retried") {
    for (FailureKind kind : {FailureKind::timeout, FailureKind::tls, FailureKind::connection, FailureKind::protocol}) {
        FakeTransport fake([&](const HttpRequest&, int) { return failure(kind); });
        auto reqs = requests(1);
        DeliveryOptions options;
        options.retries = 5;
        int results = 0;
        deliver(fake, reqs, options, [&](DeliveryResult&& r) {
            ++results;
            CHECK(r.attempts == 1);
        });
        CHECK(results == 1);
        CHECK(fake.sent.size() == 1);
    }
    // HTTP answers, even errors, are never retried either.
    FakeTransport fake([](const HttpRequest&, int) { return answer(503); });
    auto reqs = requests(1);
    DeliveryOptions options;
    options.retries = 5;
    deliver(fake, reqs, options, [](DeliveryResult&& r) { CHECK(r.attempts == 1); });
    CHECK(fake.sent.size() == 1);
}

TEST_CASE("backoff doubles and is capped") {
    DeliveryOptions options;
    options.first_backoff = std::chrono::milliseconds(500);
    options.max_backoff = std::chrono::milliseconds(3000);
    CHECK(backoff_delay(options, 2).count() == 500);
    CHECK(backoff_delay(options, 3).count() == 1000);
    CHECK(backoff_delay(options, 4).count() == 2000);
    CHECK(backoff_delay(options, 5).count() == 3000);
    CHECK(backoff_delay(options, 11).count() == 3000);
    CHECK(is_retryable(FailureKind::refused));
    CHECK(is_retryable(FailureKind::resolve));
    CHECK_FALSE(is_retryable(FailureKind::none));
}

TEST_CASE("perform returns the single answer") {
    FakeTransport fake([](const HttpRequest& r, int) {
        HttpResponse a = answer(200);
        a.headers.emplace_back("Content-Type", r.method);
        return a;
    });
    HttpRequest r;
    r.method = "POST";
    r.url = Secret("http://h/");
    HttpResponse response = perform(fake, r);
    CHECK(response.status == 200);
    CHECK(response.header("content-type") == "POST");
    CHECK(response.header("Location").empty());
}

TEST_CASE("curl transport: a port that does not listen is 'refused'; other schemes are refused outright") {
    // A bound socket that never listens: the kernel refuses connections to its port.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const int port = ntohs(addr.sin_port);

    auto transport = make_curl_transport();
    std::vector<HttpRequest> reqs(3);
    reqs[0].url = Secret("http://127.0.0.1:" + std::to_string(port) + "/admin/resync");
    reqs[1].url = Secret("ftp://127.0.0.1:" + std::to_string(port) + "/x");
    reqs[2].url = Secret("file:///etc/passwd");
    for (auto& r : reqs) r.timeout = std::chrono::milliseconds(2000);
    std::map<std::size_t, HttpResponse> got;
    perform_batch(*transport, reqs, 2, [&](std::size_t id, HttpResponse&& r) { got[id] = std::move(r); });
    ::close(fd);
    REQUIRE(got.size() == 3);
    CHECK(got[0].failure == FailureKind::refused);
    CHECK(got[0].status == 0);
    CHECK(got[1].failure == FailureKind::protocol);
    CHECK(got[2].failure == FailureKind::protocol);
    CHECK(got[2].body.empty());
}
