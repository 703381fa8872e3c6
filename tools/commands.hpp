// Setup functions of the subcommands, one per cmd_<name>.cpp (see command_table.cpp).
#pragma once

#include "command_table.hpp"

namespace provkit::cli {

Runner setup_gzip(CLI::App& sub);
Runner setup_encrypt(CLI::App& sub);
Runner setup_decrypt(CLI::App& sub);
Runner setup_compile(CLI::App& sub);
Runner setup_expand_macros(CLI::App& sub);
Runner setup_eval_rule(CLI::App& sub);
Runner setup_push_resync(CLI::App& sub);
Runner setup_upgrade(CLI::App& sub);
Runner setup_simulate(CLI::App& sub);
Runner setup_lint(CLI::App& sub);

}  // namespace provkit::cli
