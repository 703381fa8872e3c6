// The tiny JSON writer of provkit/json.hpp.
#include "provkit/json.hpp"

#include <cstdio>

#include "provkit/source_text.hpp"

namespace provkit {

Json& Json::push(Json value) {
    if (!std::holds_alternative<Array>(value_)) value_ = Array{};
    std::get<Array>(value_).push_back(std::move(value));
    return *this;
}

Json& Json::set(std::string_view key, Json value) {
    if (!std::holds_alternative<Object>(value_)) value_ = Object{};
    auto& members = std::get<Object>(value_);
    for (auto& [k, v] : members)
        if (k == key) {
            v = std::move(value);
            return *this;
        }
    members.emplace_back(std::string(key), std::move(value));
    return *this;
}

std::string Json::dump() const {
    std::string out;
    dump_to(out);
    return out;
}

void Json::dump_to(std::string& out) const {
    if (std::holds_alternative<std::nullptr_t>(value_)) {
        out += "null";
    } else if (auto* b = std::get_if<bool>(&value_)) {
        out += *b ? "true" : "false";
    } else if (auto* i = std::get_if<std::int64_t>(&value_)) {
        out += std::to_string(*i);
    } else if (auto* s = std::get_if<std::string>(&value_)) {
        out += json_quote(*s);
    } else if (auto* a = std::get_if<Array>(&value_)) {
        out += '[';
        for (std::size_t n = 0; n < a->size(); ++n) {
            if (n) out += ',';
            (*a)[n].dump_to(out);
        }
        out += ']';
    } else {
        const auto& o = std::get<Object>(value_);
        out += '{';
        for (std::size_t n = 0; n < o.size(); ++n) {
            if (n) out += ',';
            out += json_quote(o[n].first);
            out += ':';
            o[n].second.dump_to(out);
        }
        out += '}';
    }
}

std::string json_quote(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04x", c);
                        out += buf;
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
        } else if (std::size_t len = utf8_sequence_length(s, i)) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out += "\\ufffd";
            ++i;
        }
    }
    out += '"';
    return out;
}

}  // namespace provkit
