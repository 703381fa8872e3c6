// Decoding a downloaded profile as `decrypt` does and applying it with the phone's semantics:
// the last occurrence wins, unknown names are ignored, ua changes the user access, --alias maps
// element paths to parameter names.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>

#include "device_values.hpp"
#include "provkit/aes128gcm.hpp"
#include "provkit/catalog.hpp"
#include "provkit/decode.hpp"
#include "provkit/error.hpp"
#include "provkit/gzip.hpp"
#include "provkit/profile_xml.hpp"
#include "simulate_internal.hpp"

namespace provkit::simulate_detail {

using provkit::detail::normalize_value;
using provkit::detail::user_id_line;

namespace {

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

struct AliasEntry {
    std::string path;  // element path in the downloaded document, "/CPE/SIP-Credentials/name"
    std::string name;  // parameter name, the last step of the right-hand path
};

// NOTES.md: lines "/CPE/SIP-Credentials/name = /flat-profile/Display_Name_1_ ;". The phone
// keeps GPP values on one line, so entries are separated by ';' rather than by newlines.
std::vector<AliasEntry> parse_alias_map(std::string_view text) {
    std::vector<AliasEntry> map;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find_first_of(";\n", start);
        if (end == std::string_view::npos) end = text.size();
        std::string entry = trim(text.substr(start, end - start));
        start = end + 1;
        if (entry.empty()) continue;
        std::size_t eq = entry.find('=');
        if (eq == std::string::npos) throw Error(ErrorKind::input, "alias map entry \"" + entry + "\" has no '='");
        std::string left = trim(std::string_view(entry).substr(0, eq));
        std::string right = trim(std::string_view(entry).substr(eq + 1));
        std::string name = right.substr(right.rfind('/') + 1);
        if (left.empty() || !is_parameter_name(name))
            throw Error(ErrorKind::input, "alias map entry \"" + entry + "\" does not map a path to a parameter");
        if (left.front() != '/') left.insert(left.begin(), '/');
        map.push_back({std::move(left), std::move(name)});
    }
    return map;
}

void apply_aliased(std::string_view document, const std::string& map_text, Location where, Profile& state,
                   Device& device, RuleReport& report) {
    const std::vector<AliasEntry> map = parse_alias_map(map_text);
    pugi::xml_document doc;
    if (pugi::xml_parse_result r = doc.load_buffer(document.data(), document.size()); !r)
        throw Error(ErrorKind::input, std::string("not well-formed XML (") + r.description() + " at byte " +
                                          std::to_string(r.offset) + ")");
    const pugi::xml_node root = doc.document_element();
    const bool flat = std::string_view(root.name()) == "flat-profile";
    // Depth-first in document order, so that the last occurrence wins.
    auto visit = [&](auto&& self, pugi::xml_node node, const std::string& path) -> void {
        bool leaf = true;
        for (pugi::xml_node child : node.children())
            if (child.type() == pugi::node_element) {
                leaf = false;
                self(self, child, path + "/" + child.name());
            }
        if (!leaf || node == root) return;
        std::string name;
        for (const AliasEntry& e : map)
            if (path.size() >= e.path.size() && path.ends_with(e.path) &&
                (path.size() == e.path.size() || e.path.front() == '/'))
                name = e.name;
        if (name.empty() && flat && node.parent() == root) name = node.name();
        if (name.empty()) return;
        std::optional<UserAccess> ua;
        if (pugi::xml_attribute a = node.attribute("ua")) ua = parse_user_access(a.value());
        apply_parameter(state, device, name, normalize_value(node.text().get()), ua, where, report);
    };
    visit(visit, root, std::string("/") + root.name());
}

}  // namespace

Bytes decode_body(const FetchResult& response, const Secret* key, const Profile& state, bool alias,
                  std::vector<std::string>& steps) {
    Bytes body = response.body;
    std::string encoding = response.header("Content-Encoding");
    std::transform(encoding.begin(), encoding.end(), encoding.begin(), [](unsigned char c) { return std::tolower(c); });
    if (encoding.find("aes128gcm") != std::string::npos) {
        const std::string ikm_text = phone_value(state, "IKM_HTTP_Encrypt_Content");
        if (ikm_text.empty())
            throw Error(ErrorKind::usage,
                        "the server sent Content-Encoding: aes128gcm but the state has no IKM_HTTP_Encrypt_Content");
        // The IKM is written base64url as RFC 8188 keys are; a value that is not is taken as text.
        Secret ikm = [&] {
            try {
                return aes128gcm::decode_ikm(ikm_text, aes128gcm::KeyEncoding::base64url);
            } catch (const Error&) {
                return aes128gcm::decode_ikm(ikm_text, aes128gcm::KeyEncoding::text);
            }
        }();
        body = aes128gcm::decrypt(body, ikm.view());
        steps.push_back("aes128gcm (Content-Encoding)");
    }
    DecodeOptions options;
    options.raw = alias;  // an aliased document need not be a flat profile
    DecodeResult r = decode_profile(body, key, options);
    if (r.encrypted)  // decode_profile also takes the rule's --key for an aes128gcm body
        steps.push_back(r.derivation == "aes128gcm" ? "aes128gcm (--key)"
                                                    : "aes-256-cbc (" + r.derivation + ")");
    if (alias && gzip::looks_like_gzip(r.data)) {
        r.data = gzip::decompress(r.data);
        r.compressed = true;
    }
    if (r.compressed) steps.push_back("gzip");
    steps.push_back("xml");
    return r.data;
}

bool apply_parameter(Profile& state, Device& device, const std::string& name, const std::string& value,
                     std::optional<UserAccess> ua, Location where, RuleReport& report) {
    if (!Catalog::builtin().find(name)) {
        if (std::find(report.ignored.begin(), report.ignored.end(), name) == report.ignored.end())
            report.ignored.push_back(name);
        return false;
    }
    const Param* old = state.find(name);
    const bool changed = !old || old->value != value || (ua && old->ua != ua);
    state.set(name, value, ua, where);
    // Both empty forms mean the empty string to the macro expander.
    const std::string macro_value = value_kind(value) == ValueKind::quoted_empty ? "" : value;
    device.set_parameter(name, macro_value, report.param);
    if (name.starts_with("GPP_") && !canonical_macro_name(name).empty()) device.set(name, macro_value);
    if (std::string line = user_id_line(name); !line.empty() && !canonical_macro_name("UID" + line).empty())
        device.set("UID" + line, macro_value);
    if (changed && std::find(report.changed.begin(), report.changed.end(), name) == report.changed.end())
        report.changed.push_back(name);
    return changed;
}

void apply_document(std::string_view document, const std::string* alias_map, const std::string& source,
                    Profile& state, Device& device, RuleReport& report) {
    const Location where{state.add_file(source), 0, 0};
    if (alias_map) return apply_aliased(document, *alias_map, where, state, device, report);
    ReadResult read = read_profile_xml(document, source);
    if (!read.ok()) throw Error(ErrorKind::input, read.errors.front().to_string());
    for (const Param& p : read.profile.params()) apply_parameter(state, device, p.name, p.value, p.ua, where, report);
}

}  // namespace provkit::simulate_detail
