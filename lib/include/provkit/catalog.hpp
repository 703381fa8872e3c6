// The parameter catalog: every known parameter's name, value type, default value, default user
// access and whether it holds a secret; value validation by type; did-you-mean for names.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/profile.hpp"

namespace provkit {

// Value types, after the guide's "Data Types". Written in a catalog's TYPE column as shown.
enum class ValueType : std::uint8_t {
    string,       // "str" or "str:N" (Str<n>: at most N characters; 0 = no limit)
    boolean,      // "bool": Yes or No, in any case
    integer,      // "int:MIN..MAX": decimal, or 0x hex (Uns<n>, Sig<n>), within the range
    decimal,      // "float:MIN..MAX": decimal number with optional fraction (Time<n>, Float<n>)
    port,         // "port": 0..65535, decimal or hex
    ipv4,         // "ipv4": dotted quad (IP)
    ip,           // "ip": IPv4 or IPv6 address
    host,         // "host": FQDN or IP address, optionally :port (FQDN)
    url,          // "url": a URL; macros ($MA, $(MAU)) allowed
    hhmm,         // "hhmm": 24-hour HHmm, 0000..2359 (Resync_At__HHmm_)
    schedule,     // "schedule": delay list "1800+300,3600" (Resync_Periodic and the retry delays)
    rule,         // "rule": provisioning rule syntax (Profile_Rule*, Upgrade_Rule)
    trigger,      // "trigger": conditional expression (Resync_Trigger_*)
    dialplan,     // "dialplan": DialPlanScript
    cadscript,    // "cadscript": CadScript, e.g. 60(.2/.2,1/4)
    freqscript,   // "freqscript": FreqScript, e.g. 350@-19,440@-19
    tonescript,   // "tonescript": ToneScript, e.g. 350@-19,440@-19;10(*/0/1+2)
    star_code,    // "star": star code, e.g. *69, at most 7 characters
    enumeration,  // "enum:A|B|C": one of the choices, compared without regard to case
};

std::string_view to_string(ValueType type) noexcept;  // the TYPE keyword ("bool", "int", ...)

struct ParamSpec {
    std::string name;
    ValueType type = ValueType::string;
    std::string default_value;
    UserAccess default_ua = UserAccess::na;
    std::int64_t min = 0;  // integer and decimal ranges (inclusive)
    std::int64_t max = 0;
    std::uint32_t max_length = 0;      // strings: 0 = no limit
    std::vector<std::string> choices;  // enumeration
    bool secret = false;               // a password or key: should travel only encrypted

    // The TYPE column as written in a catalog file ("int:0..255", "enum:Http|Https", ...).
    std::string type_text() const;
};

// Why a value does not fit its parameter's type, and how it could.
struct Problem {
    std::string message;     // e.g. "\"Maybe\" is not a Bool"
    std::string hint;        // e.g. "write Yes or No"; may be empty
    std::size_t offset = 0;  // where in the value the problem starts (bytes)
};

// Checks a value (as read, after trimming) against the spec's type. An empty value always fits:
// the guide lets every parameter be set empty (see ValueKind). Macros ($NAME) are accepted
// wherever the phone expands them (urls, rules, triggers). Returns nothing when the value fits.
std::optional<Problem> validate(const ParamSpec& spec, std::string_view value);

// A catalog file: UTF-8 text, one parameter per line, fields separated by one TAB:
//     NAME <TAB> TYPE <TAB> UA <TAB> DEFAULT [<TAB> FLAGS]
// TYPE as in ValueType, UA na|ro|rw, DEFAULT the value as it would appear in a profile (may be
// empty; "\t" "\n" "\\" escape tab, newline and backslash), FLAGS "secret" or empty. Lines that
// are empty or start with '#' are comments.
// The edit distance between a and b (insertions, deletions, substitutions and transpositions of
// neighbours; ASCII case ignored), or a value above limit once it is certain to exceed it.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

class Catalog {
public:
    // The catalog built into provkit (lib/data/catalog.tsv, from the guide's sample profile, the
    // parameters its comments name, and the provisioning parameters of the guide's chapter 5).
    static const Catalog& builtin();

    // Parses catalog text; throws Error(input) "FILE:LINE: message" for a malformed line or a
    // name given twice.
    static Catalog parse(std::string_view text, std::string_view file);

    // Reads and parses a catalog file (Error(io) when it cannot be read).
    static Catalog load(const std::string& path);

    // Adds other's parameters, replacing those of the same name (a site catalog on top of the
    // built-in one).
    void merge(const Catalog& other);

    // Exact (case-sensitive, as the phone is) lookup.
    const ParamSpec* find(std::string_view name) const noexcept;

    // The parameter whose name differs from name only in case, if there is one.
    const ParamSpec* find_ignoring_case(std::string_view name) const noexcept;

    // Up to max known names close to name: a match ignoring case first, then names within a small
    // edit distance (insertions, deletions, substitutions, transpositions; case ignored), best
    // first. Empty when nothing is close.
    std::vector<std::string_view> suggest(std::string_view name, std::size_t max = 3) const;

    std::span<const ParamSpec> specs() const noexcept { return specs_; }
    std::size_t size() const noexcept { return specs_.size(); }

private:
    std::size_t rebuild_index();  // returns the index of the first duplicate name, or size()

    std::vector<ParamSpec> specs_;
    std::vector<std::uint32_t> index_;        // open addressing over specs_, entries index + 1
    std::vector<std::uint32_t> lower_index_;  // the same, keyed on the lower-case name
};

}  // namespace provkit
