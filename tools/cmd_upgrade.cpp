// provkit upgrade: tells phones to upgrade their firmware (GET /admin/upgrade?FIRMWARE-URL)
// after checking the URL as the guide requires, and refusing loads below a downgrade limit.
#include <memory>
#include <optional>
#include <set>

#include "commands.hpp"
#include "delivery_options.hpp"
#include "diagnostics.hpp"
#include "provkit/error.hpp"
#include "provkit/firmware_version.hpp"
#include "provkit/redact.hpp"

namespace provkit::cli {

struct UpgradeOptions {
    DeliveryFlags delivery;
    std::string current;
    std::string downgrade_limit;
};

namespace {

std::optional<FirmwareVersion> version_option(const std::string& text, const std::string& option) {
    if (text.empty()) return std::nullopt;
    auto v = parse_firmware_version(text);
    if (!v)
        throw Error(ErrorKind::usage, option + ": '" + text +
                                          "' is not an MPP firmware version such as sip7832.11-0-1MPP-0123");
    return v;
}

// Checks one firmware URL (once per distinct URL): the guide's URL rules, then versions.
void check_firmware(const std::string& url, const std::optional<FirmwareVersion>& current,
                    const std::optional<FirmwareVersion>& limit) {
    for (const std::string& w : phone::check_upgrade_url(url)) warning(w);
    if (!current && !limit) return;
    const auto version = firmware_version_of_url(url);
    if (!version)
        throw Error(ErrorKind::usage, "cannot tell the firmware version from '" + redact(url) +
                                          "'; --current and --downgrade-limit need a load named like "
                                          "sip7832.11-0-1MPP-0123.loads");
    if (limit && compare_firmware_versions(*version, *limit) < 0)
        throw Error(ErrorKind::input, "refusing to push " + version->text + ": it is below the downgrade limit " +
                                          limit->text + ", so the phone's Downgrade_Rev_Limit would reject it");
    if (current) {
        const int order = compare_firmware_versions(*version, *current);
        if (order < 0) warning(version->text + " is a downgrade from " + current->text);
        if (order == 0)
            warning("the phones already run " + version->text + "; a phone does not fetch a load it has");
    }
}

}  // namespace

int run_upgrade(const UpgradeOptions& o) {
    const auto current = version_option(o.current, "--current");
    const auto limit = version_option(o.downgrade_limit, "--downgrade-limit");
    const std::vector<Target> targets = resolve_targets(o.delivery);
    std::set<std::string> checked;
    std::vector<Job> jobs;
    jobs.reserve(targets.size());
    for (const Target& t : targets) {
        if (t.url.empty())
            throw Error(ErrorKind::usage, "give the FIRMWARE-URL for " + t.phone +
                                              " (on the command line, or as the fourth field of the --phones list)");
        if (checked.insert(t.url).second) check_firmware(t.url, current, limit);
        jobs.push_back({t.phone, phone::upgrade_request(endpoint_for(o.delivery, t.phone), t.url,
                                                        o.delivery.raw_url, t.credentials),
                        !t.credentials.user.empty()});
    }
    auto transport = make_curl_transport();
    return run_jobs(o.delivery, jobs, verdict_context(o.delivery, "/admin/upgrade", false, targets), *transport);
}

Runner setup_upgrade(CLI::App& sub) {
    auto o = std::make_shared<UpgradeOptions>();
    add_delivery_options(sub, o->delivery, "FIRMWARE-URL",
                         "Firmware load to upgrade to: SCHEME://SERVER[:PORT]/PATH/LOAD.loads");
    sub.add_option("--current", o->current,
                   "The firmware the phones run, e.g. sip7832.11-0-1MPP-0123 (warns of downgrades)")
        ->type_name("VERSION");
    sub.add_option("--downgrade-limit", o->downgrade_limit,
                   "Refuse a load older than VERSION, as the phone's Downgrade_Rev_Limit would")
        ->type_name("VERSION");
    sub.footer("Examples:\n"
               "  provkit upgrade --password env:PHONE_PW 192.168.1.10 http://fw.example.com/sip7832.11-0-1MPP-0123.loads\n"
               "  provkit upgrade --phones fleet.txt --downgrade-limit sip7832.11-0-1MPP-0100 http://fw/x.loads\n"
               "See provkit-upgrade(1).");
    return [o] { return run_upgrade(*o); };
}

}  // namespace provkit::cli
