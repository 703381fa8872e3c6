// The subcommand table. Register only implemented subcommands, one line each.
#include "command_table.hpp"

#include "commands.hpp"

namespace provkit::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        // {"name", "one-line summary", setup_name},
        {"gzip", "Compress or decompress files, like gzip, with a size cap", setup_gzip},
    };
    return table;
}

}  // namespace provkit::cli
