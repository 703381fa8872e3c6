// provkit upgrade: tells phones to upgrade their firmware (GET /admin/upgrade?FIRMWARE-URL)
// after checking the URL as the guide requires and refusing loads below a downgrade limit;
// the URL may come from an Upgrade_Rule evaluated for a described phone (--rule).
#include <memory>
#include <optional>
#include <set>

#include "commands.hpp"
#include "delivery_options.hpp"
#include "device_options.hpp"
#include "diagnostics.hpp"
#include "provkit/error.hpp"
#include "provkit/redact.hpp"
#include "provkit/rule.hpp"

namespace provkit::cli {

struct UpgradeOptions {
    DeliveryFlags delivery;
    std::string current;
    std::string downgrade_limit;
    std::string rule;
    DeviceOptions device;
};

namespace {

struct NamedVersion {
    std::string text;
    FirmwareVersion version;
};

std::optional<NamedVersion> version_option(const std::string& text, const std::string& option) {
    if (text.empty()) return std::nullopt;
    auto v = parse_firmware_version(text);
    if (!v)
        throw Error(ErrorKind::usage, option + ": '" + text +
                                          "' is not a firmware version such as sip7832.11-0-1MPP-0123");
    return NamedVersion{text, *v};
}

// The version a load's file name gives (".../sip7832.11-0-1MPP-0123.loads").
std::optional<NamedVersion> version_of_load(std::string_view url) {
    url = url.substr(0, url.find_first_of("?#"));
    std::string_view file = url.substr(url.rfind('/') + 1);
    if (file.size() > 6 && file.substr(file.size() - 6) == ".loads") file.remove_suffix(6);
    auto v = parse_firmware_version(file);
    if (!v) return std::nullopt;
    return NamedVersion{std::string(file), *v};
}

int compare(const NamedVersion& a, const NamedVersion& b) {
    try {
        return compare_versions(a.version, b.version);
    } catch (const RuleError&) {
        throw Error(ErrorKind::usage, "cannot compare " + a.text + " with " + b.text +
                                          ": one is an MPP version, the other a dotted one");
    }
}

// Checks one firmware URL (once per distinct URL): the guide's URL rules, then versions.
void check_firmware(const std::string& url, const std::optional<NamedVersion>& current,
                    const std::optional<NamedVersion>& limit) {
    for (const std::string& w : phone::check_upgrade_url(url)) warning(w);
    if (!current && !limit) return;
    const auto load = version_of_load(url);
    if (!load)
        throw Error(ErrorKind::usage, "cannot tell the firmware version from '" + redact(url) +
                                          "'; --current and --downgrade-limit need a load named like "
                                          "sip7832.11-0-1MPP-0123.loads");
    if (limit && compare(*load, *limit) < 0)
        throw Error(ErrorKind::input, "refusing to push " + load->text + ": it is below the downgrade limit " +
                                          limit->text + ", so the phone's Downgrade_Rev_Limit would reject it");
    if (current) {
        const int order = compare(*load, *current);
        if (order < 0) warning(load->text + " is a downgrade from " + current->text);
        if (order == 0) warning("the phones already run " + load->text + "; a phone does not fetch a load it has");
    }
}

std::string rule_error(const std::string& rule, std::size_t column, const std::string& message) {
    return "--rule: " + describe_rule_position(rule, column) + ": " + message;
}

// Evaluates --rule as an Upgrade_Rule for the described phone; returns the URL it chooses.
std::string url_from_rule(const UpgradeOptions& o) {
    const Device device = build_device(o.device);
    ParseResult parsed = parse_rule(o.rule, RuleKind::upgrade);
    if (parsed.error) throw Error(ErrorKind::usage, rule_error(o.rule, parsed.error->column, parsed.error->message));
    for (const RuleDiagnostic& w : parsed.warnings) {
        if (w.kind_violation) throw Error(ErrorKind::usage, rule_error(o.rule, w.column, w.message));
        warning(rule_error(o.rule, w.column, w.message));
    }
    Evaluation ev;
    try {
        ev = evaluate_rule(*parsed.rule, device);
    } catch (const RuleError& e) {
        throw Error(ErrorKind::usage, rule_error(o.rule, e.column(), e.what()));
    }
    report_unset(o.device, ev.unset);
    if (!ev.selected || !ev.url)
        throw Error(ErrorKind::input, "--rule chooses no firmware for the described phone (no alternative's "
                                      "condition holds), so a phone would not upgrade; nothing sent");
    std::string url = ev.url->text;
    if (url.find("://") == std::string::npos) url = ev.url->scheme + "://" + url;  // the guide: tftp assumed
    if (o.delivery.verbose)
        note("--rule chose alternative " + std::to_string(*ev.selected) + ": " + redact(url));
    return url;
}

}  // namespace

int run_upgrade(const UpgradeOptions& o) {
    const auto current = version_option(o.current, "--current");
    const auto limit = version_option(o.downgrade_limit, "--downgrade-limit");
    const bool by_rule = !o.rule.empty();
    if (!by_rule && !o.device.settings.empty())
        throw Error(ErrorKind::usage, "--mac, --set, --device and --profile describe the phone for --rule");
    const std::vector<Target> targets = resolve_targets(o.delivery);
    std::string chosen;
    if (by_rule) {
        for (const Target& t : targets)
            if (!t.url.empty())
                throw Error(ErrorKind::usage, "give either a FIRMWARE-URL or --rule, not both (" + t.phone + ")");
        chosen = url_from_rule(o);
    }
    std::set<std::string> checked;
    std::vector<Job> jobs;
    jobs.reserve(targets.size());
    for (const Target& t : targets) {
        const std::string& url = by_rule ? chosen : t.url;
        if (url.empty())
            throw Error(ErrorKind::usage, "give the FIRMWARE-URL for " + t.phone +
                                              " (on the command line, as the fourth field of the --phones list, "
                                              "or by --rule)");
        if (checked.insert(url).second) check_firmware(url, current, limit);
        jobs.push_back({t.phone,
                        phone::upgrade_request(endpoint_for(o.delivery, t.phone), url, o.delivery.raw_url,
                                               t.credentials),
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
    sub.add_option("--rule", o->rule,
                   "Evaluate this Upgrade_Rule for the phone described by --mac/--set/--device/--profile and "
                   "push the URL it chooses")
        ->type_name("UPGRADE_RULE");
    auto collect = add_device_options(sub, o->device);
    sub.footer("Examples:\n"
               "  provkit upgrade --password env:PHONE_PW 192.168.1.10 http://fw.example.com/sip7832.11-0-1MPP-0123.loads\n"
               "  provkit upgrade --phones fleet.txt --downgrade-limit sip7832.11-0-1MPP-0100 http://fw/x.loads\n"
               "  provkit upgrade --profile phone.xml --rule \"$(cat upgrade-rule.txt)\" 192.168.1.10\n"
               "See provkit-upgrade(1).");
    return [o, collect] {
        collect();
        return run_upgrade(*o);
    };
}

}  // namespace provkit::cli
