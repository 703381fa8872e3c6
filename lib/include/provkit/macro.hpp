// Macro expansion as a phone does it before evaluating Profile_Rule*, Upgrade_Rule,
// Resync_Trigger_* and Log_*_Msg (guide ch. 2 "Macro Expansion", ch. 5 "Macro Expansion
// Variables").
//
//   $NAME        the variable's value. NAME is the LONGEST known variable name that the text
//                after '$' starts with: "$MAU.cfg" is MAU, "$MACX" is MAC then "X", "$ERROR"
//                is ERR then "OR", "$UID12" is UID12. Names are upper case.
//   $(NAME)      the same, delimited explicitly.
//   $(NAME:p)    the substring from character offset p (0-based) to the end;
//   $(NAME:p:q)  the substring of at most q characters from offset p (p, q decimal >= 0;
//                an offset past the end gives "").
//   $$           a single '$'.
// The result is not expanded again ("$$MAU" gives "$MAU"). A '$' that does not start one of
// these forms with a known name stays as written ("$STRANGE"), and scanning continues right
// after it. A known variable that has no value expands to "". $SA..$SD (and $GPP_SA..) expand
// only in key context - the arguments of --key, --uid and --pwd - and stay as written
// elsewhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/device.hpp"

namespace provkit {

enum class MacroContext { plain, key };

// One macro reference in a text, as found by find_macros.
struct MacroRef {
    std::size_t offset = 0;  // byte offset of the '$'
    std::size_t length = 0;  // bytes of the whole reference, e.g. 6 for "$(MA)" + ")"
    std::string name;        // canonical variable name
};

// Every reference to a known variable in text (whatever the context; "$$" is skipped).
std::vector<MacroRef> find_macros(std::string_view text);

// Expands text for device. When unset is given, the canonical names of known variables that
// expanded to "" because they have no value are appended to it (each name once).
std::string expand_macros(std::string_view text, const Device& device, MacroContext context = MacroContext::plain,
                          std::vector<std::string>* unset = nullptr);

}  // namespace provkit
