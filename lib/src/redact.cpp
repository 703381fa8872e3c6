// Credential redaction for everything provkit shows (see redact.hpp).
#include "provkit/redact.hpp"

#include <strings.h>

#include <cctype>
#include <vector>

namespace provkit {

namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && ::strncasecmp(text.data(), prefix.data(), prefix.size()) == 0;
}

bool ends_value(char c) {
    return c == '&' || c == '"' || c == '\'' || c == '<' || c == '>' || std::isspace(static_cast<unsigned char>(c));
}

bool ends_authority(char c) {
    return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || std::isspace(static_cast<unsigned char>(c));
}

}  // namespace

std::string redact(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::string_view rest = text.substr(i);
        const bool line_start = i == 0 || text[i - 1] == '\n';
        if (starts_with_ci(rest, "xpassword=")) {
            out.append(rest.substr(0, 10));
            i += 10;
            while (i < text.size() && !ends_value(text[i])) ++i;
            out.append(redacted);
            continue;
        }
        if (line_start && (starts_with_ci(rest, "authorization:") || starts_with_ci(rest, "proxy-authorization:"))) {
            std::size_t j = rest.find(':') + 1;
            while (j < rest.size() && rest[j] == ' ') ++j;
            while (j < rest.size() && std::isalpha(static_cast<unsigned char>(rest[j]))) ++j;  // the scheme
            out.append(rest.substr(0, j));
            out.append(" ");
            out.append(redacted);
            i += j;
            while (i < text.size() && text[i] != '\n') ++i;
            continue;
        }
        if (rest.substr(0, 3) == "://") {
            out.append("://");
            i += 3;
            std::size_t end = i;
            while (end < text.size() && !ends_authority(text[end])) ++end;
            const std::string_view authority = text.substr(i, end - i);
            const std::size_t at = authority.rfind('@');
            if (at != std::string_view::npos) {
                const std::string_view userinfo = authority.substr(0, at);
                const std::size_t colon = userinfo.find(':');
                if (colon != std::string_view::npos) {
                    out.append(userinfo.substr(0, colon + 1));
                    out.append(redacted);
                    out.push_back('@');
                    i += at + 1;
                }
            }
            continue;
        }
        out.push_back(text[i++]);
    }
    return out;
}

std::string redact_rule(std::string_view rule) {
    std::size_t pos = rule.find_first_not_of(" \t");
    if (pos == std::string_view::npos || rule[pos] != '[') return std::string(rule);
    // Token spans inside the option block; quoted arguments are one token.
    struct Span {
        std::size_t begin, end;
    };
    std::vector<Span> secret;
    bool previous_is_option = false;
    std::size_t i = pos + 1;
    while (i < rule.size() && rule[i] != ']') {
        if (rule[i] == ' ' || rule[i] == '\t') {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        if (rule[i] == '"') {
            const std::size_t close = rule.find('"', i + 1);
            i = close == std::string_view::npos ? rule.size() : close + 1;
        } else {
            while (i < rule.size() && rule[i] != ' ' && rule[i] != '\t' && rule[i] != ']') ++i;
        }
        const std::string_view token = rule.substr(begin, i - begin);
        if (previous_is_option) {
            secret.push_back({begin, i});
            previous_is_option = false;
            continue;
        }
        previous_is_option = token == "--key" || token == "--pwd" || token == "-pwd";
        // Glued forms (-pwdSECRET as the guide prints it, --key=SECRET): keep the option name.
        for (std::string_view option : {"--pwd", "-pwd", "--key="}) {
            if (!previous_is_option && token.size() > option.size() && token.substr(0, option.size()) == option) {
                secret.push_back({begin + option.size(), i});
                break;
            }
        }
    }
    std::string out;
    std::size_t copied = 0;
    for (const Span& s : secret) {
        out.append(rule.substr(copied, s.begin - copied));
        out.append(redacted);
        copied = s.end;
    }
    out.append(rule.substr(copied));
    return out;
}

}  // namespace provkit
