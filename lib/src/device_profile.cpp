// Loading a device context from a flat profile (provkit/device.hpp): the phone's parameters,
// GPP_* as macro variables, User_ID_n_ as $UIDn.
#include <pugixml.hpp>

#include "device_values.hpp"
#include "provkit/decode.hpp"
#include "provkit/device.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/source_text.hpp"

namespace provkit {

namespace {

// Where the text of element stands in xml (its first text child, the one pugixml's text() reads),
// for positions in messages about the value.
ValueText value_text(pugi::xml_node element, std::string_view xml, const LineIndex& lines) {
    for (pugi::xml_node child : element.children()) {
        const bool cdata = child.type() == pugi::node_cdata;
        if (!cdata && child.type() != pugi::node_pcdata) continue;
        const std::ptrdiff_t at = child.offset_debug();
        if (at < 0 || static_cast<std::size_t>(at) >= xml.size()) return {};
        const std::size_t start = static_cast<std::size_t>(at);
        const std::size_t end = xml.find(cdata ? "]]>" : "<", start);
        const auto pos = lines.position(start);
        return ValueText{pos.line, pos.column, std::string(xml.substr(start, end - start)), cdata};
    }
    return {};
}

}  // namespace

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
    const LineIndex lines(xml);
    for (pugi::xml_node node : root.children()) {
        if (node.type() != pugi::node_element) continue;
        std::string name = node.name();
        std::string value = normalize_value(node.text().get());
        if (name.starts_with("GPP_") && !canonical_macro_name(name).empty())
            device.set(name, value);
        else if (std::string line = user_id_line(name); !line.empty() && !canonical_macro_name("UID" + line).empty())
            device.set("UID" + line, value);
        device.set_parameter(std::move(name), std::move(value), source, value_text(node, xml, lines));
    }
}

void load_profile_file(Device& device, const std::string& path, const Secret* secret) {
    DecodeOptions options;
    options.source_name = path == "-" ? "standard input" : path;  // errors start with it
    Bytes file = read_file(path);
    load_profile_xml(device, decode_profile(file, secret, options).data, options.source_name);
}

}  // namespace provkit
