// The subcommand table. Register only implemented subcommands, one line each.
#include "command_table.hpp"

#include "commands.hpp"

namespace provkit::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        // {"name", "one-line summary", setup_name},
        {"gzip", "Compress or decompress files, like gzip, with a size cap", setup_gzip},
        {"encrypt", "Encrypt a profile as phones accept it (openssl enc AES-256-CBC, or aes128gcm)", setup_encrypt},
        {"decrypt", "Decode a profile as a phone does: decrypt, inflate, check the XML", setup_decrypt},
    };
    return table;
}

const Command* command_in_arguments(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg.starts_with("-")) continue;
        for (const Command& cmd : commands())
            if (cmd.name == arg) return &cmd;
        return nullptr;
    }
    return nullptr;
}

}  // namespace provkit::cli
