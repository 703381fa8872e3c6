// Library-internal: the first plaintext block of an openssl enc file, without the padding check,
// so that decode can tell a file cut at a block boundary from a wrong key.
#pragma once

#include <string_view>

#include "provkit/openssl_enc.hpp"

namespace provkit::openssl_enc::detail {

// The first 16 bytes of plaintext (no padding check). file must have a header and at least one
// whole block, as decrypt() checks; throws like decrypt() otherwise.
Bytes decrypt_first_block(std::string_view file, std::string_view secret, const Kdf& kdf);

}  // namespace provkit::openssl_enc::detail
