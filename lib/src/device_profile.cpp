// Loading a device context from a flat profile (provkit/device.hpp): the phone's parameters,
// GPP_* as macro variables, User_ID_n_ as $UIDn.
#include <pugixml.hpp>

#include "device_values.hpp"
#include "provkit/decode.hpp"
#include "provkit/device.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"

namespace provkit {

using detail::normalize_value;
using detail::user_id_line;

void load_profile_xml(Device& device, std::string_view xml, const std::string& source) {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
    if (!parsed)
        throw Error(ErrorKind::input, source + ": not well-formed XML (" + parsed.description() + " at byte " +
                                          std::to_string(parsed.offset) + ")");
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "flat-profile")
        throw Error(ErrorKind::input, source + ": not a flat profile (the root element is <" +
                                          std::string(root.name()) + ">, expected <flat-profile>)");
    for (pugi::xml_node node : root.children()) {
        if (node.type() != pugi::node_element) continue;
        std::string name = node.name();
        std::string value = normalize_value(node.text().get());
        if (name.starts_with("GPP_") && !canonical_macro_name(name).empty())
            device.set(name, value);
        else if (std::string line = user_id_line(name); !line.empty() && !canonical_macro_name("UID" + line).empty())
            device.set("UID" + line, value);
        device.set_parameter(std::move(name), std::move(value), source);
    }
}

void load_profile_file(Device& device, const std::string& path, const Secret* secret) {
    const std::string name = path == "-" ? "standard input" : path;
    Bytes file = read_file(path);
    DecodeResult decoded;
    try {
        decoded = decode_profile(file, secret, DecodeOptions{});
    } catch (const Error& e) {
        throw Error(e.kind(), name + ": " + e.what());
    }
    load_profile_xml(device, decoded.data, name);
}

}  // namespace provkit
