// Parsing of --phones lists (see phone_list.hpp).
#include "provkit/phone_list.hpp"

#include "provkit/error.hpp"
#include "provkit/phone_request.hpp"

namespace provkit {

namespace {

std::string_view trim(std::string_view s, std::size_t& offset) {
    std::size_t b = 0;
    while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
    std::size_t e = s.size();
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    offset += b;
    return s.substr(b, e - b);
}

}  // namespace

std::vector<PhoneEntry> parse_phone_list(std::string_view text, const std::string& name) {
    std::vector<PhoneEntry> entries;
    std::size_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        std::size_t first = 0;
        const std::string_view content = trim(line, first);
        if (content.empty() || content.front() == '#') continue;

        PhoneEntry entry;
        entry.line = line_no;
        std::size_t column = 0;  // 0-based column where the current field starts
        std::string_view rest = line;
        std::vector<std::pair<std::string_view, std::size_t>> fields;  // trimmed text, 1-based column
        for (int i = 0; i < 4; ++i) {
            const std::size_t comma = i < 3 ? rest.find(',') : std::string_view::npos;
            std::size_t at = column;
            const std::string_view field = trim(rest.substr(0, comma), at);
            fields.emplace_back(field, at + 1);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
            column += comma + 1;
        }
        const auto& [phone, phone_column] = fields[0];
        try {
            phone::check_phone_address(phone);
        } catch (const Error& e) {
            throw Error(ErrorKind::input, name + ":" + std::to_string(line_no) + ":" + std::to_string(phone_column) +
                                              ": " + e.what());
        }
        entry.phone = std::string(phone);
        auto optional_field = [&](std::size_t i) -> std::optional<std::string> {
            if (i >= fields.size() || fields[i].first.empty()) return std::nullopt;
            return std::string(fields[i].first);
        };
        entry.user = optional_field(1);
        entry.password_spec = optional_field(2);
        entry.url = optional_field(3);
        entries.push_back(std::move(entry));
    }
    if (entries.empty()) throw Error(ErrorKind::input, name + ": the list names no phone");
    return entries;
}

}  // namespace provkit
