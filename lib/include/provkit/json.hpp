// A tiny JSON value for machine-readable output (--format json): null, bool, integer, string,
// array and insertion-ordered object, serialized with RFC 8259 string escaping.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace provkit {

class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;  // keeps insertion order

    Json() = default;  // null
    Json(std::nullptr_t) {}
    Json(bool b) : value_(b) {}
    Json(int i) : value_(static_cast<std::int64_t>(i)) {}
    Json(long i) : value_(static_cast<std::int64_t>(i)) {}
    Json(long long i) : value_(static_cast<std::int64_t>(i)) {}
    Json(unsigned i) : value_(static_cast<std::int64_t>(i)) {}
    Json(unsigned long i) : value_(static_cast<std::int64_t>(i)) {}
    Json(unsigned long long i) : value_(static_cast<std::int64_t>(i)) {}
    Json(const char* s) : value_(std::string(s)) {}
    Json(std::string_view s) : value_(std::string(s)) {}
    Json(std::string s) : value_(std::move(s)) {}
    Json(Array a) : value_(std::move(a)) {}
    Json(Object o) : value_(std::move(o)) {}

    static Json array() { return Json(Array{}); }
    static Json object() { return Json(Object{}); }

    // Appends to an array / adds a member to an object (replacing a member of the same key).
    Json& push(Json value);
    Json& set(std::string_view key, Json value);

    // Compact single-line text (no trailing newline).
    std::string dump() const;

private:
    void dump_to(std::string& out) const;
    std::variant<std::nullptr_t, bool, std::int64_t, std::string, Array, Object> value_{nullptr};
};

// The JSON string literal for s, quotes included: ", \ and control characters escaped; bytes
// that are not valid UTF-8 are replaced by U+FFFD so the output is always valid JSON.
std::string json_quote(std::string_view s);

}  // namespace provkit
