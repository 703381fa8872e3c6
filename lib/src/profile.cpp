// The flat-profile model: ordered parameters, last-wins updates, a hash index by name.
#include "provkit/profile.hpp"

#include <functional>

#include "xml_text.hpp"

namespace provkit {

namespace {

std::size_t hash_name(std::string_view name) noexcept { return std::hash<std::string_view>{}(name); }

}  // namespace

std::string_view to_string(UserAccess ua) noexcept {
    switch (ua) {
        case UserAccess::na:
            return "na";
        case UserAccess::ro:
            return "ro";
        case UserAccess::rw:
            return "rw";
    }
    return "na";
}

std::optional<UserAccess> parse_user_access(std::string_view text) noexcept {
    if (text == "na") return UserAccess::na;
    if (text == "ro") return UserAccess::ro;
    if (text == "rw") return UserAccess::rw;
    return std::nullopt;
}

ValueKind value_kind(std::string_view value) noexcept {
    if (value.empty()) return ValueKind::empty;
    if (value == "\"\"") return ValueKind::quoted_empty;
    return ValueKind::text;
}

bool is_parameter_name(std::string_view name) noexcept { return is_xml_name(name); }

Profile::Profile(const Profile& other) = default;
Profile& Profile::operator=(const Profile& other) = default;

std::uint32_t Profile::add_file(std::string_view name) {
    for (std::size_t i = 0; i < files_.size(); ++i)
        if (files_[i] == name) return static_cast<std::uint32_t>(i);
    files_.emplace_back(name);
    return static_cast<std::uint32_t>(files_.size() - 1);
}

void Profile::reserve(std::size_t params) {
    params_.reserve(params);
    occurrences_.reserve(params);
    if (index_.size() < params * 2) {
        std::size_t size = 16;
        while (size < params * 2) size *= 2;
        index_.assign(size, 0);
        for (std::size_t i = 0; i < params_.size(); ++i)
            *slot_for(params_[i].name, hash_name(params_[i].name)) = static_cast<std::uint32_t>(i + 1);
    }
}

std::uint32_t* Profile::slot_for(std::string_view name, std::size_t hash) const noexcept {
    // Linear probing; the table is never more than half full, so an empty slot always exists.
    const std::size_t mask = index_.size() - 1;
    auto* slots = const_cast<std::uint32_t*>(index_.data());
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const std::uint32_t entry = slots[i];
        if (entry == 0 || params_[entry - 1].name == name) return &slots[i];
    }
}

void Profile::grow_index() { reserve(index_.empty() ? 8 : index_.size()); }

const Param* Profile::find(std::string_view name) const noexcept {
    if (index_.empty()) return nullptr;
    const std::uint32_t entry = *slot_for(name, hash_name(name));
    return entry == 0 ? nullptr : &params_[entry - 1];
}

const Param& Profile::set(std::string_view name, std::string_view value, std::optional<UserAccess> ua,
                          Location where) {
    if ((params_.size() + 1) * 2 > index_.size()) grow_index();
    std::uint32_t* slot = slot_for(name, hash_name(name));
    std::uint32_t index;
    if (*slot == 0) {
        index = static_cast<std::uint32_t>(params_.size());
        Param& p = params_.emplace_back();
        p.name.assign(name);
        *slot = index + 1;
    } else {
        index = *slot - 1;
    }
    Param& p = params_[index];
    p.value.assign(value);
    if (ua) p.ua = ua;
    p.value_from = static_cast<std::uint32_t>(occurrences_.size());
    occurrences_.push_back({index, where});
    return p;
}

void Profile::apply(const Profile& layer) {
    std::vector<std::uint32_t> file_map;
    file_map.reserve(layer.files_.size());
    for (const std::string& f : layer.files_) file_map.push_back(add_file(f));
    for (const Param& p : layer.params_) {
        Location where = layer.origin(p);
        if (where.file < file_map.size()) where.file = file_map[where.file];
        set(p.name, p.value, p.ua, where);
    }
}

bool operator==(const Profile& a, const Profile& b) noexcept {
    if (a.params_.size() != b.params_.size()) return false;
    for (std::size_t i = 0; i < a.params_.size(); ++i) {
        const Param& x = a.params_[i];
        const Param& y = b.params_[i];
        if (x.name != y.name || x.value != y.value || x.ua != y.ua) return false;
    }
    return true;
}

std::string Diagnostic::to_string() const {
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
    out += message;
    return out;
}

}  // namespace provkit
