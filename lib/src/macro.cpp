// Macro expansion of provkit/macro.hpp.
#include "provkit/macro.hpp"

#include <algorithm>
#include <optional>

namespace provkit {

namespace {

// All spellings of known names (canonical plus GPP_ aliases), longest first, so that the
// first prefix match is the longest known name.
const std::vector<std::string>& spellings_longest_first() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v = macro_variable_names();
        for (char c = 'A'; c <= 'P'; ++c) v.push_back(std::string("GPP_") + c);
        for (const char* s : {"GPP_SA", "GPP_SB", "GPP_SC", "GPP_SD"}) v.emplace_back(s);
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
        return v;
    }();
    return all;
}

std::optional<std::size_t> parse_count(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    std::size_t n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

// A macro form recognised at a '$': its length, canonical name and optional substring bounds.
struct Form {
    std::size_t length = 0;
    std::string name;
    std::optional<std::size_t> offset, count;
};

std::optional<Form> recognise(std::string_view text, std::size_t at) {
    std::string_view rest = text.substr(at + 1);
    if (!rest.empty() && rest.front() == '(') {
        std::size_t close = rest.find(')');
        if (close == std::string_view::npos) return std::nullopt;
        std::string_view inner = rest.substr(1, close - 1);
        Form form{close + 2, {}, {}, {}};
        std::size_t colon = inner.find(':');
        form.name = canonical_macro_name(inner.substr(0, colon));
        if (form.name.empty()) return std::nullopt;
        if (colon != std::string_view::npos) {
            std::string_view bounds = inner.substr(colon + 1);
            std::size_t colon2 = bounds.find(':');
            form.offset = parse_count(bounds.substr(0, colon2));
            if (!form.offset) return std::nullopt;
            if (colon2 != std::string_view::npos) {
                form.count = parse_count(bounds.substr(colon2 + 1));
                if (!form.count) return std::nullopt;
            }
        }
        return form;
    }
    for (const std::string& spelling : spellings_longest_first())
        if (rest.starts_with(spelling)) return Form{spelling.size() + 1, canonical_macro_name(spelling), {}, {}};
    return std::nullopt;
}

// Start of the UTF-8 character with index n in s (s.size() when there are fewer).
std::size_t char_offset(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (; i < s.size() && n > 0; --n) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
}

}  // namespace

std::vector<MacroRef> find_macros(std::string_view text) {
    std::vector<MacroRef> refs;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') continue;
        if (i + 1 < text.size() && text[i + 1] == '$') {
            ++i;
            continue;
        }
        if (auto form = recognise(text, i)) {
            refs.push_back({i, form->length, form->name});
            i += form->length - 1;
        }
    }
    return refs;
}

std::string expand_macros(std::string_view text, const Device& device, MacroContext context,
                          std::vector<std::string>* unset) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') {
            out += text[i];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '$') {  // "$$" -> "$", not rescanned
            out += '$';
            ++i;
            continue;
        }
        auto form = recognise(text, i);
        if (!form || (is_secret_macro(form->name) && context != MacroContext::key)) {
            out += '$';  // stays as written
            continue;
        }
        const std::string* value = device.value(form->name);
        if (!value && unset && std::find(unset->begin(), unset->end(), form->name) == unset->end())
            unset->push_back(form->name);
        std::string_view v = value ? std::string_view(*value) : std::string_view();
        if (form->offset) {
            std::size_t b = char_offset(v, *form->offset);
            std::size_t e = form->count ? b + char_offset(v.substr(b), *form->count) : v.size();
            v = v.substr(b, e - b);
        }
        out += v;
        i += form->length - 1;
    }
    return out;
}

}  // namespace provkit
