// `provkit simulate`: one resync exactly as a phone performs it, against real servers - the
// rules evaluated, files fetched over tftp/http/https, decoded, applied, reported.
// Exit 0 the resync succeeded, 1 it failed (or the upgrade URL does not answer), 2 usage.
#include <chrono>
#include <memory>

#include "commands.hpp"
#include "device_options.hpp"
#include "diagnostics.hpp"
#include "provkit/decode.hpp"
#include "provkit/error.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/rule.hpp"
#include "provkit/simulate.hpp"
#include "simulate_report.hpp"
#include "size_arg.hpp"

namespace provkit::cli {

namespace {

struct SimulateCliOptions {
    DeviceOptions device;
    std::string tftp_server;
    std::string output;
    bool diff = false;
    std::string format = "text";
    bool upgrade = false;
    std::string cacert;
    double timeout = 30;
    std::string max_size = "8M";
};

// The state (every --profile layered in order) and the device context, built in command-line
// order so that later flags override earlier ones, as in eval-rule.
void load_context(const DeviceOptions& opts, Profile& state, Device& device) {
    std::optional<Secret> secret;
    bool resolved = false;
    for (const ContextSetting& s : opts.settings) {
        if (s.kind == ContextSetting::mac) {
            device.set_mac(s.value);
            continue;
        }
        if (s.kind == ContextSetting::set) {
            const std::size_t eq = s.value.find('=');
            if (eq == std::string::npos || eq == 0)
                throw Error(ErrorKind::usage, "--set expects NAME=VALUE, e.g. --set PN=CP-7832-3PCC");
            device.set(s.value.substr(0, eq), s.value.substr(eq + 1));
            continue;
        }
        if (s.kind == ContextSetting::device) {
            load_device_text(device, read_input(s.value), s.value == "-" ? "standard input" : s.value);
            continue;
        }
        if (!resolved) secret = resolve_secret(opts.pass), resolved = true;
        const std::string name = s.value == "-" ? "standard input" : s.value;
        Bytes file = read_input(s.value);
        DecodeOptions options;
        options.source_name = name;  // errors start with it
        DecodeResult decoded = decode_profile(file, secret ? &*secret : nullptr, options);
        ReadResult read = read_profile_xml(decoded.data, name);
        if (!read.ok()) throw Error(ErrorKind::input, read.errors.front().to_string());
        state.apply(read.profile);
        load_profile_xml(device, decoded.data, name);
    }
}

int run_simulate(const SimulateCliOptions& opts) {
    bool have_profile = false;
    for (const ContextSetting& s : opts.device.settings) have_profile |= s.kind == ContextSetting::profile;
    if (!have_profile) throw Error(ErrorKind::usage, "give the phone's state with --profile STATE");
    std::vector<std::string> inputs;
    for (const ContextSetting& s : opts.device.settings)
        if (s.kind == ContextSetting::profile || s.kind == ContextSetting::device) inputs.push_back(s.value);
    refuse_overwriting_input(opts.output, inputs, false);
    if (!opts.tftp_server.empty()) {
        try {
            split_url("/", 1, opts.tftp_server);
        } catch (const RuleError& e) {
            throw Error(ErrorKind::usage, "--tftp-server " + opts.tftp_server + ": " + e.what());
        }
    }
    if (!(opts.timeout > 0 && opts.timeout <= 3600))
        throw Error(ErrorKind::usage, "--timeout expects seconds between 0 and 3600");
    SimulateOptions options;
    options.tftp_server = opts.tftp_server;
    options.cacert = opts.cacert;
    options.timeout = std::chrono::milliseconds(static_cast<long long>(opts.timeout * 1000));
    options.connect_timeout = std::min(options.timeout, std::chrono::milliseconds(10000));
    options.max_bytes = parse_size(opts.max_size, "--max-size");
    options.upgrade = opts.upgrade;

    Profile state;
    Device device;
    load_context(opts.device, state, device);
    SimulateResult result = simulate_resync(state, device, options);
    report_unset(opts.device, result.unset);

    // Like every provkit output, -o is left untouched when the run fails.
    if (!opts.output.empty() && result.ok) write_output(opts.output, write_profile_xml(state), false, true);
    const std::string text = opts.format == "json" ? render_simulation_json(result)
                             : opts.diff          ? render_simulation_diff(result)
                                                  : render_simulation_text(result);
    write_all(1, text, "standard output");
    return result.ok ? 0 : 1;
}

}  // namespace

Runner setup_simulate(CLI::App& sub) {
    auto o = std::make_shared<SimulateCliOptions>();
    auto collect = add_device_options(sub, o->device);
    sub.get_option("--profile")
        ->description("The phone's current parameters (Profile_Rule*, GPP_*, Log_*_Msg, ...) in any form decrypt "
                      "reads; repeat to layer files");
    sub.add_option("--tftp-server", o->tftp_server,
                   "The DHCP option-66 TFTP server, used when a profile rule URL has no server")
        ->type_name("HOST[:PORT]");
    sub.add_option("-o,--output", o->output, "Write the phone's new state as canonical XML to FILE")
        ->type_name("FILE");
    sub.add_flag("--diff", o->diff, "Print only the changed parameters, NAME: OLD -> NEW");
    sub.add_option("--format", o->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    sub.add_flag("--upgrade", o->upgrade,
                 "Also evaluate Upgrade_Rule and check that the load's URL answers (without downloading it)");
    sub.add_option("--cacert", o->cacert, "PEM bundle the phone trusts for https servers (default: the system's)")
        ->type_name("FILE")
        ->check(CLI::ExistingFile);
    sub.add_option("--timeout", o->timeout, "Seconds a transfer may take (default 30)")->type_name("SECONDS");
    sub.add_option("--max-size", o->max_size, "Largest file the phone accepts (default 8M)")->type_name("SIZE");
    return [o, collect] {
        collect();
        return run_simulate(*o);
    };
}

}  // namespace provkit::cli
