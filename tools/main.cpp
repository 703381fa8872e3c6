// provkit: parses the command line, runs one subcommand, maps errors to exit statuses.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "command_table.hpp"
#include "diagnostics.hpp"
#include "provkit/error.hpp"
#include "provkit/message_text.hpp"
#include "provkit/version.hpp"

int main(int argc, char** argv) {
    using namespace provkit::cli;
    CLI::App app{"provkit - author, secure, deliver and decode Cisco SPA/MPP phone profiles", "provkit"};
    app.set_version_flag("--version", std::string("provkit ") + provkit::version());
    app.require_subcommand(1);
    app.footer("Run 'provkit COMMAND --help' for a command's options; see provkit(1).");

    // Only the command being run gets its options: building every command's costs more than an
    // encrypt run's own work. `provkit --help` lists commands by name and summary only.
    const Command* chosen = command_in_arguments(argc, argv);
    if (const std::string_view typed = unknown_command_in_arguments(argc, argv); !typed.empty()) {
        const Command* near = nearest_command(typed);
        error("unknown command " + provkit::quoted_text(typed) + "; " +
              (near ? "did you mean '" + std::string(near->name) + "'?" : "see 'provkit --help' for the commands"));
        return 2;
    }
    CLI::App* chosen_sub = nullptr;
    Runner run;
    for (const Command& cmd : commands()) {
        CLI::App* sub = app.add_subcommand(std::string(cmd.name), std::string(cmd.summary));
        if (&cmd == chosen) {
            chosen_sub = sub;
            run = cmd.setup(*sub);
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        error(e.what());
        std::cerr << "Run 'provkit --help' for usage.\n";
        return 2;
    }

    try {
        if (chosen_sub && chosen_sub->parsed()) return run();
        return 2;
    } catch (const provkit::Error& e) {
        error(e.what());
        return provkit::exit_status(e.kind());
    } catch (const std::bad_alloc&) {
        error("out of memory");
        return 1;
    } catch (const std::exception& e) {
        error(std::string("internal error: ") + e.what());
        return 1;
    }
}
