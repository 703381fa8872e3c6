// The subcommand table. Register only implemented subcommands, one line each.
#include "command_table.hpp"

#include "commands.hpp"

namespace provkit::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        // {"name", "one-line summary", setup_name},
        {"push-resync", "Tell phones to resync, or upload a profile to them, one phone or a fleet", setup_push_resync},
        {"upgrade", "Tell phones to upgrade their firmware, one phone or a fleet", setup_upgrade},
    };
    return table;
}

}  // namespace provkit::cli
