// The resync sequence (guide ch. 2 "Profile Rules"): Profile_Rule, _B, _C, _D in order, each
// evaluated, its assignments applied, its file fetched, decoded and applied; a failed rule
// interrupts the sequence. Syslog lines as Log_Request_Msg / Log_Success_Msg / Log_Failure_Msg.
#include <algorithm>
#include <cctype>

#include "provkit/catalog.hpp"
#include "provkit/error.hpp"
#include "provkit/macro.hpp"
#include "provkit/redact.hpp"
#include "provkit/rule.hpp"
#include "simulate_internal.hpp"

namespace provkit {

std::string_view to_string(ResultClass c) {
    switch (c) {
        case ResultClass::a: return "A";
        case ResultClass::b: return "B";
        case ResultClass::c: return "C";
        case ResultClass::none: break;
    }
    return "";
}

namespace {

using namespace simulate_detail;

const char* const rule_params[] = {"Profile_Rule", "Profile_Rule_B", "Profile_Rule_C", "Profile_Rule_D"};

// "If any of these parameters are cleared, the corresponding syslog message is not generated."
void log(const Profile& state, const Device& device, std::string_view param, SimulateResult& result) {
    const std::string text = phone_value(state, param);
    if (!text.empty()) result.syslog.push_back(expand_macros(text, device));
}

// The $SCHEME $SERV $SERVIP $PORT $PATH of the file requested.
void set_server_macros(Device& device, const Url& url, const std::string& server_ip) {
    device.set("SCHEME", url.scheme);
    device.set("SERV", url.host);
    device.set("SERVIP", server_ip.empty() ? url.host : server_ip);
    device.set("PORT", std::to_string(url.port));
    device.set("PATH", url.path);
}

bool is_no(std::string_view v) { return v.size() == 2 && (v[0] == 'N' || v[0] == 'n') && (v[1] == 'o' || v[1] == 'O'); }

// Evaluates one Profile_Rule* and performs what it chose. Returns false when the rule failed.
bool run_rule(const char* param, Profile& state, Device& device, const SimulateOptions& options,
              const std::string& user_agent, const Fetcher& fetcher, SimulateResult& result) {
    RuleReport& report = result.rules.emplace_back();
    report.param = param;
    const std::string text = state.find(param) ? state.find(param)->value : "";
    auto fail = [&](std::string error) {
        report.ok = false;
        report.error = std::move(error);
        device.set("ERR", report.error);
        log(state, device, "Log_Failure_Msg", result);
        return false;
    };
    ParseResult parsed = parse_rule(text, RuleKind::profile);
    if (parsed.error)
        return fail(param + (": " + describe_rule_position(text, parsed.error->column)) + ": " +
                    parsed.error->message);
    Evaluation ev;
    try {
        EvalOptions eval_options;
        eval_options.dhcp_server = options.tftp_server;
        ev = evaluate_rule(*parsed.rule, device, eval_options);
    } catch (const RuleError& e) {
        return fail(param + (": " + describe_rule_position(text, e.column())) + ": " + e.what());
    }
    for (const std::string& name : ev.unset)
        if (std::find(result.unset.begin(), result.unset.end(), name) == result.unset.end()) result.unset.push_back(name);
    if (!ev.selected) {
        report.note = parsed.rule->alternatives.empty() ? "empty" : "no alternative chosen";
        return true;
    }
    report.alternative = ev.selected;
    const Location here{state.add_file(std::string(param) + " assignment"), 0, 0};
    for (const auto& [name, value] : ev.assignments) apply_parameter(state, device, name, value, {}, here, report);
    if (!ev.url) {
        report.note = "no URL";
        return true;
    }
    if (ev.url->host.empty()) return fail("the URL has no server and no --tftp-server was given");

    FetchRequest request;
    request.url = fetch_url(*ev.url);
    request.user_agent = user_agent;
    request.cacert = options.cacert;
    request.connect_timeout = options.connect_timeout;
    request.timeout = options.timeout;
    request.max_bytes = options.max_bytes;
    std::optional<Secret> key;
    bool credentials = false;
    std::optional<std::string> alias_map;
    std::string alias_name;
    for (const auto& [name, value] : ev.options) {
        // --post and --alias name a GPP by its letter, written in lower case.
        std::string gpp = value;
        for (char& c : gpp) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        switch (name) {
            case OptionName::key: key.emplace(value); break;
            case OptionName::uid: request.user = value, credentials = true; break;
            case OptionName::pwd: request.password = std::make_shared<const Secret>(value), credentials = true; break;
            case OptionName::post: {
                // "--post x: HTTP POST whose body is the macro-expanded contents of GPP_X".
                const std::string* raw = device.value(canonical_macro_name(gpp));
                request.method = FetchMethod::post;
                request.body = expand_macros(raw ? *raw : "", device);
                break;
            }
            case OptionName::alias: {
                alias_name = "GPP_" + gpp;
                const std::string* map = device.value(canonical_macro_name(gpp));
                alias_map = map ? *map : "";
                break;
            }
        }
    }
    if (request.method == FetchMethod::post && ev.url->scheme == "tftp") return fail("--post needs http or https");
    report.method = ev.url->scheme == "tftp" ? "" : request.method == FetchMethod::post ? "POST" : "GET";

    Download d = download(request, credentials, fetcher);
    report.url = redact(d.url);
    report.attempts = d.attempts;
    report.status = d.response.status;
    report.result = d.result;
    report.bytes = d.response.body.size();
    set_server_macros(device, *ev.url, d.response.server_ip);
    // The request line goes out before the transfer; the server's address is known after it.
    log(state, device, "Log_Request_Msg", result);
    if (d.result != ResultClass::a) {
        if (d.not_found && is_no(phone_value(state, "Resync_Fails_On_FNF"))) {
            report.note = "file not found, accepted as Resync_Fails_On_FNF is No";
            log(state, device, "Log_Success_Msg", result);
            return true;
        }
        return fail(d.error);
    }
    try {
        Bytes document = decode_body(d.response, key ? &*key : nullptr, state, alias_map.has_value(), report.decoding);
        if (alias_map) report.decoding.push_back("alias map " + alias_name);
        apply_document(document, alias_map ? &*alias_map : nullptr, redact(d.url), state, device, report);
    } catch (const Error& e) {
        report.result = ResultClass::b;  // "Failure when File Not Found or corrupt profile"
        return fail(std::string("corrupt profile: ") + e.what());
    }
    log(state, device, "Log_Success_Msg", result);
    return true;
}

}  // namespace

SimulateResult simulate_resync(Profile& state, Device& device, const SimulateOptions& options,
                               const Fetcher& fetcher) {
    SimulateResult result;
    const Profile initial = state;
    auto var = [&](std::string_view name) {
        const std::string* v = device.value(name);
        return v ? *v : std::string();
    };
    // Guide ch. 3: "User-Agent: Cisco-CP-7832-3PCC/11.0.1 (00562b043615)".
    const std::string user_agent = "Cisco-" + var("PN") + "/" + var("SWVER") + " (" + var("MA") + ")";
    for (const char* param : rule_params) {
        if (!run_rule(param, state, device, options, user_agent, fetcher, result)) {
            result.ok = false;
            break;
        }
    }
    if (options.upgrade) {
        result.upgrade = check_upgrade(state, device, options, user_agent, fetcher);
        if (!result.upgrade->ok) result.ok = false;
    }
    for (const Param& p : state.params()) {
        const Param* before = initial.find(p.name);
        if (before && before->value == p.value && before->ua == p.ua) continue;
        ParamChange change{p.name, std::nullopt, p.value, std::nullopt, p.ua, false};
        if (before) change.old_value = before->value, change.old_ua = before->ua;
        const ParamSpec* spec = Catalog::builtin().find(p.name);
        change.secret = spec && spec->secret;
        result.changed.push_back(std::move(change));
    }
    return result;
}

}  // namespace provkit
