// Fuzzes the device-context readers of eval-rule/expand-macros: --device NAME=VALUE text and
// the parameters of a --profile document. Only Error may come out.
#include <cstdint>

#include "provkit/device.hpp"
#include "provkit/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        provkit::Device d;
        provkit::load_device_text(d, text, "fuzz.txt");
    } catch (const provkit::Error&) {
    }
    try {
        provkit::Device d;
        provkit::load_profile_xml(d, text, "fuzz.xml");
    } catch (const provkit::Error&) {
    }
    return 0;
}
