// The device context: the values of the macro variables a phone expands in its provisioning
// rules (guide ch. 5, "Macro Expansion Variables"), and the parameters of a loaded profile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provkit/secret.hpp"

namespace provkit {

// The canonical macro variable names of the guide's table, in its order: A..P, SA..SD, MA,
// MAU, MAC, PN, PSN, SN, CCERT, IP, EXTIP, SWVER, HWVER, PRVST, UPGST, UPGERR, PRVTMR,
// UPGTMR, REGTMR1, REGTMR2, UPGCOND, SCHEME, SERV, SERVIP, PORT, PATH, ERR, UID1..UID16,
// EMS, MUID, MPWD. ("$" itself is the $$ escape, not a variable.)
const std::vector<std::string>& macro_variable_names();

// The canonical name for name, or "" when it names no variable. Besides the canonical names,
// GPP_A..GPP_P and GPP_SA..GPP_SD are accepted: the guide (ch. 2, "General Purpose
// Parameters") says the parameters "are referenced by prefixing the variable name with a '$'
// character, such as $GPP_A", and that the single letters merely "suffice".
std::string canonical_macro_name(std::string_view name);

// True for SA..SD: they hold keys and passwords and expand only inside --key/--uid/--pwd.
bool is_secret_macro(std::string_view canonical);

// Normalizes a MAC address given as 12 hex digits, optionally in pairs separated by ':' or
// '-', to 12 lower-case hex digits. Throws Error(usage) otherwise.
std::string normalize_mac(std::string_view mac);

// Where a parameter's value was written in its profile file: the text of the element's content
// as it stands in the file (escapes and line ends not yet decoded) and the 1-based line and column
// (counting characters) of its first character. line 0: not from a file.
struct ValueText {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string raw;
    bool cdata = false;  // raw is a CDATA section's content: no escapes
};

// A 1-based line and column (counting characters) in a file.
struct FilePosition {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

class Device {
public:
    // Sets a macro variable (canonical name or GPP_ alias). MA, MAU and MAC are three spellings
    // of one MAC address: setting any of them sets all three. Throws Error(usage) for an
    // unknown name or a malformed MAC, naming the known variables.
    void set(std::string_view name, std::string value);
    void set_mac(std::string_view mac);

    // The value of a canonical variable, or nullptr when it was never set (it then expands
    // to the empty string).
    const std::string* value(std::string_view canonical) const;

    // Parameters of a loaded profile by element name (Profile_Rule, Upgrade_Rule,
    // Resync_Trigger_1, GPP_A, ...), the last occurrence winning as on a phone.
    // source names where the value came from (the profile file), for messages.
    // text, when given, is where the value stands in source (see parameter_position).
    void set_parameter(std::string name, std::string value, std::string source = {}, ValueText text = {});
    const std::string* parameter(std::string_view name) const;
    std::string parameter_source(std::string_view name) const;
    // Where byte offset of a parameter's value (as parameter() gives it: trimmed, newlines as
    // spaces) was written in parameter_source(): so that a message about a rule in a profile can
    // point into the file. nullopt when the value did not come from a profile file.
    std::optional<FilePosition> parameter_position(std::string_view name, std::size_t offset) const;
    const std::map<std::string, std::string, std::less<>>& parameters() const { return params_; }

private:
    std::map<std::string, std::string, std::less<>> values_;
    std::map<std::string, std::string, std::less<>> params_;
    // Where each parameter's value came from: set together, so kept together.
    struct Origin {
        std::string source;  // the profile file, for messages
        ValueText text;      // where in source (line 0: not from a file)
    };
    std::map<std::string, Origin, std::less<>> param_origins_;
};

// Reads NAME=VALUE lines (blank lines and '#' comment lines skipped; spaces around NAME and
// VALUE trimmed) into device. Throws Error(input) "SOURCE:LINE: ..." for a bad line.
void load_device_text(Device& device, std::string_view text, const std::string& source);

// Reads the parameters of a <flat-profile> XML document into device: every element becomes a
// parameter, GPP_A..GPP_P set $A..$P, GPP_SA..GPP_SD set $SA..$SD, User_ID_n_ sets $UIDn.
// Values are trimmed and newlines become spaces, as the guide's "Formatting" section says.
// Throws Error(input) naming source for a document that is not a flat profile.
void load_profile_xml(Device& device, std::string_view xml, const std::string& source);

// Reads a profile file in any form a phone accepts (plain, gzip, encrypted; see decode.hpp)
// and loads it with load_profile_xml. secret may be null for an unencrypted file.
void load_profile_file(Device& device, const std::string& path, const Secret* secret);

}  // namespace provkit
