// Sends a batch of requests to phones through a Transport, at most N at once, retrying
// connection failures with exponential backoff; each result is reported as it completes.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include "provkit/transport.hpp"

namespace provkit {

struct DeliveryOptions {
    std::size_t parallel = 16;
    int retries = 0;                                   // extra attempts after a connection failure
    std::chrono::milliseconds first_backoff{1000};     // delay before the first retry, then doubled
    std::chrono::milliseconds max_backoff{30000};
};

struct DeliveryResult {
    std::size_t index = 0;  // position in the request vector
    HttpResponse response;  // of the last attempt
    int attempts = 1;
    std::chrono::milliseconds elapsed{0};  // all attempts plus the backoff between them
};

// True for failures where the request never reached the phone (refused, no connection in
// time, unresolvable name): retrying cannot make the phone act twice.
bool is_retryable(FailureKind kind) noexcept;

// Delay before attempt number `attempt` (2 = first retry): first_backoff * 2^(attempt-2), capped.
std::chrono::milliseconds backoff_delay(const DeliveryOptions& options, int attempt) noexcept;

using ResultCallback = std::function<void(DeliveryResult&& result)>;
// Told before a retry is queued: which request, the attempt it will be, and the delay.
using RetryCallback = std::function<void(std::size_t index, int attempt, std::chrono::milliseconds delay,
                                         const HttpResponse& failed)>;

void deliver(Transport& transport, const std::vector<HttpRequest>& requests, const DeliveryOptions& options,
             const ResultCallback& on_result, const RetryCallback& on_retry = {});

}  // namespace provkit
