// One file transfer as a phone's provisioning client makes it: tftp, http or https, GET, POST
// or a probe, one request per call (redirects and authentication retries are the caller's).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "provkit/file_io.hpp"
#include "provkit/secret.hpp"

namespace provkit {

enum class FetchMethod { get, post, probe };  // probe: HEAD over http(s), first block over tftp

// Where credentials go when they are sent: to the server (401) or to a proxy (407).
enum class FetchAuth { none, server, proxy };

struct FetchRequest {
    std::string url;  // tftp://, http:// or https://; holds no credentials
    FetchMethod method = FetchMethod::get;
    Bytes body;  // POST body
    std::string user_agent;
    FetchAuth auth = FetchAuth::none;
    std::string user;
    std::shared_ptr<const Secret> password;
    std::string cacert;  // PEM bundle for https; empty: the system's
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds timeout{30000};  // whole transfer
    std::size_t max_bytes = std::size_t(8) << 20;
};

enum class FetchFailure {
    none,        // a response arrived (an HTTP status, or a whole tftp file)
    not_found,   // tftp: the server has no such file
    too_large,   // the body exceeded max_bytes
    timeout,     // no connection or no complete answer in time
    refused,     // nothing listens there (or no route)
    resolve,     // the host name does not resolve
    tls,         // handshake or certificate verification failed
    connection,  // anything else: broken connection, tftp error, bad answer
    protocol,    // malformed URL or a scheme other than tftp/http/https
};

struct FetchResult {
    FetchFailure failure = FetchFailure::none;
    std::string detail;  // libcurl's description of a failure
    long status = 0;     // HTTP status; 0 over tftp and without a response
    std::string reason;  // reason phrase of the status line
    std::vector<std::pair<std::string, std::string>> headers;
    Bytes body;
    std::string redirect_url;  // Location of a 3xx, resolved against the request URL
    std::string server_ip;     // the address connected to, "" if none
    unsigned server_port = 0;

    std::string header(std::string_view name) const;  // first header called name (any case), or ""
};

// Performs the request with libcurl. Never follows redirects. Throws Error(network) only when
// libcurl cannot start; every transfer problem is in the result.
FetchResult fetch(const FetchRequest& request);

}  // namespace provkit
