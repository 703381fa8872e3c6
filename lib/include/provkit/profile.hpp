// The flat-profile model: ordered parameters with value, user access and every place they were set,
// plus the positioned diagnostics that the profile readers (XML, spc) return.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace provkit {

// The ua attribute: "If the ua attribute is not specified, the existing user access setting is
// retained" (guide, User Access Attribute) - so absence is std::nullopt, never a fourth value.
enum class UserAccess : std::uint8_t { na, ro, rw };

std::string_view to_string(UserAccess ua) noexcept;                           // "na", "ro", "rw"
std::optional<UserAccess> parse_user_access(std::string_view text) noexcept;  // exact, lower case

// How a value reads. The guide contradicts itself about empty values:
//  - chapter 2 "Element Tag Properties": <X/> and <X></X> set the parameter to the empty string;
//  - chapter 2 "Data Types" note: "an empty parameter value forces the parameter back to its
//    default value. To specify an empty string instead, use the empty string "" as the value".
// provkit keeps what the source said and never turns one into the other: an empty element is
// ValueKind::empty (value ""), a value of exactly two double quotes is ValueKind::quoted_empty
// (value "\"\""), and the writer reproduces each as it was, so a compiled profile says exactly
// what its source said whichever reading a firmware applies. Where a meaning is needed provkit
// follows the format chapter (the empty element is the empty string); `lint` can point out the
// ambiguity. An spc entry without a value (`Name ;`) means "leave unchanged" and is not in the
// model at all; an spc value "" is an empty value, the same as <X/>.
enum class ValueKind : std::uint8_t { text, empty, quoted_empty };

ValueKind value_kind(std::string_view value) noexcept;

// True when name can be a parameter: an XML element name (letter, '_' or ':' first, then also
// digits, '-' and '.'), as write_profile_xml requires.
bool is_parameter_name(std::string_view name) noexcept;

// A place in a source: file is an index into Profile::files(); line and column are 1-based
// (column counts Unicode characters); 0 means "not from a file position" (e.g. --set).
struct Location {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

struct Param {
    std::string name;
    std::string value;             // the effective value: that of the last occurrence
    std::optional<UserAccess> ua;  // the last ua given by any occurrence, if any
    std::uint32_t value_from = 0;  // index into Profile::occurrences() of the value's origin

    ValueKind kind() const noexcept { return value_kind(value); }
};

// One appearance of a parameter in a source (the first, a duplicate, or a later layer's).
struct Occurrence {
    std::uint32_t param;  // index into Profile::params()
    Location where;
};

// Parameters in first-seen order. Setting a name again overwrites its value in place (the last
// occurrence wins, as on the phone) and records one more occurrence; a ua is replaced only by an
// occurrence that gives one. Lookup by name is a hash lookup, case-sensitive as the phone is.
class Profile {
public:
    Profile() = default;
    Profile(const Profile& other);
    Profile& operator=(const Profile& other);
    Profile(Profile&&) noexcept = default;
    Profile& operator=(Profile&&) noexcept = default;

    // Registers a source name (a path, "--set", "-") and returns its index for Location::file.
    // The same name registered twice gets the same index.
    std::uint32_t add_file(std::string_view name);
    const std::vector<std::string>& files() const noexcept { return files_; }

    // Sets name (appending it when new) and records the occurrence. Returns the parameter.
    const Param& set(std::string_view name, std::string_view value, std::optional<UserAccess> ua,
                     Location where);

    // Applies layer on top of this profile: each of its parameters as one set() in the layer's
    // order, carrying the layer's file names and the location of each value's origin.
    void apply(const Profile& layer);

    const Param* find(std::string_view name) const noexcept;
    std::span<const Param> params() const noexcept { return params_; }
    std::span<const Occurrence> occurrences() const noexcept { return occurrences_; }
    std::size_t size() const noexcept { return params_.size(); }
    bool empty() const noexcept { return params_.empty(); }

    // Where a parameter's effective value came from.
    const Location& origin(const Param& p) const noexcept { return occurrences_[p.value_from].where; }

    void reserve(std::size_t params);

    // Equal settings: the same names in the same order with the same values and ua. Positions,
    // files and overridden occurrences are not compared (read(write(p)) == p holds).
    friend bool operator==(const Profile& a, const Profile& b) noexcept;

private:
    std::uint32_t* slot_for(std::string_view name, std::size_t hash) const noexcept;
    void grow_index();

    std::vector<Param> params_;
    std::vector<Occurrence> occurrences_;
    std::vector<std::string> files_;
    // Open-addressing hash index: entries are param index + 1, 0 is empty; size a power of two.
    std::vector<std::uint32_t> index_;
};

// A positioned message from a profile reader: FILE:LINE:COL: message. code is a stable short id
// of the kind of problem (e.g. "xml-syntax", "utf8", "ua-quote"), for lint to map to its rules.
struct Diagnostic {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string code;
    std::string message;

    // "FILE:LINE:COL: message" (or "FILE: message" without a line).
    std::string to_string() const;
};

// What a reader returns: the profile as far as it could be read, the errors (in source order;
// a malformed document stops at its first error, problems confined to one parameter such as a
// bad ua do not stop reading) and warnings. Readers never throw for bad input, only for running
// out of memory. Only a result without errors may be used as a profile.
struct ReadResult {
    Profile profile;
    std::vector<Diagnostic> errors;
    std::vector<Diagnostic> warnings;

    bool ok() const noexcept { return errors.empty(); }
};

}  // namespace provkit
