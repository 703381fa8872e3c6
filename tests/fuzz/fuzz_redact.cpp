// Fuzzes credential redaction (URLs, headers, rule options) and the --phones list parser.
// A password that follows xpassword= must never survive redaction.
#include <cstdint>

#include "provkit/error.hpp"
#include "provkit/phone_list.hpp"
#include "provkit/redact.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)provkit::redact(text);
    (void)provkit::redact_rule(text);
    if (text.find("Zq9Secret7Zq") == std::string_view::npos) {
        std::string probe = std::string(text) + "&xpassword=Zq9Secret7Zq";
        if (provkit::redact(probe).find("Zq9Secret7Zq") != std::string::npos) __builtin_trap();
    }
    try {
        for (const auto& e : provkit::parse_phone_list(text, "fuzz.csv"))
            if (e.phone.empty() || e.line == 0) __builtin_trap();
    } catch (const provkit::Error&) {
    }
    return 0;
}
