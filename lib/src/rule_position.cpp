// Positions in a rule's text for messages (see describe_rule_position in rule.hpp).
#include <algorithm>

#include "provkit/rule.hpp"
#include "provkit/source_text.hpp"

namespace provkit {

std::string describe_rule_position(std::string_view text, std::size_t column) {
    std::string_view body = text;  // a final line break is no line of the rule
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    // An error past the end (a rule cut short) is shown just after its last character.
    const std::size_t offset = std::min(column == 0 ? 0 : column - 1, body.size());
    const LineIndex::Position pos = LineIndex(body).position(offset);
    const bool spans_lines = body.find('\n') != std::string_view::npos;  // lines as LineIndex counts them
    return (spans_lines ? "line " + std::to_string(pos.line) + ", " : std::string()) + "column " +
           std::to_string(pos.column);
}

}  // namespace provkit
