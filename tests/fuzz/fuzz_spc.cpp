// Fuzzes the spc text reader, with imports served from memory (one good file, one missing,
// one that imports itself); readers never throw for bad input. A clean read must write as
// XML and read back unchanged.
#include <cstdint>

#include "provkit/error.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/spc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto load = [](const std::string& path) -> provkit::Bytes {
        if (path.ends_with("common.txt")) return "Proxy_1_ ! \"sip.example.com\";\nimport self.txt\n";
        if (path.ends_with("self.txt")) return "import self.txt\n";
        throw provkit::Error(provkit::ErrorKind::io, "cannot open " + path);
    };
    (void)provkit::looks_like_xml(text);
    (void)provkit::normalise_name(text.substr(0, 64));
    provkit::ReadResult r = provkit::read_profile_spc(text, "dir/fuzz.txt", load);
    if (!r.ok()) return 0;
    provkit::ReadResult back = provkit::read_profile_xml(provkit::write_profile_xml(r.profile), "w.xml");
    if (!back.ok() || !(back.profile == r.profile)) __builtin_trap();
    return 0;
}
