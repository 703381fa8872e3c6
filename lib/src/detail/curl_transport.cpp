// The libcurl Transport: a multi handle drives up to N easy transfers at once; queued
// requests start as slots free up and their time comes (retries are queued with a delay).
#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <queue>

#include "detail/wiped_copy.hpp"
#include "detail/curl_handles.hpp"
#include "detail/http_header_line.hpp"
#include "provkit/error.hpp"
#include "provkit/transport.hpp"
#include "provkit/version.hpp"

namespace provkit::detail {

void ensure_curl_global_init() {
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (result != CURLE_OK)
        throw Error(ErrorKind::network, std::string("cannot initialise libcurl: ") + curl_easy_strerror(result));
}

namespace {

using Clock = std::chrono::steady_clock;

using detail::WipedCopy;

struct Transfer {
    std::size_t id = 0;
    const HttpRequest* request = nullptr;
    CurlEasy easy;
    CurlSlist headers;
    HttpResponse response;
    Clock::time_point started;
    char errbuf[CURL_ERROR_SIZE] = {};
};

// Keeps the headers of the last response only (a 100 Continue or a 401 before the digest
// answer comes first), and the status line's reason phrase.
size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    read_header_line(std::string_view(data, n), t->response.reason, t->response.headers);
    return n;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    Bytes& body = t->response.body;
    if (body.size() < max_response_body) body.append(data, std::min(n, max_response_body - body.size()));
    return n;  // the rest is read and dropped: a phone's answer is small, its status is what counts
}

FailureKind classify(CURLcode rc, CURL* easy) {
    switch (rc) {
        case CURLE_OPERATION_TIMEDOUT: {
            curl_off_t connect_us = 0;
            curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_us);
            return connect_us > 0 ? FailureKind::timeout : FailureKind::connect_timeout;
        }
        case CURLE_COULDNT_CONNECT: return FailureKind::refused;
        case CURLE_COULDNT_RESOLVE_HOST: return FailureKind::resolve;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_USE_SSL_FAILED: return FailureKind::tls;
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT: return FailureKind::protocol;
        default: return FailureKind::connection;
    }
}

template <typename T>
void set(CURL* easy, CURLoption option, T value) {
    CURLcode rc = curl_easy_setopt(easy, option, value);
    if (rc != CURLE_OK)
        throw Error(ErrorKind::network, std::string("libcurl refused an option: ") + curl_easy_strerror(rc));
}

struct Pending {
    std::size_t id;
    const HttpRequest* request;
    Clock::time_point not_before;
    std::uint64_t sequence;  // keeps submission order among requests due at the same time
    bool operator>(const Pending& o) const {
        return not_before != o.not_before ? not_before > o.not_before : sequence > o.sequence;
    }
};

class CurlTransport final : public Transport {
public:
    CurlTransport() {
        ensure_curl_global_init();
        multi_.reset(curl_multi_init());
        if (!multi_) throw Error(ErrorKind::network, "cannot create a libcurl multi handle");
    }

    ~CurlTransport() override {
        for (auto& [easy, transfer] : running_) curl_multi_remove_handle(multi_.get(), easy);
    }

    void submit(std::size_t id, const HttpRequest& request, Clock::time_point not_before) override {
        pending_.push(Pending{id, &request, not_before, next_sequence_++});
    }

    void run(std::size_t parallel, const Completion& on_done) override {
        parallel = std::max<std::size_t>(parallel, 1);
        while (!pending_.empty() || !running_.empty()) {
            const auto now = Clock::now();
            while (running_.size() < parallel && !pending_.empty() && pending_.top().not_before <= now) {
                Pending p = pending_.top();
                pending_.pop();
                start(p);
            }
            int still_running = 0;
            CURLMcode mc = curl_multi_perform(multi_.get(), &still_running);
            if (mc != CURLM_OK) throw Error(ErrorKind::network, std::string("libcurl: ") + curl_multi_strerror(mc));
            drain(on_done);
            if (pending_.empty() && running_.empty()) break;
            int wait_ms = 1000;
            if (!pending_.empty() && running_.size() < parallel) {
                auto until = std::chrono::duration_cast<std::chrono::milliseconds>(pending_.top().not_before - Clock::now());
                wait_ms = static_cast<int>(std::clamp<long long>(until.count(), 0, 1000));
            }
            if (wait_ms > 0 || !running_.empty()) {
                mc = curl_multi_poll(multi_.get(), nullptr, 0, wait_ms, nullptr);
                if (mc != CURLM_OK) throw Error(ErrorKind::network, std::string("libcurl: ") + curl_multi_strerror(mc));
            }
        }
    }

private:
    void start(const Pending& p) {
        auto t = std::make_unique<Transfer>();
        t->id = p.id;
        t->request = p.request;
        t->easy.reset(curl_easy_init());
        if (!t->easy) throw Error(ErrorKind::network, "cannot create a libcurl handle");
        configure(*t);
        t->started = Clock::now();
        CURL* easy = t->easy.get();
        CURLMcode mc = curl_multi_add_handle(multi_.get(), easy);
        if (mc != CURLM_OK) throw Error(ErrorKind::network, std::string("libcurl: ") + curl_multi_strerror(mc));
        running_.emplace(easy, std::move(t));
    }

    static void configure(Transfer& t) {
        const HttpRequest& r = *t.request;
        CURL* e = t.easy.get();
        {
            WipedCopy url(r.url.view());
            set(e, CURLOPT_URL, url.c_str());
        }
        // Only http and https, and no redirects: a Location would carry the credentials on.
        set(e, CURLOPT_PROTOCOLS_STR, "http,https");
        set(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        set(e, CURLOPT_FOLLOWLOCATION, 0L);
        set(e, CURLOPT_NOSIGNAL, 1L);
        set(e, CURLOPT_ERRORBUFFER, t.errbuf);
        set(e, CURLOPT_HEADERFUNCTION, &on_header);
        set(e, CURLOPT_HEADERDATA, &t);
        set(e, CURLOPT_WRITEFUNCTION, &on_body);
        set(e, CURLOPT_WRITEDATA, &t);
        set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connect_timeout.count()));
        set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
        static const std::string agent = std::string("provkit/") + version();
        set(e, CURLOPT_USERAGENT, agent.c_str());
        if (r.method == "POST") {
            set(e, CURLOPT_POST, 1L);
            set(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
            set(e, CURLOPT_POSTFIELDS, r.body.data());
        } else if (r.method == "GET") {
            set(e, CURLOPT_HTTPGET, 1L);
        } else {
            set(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
        }
        for (const std::string& h : r.headers)
            if (!t.headers.append(h)) throw Error(ErrorKind::network, "out of memory building request headers");
        if (t.headers.get()) set(e, CURLOPT_HTTPHEADER, t.headers.get());
        if (r.auth != HttpAuth::none) {
            set(e, CURLOPT_HTTPAUTH, r.auth == HttpAuth::basic ? CURLAUTH_BASIC : CURLAUTH_DIGEST);
            set(e, CURLOPT_USERNAME, r.user.c_str());
            WipedCopy password(r.password ? r.password->view() : std::string_view());
            set(e, CURLOPT_PASSWORD, password.c_str());
        }
        if (!r.tls.cacert.empty()) set(e, CURLOPT_CAINFO, r.tls.cacert.c_str());
        if (!r.tls.pinned_public_key.empty()) set(e, CURLOPT_PINNEDPUBLICKEY, r.tls.pinned_public_key.c_str());
        if (r.tls.insecure) {
            set(e, CURLOPT_SSL_VERIFYPEER, 0L);
            set(e, CURLOPT_SSL_VERIFYHOST, 0L);
        }
    }

    void drain(const Completion& on_done) {
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL* easy = msg->easy_handle;
            const CURLcode rc = msg->data.result;
            auto it = running_.find(easy);
            if (it == running_.end()) continue;
            std::unique_ptr<Transfer> t = std::move(it->second);
            running_.erase(it);
            curl_multi_remove_handle(multi_.get(), easy);
            HttpResponse& response = t->response;
            response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t->started);
            if (rc == CURLE_OK) {
                curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
            } else {
                response.failure = classify(rc, easy);
                response.failure_detail = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);
                response.status = 0;
            }
            on_done(t->id, std::move(response));
        }
    }

    CurlMulti multi_;
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
    std::map<CURL*, std::unique_ptr<Transfer>> running_;
    std::uint64_t next_sequence_ = 0;
};

}  // namespace
}  // namespace provkit::detail

namespace provkit {

std::unique_ptr<Transport> make_curl_transport() { return std::make_unique<detail::CurlTransport>(); }

}  // namespace provkit
