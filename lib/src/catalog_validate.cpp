// Value validation by type, after the guide's "Data Types" and "Configurable Schedules".
#include <arpa/inet.h>

#include <charconv>
#include <cstdlib>
#include <string>

#include "provkit/catalog.hpp"
#include "xml_text.hpp"

namespace provkit {

namespace {

using Result = std::optional<Problem>;

Result problem(std::string message, std::string hint = {}, std::size_t offset = 0) {
    return Problem{std::move(message), std::move(hint), offset};
}

std::string quoted(std::string_view v) { return "\"" + std::string(v) + "\""; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

// Uns<n>/Sig<n>: decimal with optional sign, or 0x hex. Sets ok=false when not a number.
std::int64_t parse_integer(std::string_view s, bool& ok) {
    ok = false;
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    }
    if (s.empty() || s.size() > 18) return 0;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
    if (ec != std::errc() || p != s.data() + s.size()) return 0;
    ok = true;
    return negative ? -v : v;
}

// A decimal number: [sign] digits [. digits] or [sign] . digits, at most max_decimals decimals.
bool is_decimal(std::string_view s, int max_decimals = 18, bool allow_sign = true) {
    if (allow_sign && !s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    const std::size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    if (dot == std::string_view::npos) return all_digits(whole);
    const std::string_view frac = s.substr(dot + 1);
    if (!(whole.empty() || all_digits(whole)) || !all_digits(frac)) return false;
    return static_cast<int>(frac.size()) <= max_decimals;
}

bool is_ipv4(std::string_view s) {
    int parts = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        const std::string_view part = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
        if (!all_digits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) return false;
        ++parts;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return parts == 4;
}

bool is_ipv6(std::string_view s) {
    unsigned char buf[16];
    return s.size() < 64 && inet_pton(AF_INET6, std::string(s).c_str(), buf) == 1;
}

bool is_fqdn(std::string_view s) {
    if (s.empty() || s.size() > 253) return false;
    if (s.back() == '.') s.remove_suffix(1);
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        const std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
                return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

Result check_port_text(std::string_view port, std::size_t offset) {
    bool ok;
    const std::int64_t v = parse_integer(port, ok);
    if (!ok || v < 0 || v > 65535 || port[0] == '+' || port[0] == '-')
        return problem(quoted(port) + " is not a port number", "use 0..65535 (decimal or 0x hex)", offset);
    return std::nullopt;
}

// FQDN or IP, optionally :port ("sip.Cisco.com:5060", "109.12.14.12", "[2001:db8::1]:5060").
Result check_host(std::string_view v) {
    if (v.find('$') != std::string_view::npos) return std::nullopt;  // a macro, expanded on the phone
    std::string_view host = v;
    std::optional<std::size_t> port_at;
    if (!v.empty() && v[0] == '[') {
        const std::size_t close = v.find(']');
        if (close == std::string_view::npos || !is_ipv6(v.substr(1, close - 1)))
            return problem(quoted(v) + " is not a host: bad [IPv6] address",
                           "write [ADDRESS] or [ADDRESS]:PORT");
        if (close + 1 < v.size()) {
            if (v[close + 1] != ':')
                return problem(quoted(v) + " is not a host", "write [ADDRESS]:PORT", close + 1);
            port_at = close + 2;
        }
        host = {};
    } else if (is_ipv6(v)) {
        return std::nullopt;
    } else if (const std::size_t colon = v.rfind(':'); colon != std::string_view::npos) {
        host = v.substr(0, colon);
        port_at = colon + 1;
    }
    if (port_at) {
        if (auto bad = check_port_text(v.substr(*port_at), *port_at)) return bad;
    }
    if (!host.empty() && !is_ipv4(host) && !is_fqdn(host))
        return problem(quoted(v) + " is not a host name or IP address",
                       "write a name like sip.example.com or an address like 10.1.2.100, optionally :PORT");
    return std::nullopt;
}

Result check_url(std::string_view v) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] == ' ' || v[i] == '\t')
            return problem(quoted(v) + " is not a URL: it contains white space", "encode a space as %20", i);
    const std::size_t scheme_end = v.find("://");
    if (scheme_end != std::string_view::npos) {
        const std::string_view scheme = v.substr(0, scheme_end);
        bool ok = !scheme.empty() &&
                  ((scheme[0] >= 'a' && scheme[0] <= 'z') || (scheme[0] >= 'A' && scheme[0] <= 'Z'));
        for (char c : scheme)
            ok = ok && (is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' ||
                        c == '-' || c == '.');
        if (!ok) return problem(quoted(v) + " is not a URL: bad scheme", "write e.g. https://server/path");
    }
    return std::nullopt;
}

Result check_hhmm(std::string_view v) {
    if (v.size() != 4 || !all_digits(v))
        return problem(quoted(v) + " is not a time HHmm",
                       "write four digits, hours 00-23 and minutes 00-59, e.g. 0230");
    const int hh = (v[0] - '0') * 10 + (v[1] - '0');
    const int mm = (v[2] - '0') * 10 + (v[3] - '0');
    if (hh > 23) return problem(quoted(v) + ": hour " + std::string(v.substr(0, 2)) + " is not 00-23", {}, 0);
    if (mm > 59)
        return problem(quoted(v) + ": minute " + std::string(v.substr(2, 2)) + " is not 00-59", {}, 2);
    return std::nullopt;
}

// "7200", "1800,3600,7200,14400", "3600+600", "1800+300,3600+600": seconds, optional +random.
Result check_schedule(std::string_view v) {
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = v.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? v.size() : comma;
        std::string_view item = v.substr(start, end - start);
        std::size_t lead = 0;
        while (lead < item.size() && item[lead] == ' ') ++lead;
        item.remove_prefix(lead);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        const std::size_t plus = item.find('+');
        const std::string_view base = item.substr(0, plus);
        const bool ok =
            all_digits(base) && (plus == std::string_view::npos || all_digits(item.substr(plus + 1)));
        if (!ok)
            return problem(
                quoted(v) + " is not a delay schedule: " + (item.empty() ? "empty element" : quoted(item)),
                "write seconds, comma-separated, each with an optional +random delay, e.g. 1800+300,3600",
                start + lead);
        if (comma == std::string_view::npos) return std::nullopt;
        start = comma + 1;
    }
}

// Splits s at sep into pieces, calling f(piece, offset) until it returns a problem.
template <typename F>
Result each_piece(std::string_view s, char sep, std::size_t base, F f) {
    std::size_t start = 0;
    while (true) {
        const std::size_t at = s.find(sep, start);
        const std::size_t end = at == std::string_view::npos ? s.size() : at;
        if (auto bad = f(s.substr(start, end - start), base + start)) return bad;
        if (at == std::string_view::npos) return std::nullopt;
        start = at + 1;
    }
}

bool is_duration(std::string_view s) { return s == "*" || (!s.empty() && is_decimal(s, 3, false)); }

// D(on/off[/f],...) - a CadScript section, or with frequencies a ToneScript one.
Result check_section(std::string_view whole, std::string_view sec, std::size_t at, int freqs) {
    const std::string hint =
        freqs > 0 ? "write D(on/off/freqs,...), e.g. 10(*/0/1+2)" : "write D(on/off,...), e.g. 60(2/4)";
    const std::size_t open = sec.find('(');
    if (open == std::string_view::npos || sec.back() != ')' || !is_duration(sec.substr(0, open)))
        return problem(quoted(whole) + ": section " + quoted(sec) + " is malformed", hint, at);
    const std::string_view body = sec.substr(open + 1, sec.size() - open - 2);
    int segments = 0;
    return each_piece(body, ',', at + open + 1, [&](std::string_view seg, std::size_t seg_at) -> Result {
        if (++segments > 6) return problem(quoted(whole) + ": more than 6 segments in a section", {}, seg_at);
        int fields = 0;
        return each_piece(seg, '/', seg_at, [&](std::string_view f, std::size_t f_at) -> Result {
            ++fields;
            if (fields <= 2 && !is_duration(f))
                return problem(
                    quoted(whole) + ": " + quoted(f) + " is not a duration (seconds, up to 3 decimals, or *)",
                    hint, f_at);
            if (fields == 3 && freqs > 0) {
                return each_piece(f, '+', f_at, [&](std::string_view n, std::size_t n_at) -> Result {
                    if (n.size() != 1 || !is_digit(n[0]) || n[0] - '0' > freqs)
                        return problem(quoted(whole) + ": frequency number " + quoted(n) + " is not 0.." +
                                           std::to_string(freqs),
                                       "name the frequencies of the FreqScript part by number, e.g. 1+2",
                                       n_at);
                    return std::nullopt;
                });
            }
            if (fields > (freqs > 0 ? 3 : 2))
                return problem(quoted(whole) + ": segment " + quoted(seg) + " has too many fields", hint,
                               seg_at);
            return std::nullopt;
        });
    });
}

Result check_freqscript(std::string_view whole, std::string_view v, int& count) {
    count = 0;
    return each_piece(v, ',', 0, [&](std::string_view item, std::size_t at) -> Result {
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1), ++at;
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        const std::size_t sign = item.find('@');
        if (++count > 6 || sign == std::string_view::npos || !all_digits(item.substr(0, sign)) ||
            !is_decimal(item.substr(sign + 1), 1))
            return problem(quoted(whole) + ": " + quoted(item) + " is not FREQUENCY@LEVEL" +
                               (count > 6 ? " (at most 6 frequencies)" : ""),
                           "write Hz@dBm pairs, e.g. 350@-19,440@-19", at);
        return std::nullopt;
    });
}

Result check_script(std::string_view v, ValueType type) {
    if (v.size() > 127)
        return problem("the script has " + std::to_string(v.size()) + " characters; at most 127 are allowed");
    int freqs = 0;
    std::size_t rest_at = 0;
    if (type != ValueType::cadscript) {
        const std::size_t semi = v.find(';');
        if (type == ValueType::freqscript && semi != std::string_view::npos)
            return problem(quoted(v) + " is not a FreqScript", "write Hz@dBm pairs, e.g. 350@-19,440@-19",
                           semi);
        if (auto bad = check_freqscript(v, v.substr(0, semi), freqs)) return bad;
        if (type == ValueType::freqscript) return std::nullopt;
        if (semi == std::string_view::npos)
            return problem(quoted(v) + " is not a ToneScript: no cadence section",
                           "write FreqScript;D(on/off/freqs), e.g. 350@-19,440@-19;10(*/0/1+2)", v.size());
        rest_at = semi + 1;
    }
    return each_piece(v.substr(rest_at), ';', rest_at, [&](std::string_view sec, std::size_t at) {
        return check_section(v, sec, at, type == ValueType::cadscript ? 0 : freqs);
    });
}

Result check_star_code(std::string_view v) {
    bool ok = v.size() <= 7 && v[0] == '*';
    for (char c : v) ok = ok && (is_digit(c) || c == '*' || c == '#');
    if (!ok) return problem(quoted(v) + " is not a star code", "write * and up to 6 digits, e.g. *69");
    return std::nullopt;
}

Result check_balanced(std::string_view v) {
    int round = 0, square = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        round += c == '(' ? 1 : c == ')' ? -1 : 0;
        square += c == '[' ? 1 : c == ']' ? -1 : 0;
        if (round < 0 || square < 0) return problem(quoted(v) + ": unbalanced " + std::string(1, c), {}, i);
    }
    if (round != 0 || square != 0) return problem(quoted(v) + ": unclosed ( or [", {}, v.size());
    return std::nullopt;
}

}  // namespace

std::optional<Problem> validate(const ParamSpec& spec, std::string_view v) {
    if (v.empty()) return std::nullopt;
    switch (spec.type) {
        case ValueType::string: {
            if (spec.max_length == 0) return std::nullopt;
            std::size_t chars = 0;
            for (char c : v) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            if (chars > spec.max_length)
                return problem("the value has " + std::to_string(chars) + " characters; at most " +
                               std::to_string(spec.max_length) + " are allowed");
            return std::nullopt;
        }
        case ValueType::boolean:
            if (ascii_iequals(v, "yes") || ascii_iequals(v, "no")) return std::nullopt;
            return problem(quoted(v) + " is not a Bool", "write Yes or No");
        case ValueType::integer:
        case ValueType::port: {
            const std::int64_t lo = spec.type == ValueType::port ? 0 : spec.min;
            const std::int64_t hi = spec.type == ValueType::port ? 65535 : spec.max;
            bool ok;
            const std::int64_t n = parse_integer(v, ok);
            const std::string range = std::to_string(lo) + ".." + std::to_string(hi);
            if (!ok)
                return problem(
                    quoted(v) + " is not " + (spec.type == ValueType::port ? "a port number" : "an integer"),
                    "write a whole number in " + range + " (decimal, or hex as 0x..)");
            if (n < lo || n > hi) return problem(quoted(v) + " is out of range", "use " + range);
            return std::nullopt;
        }
        case ValueType::decimal: {
            if (!is_decimal(v)) return problem(quoted(v) + " is not a number", "write e.g. 5 or .5 or 0.030");
            const double d = std::strtod(std::string(v).c_str(), nullptr);
            if (d < static_cast<double>(spec.min) || d > static_cast<double>(spec.max))
                return problem(quoted(v) + " is out of range",
                               "use " + std::to_string(spec.min) + ".." + std::to_string(spec.max));
            return std::nullopt;
        }
        case ValueType::ipv4:
            if (is_ipv4(v)) return std::nullopt;
            return problem(quoted(v) + " is not an IPv4 address",
                           "write x.x.x.x with x in 0..255, e.g. 10.1.2.100");
        case ValueType::ip:
            if (is_ipv4(v) || is_ipv6(v)) return std::nullopt;
            return problem(quoted(v) + " is not an IP address",
                           "write an IPv4 (10.1.2.100) or IPv6 (2001:db8::1) address");
        case ValueType::host:
            return check_host(v);
        case ValueType::url:
            return check_url(v);
        case ValueType::hhmm:
            return check_hhmm(v);
        case ValueType::schedule:
            return check_schedule(v);
        case ValueType::dialplan:
            return check_balanced(v);
        case ValueType::cadscript:
        case ValueType::freqscript:
        case ValueType::tonescript:
            return check_script(v, spec.type);
        case ValueType::star_code:
            return check_star_code(v);
        case ValueType::enumeration: {
            for (const std::string& choice : spec.choices)
                if (ascii_iequals(v, choice)) return std::nullopt;
            std::string list;
            for (std::size_t i = 0; i < spec.choices.size(); ++i) list += (i ? ", " : "") + spec.choices[i];
            return problem(quoted(v) + " is not one of the choices", "use one of: " + list);
        }
        case ValueType::rule:
        case ValueType::trigger:
            return std::nullopt;  // the rule module parses these
    }
    return std::nullopt;
}

}  // namespace provkit
