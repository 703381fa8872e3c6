// stderr diagnostics with optional colour.
#include "diagnostics.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "provkit/message_text.hpp"

namespace provkit::cli {

namespace {

void emit(std::string_view label, std::string_view colour, std::string_view message) {
    std::cerr << "provkit: ";
    if (use_colour(2))
        std::cerr << "\033[" << colour << 'm' << label << ":\033[0m ";
    else
        std::cerr << label << ": ";
    // Input quoted in a message must not act on the terminal, nor start a line of its own that
    // reads like one of ours: a line break in it is followed by an indent.
    std::string shown;
    for (char c : printable(message, "\n\t"))
        shown += c == '\n' ? std::string_view("\n    ") : std::string_view(&c, 1);
    std::cerr << shown << '\n';
}

}  // namespace

bool use_colour(int fd) {
    const char* no_colour = std::getenv("NO_COLOR");
    return ::isatty(fd) && (no_colour == nullptr || *no_colour == '\0');
}

void error(std::string_view message) { emit("error", "1;31", message); }
void warning(std::string_view message) { emit("warning", "1;33", message); }
void note(std::string_view message) { emit("note", "1;36", message); }

}  // namespace provkit::cli
