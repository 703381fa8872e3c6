// Transport helpers shared by every implementation: header lookup, batches, single requests.
#include "provkit/transport.hpp"

#include <strings.h>

#include <optional>

namespace provkit {

std::string HttpResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), name.size()) == 0) return value;
    return {};
}

void perform_batch(Transport& transport, const std::vector<HttpRequest>& requests, std::size_t parallel,
                   const Transport::Completion& on_done) {
    for (std::size_t i = 0; i < requests.size(); ++i) transport.submit(i, requests[i]);
    transport.run(parallel, on_done);
}

HttpResponse perform(Transport& transport, const HttpRequest& request) {
    std::optional<HttpResponse> result;
    transport.submit(0, request);
    transport.run(1, [&](std::size_t, HttpResponse&& response) { result = std::move(response); });
    return result ? std::move(*result) : HttpResponse{};
}

}  // namespace provkit
