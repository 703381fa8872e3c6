// provkit push-resync: tells phones to resync (GET /admin/resync?PROFILE-URL), uploads a
// profile directly (--config: POST /admin/config.xml as `curl -d @FILE` does), or posts the
// Cisco XML Execute object (--via execute); to one phone or a fleet.
#include <memory>

#include "cli_io.hpp"
#include "commands.hpp"
#include "config_upload.hpp"
#include "delivery_options.hpp"
#include "diagnostics.hpp"
#include "provkit/error.hpp"

namespace provkit::cli {

struct PushResyncOptions {
    DeliveryFlags delivery;
    std::string config;
    bool force = false;
    std::string via = "resync";
    std::string model;
};

namespace {

void check_combinations(const PushResyncOptions& o) {
    const bool execute = o.via == "execute";
    if (execute && o.model.empty())
        throw Error(ErrorKind::usage, "--via execute needs --model (e.g. --model 7832): the XML object is named "
                                      "after it");
    if (!execute && !o.model.empty()) throw Error(ErrorKind::usage, "--model applies to --via execute");
    if (!o.config.empty() && execute)
        throw Error(ErrorKind::usage, "--config uploads to /admin/config.xml; it cannot go --via execute");
    if (o.force && o.config.empty()) throw Error(ErrorKind::usage, "--force applies to --config");
    if (o.delivery.raw_url && (execute || !o.config.empty()))
        throw Error(ErrorKind::usage, "--raw-url applies to the PROFILE-URL of a plain resync");
}

// Reads the profile and refuses it (unless --force) when the pre-upload check finds problems.
Bytes config_body(const PushResyncOptions& o, const std::string& name) {
    Bytes data = read_input(o.config);
    const std::vector<std::string> problems = check_config_before_upload(name, data);
    if (problems.empty()) return data;
    for (const std::string& p : problems) o.force ? warning(p) : error(p);
    if (!o.force)
        throw Error(ErrorKind::input, "refusing to upload " + name + "; fix the problems above, or give --force");
    warning("uploading " + name + " despite the problems above (--force)");
    return data;
}

}  // namespace

int run_push_resync(const PushResyncOptions& o) {
    check_combinations(o);
    const bool execute = o.via == "execute";
    const bool upload = !o.config.empty();
    const std::vector<Target> targets = resolve_targets(o.delivery);
    const std::string config_name = o.config == "-" ? "standard input" : o.config;
    Bytes body;
    if (upload) {
        for (const Target& t : targets)
            if (!t.url.empty())
                throw Error(ErrorKind::usage, "--config uploads the file itself; drop the PROFILE-URL given for " +
                                                  t.phone + " (a resync URL makes no sense with it)");
        body = config_body(o, config_name);
    }
    const std::string model = execute ? phone::model_name(o.model) : std::string();
    std::vector<Job> jobs;
    jobs.reserve(targets.size());
    for (const Target& t : targets) {
        const phone::Endpoint endpoint = endpoint_for(o.delivery, t.phone);
        if (upload) {
            jobs.push_back({t.phone, phone::config_upload_request(endpoint, body, config_name, t.credentials)});
        } else if (execute) {
            if (t.url.empty())
                throw Error(ErrorKind::usage, "--via execute needs a PROFILE-URL for " + t.phone +
                                                  " (the XML object names the rule to resync to)");
            jobs.push_back({t.phone, phone::execute_resync_request(endpoint, model, t.url, t.credentials)});
        } else {
            jobs.push_back({t.phone, phone::resync_request(endpoint, t.url, o.delivery.raw_url, t.credentials)});
        }
    }
    for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i].credentials = !targets[i].credentials.user.empty();
    const std::string path = upload ? "/admin/config.xml" : execute ? "/CGI/Execute" : "/admin/resync";
    auto transport = make_curl_transport();
    return run_jobs(o.delivery, jobs, verdict_context(o.delivery, path, execute, targets), *transport);
}

Runner setup_push_resync(CLI::App& sub) {
    auto o = std::make_shared<PushResyncOptions>();
    add_delivery_options(sub, o->delivery, "PROFILE-URL",
                         "Profile rule to resync to: [OPTIONS] URL as in Profile_Rule; $MA and other macros are "
                         "kept for the phone to expand");
    sub.add_option("--config", o->config,
                   "Upload this XML profile directly: POST /admin/config.xml as curl -d @FILE does")
        ->type_name("FILE");
    sub.add_flag("--force", o->force, "Upload a --config file even if its check finds problems");
    sub.add_option("--via", o->via,
                   "resync: GET /admin/resync?URL; execute: POST the Cisco XML object to /CGI/Execute")
        ->check(CLI::IsMember({"resync", "execute"}))
        ->type_name("METHOD")
        ->capture_default_str();
    sub.add_option("--model", o->model, "Phone model for --via execute: 7832 or CP-7832-3PCC")->type_name("MODEL");
    sub.footer("Examples:\n"
               "  provkit push-resync --password env:PHONE_PW 192.168.1.10 'https://prov.example.com/$MA.xml'\n"
               "  provkit push-resync --password file:pw.txt --config my_config.xml 192.168.1.10\n"
               "  provkit push-resync --phones fleet.csv --parallel 64 --format json https://prov.example.com/$MA.xml\n"
               "See provkit-push-resync(1).");
    return [o] { return run_push_resync(*o); };
}

}  // namespace provkit::cli
