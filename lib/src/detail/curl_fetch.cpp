// provkit::fetch on a libcurl easy handle: one tftp/http/https transfer with the phone's
// User-Agent, optional credentials, timeouts and a size cap; redirects are never followed.
#include <openssl/crypto.h>

#include <algorithm>
#include <optional>
#include <cctype>
#include <string_view>

#include "detail/wiped_copy.hpp"
#include "detail/curl_handles.hpp"
#include "detail/http_header_line.hpp"
#include "provkit/error.hpp"
#include "provkit/fetch.hpp"

namespace provkit {

namespace {

struct Sink {
    FetchResult* result;
    std::size_t max_bytes;
    bool probe;
    bool overflow = false;
};

// Keeps the headers of the last response only (a 100 Continue comes first).
size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const size_t n = size * count;
    detail::read_header_line(std::string_view(data, n), sink->result->reason, sink->result->headers);
    return n;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const size_t n = size * count;
    if (sink->probe) return 0;  // a tftp probe: the first block proves the file is there
    if (sink->result->body.size() + n > sink->max_bytes) {
        sink->overflow = true;
        return 0;
    }
    sink->result->body.append(data, n);
    return n;
}

FetchFailure classify(CURLcode rc) {
    switch (rc) {
        case CURLE_TFTP_NOTFOUND: return FetchFailure::not_found;
        case CURLE_FILESIZE_EXCEEDED: return FetchFailure::too_large;
        case CURLE_OPERATION_TIMEDOUT: return FetchFailure::timeout;
        case CURLE_COULDNT_CONNECT: return FetchFailure::refused;
        case CURLE_COULDNT_RESOLVE_HOST: return FetchFailure::resolve;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ISSUER_ERROR: return FetchFailure::tls;
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT: return FetchFailure::protocol;
        default: return FetchFailure::connection;
    }
}

using detail::WipedCopy;

}  // namespace

std::string FetchResult::header(std::string_view name) const {
    auto same = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
               });
    };
    for (const auto& [key, value] : headers)
        if (same(key, name)) return value;
    return "";
}

FetchResult fetch(const FetchRequest& request) {
    detail::ensure_curl_global_init();
    detail::CurlEasy easy(curl_easy_init());
    if (!easy) throw Error(ErrorKind::network, "cannot create a libcurl handle");
    CURL* h = easy.get();
    FetchResult result;
    const bool tftp = request.url.starts_with("tftp://");
    Sink sink{&result, request.max_bytes, request.method == FetchMethod::probe && tftp};
    char errbuf[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "tftp,http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    if (!request.user_agent.empty()) curl_easy_setopt(h, CURLOPT_USERAGENT, request.user_agent.c_str());
    if (!request.cacert.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, request.cacert.c_str());
    if (request.method == FetchMethod::post) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method == FetchMethod::probe && !tftp) {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    }
    std::optional<WipedCopy> password;
    if (request.auth != FetchAuth::none) {
        password.emplace(request.password ? request.password->view() : std::string_view{});
        const bool proxy = request.auth == FetchAuth::proxy;
        curl_easy_setopt(h, proxy ? CURLOPT_PROXYUSERNAME : CURLOPT_USERNAME, request.user.c_str());
        curl_easy_setopt(h, proxy ? CURLOPT_PROXYPASSWORD : CURLOPT_PASSWORD, password->c_str());
        curl_easy_setopt(h, proxy ? CURLOPT_PROXYAUTH : CURLOPT_HTTPAUTH, CURLAUTH_BASIC | CURLAUTH_DIGEST);
    }

    const CURLcode rc = curl_easy_perform(h);
    char* ip = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) result.server_ip = ip;
    long port = 0;
    if (curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port) == CURLE_OK) result.server_port = static_cast<unsigned>(port);
    if (!tftp) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
    if (rc == CURLE_OK || (sink.probe && rc == CURLE_WRITE_ERROR)) {
        char* location = nullptr;
        if (curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
            result.redirect_url = location;
        return result;
    }
    result.failure = sink.overflow ? FetchFailure::too_large : classify(rc);
    result.detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (result.failure == FetchFailure::too_large)
        result.detail = "the file is larger than " + std::to_string(request.max_bytes) + " bytes";
    result.status = 0;
    result.body.clear();
    return result;
}

}  // namespace provkit
