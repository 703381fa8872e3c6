// HTTP requests to phones' web servers, one or many at once, behind an interface so that
// tests can substitute a fake. The libcurl implementation lives in src/detail/.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "provkit/file_io.hpp"
#include "provkit/secret.hpp"

namespace provkit {

// How credentials travel: none, or answering the server with HTTP Basic or Digest.
enum class HttpAuth { none, basic, digest };

struct TlsOptions {
    std::string cacert;             // PEM bundle to verify the server with; empty: system CAs
    std::string pinned_public_key;  // curl's --pinnedpubkey form: a key file or sha256//BASE64[;...]
    bool insecure = false;          // skip certificate and host name verification
};

struct HttpRequest {
    std::string method = "GET";  // GET or POST
    // Absolute http:// or https:// URL. It may carry a password in its query (the phones'
    // xpassword), so it is a Secret: never shown, wiped when the request dies.
    Secret url;
    std::vector<std::string> headers;  // extra "Name: value" lines
    // POST body; sent as application/x-www-form-urlencoded unless headers name a Content-Type.
    Bytes body;
    HttpAuth auth = HttpAuth::none;
    std::string user;
    std::shared_ptr<const Secret> password;  // for basic and digest
    TlsOptions tls;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{15000};  // whole transfer
};

// Why no HTTP response arrived. Redirects are never followed and other schemes than http and
// https are refused (protocol), so credentials never travel anywhere else.
enum class FailureKind {
    none,             // an HTTP response arrived (any status)
    connect_timeout,  // no connection within connect_timeout
    timeout,          // connected, but no complete answer within timeout
    refused,          // nothing listens at the address (or the host said no route)
    resolve,          // the host name does not resolve
    tls,              // handshake or certificate verification failed
    connection,       // the connection broke or the answer was not HTTP
    protocol,         // the URL is malformed or its scheme is not http/https
};

struct HttpResponse {
    FailureKind failure = FailureKind::none;
    std::string failure_detail;  // libcurl's description (names host and port, never the query)
    long status = 0;             // final HTTP status, 0 without a response
    std::string reason;          // reason phrase of the final status line ("Not Found")
    std::vector<std::pair<std::string, std::string>> headers;  // of the final response
    Bytes body;                  // at most the first max_response_body bytes
    std::chrono::milliseconds elapsed{0};

    // Value of the first header called name (case-insensitive), or "".
    std::string header(std::string_view name) const;
};

inline constexpr std::size_t max_response_body = 64 * 1024;

class Transport {
public:
    // Called on the thread that runs run(), once per request as it completes.
    using Completion = std::function<void(std::size_t id, HttpResponse&& response)>;

    virtual ~Transport() = default;

    // Queues a request under the caller's id. It starts no earlier than not_before and only
    // while fewer than `parallel` transfers run. The request must outlive run().
    virtual void submit(std::size_t id, const HttpRequest& request,
                        std::chrono::steady_clock::time_point not_before = {}) = 0;

    // Runs until every queued request has completed, at most `parallel` at once, calling
    // on_done as each completes; on_done may submit more (retries).
    virtual void run(std::size_t parallel, const Completion& on_done) = 0;
};

// Submits every request (id = index) and runs them.
void perform_batch(Transport& transport, const std::vector<HttpRequest>& requests, std::size_t parallel,
                   const Transport::Completion& on_done);

// Sends one request and returns its response.
HttpResponse perform(Transport& transport, const HttpRequest& request);

// The libcurl transport (multi interface). Throws Error(network) if libcurl cannot start.
std::unique_ptr<Transport> make_curl_transport();

}  // namespace provkit
