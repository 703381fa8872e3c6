// The XML flat-profile reader: pugixml parses (in place, no DTD, no entity or EOL processing),
// this file checks what the guide requires and decodes values itself, so that every position
// reported is the byte the user wrote.
#include <cstring>
#include <pugixml.hpp>

#include "provkit/profile_xml.hpp"
#include "provkit/source_text.hpp"
#include "xml_text.hpp"

namespace provkit {

namespace {

// Only what the reader needs: no escapes/EOL conversion (we decode, keeping raw offsets), the
// DOCTYPE kept as a node only so it can be rejected, white-space text kept so comments inside a
// value do not swallow the spaces around them. As a fragment, so that text outside the root
// element - which a phone's parser refuses, and pugixml would drop unseen - can be reported.
constexpr unsigned parse_options =
    pugi::parse_cdata | pugi::parse_ws_pcdata | pugi::parse_doctype | pugi::parse_fragment;

class Reader {
public:
    Reader(std::string_view text, std::string_view file, ReadResult& out)
        : text_(text), file_(file), lines_(text), out_(out) {
        file_index_ = out_.profile.add_file(file);
    }

    void run();

private:
    Diagnostic diag(std::size_t offset, std::string_view code, std::string message) const {
        const auto pos = lines_.position(offset);
        return Diagnostic{std::string(file_), pos.line, pos.column, std::string(code), std::move(message)};
    }
    void error(std::size_t offset, std::string_view code, std::string message) {
        out_.errors.push_back(diag(offset, code, std::move(message)));
    }
    void warning(std::size_t offset, std::string_view code, std::string message) {
        out_.warnings.push_back(diag(offset, code, std::move(message)));
    }
    // Offset in text_ of a pointer into the parse buffer.
    std::size_t offset_of(const char* p) const {
        return base_ + static_cast<std::size_t>(p - buffer_.data());
    }
    bool in_buffer(const char* p) const { return p >= buffer_.data() && p < buffer_.data() + buffer_.size(); }

    bool check_encoding();
    void report_parse_error(const pugi::xml_parse_result& result);
    void read_root(pugi::xml_node root);
    void read_param(pugi::xml_node element);
    std::optional<std::optional<UserAccess>> read_attributes(pugi::xml_node element);

    std::string_view text_;
    std::string_view file_;
    LineIndex lines_;
    ReadResult& out_;
    std::uint32_t file_index_ = 0;
    std::uint32_t line_hint_ = 1;
    std::size_t base_ = 0;  // offset of buffer_[0] in text_ (3 after a BOM)
    std::string buffer_;
    std::string value_;  // scratch for decoding values
};

// A UTF-16/32 BOM or an encoding declaration naming anything but UTF-8 is an error of its own,
// reported before the byte-level check so a Latin-1 file gets the helpful message.
bool Reader::check_encoding() {
    if (has_utf16_bom(text_)) {
        error(0, "encoding",
              "the file is UTF-16 (it starts with a UTF-16 byte order mark); a profile must be UTF-8: "
              "convert it, e.g. iconv -f UTF-16 -t UTF-8");
        return false;
    }
    if (const char* order = utf16_byte_order(text_)) {  // without a byte order mark
        error(0, "encoding",
              std::string("the file is UTF-16 (NUL bytes between its characters); a profile must be UTF-8: "
                          "convert it, e.g. iconv -f UTF-16") +
                  order + " -t UTF-8");
        return false;
    }
    std::string_view rest = text_.substr(base_);
    if (rest.substr(0, 5) != "<?xml") return true;
    const std::size_t end = rest.find("?>");
    const std::string_view decl = rest.substr(0, end);
    const std::size_t enc = decl.find("encoding");
    if (enc == std::string_view::npos) return true;
    std::size_t i = enc + 8;
    while (i < decl.size() && (decl[i] == ' ' || decl[i] == '\t' || decl[i] == '\r' || decl[i] == '\n')) ++i;
    if (i >= decl.size() || decl[i] != '=') return true;  // pugixml will report the malformed declaration
    ++i;
    while (i < decl.size() && (decl[i] == ' ' || decl[i] == '\t' || decl[i] == '\r' || decl[i] == '\n')) ++i;
    if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return true;
    const std::size_t close = decl.find(decl[i], i + 1);
    if (close == std::string_view::npos) return true;
    const std::string_view name = decl.substr(i + 1, close - i - 1);
    if (ascii_iequals(name, "UTF-8") || ascii_iequals(name, "UTF8")) return true;
    error(base_ + i + 1, "encoding",
          "the declaration says encoding=\"" + std::string(name) +
              "\"; phones accept only UTF-8: convert the file (iconv -f " + std::string(name) +
              " -t UTF-8) and declare encoding=\"UTF-8\"");
    return false;
}

void Reader::report_parse_error(const pugi::xml_parse_result& result) {
    std::size_t offset = base_ + static_cast<std::size_t>(result.offset);
    // A typographic quote or dash in the markup around the failure: say so, at that character.
    if (auto typo = find_typographic_in_markup(text_, offset)) {
        error(typo->offset, "typographic", typo->message);
        return;
    }
    std::string message;
    switch (result.status) {
        case pugi::status_no_document_element:
            message = "no <flat-profile> element: the file is empty or has no root element";
            break;
        case pugi::status_end_element_mismatch: {
            if (offset + 1 >= text_.size()) {  // pugixml stops on the last byte at end of input
                error(text_.size(), "xml-syntax",
                      "unexpected end of file: an element is not closed (missing </flat-profile> or "
                      "another closing tag?)");
                return;
            }
            std::size_t end = offset;
            while (end < text_.size() && is_name_char(text_[end])) ++end;
            message = "closing tag </" + std::string(text_.substr(offset, end - offset)) +
                      "> does not match the element it closes (a missing or misspelt tag?)";
            break;
        }
        case pugi::status_bad_end_element:
            message = "malformed closing tag (expected </name>)";
            break;
        case pugi::status_bad_attribute:
            message = "malformed attribute (expected name=\"value\")";
            break;
        case pugi::status_bad_start_element:
            message = "malformed start tag";
            break;
        case pugi::status_bad_comment:
            message = "malformed comment (expected <!-- ... -->)";
            break;
        case pugi::status_unrecognized_tag:
            message = "unrecognised markup after '<'";
            break;
        default:
            message = std::string("not well-formed XML: ") + result.description();
            break;
    }
    error(offset, "xml-syntax", message);
}

void Reader::run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") base_ = 3;  // a UTF-8 BOM is allowed
    if (!check_encoding()) return;
    if (auto fault = check_utf8_text(text_.substr(base_))) {
        error(base_ + fault->offset, fault->code, fault->message);
        return;
    }
    buffer_.assign(text_.substr(base_));
    pugi::xml_document doc;
    const pugi::xml_parse_result result =
        doc.load_buffer_inplace(buffer_.data(), buffer_.size(), parse_options, pugi::encoding_utf8);
    if (!result) {
        report_parse_error(result);
        return;
    }
    out_.profile.reserve(buffer_.size() / 64);  // about one parameter per 50 bytes in real profiles
    pugi::xml_node root;
    for (pugi::xml_node node : doc.children()) {
        const std::size_t at = base_ + static_cast<std::size_t>(node.offset_debug());
        if (node.type() == pugi::node_doctype) {
            error(at - 10, "doctype",  // offset_debug points past "<!DOCTYPE "
                  "a DOCTYPE is not allowed in a flat profile (phones do not read DTDs); remove it");
            return;
        }
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            const std::string_view value = node.value();
            const std::size_t first = value.find_first_not_of(" \t\r\n");
            if (first == std::string_view::npos) continue;       // blanks between the markup
            const bool cdata = node.type() == pugi::node_cdata;  // offset_debug is past "<![CDATA["
            error(cdata ? at - 9 : at + first, "xml-syntax",
                  std::string("text ") + (root ? "after </flat-profile>" : "before <flat-profile>") +
                      ": a profile is one <flat-profile> element and nothing else; remove it");
            return;
        }
        if (node.type() != pugi::node_element) continue;
        if (root) {
            error(at - 1, "root",
                  "a second root element <" + std::string(node.name()) +
                      "> after </flat-profile>; a profile has exactly one <flat-profile> element");
            return;
        }
        root = node;
        if (std::strcmp(node.name(), "flat-profile") != 0) {
            error(at - 1, "root",
                  "the root element is <" + std::string(node.name()) +
                      ">; a profile's root element must be <flat-profile>");
            return;
        }
    }
    if (!root) {  // as a fragment the parse succeeded: let the document parse say what is missing
        buffer_.assign(text_.substr(base_));
        report_parse_error(doc.load_buffer_inplace(
            buffer_.data(), buffer_.size(), parse_options & ~pugi::parse_fragment, pugi::encoding_utf8));
        return;
    }
    read_root(root);
}

void Reader::read_root(pugi::xml_node root) {
    for (pugi::xml_attribute attr : root.attributes())
        warning(offset_of(attr.name()), "unknown-attribute",
                "attribute " + std::string(attr.name()) + " on <flat-profile> is ignored");
    for (pugi::xml_node node : root.children()) {
        if (node.type() == pugi::node_element) {
            read_param(node);
        } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            const char* v = node.value();
            const char* p = v + std::strspn(v, " \t\r\n");
            if (*p != '\0')
                warning(offset_of(p), "stray-text",
                        "text outside any parameter element is ignored (a missing tag?)");
        }
    }
}

// The ua of an element: nullopt outside when an attribute error was reported, else the ua given
// (or nullopt inside when none was).
std::optional<std::optional<UserAccess>> Reader::read_attributes(pugi::xml_node element) {
    std::optional<UserAccess> ua;
    bool seen_ua = false;
    bool ok = true;
    for (pugi::xml_attribute attr : element.attributes()) {
        const std::size_t name_at = offset_of(attr.name());
        if (std::strcmp(attr.name(), "ua") != 0) {
            warning(name_at, "unknown-attribute",
                    "unknown attribute " + std::string(attr.name()) + " on <" + element.name() +
                        "> is ignored (only ua is defined)");
            continue;
        }
        if (seen_ua) {
            error(name_at, "xml-syntax", "attribute ua given twice on <" + std::string(element.name()) + ">");
            ok = false;
            continue;
        }
        seen_ua = true;
        const char* raw = attr.value();
        const std::size_t value_at = in_buffer(raw) ? offset_of(raw) : name_at;
        if (in_buffer(raw) && text_[value_at - 1] == '\'') {
            error(value_at - 1, "ua-quote",
                  "ua value in single quotes; the guide requires double quotes: ua=\"" + std::string(raw) +
                      "\"");
            ok = false;
            continue;
        }
        value_.clear();
        if (auto bad = decode_xml_text(raw, value_)) {
            error(value_at + bad->offset, "entity", bad->message);
            ok = false;
            continue;
        }
        ua = parse_user_access(value_);
        if (!ua) {
            std::string message = "ua=\"" + value_ + "\" is not a user access value; use na, ro or rw";
            if (auto lower = parse_user_access(ascii_lower(value_)))
                message = "ua=\"" + value_ + "\": user access values are lower case: ua=\"" +
                          std::string(to_string(*lower)) + "\"";
            error(value_at, "ua-value", message);
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return ua;
}

void Reader::read_param(pugi::xml_node element) {
    const std::size_t at = base_ + static_cast<std::size_t>(element.offset_debug()) - 1;  // the '<'
    const auto ua = read_attributes(element);
    bool ok = ua.has_value();
    ValueBuilder value(value_);
    for (pugi::xml_node node : element.children()) {
        if (node.type() == pugi::node_element) {
            error(base_ + static_cast<std::size_t>(node.offset_debug()) - 1, "nesting",
                  "element <" + std::string(node.name()) + "> inside parameter <" + element.name() +
                      ">; a flat profile has no nested elements (a missing closing tag?)");
            ok = false;
            break;  // never descend: nesting depth must not grow the stack
        }
        if (node.type() == pugi::node_pcdata) {
            if (auto bad = value.add_markup_text(node.value())) {
                error(offset_of(node.value()) + bad->offset, "entity", bad->message);
                ok = false;
            }
        } else if (node.type() == pugi::node_cdata) {
            value.add_literal_text(node.value());
        }
    }
    if (!ok) return;
    const auto pos = lines_.position(at, line_hint_);
    out_.profile.set(element.name(), value.finish(), *ua, Location{file_index_, pos.line, pos.column});
}

}  // namespace

ReadResult read_profile_xml(std::string_view text, std::string_view file) {
    ReadResult result;
    Reader(text, file, result).run();
    return result;
}

}  // namespace provkit
