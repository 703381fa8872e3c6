// Messages on stderr: "provkit: error: ..." / "provkit: warning: ...", coloured only on a
// terminal and never when NO_COLOR is set.
#pragma once

#include <string_view>

namespace provkit::cli {

void error(std::string_view message);
void warning(std::string_view message);
void note(std::string_view message);  // informational, e.g. what -v reports

// True when colour may be used on the given stream (isatty and NO_COLOR unset).
bool use_colour(int fd);

}  // namespace provkit::cli
