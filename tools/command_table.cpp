// The subcommand table. Register only implemented subcommands, one line each.
#include "command_table.hpp"

#include "commands.hpp"

namespace provkit::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        // {"name", "one-line summary", setup_name},
    };
    return table;
}

}  // namespace provkit::cli
