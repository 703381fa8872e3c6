// The subcommand table. Register only implemented subcommands, one line each.
#include "command_table.hpp"

#include "commands.hpp"
#include "provkit/catalog.hpp"

namespace provkit::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        // {"name", "one-line summary", setup_name},
        {"gzip", "Compress or decompress files, like gzip, with a size cap", setup_gzip},
        {"encrypt", "Encrypt a profile as phones accept it (openssl enc AES-256-CBC, or aes128gcm)", setup_encrypt},
        {"decrypt", "Decode a profile as a phone does: decrypt, inflate, check the XML", setup_decrypt},
        {"compile", "Compile XML layers and spc sources into one canonical profile (optionally .cfg)", setup_compile},
        {"expand-macros", "Expand $NAME macros as a phone does, for a described device", setup_expand_macros},
        {"eval-rule", "Evaluate a profile/upgrade rule, resync trigger or schedule for a device", setup_eval_rule},
        {"push-resync", "Tell phones to resync, or upload a profile to them, one phone or a fleet", setup_push_resync},
        {"upgrade", "Tell phones to upgrade their firmware, one phone or a fleet", setup_upgrade},
        {"simulate", "Resync like a phone against real servers: fetch, decode, apply, report", setup_simulate},
        {"lint", "Check profiles as a phone reads them: XML, names, values, secrets (text, JSON, SARIF)", setup_lint},
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

std::string_view unknown_command_in_arguments(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg.starts_with("-")) continue;
        return command_in_arguments(argc, argv) ? std::string_view() : arg;
    }
    return {};
}

const Command* nearest_command(std::string_view typed) {
    const Command* best = nullptr;
    std::size_t best_distance = 3;
    for (const Command& cmd : commands()) {
        const std::size_t d = edit_distance(typed, cmd.name, 2);
        if (d < best_distance) best = &cmd, best_distance = d;
    }
    return best;
}

}  // namespace provkit::cli
