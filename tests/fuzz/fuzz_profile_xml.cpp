// Fuzzes the flat-profile XML reader. Readers never throw for bad input; a document read
// without errors must survive write + read unchanged (the writer's documented promise).
#include <cstdint>

#include "provkit/profile_xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    provkit::ReadResult first = provkit::read_profile_xml(text, "fuzz.xml");
    for (const auto& d : first.errors) (void)d.to_string();
    if (!first.ok()) return 0;
    std::string written = provkit::write_profile_xml(first.profile);
    provkit::ReadResult second = provkit::read_profile_xml(written, "written.xml");
    if (!second.ok() || !(second.profile == first.profile)) __builtin_trap();
    return 0;
}
