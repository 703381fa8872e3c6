// The phone's handling of a transfer's outcome (guide ch. 3, "Phone Behavior for HTTP
// Responses"): redirects, authentication retries and the result classes A, B and C.
#include "provkit/catalog.hpp"
#include "provkit/redact.hpp"
#include "simulate_internal.hpp"

namespace provkit::simulate_detail {

namespace {

constexpr int max_redirects = 5;   // the guide says "retry immediately"; a loop must still end
constexpr int max_auth_retries = 2;  // "Maximum 2 retries"

std::string describe(FetchFailure f) {
    switch (f) {
        case FetchFailure::none: return "ok";
        case FetchFailure::not_found: return "file not found";
        case FetchFailure::too_large: return "file too large";
        case FetchFailure::timeout: return "timed out";
        case FetchFailure::refused: return "connection refused";
        case FetchFailure::resolve: return "host not found";
        case FetchFailure::tls: return "TLS failure";
        case FetchFailure::connection: return "transfer failed";
        case FetchFailure::protocol: return "bad URL";
    }
    return "failed";
}

std::string host_of(std::string_view url) {
    auto start = url.find("://");
    if (start == std::string_view::npos) return "";
    url.remove_prefix(start + 3);
    return std::string(url.substr(0, url.find('/')));
}

std::string status_text(const FetchResult& r) {
    return std::to_string(r.status) + (r.reason.empty() ? "" : " " + r.reason);
}

}  // namespace


Download download(FetchRequest request, bool have_credentials, const Fetcher& fetcher) {
    Download d;
    d.have_credentials = have_credentials;
    const std::string origin = host_of(request.url);
    int redirects = 0, auth_retries = 0;
    for (;;) {
        d.url = request.url;
        d.response = fetcher(request);
        const FetchResult& r = d.response;
        Attempt attempt{redact(request.url), r.status, ""};
        const bool tftp = request.url.starts_with("tftp://");
        if (r.failure != FetchFailure::none) {
            attempt.outcome = describe(r.failure) + (r.detail.empty() ? "" : " (" + r.detail + ")");
            d.attempts.push_back(attempt);
            d.not_found = r.failure == FetchFailure::not_found;
            d.result = d.not_found ? ResultClass::b : ResultClass::c;
            d.error = attempt.outcome;
            return d;
        }
        if (tftp) {
            attempt.outcome = "file received";
            d.attempts.push_back(attempt);
            d.result = ResultClass::a;
            return d;
        }
        attempt.outcome = status_text(r);
        const long s = r.status;
        if (s >= 200 && s < 300) {
            d.attempts.push_back(attempt);
            d.result = ResultClass::a;
            return d;
        }
        if (s == 301 || s == 302) {
            const bool web = r.redirect_url.starts_with("http://") || r.redirect_url.starts_with("https://");
            attempt.outcome += r.redirect_url.empty() ? " without a Location" : " -> " + redact(r.redirect_url);
            d.attempts.push_back(attempt);
            if (!web || ++redirects > max_redirects) {
                d.error = r.redirect_url.empty() ? "HTTP " + status_text(r) + " without a Location"
                          : !web                 ? "HTTP " + status_text(r) + " to a location that is not http(s)"
                                                 : "more than " + std::to_string(max_redirects) + " redirects";
                return d;
            }
            request.url = r.redirect_url;
            // Credentials go only to the rule's own server, as curl does.
            if (host_of(request.url) != origin) {
                request.auth = FetchAuth::none;
                d.have_credentials = false;
            }
            continue;
        }
        if ((s == 401 || s == 407) && d.have_credentials && auth_retries < max_auth_retries) {
            ++auth_retries;
            attempt.outcome += ", retrying with the credentials";
            d.attempts.push_back(attempt);
            request.auth = s == 401 ? FetchAuth::server : FetchAuth::proxy;
            continue;
        }
        d.attempts.push_back(attempt);
        d.error = "HTTP " + status_text(r);
        if ((s == 401 || s == 407) && !d.have_credentials) d.error += " (the rule gives no --uid/--pwd)";
        d.not_found = s == 404;
        d.result = d.not_found ? ResultClass::b : ResultClass::c;
        return d;
    }
}

std::string fetch_url(const Url& url) {
    return url.scheme + "://" + url.host + ":" + std::to_string(url.port) + url.path;
}

std::string phone_value(const Profile& state, std::string_view name) {
    if (const Param* p = state.find(name)) return p->value;
    if (const ParamSpec* spec = Catalog::builtin().find(name)) return spec->default_value;
    return "";
}

}  // namespace provkit::simulate_detail
