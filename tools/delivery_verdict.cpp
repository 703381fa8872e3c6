// Outcomes, messages and hints for phones' answers (see delivery_verdict.hpp).
#include "delivery_verdict.hpp"

#include <cctype>
#include <sstream>

#include "provkit/redact.hpp"

namespace provkit::cli {

namespace {

std::string seconds(std::chrono::milliseconds ms) {
    std::ostringstream out;
    out << static_cast<double>(ms.count()) / 1000.0 << " s";
    return out.str();
}

std::string status_text(const HttpResponse& r) {
    std::string text = "HTTP " + std::to_string(r.status);
    if (!r.reason.empty()) text += " " + r.reason;
    return text;
}

// The scheme of a WWW-Authenticate challenge ("Basic", "Digest"), or "".
std::string challenge_scheme(const HttpResponse& r) {
    const std::string challenge = r.header("WWW-Authenticate");
    return challenge.substr(0, challenge.find(' '));
}

std::string unauthorized_hint(const HttpResponse& r, const VerdictContext& c) {
    const std::string scheme = challenge_scheme(r);
    std::string lower;
    for (char ch : scheme) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    if (!c.credentials) return "give the phone's admin credentials with --user and --password";
    const bool answered = (c.mode == phone::CredentialMode::basic && lower == "basic") ||
                          (c.mode == phone::CredentialMode::digest && lower == "digest");
    if ((lower == "basic" || lower == "digest") && !answered)
        return "the phone asks for HTTP " + scheme + " authentication: add --auth " + lower;
    return "check --user and --password";
}

// Number of a <CiscoIPPhoneError Number="N"/> answer, or -1.
int cisco_error_number(std::string_view body) {
    const std::size_t tag = body.find("<CiscoIPPhoneError");
    if (tag == std::string_view::npos) return -1;
    const std::size_t number = body.find("Number=\"", tag);
    if (number == std::string_view::npos) return 0;
    int n = 0;
    for (std::size_t i = number + 8; i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])); ++i)
        n = n * 10 + (body[i] - '0');
    return n;
}

std::string cisco_error_text(int number) {
    switch (number) {
        case 1: return "error parsing the XML object";
        case 2: return "error framing the XML object";
        case 3: return "internal file error";
        case 4: return "authentication error";
        default: return "error";
    }
}

}  // namespace

std::string_view outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::ok: return "ok";
        case Outcome::unauthorized: return "unauthorized";
        case Outcome::not_found: return "not found";
        case Outcome::redirected: return "redirected";
        case Outcome::rejected: return "rejected";
        case Outcome::http_error: return "HTTP error";
        case Outcome::timed_out: return "timed out";
        case Outcome::unreachable: return "unreachable";
        case Outcome::tls: return "TLS failure";
        case Outcome::broken: return "connection failed";
    }
    return "?";
}

std::string outcome_hint(Outcome outcome, const VerdictContext& c) {
    switch (outcome) {
        case Outcome::ok: return {};
        case Outcome::unauthorized:
            return c.credentials ? "check --user and --password (and --auth basic|digest if the phones ask for HTTP "
                                   "authentication)"
                                 : "give the phones' admin credentials with --user and --password";
        case Outcome::not_found:
            return "wrong host, or firmware without " + c.path + ": check the phone addresses and firmware";
        case Outcome::redirected:
            return "provkit does not follow redirects (they would carry the credentials elsewhere); push to the "
                   "address the phone names";
        case Outcome::rejected: return "the phone refused the XML object; check --model and the credentials";
        case Outcome::http_error: return "the phone could not carry out the request; check its status and retry";
        case Outcome::timed_out:
            return "the phone is unreachable or busy: check the address and network, or raise --timeout";
        case Outcome::unreachable:
            return "check the address and port, that the phone is on and its web server enabled, and the network "
                   "(--retry N retries connection failures)";
        case Outcome::tls:
            return "the phone's certificate is not trusted: give its CA with --cacert FILE or its key with "
                   "--pinnedpubkey, or accept any certificate with --insecure (unsafe)";
        case Outcome::broken: return "the phone closed the connection; check the port and whether --https is needed";
    }
    return {};
}

Verdict judge(const HttpResponse& r, const VerdictContext& c) {
    Verdict v;
    switch (r.failure) {
        case FailureKind::none: break;
        case FailureKind::timeout:
            v = {Outcome::timed_out, "no answer within " + seconds(c.timeout), ""};
            break;
        case FailureKind::connect_timeout:
            v = {Outcome::unreachable, "could not connect within " + seconds(c.connect_timeout), ""};
            break;
        case FailureKind::refused: v = {Outcome::unreachable, "connection refused", ""}; break;
        case FailureKind::resolve: v = {Outcome::unreachable, "the host name does not resolve", ""}; break;
        case FailureKind::tls: v = {Outcome::tls, "TLS: " + redact(r.failure_detail), ""}; break;
        case FailureKind::connection: v = {Outcome::broken, "connection failed: " + redact(r.failure_detail), ""}; break;
        case FailureKind::protocol: v = {Outcome::broken, "bad URL: " + redact(r.failure_detail), ""}; break;
    }
    if (r.failure != FailureKind::none) {
        v.hint = outcome_hint(v.outcome, c);
        return v;
    }
    if (r.status >= 200 && r.status < 300) {
        if (const int number = c.execute ? cisco_error_number(r.body) : -1; number >= 0) {
            v.outcome = number == 4 ? Outcome::unauthorized : Outcome::rejected;
            v.message = "the phone answered CiscoIPPhoneError " + std::to_string(number) + " (" +
                        cisco_error_text(number) + ")";
            v.hint = number == 4 ? unauthorized_hint(r, c) + " (Cisco XML objects often need --auth basic)"
                                 : outcome_hint(Outcome::rejected, c);
            return v;
        }
        return {Outcome::ok, status_text(r), ""};
    }
    if (r.status == 401 || r.status == 403) {
        v.outcome = Outcome::unauthorized;
        v.message = status_text(r) + (c.credentials ? ": the phone refused the credentials"
                                                    : ": the phone asks for credentials");
        v.hint = unauthorized_hint(r, c);
    } else if (r.status == 404) {
        v = {Outcome::not_found, status_text(r) + ": wrong host, or firmware without " + c.path, ""};
        v.hint = "check the phone address, and that its firmware offers " + c.path;
    } else if (r.status >= 300 && r.status < 400) {
        const std::string location = r.header("Location");
        v.outcome = Outcome::redirected;
        v.message = status_text(r) + ": the phone redirects" + (location.empty() ? "" : " to " + redact(location));
        v.hint = outcome_hint(Outcome::redirected, c);
    } else {
        v = {Outcome::http_error, status_text(r), outcome_hint(Outcome::http_error, c)};
    }
    return v;
}

}  // namespace provkit::cli
