// What a phone's answer (or the lack of one) means for push-resync and upgrade: an outcome
// class, a one-line message, and what to do about it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "provkit/phone_request.hpp"
#include "provkit/transport.hpp"

namespace provkit::cli {

enum class Outcome { ok, unauthorized, not_found, redirected, rejected, http_error, timed_out, unreachable, tls, broken };
inline constexpr int outcome_count = 10;

// Short name of an outcome for summaries ("ok", "unauthorized", "not found", ...).
std::string_view outcome_name(Outcome outcome);

struct VerdictContext {
    std::string path;                 // the phone's endpoint, e.g. "/admin/resync"
    bool execute = false;             // /CGI/Execute: a 200 may still carry a CiscoIPPhoneError
    bool credentials = false;         // whether credentials were sent
    phone::CredentialMode mode = phone::CredentialMode::query;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{15000};
};

struct Verdict {
    Outcome outcome = Outcome::ok;
    std::string message;  // "HTTP 401 Unauthorized: the phone refused the credentials" (redacted)
    std::string hint;     // what to do, naming provkit's options; empty for ok
};

Verdict judge(const HttpResponse& response, const VerdictContext& context);

// The hint for an outcome when many phones share it (fleet summaries).
std::string outcome_hint(Outcome outcome, const VerdictContext& context);

}  // namespace provkit::cli
