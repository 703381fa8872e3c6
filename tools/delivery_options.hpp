// Options and plumbing shared by push-resync and upgrade: phone(s), credentials, TLS,
// timeouts, fleets (--phones, --parallel, --retry), output (--format, -v, --dry-run), and
// running the built requests.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "delivery_verdict.hpp"
#include "provkit/phone_request.hpp"
#include "provkit/transport.hpp"

namespace provkit::cli {

struct DeliveryFlags {
    std::string phone;  // first positional (with --phones: taken as the URL)
    std::string url;    // second positional
    bool https = false;
    std::string user;
    std::string password;  // pass-form SPEC
    std::string auth = "query";
    std::string cacert;
    std::string pinnedpubkey;
    bool insecure = false;
    double connect_timeout = 5;
    double timeout = 15;
    std::string phones;
    int parallel = 16;
    std::string format = "text";
    int retry = 0;
    bool dry_run = false;
    bool raw_url = false;
    bool verbose = false;
};

// Adds the shared options and the two positionals (url_name: "PROFILE-URL", "FIRMWARE-URL").
void add_delivery_options(CLI::App& app, DeliveryFlags& options, const std::string& url_name,
                          const std::string& url_help);

// One phone with everything resolved: address, credentials (secrets read once per spec) and
// the URL (the list's, else the command line's; may be empty).
struct Target {
    std::string phone;
    phone::Credentials credentials;
    std::string url;
};

// Checks option combinations (Error(usage)), reads the --phones list and the secrets.
std::vector<Target> resolve_targets(const DeliveryFlags& options);

// How to reach a phone: scheme, TLS options, timeouts.
phone::Endpoint endpoint_for(const DeliveryFlags& options, const std::string& phone);

// The verdict context of a run against `path`.
VerdictContext verdict_context(const DeliveryFlags& options, const std::string& path, bool execute,
                               const std::vector<Target>& targets);

struct Job {
    std::string phone;
    phone::PhoneRequest request;
    bool credentials = false;  // whether this phone's request carries credentials
};

// Sends the jobs (or with --dry-run prints them), reports each result as it completes and a
// summary for fleets. Returns the exit status: 0 when every phone answered 2xx, else 1.
int run_jobs(const DeliveryFlags& options, std::vector<Job>& jobs, const VerdictContext& context,
             Transport& transport);

}  // namespace provkit::cli
