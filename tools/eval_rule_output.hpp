// Rendering of `provkit eval-rule` results: text for people, one JSON object for scripts.
#pragma once

#include <string>
#include <string_view>

#include "provkit/rule.hpp"

namespace provkit::cli {

struct RenderOptions {
    bool json = false;
    bool explain = false;
    bool show_secrets = false;  // else --key and --pwd values are "***"
    std::string_view text;      // the rule as parsed: --explain gives positions in it
};

// The whole standard output for a rule that parsed and evaluated.
std::string render_evaluation(const Rule& rule, const Evaluation& ev, const RenderOptions& options);

}  // namespace provkit::cli
