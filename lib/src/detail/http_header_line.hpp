// One line of an HTTP response head, as libcurl's header callback passes it (both transfers
// read them the same way).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace provkit::detail {

// A status line ("HTTP/1.1 200 OK") starts a response: the headers so far (of a 100 Continue or
// a redirect) are dropped and reason is set - printable, as it is shown to the user and comes
// from the network. Any other "Name: value" line is appended to headers.
void read_header_line(std::string_view line, std::string& reason,
                      std::vector<std::pair<std::string, std::string>>& headers);

}  // namespace provkit::detail
