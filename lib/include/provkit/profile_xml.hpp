// Reading and writing the XML flat-profile format exactly as the guide's "Configuration File
// Components" and "Formatting" sections describe it.
#pragma once

#include <string>
#include <string_view>

#include "provkit/profile.hpp"

namespace provkit {

// Reads an XML flat profile. file names the source in diagnostics and locations.
//
// Accepted, as the guide says: UTF-8 only (an invalid byte sequence, a control character or an
// encoding declaration other than UTF-8 is an error at its position; a UTF-8 BOM is allowed);
// an optional <?xml ?> declaration and comments (ignored); one root element <flat-profile>
// whose child elements are parameters. A parameter's value is its text with leading and
// trailing white space removed and every newline (LF, CR or CR LF) inside turned into one
// space; the five escapes (&amp; &lt; &gt; &apos; &quot;) and decimal/hex character references
// are translated; CDATA sections are taken literally; <X/> and <X></X> are empty values. The
// optional ua attribute must be na, ro or rw in double quotes. Every occurrence is kept; the
// last one wins.
//
// provkit's reading of a detail the guide leaves open: white space written as a character
// reference (&#32; &#9; &#10; &#13;) is content, not layout - it is neither trimmed nor turned
// into a space, as XML itself treats character references in attribute values. This is what
// makes every value, including ones with leading spaces or newlines, survive write + read.
//
// Errors that stop the read (code in brackets): invalid UTF-8 [utf8], a control character
// [control-char], a non-UTF-8 encoding [encoding], a DOCTYPE [doctype] (never expanded: a flat
// profile has no DTD), malformed XML [xml-syntax], a typographic quote or dash where XML needs
// an ASCII one [typographic], a root other than <flat-profile> [root].
// Errors that skip one parameter or attribute and read on: an element inside a parameter
// [nesting], a ua value other than na/ro/rw [ua-value], a ua in single quotes [ua-quote], an
// attribute given twice [xml-syntax], an unknown entity or bad character reference [entity].
// Warnings (reading goes on): an attribute other than ua [unknown-attribute], text directly
// inside <flat-profile> [stray-text].
ReadResult read_profile_xml(std::string_view text, std::string_view file);

// Writes the canonical form: the XML declaration, <flat-profile>, one parameter per line in
// first-seen order (<Name ua="..">value</Name>, <Name/> for an empty value), </flat-profile>,
// each line ending in LF. & < > are escaped; CR and LF anywhere and white space at either end
// of a value are written as character references, so read_profile_xml gives every value back
// exactly. Throws Error(input) for a name that is not an XML name or a value that XML 1.0
// cannot carry (invalid UTF-8, control characters other than tab/CR/LF).
std::string write_profile_xml(const Profile& profile);

}  // namespace provkit
