// See http_header_line.hpp.
#include "http_header_line.hpp"

#include "provkit/message_text.hpp"

namespace provkit::detail {

void read_header_line(std::string_view line, std::string& reason,
                      std::vector<std::pair<std::string, std::string>>& headers) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (line.starts_with("HTTP/")) {
        headers.clear();
        reason.clear();
        const auto sp = line.find(' ');
        const auto sp2 = sp == std::string_view::npos ? sp : line.find(' ', sp + 1);
        if (sp2 != std::string_view::npos) append_printable(reason, line.substr(sp2 + 1));
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        auto value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
}

}  // namespace provkit::detail
