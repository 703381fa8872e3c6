// Fuzzes macro expansion and find_macros in both contexts; references must lie inside the text.
#include <cstdint>

#include "provkit/macro.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const provkit::Device device = [] {
        provkit::Device d;
        d.set_mac("00:0e:08:ab:cd:ef");
        d.set("SN", "CCQ1234");
        d.set("B", "$(MA:2:3)$$");
        d.set("SB", "key$MA");
        d.set("UID3", "4711");
        return d;
    }();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& ref : provkit::find_macros(text))
        if (ref.offset >= text.size() || ref.length > text.size() - ref.offset || text[ref.offset] != '$')
            __builtin_trap();
    std::vector<std::string> unset;
    (void)provkit::expand_macros(text, device, provkit::MacroContext::plain, &unset);
    (void)provkit::expand_macros(text, device, provkit::MacroContext::key, &unset);
    (void)provkit::canonical_macro_name(text.substr(0, 16));
    return 0;
}
