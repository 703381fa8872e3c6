// Text from an input (a table cell, a column name, a file name) shown inside a
// message. Whatever the bytes, the message stays one readable line: quoted, with control
// characters, NUL and bytes that are not UTF-8 written as escapes, and long text cut short.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace provkit {

// "text" with \" \\ \n \r \t and \xNN escapes; past max_bytes of input, cut at a character
// boundary and ended with "..." and the full length.
std::string quoted_text(std::string_view text, std::size_t max_bytes = 80);

// Appends text for a terminal or a log as it is, except that control characters (C0 other than
// those in keep, DEL, C1) and bytes that are not UTF-8 become '?' - a tab not kept becomes a
// space - so that nothing quoted from an input can act on a terminal.
void append_printable(std::string& out, std::string_view text, std::string_view keep = {});

// The same, as a new string.
std::string printable(std::string_view text, std::string_view keep = {});

}  // namespace provkit
