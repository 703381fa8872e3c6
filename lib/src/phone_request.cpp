// Building the requests of phone_request.hpp, and the checks of what goes into them.
#include "provkit/phone_request.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <pugixml.hpp>
#include <sstream>

#include "provkit/error.hpp"
#include "provkit/redact.hpp"

namespace provkit::phone {

namespace {

constexpr char hex_digits[] = "0123456789ABCDEF";

bool is_unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

void append_escaped(std::string& out, unsigned char c) {
    out.push_back('%');
    out.push_back(hex_digits[c >> 4]);
    out.push_back(hex_digits[c & 15]);
}

// A std::string that is wiped when it dies, for URLs while they carry a password.
struct WipedString {
    std::string value;
    WipedString() = default;
    WipedString(const WipedString&) = delete;
    WipedString& operator=(const WipedString&) = delete;
    ~WipedString() { OPENSSL_cleanse(value.data(), value.size()); }
};

bool valid_port(std::string_view port) {
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) return false;
    const int n = std::stoi(std::string(port));
    return n >= 1 && n <= 65535;
}

bool valid_host_name(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    return std::all_of(host.begin(), host.end(), [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == '_'; });
}

// host[:port] or [v6][:port]; returns an empty string when valid, else why not.
std::string authority_problem(std::string_view authority) {
    std::string_view host = authority, port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return "an IPv6 address lacks its closing ']'";
        host = authority.substr(1, close - 1);
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return "unexpected text after the IPv6 address";
            port = after.substr(1);
            if (!valid_port(port)) return "the port must be a number from 1 to 65535";
        }
        if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos)
            return "not an IPv6 address";
        return {};
    }
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (!valid_port(port)) return "the port must be a number from 1 to 65535";
    }
    if (host.empty()) return "the host is missing";
    if (!valid_host_name(host)) return "the host may hold only letters, digits, '.', '-' and '_'";
    return {};
}

std::string base_url(const Endpoint& endpoint) { return (endpoint.https ? "https://" : "http://") + endpoint.phone; }

// Assembles request and display from the URL's path and query (without credentials).
PhoneRequest assemble(const Endpoint& endpoint, std::string method, std::string_view target,
                      std::string_view display_target, Bytes body, const Credentials& credentials) {
    PhoneRequest out;
    HttpRequest& http = out.http;
    const std::string base = base_url(endpoint);
    WipedString url;
    url.value = base;
    url.value += target;
    std::string shown = base + std::string(display_target);
    const bool with_credentials = !credentials.user.empty();
    if (with_credentials && credentials.mode == CredentialMode::query) {
        // The guide's form for every endpoint: "&xuser=admin&xpassword=PW" appended to the
        // request target, after a query (resync?URL&xuser=) or straight after the path
        // (config.xml&xuser=), exactly as its examples show.
        const std::string user = "&xuser=" + encode_credential(credentials.user);
        WipedString password;
        password.value = encode_credential(credentials.password ? credentials.password->view() : std::string_view());
        url.value += user + "&xpassword=" + password.value;
        shown += user + "&xpassword=" + std::string(redacted);
    }
    http.method = std::move(method);
    http.url = Secret(url.value);
    http.body = std::move(body);
    http.tls = endpoint.tls;
    http.connect_timeout = endpoint.connect_timeout;
    http.timeout = endpoint.timeout;
    out.display = http.method + " " + shown + "\n";
    if (with_credentials && credentials.mode != CredentialMode::query) {
        http.auth = credentials.mode == CredentialMode::basic ? HttpAuth::basic : HttpAuth::digest;
        http.user = credentials.user;
        http.password = credentials.password;
        out.display += credentials.mode == CredentialMode::basic
                           ? "Authorization: Basic *** (user " + credentials.user + ")\n"
                           : "Authorization: Digest *** (user " + credentials.user + ", after the phone's challenge)\n";
    }
    if (http.method == "POST") {
        out.display += "Content-Type: application/x-www-form-urlencoded\n";
        out.display += "Content-Length: " + std::to_string(http.body.size()) + "\n";
    }
    return out;
}

std::string encode_target(std::string_view text, bool raw) {
    if (!raw) return encode_rule(text);
    check_raw_target(text);
    return std::string(text);
}

}  // namespace

void check_phone_address(std::string_view phone) {
    auto bad = [&](const std::string& why) {
        throw Error(ErrorKind::usage, "bad phone address '" + redact(phone) + "': " + why);
    };
    if (phone.empty()) bad("it is empty; give HOST or HOST:PORT");
    if (phone.find("://") != std::string_view::npos)
        bad("give HOST[:PORT] without a scheme; use --https for https");
    if (phone.find_first_of("/?#@ \t") != std::string_view::npos)
        bad("give HOST[:PORT] only, without path, query or user name");
    if (std::string why = authority_problem(phone); !why.empty()) bad(why);
}

std::string encode_rule(std::string_view rule) {
    static constexpr std::string_view kept = "!$'()*,;=:@/?";
    std::string out;
    out.reserve(rule.size());
    for (unsigned char c : rule) {
        if (is_unreserved(c) || kept.find(static_cast<char>(c)) != std::string_view::npos)
            out.push_back(static_cast<char>(c));
        else
            append_escaped(out, c);
    }
    return out;
}

void check_raw_target(std::string_view target) {
    for (unsigned char c : target) {
        if (c <= 0x20 || c >= 0x7f)
            throw Error(ErrorKind::usage,
                        "--raw-url: the URL holds a space, control or non-ASCII character, which no HTTP request "
                        "can carry verbatim; drop --raw-url to have it percent-encoded");
        if (c == '#')
            throw Error(ErrorKind::usage,
                        "--raw-url: a '#' would end the URL there; drop --raw-url to have it percent-encoded");
    }
}

std::string encode_credential(std::string_view value) {
    std::string out;
    for (unsigned char c : value) {
        if (is_unreserved(c))
            out.push_back(static_cast<char>(c));
        else
            append_escaped(out, c);
    }
    return out;
}

std::string form_urlencode(std::string_view value) {
    std::string out;
    for (unsigned char c : value) {
        if (std::isalnum(c) || c == '*' || c == '-' || c == '.' || c == '_')
            out.push_back(static_cast<char>(c));
        else if (c == ' ')
            out.push_back('+');
        else
            append_escaped(out, c);
    }
    return out;
}

Bytes curl_data_from_file(std::string_view file) {
    Bytes out;
    out.reserve(file.size());
    std::size_t pos = 0;
    while (pos < file.size()) {
        // One fgets(buffer, 256, ...): up to 255 bytes, ending after the first LF.
        std::size_t take = std::min<std::size_t>(255, file.size() - pos);
        const std::size_t lf = file.substr(pos, take).find('\n');
        if (lf != std::string_view::npos) take = lf + 1;
        std::string_view chunk = file.substr(pos, take);
        pos += take;
        for (char stop : {'\r', '\n', '\0'}) chunk = chunk.substr(0, chunk.find(stop));
        out.append(chunk);
    }
    return out;
}

std::string model_name(std::string_view model) {
    std::string upper;
    for (unsigned char c : model) upper.push_back(static_cast<char>(std::toupper(c)));
    std::string_view digits = upper;
    if (digits.substr(0, 3) == "CP-") digits.remove_prefix(3);
    if (digits.size() > 5 && digits.substr(digits.size() - 5) == "-3PCC") digits.remove_suffix(5);
    if (digits.size() != 4 || digits.find_first_not_of("0123456789") != std::string_view::npos)
        throw Error(ErrorKind::usage, "--model: expected a phone model such as 7832 or CP-7832-3PCC, not '" +
                                          std::string(model) + "'");
    return "CP-" + std::string(digits) + "-3PCC";
}

std::string execute_object(std::string_view model_name, std::string_view rule) {
    pugi::xml_document doc;
    pugi::xml_node root = doc.append_child((std::string(model_name) + "Execute").c_str());
    root.append_child("ExecuteItem").append_attribute("URL").set_value(("Resync:" + std::string(rule)).c_str());
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
    return out.str();
}

std::vector<std::string> check_upgrade_url(std::string_view url) {
    auto bad = [&](const std::string& why) {
        throw Error(ErrorKind::usage, "bad firmware URL '" + redact(url) + "': " + why);
    };
    if (url.empty()) bad("it is empty");
    if (url.front() == '[') bad("URL options ([--key ...]) are not supported for upgrades (guide: Upgrade Rule)");
    if (url.front() == '(')
        bad("a conditional expression is not a URL; give the URL the rule chooses");
    const std::size_t sep = url.find("://");
    if (sep == std::string_view::npos)
        bad("the scheme and server must be present, as in http://SERVER[:PORT]/path/LOAD.loads");
    std::string scheme;
    for (unsigned char c : url.substr(0, sep)) scheme.push_back(static_cast<char>(std::tolower(c)));
    if (scheme != "tftp" && scheme != "http" && scheme != "https") bad("the scheme must be tftp, http or https");
    const std::string_view rest = url.substr(sep + 3);
    const std::size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    if (authority.empty()) bad("the server must be present (there is no DHCP fallback for upgrades)");
    if (authority.find('@') != std::string_view::npos) bad("user information in the URL is not supported");
    if (std::string why = authority_problem(authority); !why.empty()) bad("server: " + why);
    if (slash == std::string_view::npos) bad("the file path must be present and absolute (start with /)");
    std::string_view path = rest.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    const std::string_view file = path.substr(path.rfind('/') + 1);
    if (file.empty()) bad("the path names a directory; give the firmware load's file name");
    std::vector<std::string> warnings;
    const bool loads = file.size() > 6 && file.substr(file.size() - 6) == ".loads";
    if (!loads)
        warnings.push_back("'" + std::string(file) +
                           "' does not look like a firmware load (*.loads); phones upgrade from a release's .loads file");
    return warnings;
}

PhoneRequest resync_request(const Endpoint& endpoint, std::string_view rule, bool raw, const Credentials& credentials) {
    std::string target = "/admin/resync", shown = target;
    if (!rule.empty()) {
        target += "?" + encode_target(rule, raw);
        const std::string hidden = redact_rule(rule);
        shown += "?" + (raw ? hidden : encode_rule(hidden));
    }
    return assemble(endpoint, "GET", target, shown, {}, credentials);
}

PhoneRequest upgrade_request(const Endpoint& endpoint, std::string_view firmware_url, bool raw,
                             const Credentials& credentials) {
    const std::string target = "/admin/upgrade?" + encode_target(firmware_url, raw);
    return assemble(endpoint, "GET", target, redact(target), {}, credentials);
}

PhoneRequest config_upload_request(const Endpoint& endpoint, std::string_view file, std::string_view source_name,
                                   const Credentials& credentials) {
    PhoneRequest out = assemble(endpoint, "POST", "/admin/config.xml", "/admin/config.xml",
                                curl_data_from_file(file), credentials);
    out.display += "(body: " + std::string(source_name) + ", " + std::to_string(out.http.body.size()) +
                   " bytes with line ends removed, as curl -d @FILE sends it)\n";
    return out;
}

PhoneRequest execute_resync_request(const Endpoint& endpoint, std::string_view model_name, std::string_view rule,
                                    const Credentials& credentials) {
    Bytes body = "XML=" + form_urlencode(execute_object(model_name, rule));
    PhoneRequest out = assemble(endpoint, "POST", "/CGI/Execute", "/CGI/Execute", std::move(body), credentials);
    out.display += "\n" + execute_object(model_name, redact_rule(rule)) + "\n";
    return out;
}

}  // namespace provkit::phone
