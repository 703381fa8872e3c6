// Fuzzes the provisioning-rule parser and evaluator: the first byte picks the rule kind, the
// rest is the rule. parse_rule never throws; evaluate_rule throws only RuleError.
#include <cstdint>

#include "provkit/rule.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const provkit::RuleKind kinds[] = {provkit::RuleKind::profile, provkit::RuleKind::upgrade,
                                              provkit::RuleKind::trigger, provkit::RuleKind::schedule};
    static const provkit::Device device = [] {
        provkit::Device d;
        d.set_mac("00:0e:08:ab:cd:ef");
        d.set("SWVER", "sip7832.11-0-1MPP-0123");
        d.set("HWVER", "2.0.1");
        d.set("PRVTMR", "700");
        d.set("A", "$MA");
        d.set("SA", "secret");
        d.set("SERV", "p.tel.com");
        return d;
    }();
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    provkit::ParseResult parsed = provkit::parse_rule(text, kinds[data[0] & 3]);
    if (parsed.error && parsed.error->column > text.size() + 1) __builtin_trap();
    if (parsed.rule) {
        provkit::EvalOptions options;
        if (data[0] & 4) options.dhcp_server = "10.0.0.1:6969";
        try {
            (void)provkit::evaluate_rule(*parsed.rule, device, options);
        } catch (const provkit::RuleError&) {
        }
    }
    // Versions: parse every '|'-separated pair and compare.
    auto bar = text.find('|');
    if (bar != std::string_view::npos) {
        auto a = provkit::parse_firmware_version(text.substr(0, bar));
        auto b = provkit::parse_firmware_version(text.substr(bar + 1));
        if (a && b) try {
                int ab = provkit::compare_versions(*a, *b), ba = provkit::compare_versions(*b, *a);
                if ((ab < 0) != (ba > 0) || (ab == 0) != (ba == 0)) __builtin_trap();
            } catch (const provkit::RuleError&) {
            }
    }
    return 0;
}
