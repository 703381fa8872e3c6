// Name checks of lint: parameters the catalog does not know (with did-you-mean), names in the
// wrong case (the phone compares names case-sensitively), and parameters set more than once.
#include <limits>

#include "lint_internal.hpp"

namespace provkit::lint_detail {

namespace {

// The name with typographic dashes and quotes replaced by their ASCII counterparts, so that
// "Resync–Periodic" still finds Resync_Periodic.
std::string ascii_probe(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        if (const auto t = typographic_at(name, i)) {
            out.push_back(t->ascii == '-' ? '_' : t->ascii);
            i += t->length;
        } else {
            out.push_back(name[i++]);
        }
    }
    return out;
}

}  // namespace

void check_duplicates(const Profile& profile, const Catalog& catalog, std::span<SourceFile* const> files,
                      Sink& sink, std::vector<std::uint32_t>& first) {
    constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    first.assign(profile.size(), none);
    const auto occurrences = profile.occurrences();
    const bool report = sink.enabled("duplicate");
    for (std::uint32_t i = 0; i < occurrences.size(); ++i) {
        const Occurrence& o = occurrences[i];
        std::uint32_t& first_of = first[o.param];
        if (first_of == none) {
            first_of = i;
            continue;
        }
        if (!report) continue;
        const Location& earlier = occurrences[first_of].where;
        const std::string& name = profile.params()[o.param].name;
        std::string message = "duplicate parameter " + name + ": already set on line " + std::to_string(earlier.line);
        if (earlier.file != o.where.file) message += " of " + files[earlier.file]->name();
        message += "; the last occurrence wins";
        const ParamSpec* spec = catalog.find(name);
        SourceFile& file = *files[o.where.file];
        sink.set_redact(spec && spec->secret);
        sink.add_at(file, o.where.line, name_column(file, o.where), "duplicate", std::move(message),
                    "remove the occurrence that should not apply");
        sink.set_redact(false);
    }
}

void check_unknown_name(const Param& param, const Catalog& catalog, SourceFile& file, std::uint32_t line,
                        std::uint32_t column, Sink& sink) {
    if (const ParamSpec* other = catalog.find_ignoring_case(param.name)) {
        sink.add_at(file, line, column, "name-case",
                    param.name + " is not a parameter: names are case-sensitive, so the phone ignores it",
                    "write " + other->name);
        return;
    }
    if (!sink.enabled("unknown-name")) return;
    const auto suggestions = catalog.suggest(ascii_probe(param.name));
    std::string hint;
    for (std::size_t i = 0; i < suggestions.size(); ++i)
        hint += (i == 0 ? "did you mean " : i + 1 == suggestions.size() ? " or " : ", ") + std::string(suggestions[i]);
    if (!hint.empty()) hint += '?';
    sink.add_at(file, line, column, "unknown-name", "unknown parameter " + param.name + " (the phone ignores it)",
                std::move(hint));
}

}  // namespace provkit::lint_detail
