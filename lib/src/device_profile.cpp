// Loading a device context from a flat profile (provkit/device.hpp): the phone's parameters,
// GPP_* as macro variables, User_ID_n_ as $UIDn.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>

#include "provkit/decode.hpp"
#include "provkit/device.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"

namespace provkit {

namespace {

// Guide ch. 2, "Formatting": leading and trailing white space is removed from the parameter
// value; new lines within a value are converted to spaces.
std::string normalize_value(std::string_view raw) {
    std::string v;
    for (char c : raw) v += (c == '\n' || c == '\r') ? ' ' : c;
    std::size_t b = 0, e = v.size();
    while (b < e && std::isspace(static_cast<unsigned char>(v[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(v[e - 1]))) --e;
    return v.substr(b, e - b);
}

// "1" for User_ID_1_, "" for other names.
std::string user_id_line(std::string_view name) {
    if (!name.starts_with("User_ID_") || !name.ends_with("_") || name.size() < 10) return "";
    std::string_view digits = name.substr(8, name.size() - 9);
    bool all_digits = std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
    return all_digits ? std::string(digits) : "";
}

}  // namespace

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
