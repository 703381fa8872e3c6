// The Upgrade_Rule part of a simulated resync (guide ch. 2 "Upgrade Rule"): which load the
// phone would fetch, Downgrade_Rev_Limit, and whether the URL answers (without downloading it).
#include "provkit/error.hpp"
#include "provkit/redact.hpp"
#include "provkit/rule.hpp"
#include "simulate_internal.hpp"

namespace provkit::simulate_detail {

namespace {

// The version a load's file name carries: "sip7832.11-0-1MPP-0123.loads" without its extension.
std::optional<FirmwareVersion> load_version(std::string load) {
    if (auto v = parse_firmware_version(load)) return v;
    if (auto dot = load.rfind('.'); dot != std::string::npos) return parse_firmware_version(load.substr(0, dot));
    return std::nullopt;
}

}  // namespace

UpgradeReport check_upgrade(Profile& state, Device& device, const SimulateOptions& options,
                            const std::string& user_agent, const Fetcher& fetcher) {
    UpgradeReport up;
    auto fail = [&](std::string error) {
        up.ok = false;
        up.error = std::move(error);
        return up;
    };
    const std::string enable = phone_value(state, "Upgrade_Enable");
    if (enable == "No" || enable == "no" || enable == "NO") {
        up.decision = "disabled";
        up.detail = "Upgrade_Enable is No";
        return up;
    }
    const std::string text = state.find("Upgrade_Rule") ? state.find("Upgrade_Rule")->value : "";
    ParseResult parsed = parse_rule(text, RuleKind::upgrade);
    auto at = [&](std::size_t column) {
        return "Upgrade_Rule: " + describe_rule_position(text, column) + ": ";
    };
    if (parsed.error) return fail(at(parsed.error->column) + parsed.error->message);
    for (const RuleDiagnostic& w : parsed.warnings)
        if (w.kind_violation) return fail(at(w.column) + w.message);
    Evaluation ev;
    try {
        ev = evaluate_rule(*parsed.rule, device);
    } catch (const RuleError& e) {
        return fail(at(e.column()) + e.what());
    }
    up.alternative = ev.selected;
    RuleReport scratch;
    scratch.param = "Upgrade_Rule";
    const Location here{state.add_file("Upgrade_Rule assignment"), 0, 0};
    for (const auto& [name, value] : ev.assignments) apply_parameter(state, device, name, value, {}, here, scratch);
    if (!ev.url) {
        up.decision = "none";
        up.detail = parsed.rule->alternatives.empty() ? "Upgrade_Rule is empty" : "no alternative names a load";
        return up;
    }
    const std::string url = fetch_url(*ev.url);
    up.url = redact(url);
    up.load = ev.url->path.substr(ev.url->path.rfind('/') + 1);
    const auto version = load_version(up.load);
    try {
        const std::string* current = device.value("SWVER");
        if (version && current) {
            if (auto cur = parse_firmware_version(*current); cur && compare_versions(*version, *cur) == 0) {
                up.decision = "current";
                up.detail = "the phone already runs " + *current;
                return up;
            }
        }
        const std::string limit = phone_value(state, "Downgrade_Rev_Limit");
        if (version && !limit.empty()) {
            if (auto lim = parse_firmware_version(limit); lim && compare_versions(*version, *lim) < 0) {
                up.decision = "rejected";
                up.detail = up.load + " is older than Downgrade_Rev_Limit " + limit;
                return up;
            }
        }
    } catch (const RuleError& e) {
        return fail(std::string("cannot compare the load's version: ") + e.what());
    }
    FetchRequest probe;
    probe.url = url;
    probe.method = FetchMethod::probe;
    probe.user_agent = user_agent;
    probe.cacert = options.cacert;
    probe.connect_timeout = options.connect_timeout;
    probe.timeout = options.timeout;
    Download d = download(probe, false, fetcher);
    up.url = redact(d.url);
    up.status = d.response.status;
    up.decision = "fetch";
    if (d.result != ResultClass::a) return fail("the load's URL does not answer: " + d.error);
    up.detail = "the URL answers; the phone would fetch " + up.load;
    return up;
}

}  // namespace provkit::simulate_detail
