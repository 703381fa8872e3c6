// The device-side decode path: decrypt (openssl enc or aes128gcm), inflate gzip, then require a
// well-formed <flat-profile> document. A wrong key is reported as such, never as garbage.
#include "provkit/decode.hpp"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "detail/openssl_enc_peek.hpp"
#include "provkit/aes128gcm.hpp"
#include "provkit/error.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/source_text.hpp"
#include "provkit/spc.hpp"  // looks_like_xml

namespace provkit {

namespace {

const std::string key_needed = "encrypted; give the key with -k or --pass";

bool starts_with(std::string_view data, std::string_view prefix) {
    return data.substr(0, prefix.size()) == prefix;
}

// The start of a gzip stream or of a profile document: what a right key's first block shows. A
// wrong key shows a gzip header 1 time in 2^27 (so a stream that starts so and then fails to
// inflate is reported as corrupt, not as a wrong key), and "<?xml" 1 time in 2^40.
std::string_view content_start(std::string_view first_block) {
    if (gzip::looks_like_gzip(first_block)) return "gzip";
    if (starts_with(first_block, "\xEF\xBB\xBF")) first_block.remove_prefix(3);
    if (starts_with(first_block, "<?xml") || starts_with(first_block, "<flat-profile")) return "XML";
    return "";
}

// Text that starts as markup does: '<' after blanks, then 32 bytes of UTF-8 text. Random bytes
// are text 1 time in about 2.7 each, so a wrong key's plaintext does so 1 time in 2^50.
bool starts_as_markup(std::string_view plaintext) {
    if (!looks_like_xml(plaintext)) return false;
    const auto fault = check_utf8_text(plaintext.substr(0, 64));  // a character cut at 64 is no fault
    return !fault || fault->offset >= 32;
}

std::string position(std::string_view data, std::ptrdiff_t offset) {
    auto upto =
        data.substr(0, std::size_t(std::clamp<std::ptrdiff_t>(offset, 0, std::ptrdiff_t(data.size()))));
    auto line = 1 + std::count(upto.begin(), upto.end(), '\n');
    auto last_nl = upto.rfind('\n');
    auto column = last_nl == std::string_view::npos ? upto.size() + 1 : upto.size() - last_nl;
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Why data is not a well-formed XML document with a single root element, or "" when it is.
// No DTD is loaded and no entity beyond XML's five is expanded (pugixml never does either);
// parse_fragment only makes stray top-level text visible so that it can be rejected.
std::string xml_problem(std::string_view data, std::string* root_name = nullptr) {
    pugi::xml_document doc;
    auto result = doc.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_fragment);
    if (!result) return position(data, result.offset) + ": " + result.description();
    int elements = 0;
    for (const auto& node : doc.children()) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata)
            return "text outside the root element";
        if (node.type() == pugi::node_element && ++elements == 1 && root_name) *root_name = node.name();
    }
    if (elements == 0) return "no root element";
    if (elements > 1) return "more than one root element";
    return "";
}

// The final check of every path: the result must be a <flat-profile> document that the strict
// profile reader accepts (well-formed, UTF-8, no nesting, valid escapes and ua) - the reader
// compile and lint use, so a file decrypt accepts is one they accept.
void require_flat_profile(std::string_view data, std::string_view what, const DecodeOptions& options) {
    std::string root;
    std::string problem = xml_problem(data, &root);
    if (problem.empty() && root != "flat-profile")
        throw Error(ErrorKind::input, std::string(what) + " is XML but not a profile: the root element is <" +
                                          root + ">, a phone expects <flat-profile>");
    ReadResult read = read_profile_xml(data, options.source_name);
    if (read.ok()) {
        if (!problem.empty())  // e.g. text after the root element, which the reader tolerates
            throw Error(ErrorKind::input, std::string(what) + " is not a well-formed XML document: " + problem);
        return;
    }
    const Diagnostic& first = read.errors.front();
    std::string where = options.source_name.empty()
                            ? "line " + std::to_string(first.line) + ", column " + std::to_string(first.column)
                            : options.source_name + ":" + std::to_string(first.line) + ":" +
                                  std::to_string(first.column);
    std::string more = read.errors.size() > 1
                           ? " (and " + std::to_string(read.errors.size() - 1) + " more; 'provkit lint' lists all)"
                           : "";
    if (!options.source_name.empty())
        throw Error(ErrorKind::input, where + ": " + first.message + more + " - " + std::string(what) +
                                          " is not a well-formed flat profile");
    throw Error(ErrorKind::input,
                std::string(what) + " is not a well-formed flat profile: " + where + ": " + first.message + more);
}

// Inflates gzip data (if it is gzip) and checks the profile; sets result.compressed.
void finish(Bytes data, DecodeResult& result, const DecodeOptions& options, std::string_view what) {
    if (gzip::looks_like_gzip(data)) {
        data = gzip::decompress(data, options.max_output);
        result.compressed = true;
        require_flat_profile(data, std::string(what) + " (inflated)", options);
    } else {
        require_flat_profile(data, what, options);
    }
    result.data = std::move(data);
}

std::string describe(const openssl_enc::Kdf& kdf) {
    if (kdf.pbkdf2) return "pbkdf2-" + kdf.digest + " (" + std::to_string(kdf.iterations) + " iterations)";
    return kdf.digest;
}

std::vector<openssl_enc::Kdf> candidates(const DecodeOptions& options) {
    openssl_enc::Kdf kdf;
    kdf.pbkdf2 = options.pbkdf2;
    kdf.iterations = options.iterations;
    if (options.digest) {
        kdf.digest = *options.digest;
        return {kdf};
    }
    if (options.pbkdf2) {  // openssl enc -pbkdf2 has always defaulted to SHA-256
        kdf.digest = "sha256";
        return {kdf};
    }
    openssl_enc::Kdf sha256 = kdf;
    kdf.digest = "md5";  // OpenSSL before 1.1.0, and what phones were tested with
    sha256.digest = "sha256";
    return {kdf, sha256};
}

// A candidate plaintext verified: inflated when it was gzip, checked for XML otherwise.
struct Verified {
    Bytes data;
    bool compressed = false;
};

// Returns the verified content (moved out of plaintext), or nothing when the plaintext does not
// look like the right key's. corrupt_gzip records why a plaintext with a real gzip header failed
// to inflate.
std::optional<Verified> verify(Bytes& plaintext, const DecodeOptions& options, std::string& corrupt_gzip) {
    if (gzip::looks_like_gzip(plaintext)) {
        try {
            return Verified{gzip::decompress(plaintext, options.max_output), true};
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::input) throw;
            if (corrupt_gzip.empty()) corrupt_gzip = e.what();
            return std::nullopt;
        }
    }
    if (looks_like_xml(plaintext) && xml_problem(plaintext).empty())
        return Verified{std::move(plaintext), false};
    return std::nullopt;
}

std::string wrong_key_message(const std::vector<openssl_enc::Kdf>& kdfs, const DecodeOptions& options) {
    std::string message = "wrong key: the file did not decrypt with ";
    if (!options.digest && !options.pbkdf2)
        message += "MD5 or SHA-256 key derivation";
    else
        message += describe(kdfs.front()) + " key derivation";
    if (!options.raw) message += " to a gzip stream or XML";
    std::vector<std::string> hints;
    if (!options.pbkdf2) hints.emplace_back("for a file made with openssl enc -pbkdf2 add --pbkdf2");
    if (!options.raw) hints.emplace_back("for data that is not a profile use --raw");
    for (std::size_t i = 0; i < hints.size(); ++i) message += (i == 0 ? " (" : "; ") + hints[i];
    return hints.empty() ? message : message + ")";
}

DecodeResult decode_openssl(std::string_view file, const Secret& secret, const DecodeOptions& options) {
    auto kdfs = candidates(options);
    DecodeResult result;
    result.encrypted = true;
    std::string corrupt_gzip;
    std::vector<std::pair<const openssl_enc::Kdf*, Bytes>> padded;  // raw: candidates that passed padding
    std::optional<Bytes> malformed;  // a plaintext that starts as a profile does but is not one
    for (const auto& kdf : kdfs) {
        Bytes plaintext;
        try {
            plaintext = openssl_enc::decrypt(file, secret.view(), kdf);
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::wrong_key) continue;  // bad padding
            throw;
        }
        if (options.raw) {
            padded.emplace_back(&kdf, std::move(plaintext));
            continue;
        }
        if (auto content = verify(plaintext, options, corrupt_gzip)) {
            result.derivation = describe(kdf);
            result.compressed = content->compressed;
            require_flat_profile(content->data,
                                 content->compressed ? "the decrypted, inflated data" : "the decrypted data", options);
            result.data = std::move(content->data);
            return result;
        }
        // Padding passed and the plaintext starts as markup does: a wrong key does both far less
        // than 1 time in 2^40, so this is the right key and a malformed profile.
        if (!malformed && (content_start(plaintext) == "XML" || starts_as_markup(plaintext)))
            malformed = std::move(plaintext);
    }
    if (malformed) {
        require_flat_profile(*malformed, "the decrypted data", options);  // throws, pointing at the fault
        throw Error(ErrorKind::input, "the decrypted data is not a well-formed XML document");
    }
    if (options.raw && !padded.empty()) {
        // Padding alone passes 1 wrong derivation in 256; when both did, prefer the one whose
        // plaintext verifies, then one that starts as a profile or gzip does, and refuse to guess
        // otherwise.
        auto chosen = padded.begin();
        if (padded.size() > 1) {
            std::string ignored;
            chosen = std::find_if(padded.begin(), padded.end(), [&](const auto& p) {
                Bytes copy = p.second;
                return verify(copy, options, ignored).has_value();
            });
            if (chosen == padded.end())
                chosen = std::find_if(padded.begin(), padded.end(),
                                      [](const auto& p) { return !content_start(p.second).empty(); });
            if (chosen == padded.end())
                throw Error(
                    ErrorKind::usage,
                    "the file decrypts with both MD5 and SHA-256 key derivation and neither result is "
                    "a profile; say which with --md");
        }
        result.derivation = describe(*chosen->first);
        result.data = std::move(chosen->second);
        return result;
    }
    if (!corrupt_gzip.empty())
        throw Error(ErrorKind::input,
                    "the file decrypted, but the gzip data inside is damaged: " + corrupt_gzip);
    // A file cut at a block boundary fails the padding check with the right key (or passes it by
    // chance, as the other derivation may: 1 in 256 each), but its first block still shows gzip
    // or XML - which a wrong key shows 1 time in 2^24.
    for (const auto& kdf : kdfs) {
        auto kind = content_start(openssl_enc::detail::decrypt_first_block(file, secret.view(), kdf));
        if (!kind.empty())
            throw Error(ErrorKind::input, "truncated or corrupt openssl enc file: it decrypts with " +
                                              describe(kdf) + " key derivation to " + std::string(kind) +
                                              " data, but its last block is damaged (invalid padding)");
    }
    throw Error(ErrorKind::wrong_key, wrong_key_message(kdfs, options));
}

// What aes128gcm data decrypted (and so authenticated) to, checked as the phone would.
DecodeResult decrypted_aes128gcm(Bytes plaintext, const DecodeOptions& options) {
    DecodeResult result;
    result.encrypted = true;
    result.derivation = "aes128gcm";
    if (options.raw)
        result.data = std::move(plaintext);
    else
        finish(std::move(plaintext), result, options, "the decrypted data");
    return result;
}

DecodeResult decode_aes128gcm(std::string_view file, const Secret& secret, const DecodeOptions& options) {
    return decrypted_aes128gcm(aes128gcm::decrypt(file, secret.view()), options);
}

DecodeResult decode_unnamed(std::string_view file, const Secret* secret, const DecodeOptions& options) {
    const bool salted = openssl_enc::has_header(file);
    if (!salted && !file.empty() && starts_with("Salted__", file))
        throw Error(ErrorKind::input, "truncated openssl enc file: the 'Salted__' header is incomplete");
    switch (options.scheme) {
        case Scheme::openssl:
            if (!salted)
                throw Error(ErrorKind::input, "not an openssl enc file: it does not start with 'Salted__'");
            break;
        case Scheme::aes128gcm:
            if (salted)
                throw Error(ErrorKind::input,
                            "the file is openssl-encrypted ('Salted__'), not aes128gcm; use --scheme openssl "
                            "or auto");
            if (!secret) throw Error(ErrorKind::usage, key_needed);
            return decode_aes128gcm(file, *secret, options);
        case Scheme::automatic:
            break;
    }
    if (salted) {
        if (!secret) throw Error(ErrorKind::usage, key_needed);
        return decode_openssl(file, *secret, options);
    }
    // Not Salted__. aes128gcm has no magic: with a key, input whose header and records fit it is
    // decrypted, and the first record's authentication decides. Its random salt starts like XML
    // 1 time in 256, so that cannot rule it out; input that fails to authenticate is a wrong key
    // if it looks like ciphertext, else it is read as what it is.
    const bool plain = gzip::looks_like_gzip(file) || looks_like_xml(file);
    const bool keyless = !secret || secret->view().empty();  // an empty key: a rule's --key $B, B unset
    if (!keyless && aes128gcm::looks_like_aes128gcm(file)) {
        std::optional<Bytes> plaintext;
        try {
            plaintext = aes128gcm::decrypt(file, secret->view());
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::input && plain) throw;  // a record after the first failed
            if (e.kind() == ErrorKind::input)  // nothing marks it as aes128gcm: say what was guessed
                throw Error(ErrorKind::input,
                            "the input is neither openssl-encrypted ('Salted__'), gzip, XML nor aes128gcm: " +
                                std::string(e.what()));
            if (e.kind() != ErrorKind::wrong_key) throw;
            if (looks_like_aes128gcm_ciphertext(file))
                throw Error(
                    ErrorKind::wrong_key,
                    std::string(e.what()) +
                        (plain ? " (the input starts like XML, but is binary from its aes128gcm header "
                                 "on, as ciphertext with such a salt is)"
                               : " (the input is not 'Salted__', gzip or XML, so it was taken as "
                                 "aes128gcm)"));
            // Not authenticated, and not ciphertext by its bytes (text, UTF-16, gzip): said below.
        }
        if (plaintext) return decrypted_aes128gcm(std::move(*plaintext), options);
    }
    // Without a key nothing can be decrypted; ciphertext-like data is not passed on as if it were.
    const std::string hint = keyless && looks_like_aes128gcm_ciphertext(file)
                                 ? " (if it is aes128gcm-encrypted, give the key with -k or --pass)"
                                 : "";
    DecodeResult result;
    if (options.raw) {
        if (!hint.empty())
            throw Error(
                ErrorKind::input,
                "nothing to decrypt: the input is not openssl-encrypted ('Salted__'), and without a key "
                "aes128gcm cannot be told from other binary data" +
                    hint);
        result.data = Bytes(file);  // nothing to decrypt
        return result;
    }
    if (file.empty()) throw Error(ErrorKind::input, "the input is empty");
    try {
        if (!plain) {
            if (gzip::has_magic(file))  // gzip's magic, then no valid header: zlib says why
                (void)gzip::decompress(file, options.max_output);
            if (has_utf16_bom(file) || utf16_byte_order(file))
                require_flat_profile(file, "the input", options);  // the reader names UTF-16
            throw Error(ErrorKind::input,
                        "not a profile: the input is neither openssl-encrypted ('Salted__'), gzip nor XML");
        }
        finish(Bytes(file), result, options, "the input");
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::input || hint.empty()) throw;
        throw Error(e.kind(), std::string(e.what()) + hint);
    }
    return result;
}

// Bytes that no text has: C0 controls but tab and line ends, DEL, C1 controls, and bytes of no
// valid UTF-8 sequence. Random bytes are about 55% such; text, even Latin-1, a few percent.
std::size_t binary_bytes(std::string_view text) noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto u = static_cast<unsigned char>(text[i]);
        const std::size_t valid = utf8_sequence_length(text, i);
        const std::size_t length = std::max<std::size_t>(valid, 1);
        if (valid == 0 || (u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7F ||
            is_c1_control(text, i))
            count += length;
        i += length;
    }
    return count;
}

}  // namespace

bool looks_like_aes128gcm_ciphertext(std::string_view data) noexcept {
    if (!aes128gcm::looks_like_aes128gcm(data)) return false;
    // What is positively something else: gzip with a valid header (a random salt has one 1 time
    // in 2^27), UTF-16 text (1 in 2^36).
    if (gzip::looks_like_gzip(data) || utf16_byte_order(data)) return false;
    // The bytes an aes128gcm file has at random: the salt and the records, not the record size
    // and key id between them, which can be text.
    const std::size_t idlen = static_cast<unsigned char>(data[aes128gcm::header_size - 1]);
    const std::string_view salt = data.substr(0, aes128gcm::salt_size);
    const std::string_view records = data.substr(aes128gcm::header_size + idlen, 4096);
    if ((binary_bytes(salt) + binary_bytes(records)) * 4 < salt.size() + records.size())
        return false;  // text, if damaged
    if (!looks_like_xml(data)) return true;
    // It starts like XML, as a random salt does 1 time in 256: ciphertext turns binary within its
    // salt, a profile damaged so early is rare.
    return check_utf8_text(salt).has_value();
}

DecodeResult decode_profile(std::string_view file, const Secret* secret, const DecodeOptions& options) {
    if (options.source_name.empty()) return decode_unnamed(file, secret, options);
    try {
        return decode_unnamed(file, secret, options);
    } catch (const Error& e) {
        std::string message = e.what();  // the profile check's already start NAME:LINE:COL
        if (message.rfind(options.source_name + ":", 0) == 0) throw;
        throw Error(e.kind(), options.source_name + ": " + message);
    }
}

}  // namespace provkit
