// The parameter catalog: the TSV format, the embedded built-in catalog, lookups, did-you-mean.
#include "provkit/catalog.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/spc.hpp"
#include "xml_text.hpp"

namespace provkit {

namespace detail {
extern const unsigned char builtin_catalog_tsv[];
extern const std::size_t builtin_catalog_tsv_size;
}  // namespace detail

namespace {

struct TypeName {
    std::string_view word;
    ValueType type;
};
constexpr TypeName type_names[] = {
    {"str", ValueType::string},
    {"bool", ValueType::boolean},
    {"int", ValueType::integer},
    {"float", ValueType::decimal},
    {"port", ValueType::port},
    {"ipv4", ValueType::ipv4},
    {"ip", ValueType::ip},
    {"host", ValueType::host},
    {"url", ValueType::url},
    {"hhmm", ValueType::hhmm},
    {"schedule", ValueType::schedule},
    {"rule", ValueType::rule},
    {"trigger", ValueType::trigger},
    {"dialplan", ValueType::dialplan},
    {"cadscript", ValueType::cadscript},
    {"freqscript", ValueType::freqscript},
    {"tonescript", ValueType::tonescript},
    {"star", ValueType::star_code},
    {"enum", ValueType::enumeration},
};

std::size_t hash_of(std::string_view s) noexcept { return std::hash<std::string_view>{}(s); }

// Open addressing, entries index + 1; key(i) gives the key of entry i.
template <typename Key>
const std::uint32_t* probe(const std::vector<std::uint32_t>& table, std::string_view name, Key key) noexcept {
    if (table.empty()) return nullptr;
    const std::size_t mask = table.size() - 1;
    for (std::size_t i = hash_of(name) & mask;; i = (i + 1) & mask)
        if (table[i] == 0 || key(table[i] - 1) == name) return &table[i];
}

std::string unescape(std::string_view field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 1 < field.size()) {
            const char c = field[++i];
            out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c);
        } else {
            out.push_back(field[i]);
        }
    }
    return out;
}

bool parse_int(std::string_view s, std::int64_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

// Parses the TYPE column into spec; returns an error message or empty.
std::string parse_type(std::string_view text, ParamSpec& spec) {
    const std::size_t colon = text.find(':');
    const std::string_view word = text.substr(0, colon);
    const std::string_view arg =
        colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    auto it = std::find_if(std::begin(type_names), std::end(type_names),
                           [&](const TypeName& t) { return t.word == word; });
    if (it == std::end(type_names)) return "unknown type \"" + std::string(word) + "\"";
    spec.type = it->type;
    switch (spec.type) {
        case ValueType::integer:
        case ValueType::decimal: {
            const std::size_t dots = arg.find("..");
            if (dots == std::string_view::npos || !parse_int(arg.substr(0, dots), spec.min) ||
                !parse_int(arg.substr(dots + 2), spec.max) || spec.min > spec.max)
                return "type " + std::string(word) + " needs a range MIN..MAX, e.g. " + std::string(word) +
                       ":0..255";
            return {};
        }
        case ValueType::enumeration: {
            if (arg.empty()) return "type enum needs its choices, e.g. enum:Http|Https";
            std::size_t start = 0;
            while (start <= arg.size()) {
                const std::size_t bar = std::min(arg.find('|', start), arg.size());
                spec.choices.emplace_back(arg.substr(start, bar - start));
                start = bar + 1;
            }
            return {};
        }
        case ValueType::string: {
            std::int64_t n = 0;
            if (!arg.empty() && (!parse_int(arg, n) || n < 0 || n > 1000000))
                return "type str:N needs a length N";
            spec.max_length = static_cast<std::uint32_t>(n);
            return {};
        }
        default:
            if (colon != std::string_view::npos) return "type " + std::string(word) + " takes no argument";
            return {};
    }
}

}  // namespace

// Optimal string alignment distance (catalog.hpp).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = lower(a[i - 1]) == lower(b[j - 1]);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}


std::string_view to_string(ValueType type) noexcept {
    for (const TypeName& t : type_names)
        if (t.type == type) return t.word;
    return "str";
}

std::string ParamSpec::type_text() const {
    std::string out(to_string(type));
    if (type == ValueType::integer || type == ValueType::decimal) {
        out += ':' + std::to_string(min) + ".." + std::to_string(max);
    } else if (type == ValueType::enumeration) {
        for (std::size_t i = 0; i < choices.size(); ++i) out += (i == 0 ? ":" : "|") + choices[i];
    } else if (type == ValueType::string && max_length > 0) {
        out += ':' + std::to_string(max_length);
    }
    return out;
}

Catalog Catalog::parse(std::string_view text, std::string_view file) {
    Catalog catalog;
    std::vector<std::size_t> lines;  // the line of each spec, for duplicate errors
    std::size_t line_no = 0;
    std::size_t pos = 0;
    const auto fail = [&](const std::string& message) {
        throw Error(ErrorKind::input, std::string(file) + ":" + std::to_string(line_no) + ": " + message);
    };
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string_view> fields;
        for (std::size_t start = 0;;) {
            const std::size_t tab = line.find('\t', start);
            fields.push_back(
                line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (fields.size() < 3 || fields.size() > 5)
            fail("expected NAME<TAB>TYPE<TAB>UA[<TAB>DEFAULT[<TAB>FLAGS]], found " +
                 std::to_string(fields.size()) + " field(s)");
        ParamSpec spec;
        spec.name = std::string(fields[0]);
        if (!is_xml_name(spec.name)) fail("\"" + spec.name + "\" is not a parameter (XML element) name");
        if (std::string message = parse_type(fields[1], spec); !message.empty()) fail(message);
        const auto ua = parse_user_access(fields[2]);
        if (!ua) fail("user access must be na, ro or rw, not \"" + std::string(fields[2]) + "\"");
        spec.default_ua = *ua;
        if (fields.size() > 3) spec.default_value = unescape(fields[3]);
        if (fields.size() > 4) {
            if (fields[4] == "secret")
                spec.secret = true;
            else if (!fields[4].empty())
                fail("unknown flag \"" + std::string(fields[4]) + "\" (known: secret)");
        }
        catalog.specs_.push_back(std::move(spec));
        lines.push_back(line_no);
    }
    const std::size_t duplicate = catalog.rebuild_index();
    if (duplicate < catalog.specs_.size()) {
        line_no = lines[duplicate];
        fail(catalog.specs_[duplicate].name + " is listed twice");
    }
    return catalog;
}

Catalog Catalog::load(const std::string& path) { return parse(read_file(path), path); }

const Catalog& Catalog::builtin() {
    static const Catalog catalog =
        parse(std::string_view(reinterpret_cast<const char*>(detail::builtin_catalog_tsv),
                               detail::builtin_catalog_tsv_size),
              "builtin catalog");
    return catalog;
}

std::size_t Catalog::rebuild_index() {
    std::size_t duplicate = specs_.size();
    std::size_t size = 16;
    while (size < specs_.size() * 2 + 2) size *= 2;
    index_.assign(size, 0);
    lower_index_.assign(size, 0);
    std::vector<std::string> lower(specs_.size());
    for (std::size_t i = 0; i < specs_.size(); ++i) lower[i] = ascii_lower(specs_[i].name);
    const auto key = [&](std::uint32_t i) -> std::string_view { return specs_[i].name; };
    const auto lower_key = [&](std::uint32_t i) -> std::string_view { return lower[i]; };
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        auto* exact = const_cast<std::uint32_t*>(probe(index_, specs_[i].name, key));
        if (*exact != 0 && duplicate == specs_.size()) duplicate = i;
        *exact = static_cast<std::uint32_t>(i + 1);
        auto* slot = const_cast<std::uint32_t*>(probe(lower_index_, lower[i], lower_key));
        if (*slot == 0) *slot = static_cast<std::uint32_t>(i + 1);  // the first of names equal but for case
    }
    return duplicate;
}

void Catalog::merge(const Catalog& other) {
    for (const ParamSpec& spec : other.specs_) {
        if (const ParamSpec* known = find(spec.name))
            specs_[static_cast<std::size_t>(known - specs_.data())] = spec;
        else
            specs_.push_back(spec);
    }
    rebuild_index();
}

const ParamSpec* Catalog::find(std::string_view name) const noexcept {
    const auto key = [&](std::uint32_t i) -> std::string_view { return specs_[i].name; };
    const std::uint32_t* slot = probe(index_, name, key);
    return slot == nullptr || *slot == 0 ? nullptr : &specs_[*slot - 1];
}

const ParamSpec* Catalog::find_ignoring_case(std::string_view name) const noexcept {
    if (const ParamSpec* exact = find(name)) return exact;
    const std::string lower = ascii_lower(name);
    if (lower_index_.empty()) return nullptr;
    const std::size_t mask = lower_index_.size() - 1;
    for (std::size_t i = hash_of(lower) & mask;; i = (i + 1) & mask) {
        const std::uint32_t entry = lower_index_[i];
        if (entry == 0) return nullptr;
        if (ascii_iequals(specs_[entry - 1].name, lower)) return &specs_[entry - 1];
    }
}

std::vector<std::string_view> Catalog::suggest(std::string_view name, std::size_t max) const {
    std::vector<std::string_view> out;
    const auto add = [&](std::string_view s) {
        if (out.size() < max && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    if (const ParamSpec* web = find(normalise_name(name))) add(web->name);  // "Resync On Reset"
    if (const ParamSpec* other_case = find_ignoring_case(name)) add(other_case->name);
    const std::size_t limit = name.size() <= 4 ? 1 : name.size() <= 12 ? 2 : 3;
    std::vector<std::pair<std::size_t, std::string_view>> close;
    for (const ParamSpec& spec : specs_) {
        const std::size_t a = spec.name.size(), b = name.size();
        if ((a > b ? a - b : b - a) > limit) continue;
        const std::size_t d = edit_distance(name, spec.name, limit);
        if (d <= limit) close.emplace_back(d, spec.name);
    }
    std::sort(close.begin(), close.end());
    for (const auto& [d, s] : close) add(s);
    return out;
}

}  // namespace provkit
