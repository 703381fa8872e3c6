// URL splitting of provkit/rule.hpp, guide ch. 2 "URL Syntax":
// [ scheme:// ] [ server [:port]] filepath.
#include <algorithm>
#include <cctype>

#include "provkit/rule.hpp"

namespace provkit {

namespace {

struct HostPort {
    std::string host;
    unsigned port = 0;  // 0: not given
};

// "host", "host:port", "[v6]" or "[v6]:port". offset_base + offset locates problems.
HostPort split_server(std::string_view server, std::size_t column) {
    HostPort hp;
    std::string_view port;
    if (server.starts_with("[")) {
        std::size_t close = server.find(']');
        if (close == std::string_view::npos) throw RuleError(column, "'[' of an IPv6 address is never closed");
        hp.host = server.substr(0, close + 1);
        std::string_view rest = server.substr(close + 1);
        if (!rest.empty() && rest[0] != ':') throw RuleError(column + close + 1, "expected ':' and a port after ']'");
        if (!rest.empty()) port = rest.substr(1);
    } else {
        std::size_t colon = server.find(':');
        hp.host = server.substr(0, colon);
        if (colon != std::string_view::npos) port = server.substr(colon + 1);
        if (colon != std::string_view::npos && port.empty())
            throw RuleError(column + colon, "expected a port number after ':'");
    }
    if (hp.host.empty()) throw RuleError(column, "the server name is empty");
    if (std::any_of(hp.host.begin(), hp.host.end(), [](unsigned char c) { return std::isspace(c) || c == '@'; }))
        throw RuleError(column, "the server name '" + hp.host + "' contains a space or '@'");
    if (!port.empty()) {
        std::size_t at = column + (server.size() - port.size()) - 1;
        if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }))
            throw RuleError(at + 1, "the port '" + std::string(port) + "' is not a number from 1 to 65535");
        unsigned long n = std::stoul(std::string(port));
        if (n < 1 || n > 65535) throw RuleError(at + 1, "the port " + std::string(port) + " is not from 1 to 65535");
        hp.port = static_cast<unsigned>(n);
    }
    return hp;
}

}  // namespace

Url split_url(std::string_view url, std::size_t column, std::string_view dhcp_server) {
    Url u;
    u.text = url;
    std::size_t i = 0;
    std::size_t sep = url.find("://");
    if (sep != std::string_view::npos && sep > 0 &&
        std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(sep),
                    [](unsigned char c) { return std::isalpha(c); })) {
        u.scheme = url.substr(0, sep);
        std::transform(u.scheme.begin(), u.scheme.end(), u.scheme.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (u.scheme != "tftp" && u.scheme != "http" && u.scheme != "https")
            throw RuleError(column, "unsupported scheme '" + std::string(url.substr(0, sep)) +
                                        "': use tftp, http or https", "scheme");
        i = sep + 3;
    } else {
        u.scheme = "tftp";  // "If scheme is omitted, tftp is assumed."
    }
    unsigned port = 0;
    std::size_t slash = url.find('/', i);
    if (slash != i) {
        if (slash == std::string_view::npos)
            throw RuleError(column + i, "the URL has no file path; it must end in an absolute path such as /$MA.cfg",
                            "no-path");
        HostPort hp = split_server(url.substr(i, slash - i), column + i);
        u.host = hp.host;
        port = hp.port;
    } else if (!dhcp_server.empty()) {
        // "If server is missing, the tftp server specified through DHCP (option 66) is used."
        HostPort hp = split_server(dhcp_server, 1);
        u.host = hp.host;
        u.host_from_dhcp = true;
        port = hp.port;
    }
    u.path = url.substr(slash);
    // "If port is missing, the standard port for the specified scheme is used."
    u.port = port ? port : u.scheme == "tftp" ? 69 : u.scheme == "http" ? 80 : 443;
    return u;
}

}  // namespace provkit
