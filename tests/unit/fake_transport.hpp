// A Transport for unit tests: answers each request from a function instead of the network,
// records what was sent and when each request was due, and honours the due order.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "provkit/transport.hpp"

namespace provkit::test {

class FakeTransport final : public Transport {
public:
    // Gets the request and how many times this id was sent before; returns the answer.
    using Responder = std::function<HttpResponse(const HttpRequest& request, int previous_attempts)>;

    struct Sent {
        std::size_t id;
        std::string method;
        std::string url;
        std::chrono::steady_clock::time_point due;
    };

    explicit FakeTransport(Responder responder) : responder_(std::move(responder)) {}

    void submit(std::size_t id, const HttpRequest& request, std::chrono::steady_clock::time_point not_before) override {
        queue_.push_back({id, &request, not_before, sequence_++});
    }

    void run(std::size_t parallel, const Completion& on_done) override {
        parallel_ = parallel;
        while (!queue_.empty()) {
            auto next = std::min_element(queue_.begin(), queue_.end(), [](const Item& a, const Item& b) {
                return a.due != b.due ? a.due < b.due : a.sequence < b.sequence;
            });
            Item item = *next;
            queue_.erase(next);
            const int previous = static_cast<int>(std::count_if(
                sent.begin(), sent.end(), [&](const Sent& s) { return s.id == item.id; }));
            sent.push_back({item.id, item.request->method, std::string(item.request->url.view()), item.due});
            on_done(item.id, responder_(*item.request, previous));
        }
    }

    std::size_t parallel() const { return parallel_; }
    std::vector<Sent> sent;

private:
    struct Item {
        std::size_t id;
        const HttpRequest* request;
        std::chrono::steady_clock::time_point due;
        std::uint64_t sequence;
    };
    Responder responder_;
    std::vector<Item> queue_;
    std::uint64_t sequence_ = 0;
    std::size_t parallel_ = 0;
};

inline HttpResponse answer(long status) {
    HttpResponse r;
    r.status = status;
    return r;
}

inline HttpResponse failure(FailureKind kind) {
    HttpResponse r;
    r.failure = kind;
    r.failure_detail = "simulated";
    return r;
}

}  // namespace provkit::test
