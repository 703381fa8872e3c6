// Delay schedules of Resync_Periodic, Resync_Error_Retry_Delay and Upgrade_Error_Retry_Delay
// (guide ch. 2 "Configurable Schedules"): "1800+300,3600+600,7200+900".
#include <cstdint>
#include <string_view>
#include <vector>

#include "rule_internal.hpp"

namespace provkit::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

// Throws RuleError at the column of the problem. An empty text is an empty schedule (the
// guide: "If this value is left empty, the device does not resync periodically").
std::vector<Delay> parse_schedule(std::string_view text) {
    std::vector<Delay> delays;
    std::size_t pos = 0;
    auto skip_ws = [&] {
        while (pos < text.size() && is_space(text[pos])) ++pos;
    };
    auto seconds = [&](const char* what) {
        std::size_t start = pos;
        std::int64_t n = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            n = n * 10 + (text[pos] - '0');
            if (n > 2147483647) throw RuleError(start + 1, std::string(what) + " is too large (at most 2147483647 s)");
            ++pos;
        }
        if (pos == start) throw RuleError(start + 1, std::string("expected ") + what + " in seconds");
        return n;
    };
    skip_ws();
    while (pos < text.size()) {
        Delay d;
        d.base = seconds("a delay");
        skip_ws();
        if (pos < text.size() && text[pos] == '+') {
            ++pos;
            skip_ws();
            d.random = seconds("a random extra delay");
            skip_ws();
        }
        delays.push_back(d);
        if (pos == text.size()) break;
        if (text[pos] != ',') throw RuleError(pos + 1, "expected ',' between delays or '+' before a random delay");
        ++pos;
        skip_ws();
        if (pos == text.size()) throw RuleError(pos + 1, "expected a delay after ','");
    }
    return delays;
}

}  // namespace provkit::detail
