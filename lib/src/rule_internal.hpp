// Helpers shared by the rule parser and evaluator (not part of the public API).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "provkit/rule.hpp"

namespace provkit::detail {

// A decimal integer with an optional '-' (PRVST can be -1), fitting in 64 bits.
std::optional<std::int64_t> parse_integer(std::string_view text);

// The type of an unquoted word: integer, version string, or nullopt (a format error).
std::optional<OperandType> classify_word(std::string_view text);

// The message for a word that is neither an integer nor a version string; written is the
// operand as written when word is its expansion.
std::string not_a_literal_message(std::string_view word, std::string_view written = {});

}  // namespace provkit::detail
