// The device-context flags shared by `expand-macros` and `eval-rule`: --mac, --set, --device,
// --profile (with -k/--pass for an encrypted one) and --warn-unset, applied in command-line
// order so that later flags override earlier ones.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli_io.hpp"
#include "provkit/device.hpp"

namespace provkit::cli {

struct ContextSetting {
    enum Kind { mac, set, device, profile } kind;
    std::string value;
};

struct DeviceOptions {
    std::vector<ContextSetting> settings;  // in command-line order
    bool warn_unset = false;
    PassOptions pass;
};

// Adds the flags; the returned function, called after parsing, fills opts.settings in the
// order the flags were given.
std::function<void()> add_device_options(CLI::App& app, DeviceOptions& opts);

// Builds the device context. Throws Error(usage) for a bad --mac/--set, Error(input) for a
// bad --device or --profile file (naming FILE:LINE).
Device build_device(const DeviceOptions& opts);

// With --warn-unset, one warning per known variable that expanded to "" for want of a value.
void report_unset(const DeviceOptions& opts, const std::vector<std::string>& names);

}  // namespace provkit::cli
