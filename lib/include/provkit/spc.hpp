// The legacy SPA Profile Compiler (spc) text source language, and the guide's rule that turns
// the field names of the phone's web pages into XML element names.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "provkit/file_io.hpp"
#include "provkit/profile.hpp"

namespace provkit {

// Turns a name as the admin web page shows it into its XML element name, by the guide's rule
// ("substitute an underscore for every space or the special characters [, ], (, ), or /"):
// "Resync On Reset" -> "Resync_On_Reset", "Dial Plan[2]" -> "Dial_Plan_2_",
// "Resync At (HHmm)" -> "Resync_At__HHmm_". Leading and trailing white space is dropped; an
// XML name (Dial_Plan_2_) comes back unchanged.
std::string normalise_name(std::string_view name);

// Reads a file for an import; tests substitute their own. Throws provkit::Error on failure.
using SourceLoader = std::function<Bytes(const std::string& path)>;

// Parses spc text (see ../shared/reference/NOTES.md):
//     # comment to end of line
//     import FILE              splices FILE (a path relative to the importing file) in place
//     Name [?|!] ["value"] ;   Name[n] means Name_n_; no marker: ua na, '?' ro, '!' rw
// A value is everything between the double quotes on one line, taken literally (no escapes;
// it cannot contain a double quote or a line break). An entry without a value leaves the
// parameter out (the phone keeps its value); a ua marker on such an entry cannot be expressed
// in XML and draws a warning [spc-no-value]. White space between tokens is free, entries may
// share a line. The last occurrence of a name wins, across imports too.
// Errors carry FILE:LINE:COL and a code: [spc-syntax], [utf8], [control-char], [import] (a file
// that cannot be read), [import-cycle] (the message names the chain a -> b -> a).
// file is the source's path, used for diagnostics and to resolve imports; load defaults to
// provkit::read_file.
ReadResult read_profile_spc(std::string_view text, const std::string& file, const SourceLoader& load = {});

// True when text looks like an XML document (first non-blank character '<', after an optional
// BOM) rather than an spc source.
bool looks_like_xml(std::string_view text) noexcept;

}  // namespace provkit
