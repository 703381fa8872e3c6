// Reading a profile source of either format.
#include "provkit/profile_source.hpp"

#include "provkit/profile_xml.hpp"

namespace provkit {

ReadResult read_profile_source(std::string_view text, const std::string& file, SourceFormat format,
                               const SourceLoader& load) {
    // A UTF-16 byte order mark goes to the XML reader, which names the encoding.
    const bool utf16 = text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF";
    if (format == SourceFormat::automatic)
        format = looks_like_xml(text) || utf16 ? SourceFormat::xml : SourceFormat::spc;
    return format == SourceFormat::xml ? read_profile_xml(text, file) : read_profile_spc(text, file, load);
}

}  // namespace provkit
