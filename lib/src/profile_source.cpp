// Reading a profile source of either format.
#include "provkit/profile_source.hpp"

#include "provkit/profile_xml.hpp"
#include "provkit/source_text.hpp"

namespace provkit {

ReadResult read_profile_source(std::string_view text, const std::string& file, SourceFormat format,
                               const SourceLoader& load) {
    // A UTF-16 byte order mark goes to the XML reader, which names the encoding.
    if (format == SourceFormat::automatic)
        format = looks_like_xml(text) || has_utf16_bom(text) ? SourceFormat::xml : SourceFormat::spc;
    return format == SourceFormat::xml ? read_profile_xml(text, file) : read_profile_spc(text, file, load);
}

}  // namespace provkit
