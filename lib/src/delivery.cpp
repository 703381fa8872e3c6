// Batches with retries over any Transport.
#include "provkit/delivery.hpp"

#include <algorithm>

namespace provkit {

bool is_retryable(FailureKind kind) noexcept {
    return kind == FailureKind::refused || kind == FailureKind::connect_timeout || kind == FailureKind::resolve;
}

std::chrono::milliseconds backoff_delay(const DeliveryOptions& options, int attempt) noexcept {
    auto delay = options.first_backoff;
    for (int i = 2; i < attempt && delay < options.max_backoff; ++i) delay *= 2;
    return std::min(delay, options.max_backoff);
}

void deliver(Transport& transport, const std::vector<HttpRequest>& requests, const DeliveryOptions& options,
             const ResultCallback& on_result, const RetryCallback& on_retry) {
    using Clock = std::chrono::steady_clock;
    std::vector<int> attempts(requests.size(), 1);
    // Time spent on each phone: its attempts plus the backoff between them, not the wait for a slot.
    std::vector<std::chrono::milliseconds> spent(requests.size(), std::chrono::milliseconds{0});
    for (std::size_t i = 0; i < requests.size(); ++i) transport.submit(i, requests[i]);
    transport.run(options.parallel, [&](std::size_t i, HttpResponse&& response) {
        if (is_retryable(response.failure) && attempts[i] <= options.retries) {
            const int next = ++attempts[i];
            const auto delay = backoff_delay(options, next);
            spent[i] += response.elapsed + delay;
            if (on_retry) on_retry(i, next, delay, response);
            transport.submit(i, requests[i], Clock::now() + delay);
            return;
        }
        DeliveryResult result;
        result.index = i;
        result.attempts = attempts[i];
        result.elapsed = spent[i] + response.elapsed;
        result.response = std::move(response);
        on_result(std::move(result));
    });
}

}  // namespace provkit
