// Secret checks of lint: passwords and keys (the catalog's "secret" flag: the passwords,
// GPP_SA..GPP_SD, IKM_HTTP_Encrypt_Content) in a profile that does not travel encrypted.
#include "lint_internal.hpp"

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

}  // namespace provkit::lint_detail
