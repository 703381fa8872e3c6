// The canonical XML writer: declaration, <flat-profile>, one parameter per line.
#include "provkit/error.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/source_text.hpp"
#include "xml_text.hpp"

namespace provkit {

std::string write_profile_xml(const Profile& profile) {
    std::string out;
    std::size_t estimate = 64;
    for (const Param& p : profile.params()) estimate += 2 * p.name.size() + p.value.size() + 16;
    out.reserve(estimate + estimate / 8);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n";
    for (const Param& p : profile.params()) {
        if (!is_xml_name(p.name))
            throw Error(ErrorKind::input, "parameter name \"" + p.name + "\" is not an XML element name");
        if (auto fault = check_utf8_text(p.value))
            throw Error(ErrorKind::input,
                        "the value of " + p.name + " cannot be written as XML: " + fault->message);
        out += '<';
        out += p.name;
        if (p.ua) {
            out += " ua=\"";
            out += to_string(*p.ua);
            out += '"';
        }
        if (p.value.empty()) {
            out += "/>\n";
            continue;
        }
        out += '>';
        append_escaped_value(out, p.value);
        out += "</";
        out += p.name;
        out += ">\n";
    }
    out += "</flat-profile>\n";
    return out;
}

}  // namespace provkit
