// The device-context flags of provkit expand-macros and eval-rule.
#include "device_options.hpp"

#include <map>
#include <memory>

#include "diagnostics.hpp"
#include "provkit/error.hpp"

namespace provkit::cli {

namespace {

struct Raw {
    std::vector<std::string> macs, sets, devices, profiles;
};

}  // namespace

std::function<void()> add_device_options(CLI::App& app, DeviceOptions& opts) {
    auto raw = std::make_shared<Raw>();
    auto* mac = app.add_option("--mac", raw->macs, "The phone's MAC address: sets $MA, $MAU and $MAC")
                    ->type_name("MAC")->allow_extra_args(false);
    auto* set = app.add_option("--set", raw->sets, "Set a macro variable, e.g. --set PN=CP-7832-3PCC (repeatable)")
                    ->type_name("NAME=VALUE")->allow_extra_args(false);
    auto* device = app.add_option("--device", raw->devices, "Read NAME=VALUE lines of macro variables from FILE")
                       ->type_name("FILE")->allow_extra_args(false);
    auto* profile = app.add_option("--profile", raw->profiles,
                                   "Read the phone's parameters (GPP_*, User_ID_n_, rules) from a profile in "
                                   "any form decrypt reads")
                        ->type_name("FILE")->allow_extra_args(false);
    app.add_flag("--warn-unset", opts.warn_unset, "Warn about known variables that expand to nothing");
    add_pass_options(app, opts.pass);
    opts.pass.key_option->description("Key of an encrypted --profile (same as --pass pass:TEXT)");
    opts.pass.pass_option->description("Source of the key of an encrypted --profile: pass:TEXT, env:VAR, "
                                       "file:PATH, fd:N or stdin");
    // Each occurrence of a flag is one entry of parse_order(); the n-th occurrence of a flag is
    // the n-th of its results.
    return [&app, &opts, raw, mac, set, device, profile] {
        std::map<const CLI::Option*, std::pair<ContextSetting::Kind, std::size_t>> next = {
            {mac, {ContextSetting::mac, 0}},
            {set, {ContextSetting::set, 0}},
            {device, {ContextSetting::device, 0}},
            {profile, {ContextSetting::profile, 0}}};
        opts.settings.clear();
        for (const CLI::Option* option : app.parse_order()) {
            auto it = next.find(option);
            if (it == next.end()) continue;
            auto& [kind, index] = it->second;
            const auto& results = option->results();
            if (index < results.size()) opts.settings.push_back({kind, results[index++]});
        }
    };
}

Device build_device(const DeviceOptions& opts) {
    Device device;
    std::optional<Secret> secret;
    bool secret_resolved = false;
    for (const ContextSetting& s : opts.settings) {
        switch (s.kind) {
            case ContextSetting::mac:
                device.set_mac(s.value);
                break;
            case ContextSetting::set: {
                std::size_t eq = s.value.find('=');
                if (eq == std::string::npos || eq == 0)
                    throw Error(ErrorKind::usage, "--set expects NAME=VALUE, e.g. --set PN=CP-7832-3PCC");
                device.set(s.value.substr(0, eq), s.value.substr(eq + 1));
                break;
            }
            case ContextSetting::device: {
                Bytes text = read_input(s.value);
                load_device_text(device, text, s.value == "-" ? "standard input" : s.value);
                break;
            }
            case ContextSetting::profile:
                if (!secret_resolved) {
                    secret = resolve_secret(opts.pass);
                    secret_resolved = true;
                }
                load_profile_file(device, s.value, secret ? &*secret : nullptr);
                break;
        }
    }
    bool pass_given = (opts.pass.key_option && opts.pass.key_option->count() > 0) ||
                      (opts.pass.pass_option && opts.pass.pass_option->count() > 0);
    if (pass_given && !secret_resolved) warning("-k/--pass decrypts a --profile; no --profile was given");
    return device;
}

void report_unset(const DeviceOptions& opts, const std::vector<std::string>& names) {
    if (!opts.warn_unset) return;
    for (const std::string& name : names) warning("$" + name + " is not set; it expanded to the empty string");
}

}  // namespace provkit::cli
