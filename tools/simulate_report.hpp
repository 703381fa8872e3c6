// The output of `provkit simulate`: the text report, the --diff lines and the JSON document.
#pragma once

#include <string>

#include "provkit/simulate.hpp"

namespace provkit::cli {

std::string render_simulation_text(const SimulateResult& result);
std::string render_simulation_diff(const SimulateResult& result);
std::string render_simulation_json(const SimulateResult& result);

}  // namespace provkit::cli
