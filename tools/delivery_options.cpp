// Shared options of push-resync and upgrade, target resolution, and the run loop.
#include "delivery_options.hpp"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "cli_io.hpp"
#include "delivery_report.hpp"
#include "diagnostics.hpp"
#include "provkit/delivery.hpp"
#include "provkit/error.hpp"
#include "provkit/json.hpp"
#include "provkit/phone_list.hpp"

namespace provkit::cli {

namespace {

std::chrono::milliseconds to_ms(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

void require_readable(const std::string& path, const std::string& option) {
    if (::access(path.c_str(), R_OK) != 0)
        throw Error(ErrorKind::io, option + ": cannot read " + path + ": " + std::strerror(errno));
}

phone::CredentialMode credential_mode(const std::string& auth) {
    if (auth == "basic") return phone::CredentialMode::basic;
    if (auth == "digest") return phone::CredentialMode::digest;
    return phone::CredentialMode::query;
}

// Each pass-form spec is read once (stdin and fd: can be read only once) and shared.
class SecretCache {
public:
    std::shared_ptr<const Secret> get(const std::string& spec) {
        auto it = secrets_.find(spec);
        if (it == secrets_.end()) it = secrets_.emplace(spec, std::make_shared<const Secret>(read_secret(spec))).first;
        return it->second;
    }

private:
    std::map<std::string, std::shared_ptr<const Secret>> secrets_;
};

std::string seconds_text(std::chrono::milliseconds ms) {
    std::ostringstream out;
    out << static_cast<double>(ms.count()) / 1000.0 << " s";
    return out.str();
}

}  // namespace

void add_delivery_options(CLI::App& app, DeliveryFlags& o, const std::string& url_name, const std::string& url_help) {
    app.add_option("PHONE", o.phone, "The phone's web server: HOST[:PORT] (with --phones: the URL)");
    app.add_option(url_name, o.url, url_help);
    app.add_flag("--https", o.https, "Talk to the phones over https instead of http");
    app.add_option("--user", o.user, "Phone admin user (admin when only --password is given)")->type_name("NAME");
    app.add_option("--password", o.password,
                   "Phone admin password: pass:TEXT, env:VAR, file:PATH, fd:N or stdin")
        ->type_name("SPEC");
    app.add_option("--auth", o.auth,
                   "How credentials travel: query (&xuser=&xpassword=, as the guide), or answering HTTP basic or "
                   "digest")
        ->check(CLI::IsMember({"query", "basic", "digest"}))
        ->type_name("MODE")
        ->capture_default_str();
    app.add_option("--cacert", o.cacert, "CA certificates (PEM) to verify the phones with (https)")->type_name("FILE");
    app.add_option("--pinnedpubkey", o.pinnedpubkey,
                   "Public key the phones must have: a PEM/DER file or sha256//BASE64 (https)")
        ->type_name("KEY");
    app.add_flag("--insecure", o.insecure, "Do not verify the phones' certificates (unsafe; warned)");
    app.add_option("--connect-timeout", o.connect_timeout, "Seconds to wait for a connection")
        ->check(CLI::PositiveNumber)
        ->type_name("SECONDS")
        ->capture_default_str();
    app.add_option("--timeout", o.timeout, "Seconds to wait for a phone's whole answer")
        ->check(CLI::PositiveNumber)
        ->type_name("SECONDS")
        ->capture_default_str();
    app.add_option("--phones", o.phones,
                   "Fleet list: one phone a line, or CSV PHONE[,USER][,PASSWORD-SPEC][,URL]; - is stdin")
        ->type_name("FILE");
    app.add_option("--parallel", o.parallel, "Phones to talk to at once")
        ->check(CLI::Range(1, 1024))
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--format", o.format, "Results as text, or json (one JSON object a line, on stdout)")
        ->check(CLI::IsMember({"text", "json"}))
        ->type_name("FORMAT")
        ->capture_default_str();
    app.add_option("--retry", o.retry, "Retry connection failures N times, waiting 1 s, 2 s, 4 s, ...")
        ->check(CLI::Range(0, 10))
        ->type_name("N")
        ->capture_default_str();
    app.add_flag("--dry-run", o.dry_run, "Print the requests (passwords redacted) and send nothing");
    app.add_flag("--raw-url", o.raw_url, "Send the URL verbatim instead of percent-encoding it");
    app.add_flag("-v,--verbose", o.verbose, "Show each request (redacted) and answer on stderr");
}

std::vector<Target> resolve_targets(const DeliveryFlags& o) {
    if (!o.https && (!o.cacert.empty() || !o.pinnedpubkey.empty() || o.insecure))
        throw Error(ErrorKind::usage, "--cacert, --pinnedpubkey and --insecure apply to https; add --https");
    if (o.insecure && !o.cacert.empty())
        throw Error(ErrorKind::usage, "--insecure and --cacert contradict each other; give one");
    if (!o.cacert.empty()) require_readable(o.cacert, "--cacert");
    if (!o.pinnedpubkey.empty() && o.pinnedpubkey.rfind("sha256//", 0) != 0)
        require_readable(o.pinnedpubkey, "--pinnedpubkey");
    if (o.insecure)
        warning("--insecure: the phones' certificates are not verified; anyone on the way can read the "
                "credentials");

    SecretCache secrets;
    const auto mode = credential_mode(o.auth);
    auto credentials = [&](const std::optional<std::string>& user, std::shared_ptr<const Secret> password) {
        phone::Credentials c;
        c.mode = mode;
        c.user = user.value_or(o.user);
        c.password = std::move(password);
        if (c.password && c.user.empty()) c.user = "admin";  // the guide's admin account
        return c;
    };
    std::shared_ptr<const Secret> default_password;
    if (!o.password.empty()) default_password = secrets.get(o.password);

    if (o.phones.empty()) {
        if (o.phone.empty()) throw Error(ErrorKind::usage, "give a PHONE (HOST[:PORT]) or --phones FILE");
        phone::check_phone_address(o.phone);
        return {Target{o.phone, credentials(std::nullopt, default_password), o.url}};
    }
    if (!o.url.empty())
        throw Error(ErrorKind::usage, "with --phones the phones come from the list; give only the URL");
    const std::string name = o.phones == "-" ? "standard input" : o.phones;
    std::vector<Target> targets;
    for (PhoneEntry& e : parse_phone_list(read_input(o.phones), name)) {
        std::shared_ptr<const Secret> password = default_password;
        if (e.password_spec) {
            try {
                password = secrets.get(*e.password_spec);
            } catch (const Error& err) {
                throw Error(err.kind(), name + ":" + std::to_string(e.line) + ": password: " + err.what());
            }
        }
        targets.push_back(Target{e.phone, credentials(e.user, std::move(password)), e.url.value_or(o.phone)});
    }
    return targets;
}

phone::Endpoint endpoint_for(const DeliveryFlags& o, const std::string& phone) {
    phone::Endpoint e;
    e.phone = phone;
    e.https = o.https;
    e.tls.cacert = o.cacert;
    e.tls.pinned_public_key = o.pinnedpubkey;
    e.tls.insecure = o.insecure;
    e.connect_timeout = to_ms(o.connect_timeout);
    e.timeout = to_ms(o.timeout);
    return e;
}

VerdictContext verdict_context(const DeliveryFlags& o, const std::string& path, bool execute,
                               const std::vector<Target>& targets) {
    VerdictContext c;
    c.path = path;
    c.execute = execute;
    c.mode = credential_mode(o.auth);
    for (const Target& t : targets) c.credentials = c.credentials || !t.credentials.user.empty();
    c.connect_timeout = to_ms(o.connect_timeout);
    c.timeout = to_ms(o.timeout);
    return c;
}

int run_jobs(const DeliveryFlags& o, std::vector<Job>& jobs, const VerdictContext& context, Transport& transport) {
    const bool json = o.format == "json";
    if (o.dry_run) {
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            const Job& job = jobs[i];
            if (json)
                std::cout << Json(Json::Object{{"phone", job.phone}, {"request", job.request.display}}).dump() << '\n';
            else
                std::cout << (i > 0 ? "\n" : "") << job.request.display;
        }
        return 0;
    }
    Reporter reporter(json, !o.phones.empty(), jobs.size());
    std::vector<HttpRequest> requests;
    requests.reserve(jobs.size());
    for (Job& job : jobs) requests.push_back(std::move(job.request.http));

    provkit::DeliveryOptions delivery;
    delivery.parallel = static_cast<std::size_t>(o.parallel);
    delivery.retries = o.retry;
    auto on_result = [&](DeliveryResult&& r) {
        const Job& job = jobs[r.index];
        VerdictContext own = context;
        own.credentials = job.credentials;
        const Verdict verdict = judge(r.response, own);
        if (o.verbose) {
            std::string shown = job.request.display;
            while (!shown.empty() && shown.back() == '\n') shown.pop_back();
            reporter.note(job.phone + ": sent " + shown);
            const std::string answer = r.response.failure == FailureKind::none
                                           ? "HTTP " + std::to_string(r.response.status) + " " + r.response.reason
                                           : verdict.message;
            reporter.note(job.phone + ": " + answer + " after " + std::to_string(r.elapsed.count()) + " ms (" +
                          std::to_string(r.attempts) + (r.attempts == 1 ? " attempt)" : " attempts)"));
        }
        reporter.result(job.phone, verdict, r);
    };
    auto on_retry = [&](std::size_t i, int attempt, std::chrono::milliseconds delay, const HttpResponse& failed) {
        if (o.verbose)
            reporter.note(jobs[i].phone + ": " + judge(failed, context).message + "; retrying in " +
                          seconds_text(delay) + " (attempt " + std::to_string(attempt) + " of " +
                          std::to_string(o.retry + 1) + ")");
    };
    deliver(transport, requests, delivery, on_result, on_retry);
    return reporter.finish(context);
}

}  // namespace provkit::cli
