// Secret checks of lint: passwords and keys (the catalog's "secret" flag: the passwords,
// GPP_SA..GPP_SD, IKM_HTTP_Encrypt_Content) in a profile that does not travel encrypted, and
// keeping secrets out of the findings about their lines.
#include <cctype>

#include "lint_internal.hpp"
#include "provkit/spc.hpp"

namespace provkit::lint_detail {

void check_secret(const Param& param, const ParamSpec& spec, const ValueSite& site, bool encrypted, Sink& sink) {
    if (encrypted || !spec.secret || param.kind() != ValueKind::text) return;
    // Anyone who can fetch the file (TFTP and HTTP have no access control of their own) or read
    // the repository learns the secret; the message never repeats the value.
    sink.add(*site.file, value_offset(site, 0), "secret-unencrypted",
             param.name + " holds a secret, but this profile is not encrypted: whoever can download or read the "
                          "file can read it",
             "deliver the profile encrypted (provkit encrypt, or provkit compile -k/--pass), or set the secret "
             "another way");
}

// Findings on a line that sets a secret (a reader's complaint about the value of Admin_Password,
// say) show neither the line nor, for an entity error, the text of the bad reference.
void redact_secret_lines(std::vector<Finding>& out, std::size_t from, const Catalog& catalog, bool xml) {
    for (std::size_t i = from; i < out.size(); ++i) {
        Finding& f = out[i];
        if (f.source_line.empty()) continue;
        std::string_view line = f.source_line;
        const std::size_t begin = xml ? line.find('<') : line.find_first_not_of(" \t");
        if (begin == std::string_view::npos) continue;
        std::size_t end = begin + (xml ? 1 : 0);
        while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_' ||
                                     line[end] == '-' || line[end] == '.' || line[end] == '[' || line[end] == ']'))
            ++end;
        const std::string name = normalise_name(line.substr(begin + (xml ? 1 : 0), end - begin - (xml ? 1 : 0)));
        const ParamSpec* spec = catalog.find(name);
        if (spec == nullptr || !spec->secret) continue;
        f.source_line.clear();
        if (f.rule == "entity")
            f.message = "an unknown entity or a bad character reference in the value of " + name +
                        " (not shown: it is a secret); write a literal & as &amp;";
    }
}

}  // namespace provkit::lint_detail
