// The Linter: decodes a file as a phone would (decrypt, inflate), reads it with the XML or spc
// reader, turns reader diagnostics into findings and runs the name, value and secret checks.
#include <algorithm>
#include <deque>

#include "lint_internal.hpp"
#include "provkit/aes128gcm.hpp"
#include "provkit/decode.hpp"
#include "provkit/error.hpp"
#include "provkit/openssl_enc.hpp"
#include "provkit/profile_xml.hpp"

namespace provkit {

using namespace lint_detail;

struct Linter::State {
    const Catalog& catalog;
    LintOptions options;
    std::vector<std::uint32_t> first;  // scratch of check_duplicates
    std::string patched;               // scratch of scan_markup
};

namespace {

bool has_suffix(std::string_view name, std::string_view suffix) {
    if (name.size() < suffix.size()) return false;
    const std::string_view tail = name.substr(name.size() - suffix.size());
    for (std::size_t i = 0; i < tail.size(); ++i) {
        char c = tail[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

// The decrypted content, for a file decode_profile rejected: a right key whose plaintext is a
// malformed profile (which lint should point into) is told apart from a wrong key by what the
// undecoded-further plaintext starts with.
std::optional<Bytes> decrypt_raw(std::string_view data, const Secret& secret) {
    DecodeOptions raw;
    raw.raw = true;
    try {
        DecodeResult result = decode_profile(data, &secret, raw);
        if (result.encrypted && (gzip::looks_like_gzip(result.data) || looks_like_xml(result.data)))
            return std::move(result.data);
    } catch (const Error&) {
    }
    return std::nullopt;
}

// aes128gcm has no magic: data is taken for it when the key authenticates it (or a later
// record fails, after the first did), else when it looks like its ciphertext - so a plain
// profile given with a key, or one in UTF-16, is still checked as a profile.
bool is_aes128gcm(std::string_view data, const Secret* secret) {
    if (!aes128gcm::looks_like_aes128gcm(data)) return false;
    if (secret != nullptr && !secret->view().empty()) {
        try {
            aes128gcm::decrypt(data, secret->view());
            return true;
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::input) return true;
        }
    }
    return looks_like_aes128gcm_ciphertext(data);
}

void sort_findings(std::vector<Finding>& out, std::size_t from) {
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(from);
    std::stable_sort(begin, out.end(), [](const Finding& a, const Finding& b) {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        return a.column < b.column;
    });
    // The same problem found twice (the markup scan and the reader): keep the first.
    const auto last = std::unique(begin, out.end(), [](const Finding& a, const Finding& b) {
        return a.file == b.file && a.line == b.line && a.column == b.column && a.rule == b.rule;
    });
    out.erase(last, out.end());
}

// The checks that need the profile: names, occurrences, values, secrets.
void check_profile(const Profile& profile, const Catalog& catalog, std::span<SourceFile* const> files,
                   bool encrypted, Sink& sink, std::vector<std::uint32_t>& first) {
    check_duplicates(profile, catalog, files, sink, first);
    const auto occurrences = profile.occurrences();
    const auto params = profile.params();
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Param& p = params[i];
        const ParamSpec* spec = catalog.find(p.name);
        if (spec == nullptr) {
            const Location& at = occurrences[first[i]].where;
            SourceFile& file = *files[at.file];
            check_unknown_name(p, catalog, file, at.line, name_column(file, at), sink);
        }
        const Location& at = profile.origin(p);
        const ValueSite site{files[at.file], at.line, at.column};
        const bool secret = spec != nullptr && spec->secret;
        if (secret) sink.set_redact(true);
        if (!check_value(p, spec, site, sink) && spec != nullptr) check_language(p, *spec, site, sink);
        if (secret) {
            check_secret(p, *spec, site, encrypted, sink);
            sink.set_redact(false);
        }
    }
}

}  // namespace

Linter::Linter(const Catalog& catalog, LintOptions options)
    : state_(std::make_unique<State>(State{catalog, std::move(options), {}, {}})) {
    for (const std::string& id : state_->options.disabled) {
        if (find_lint_rule(id)) continue;
        std::string ids;
        for (const LintRule& r : lint_rules()) ids += (ids.empty() ? "" : ", ") + std::string(r.id);
        throw Error(ErrorKind::usage, "unknown rule \"" + id + "\" (rules: " + ids + ")");
    }
}

Linter::~Linter() = default;

void Linter::lint_file(std::string_view data, const std::string& file, const Secret* secret,
                       std::vector<Finding>& out, const SourceLoader& load) {
    Sink sink(state_->options, out);
    const bool encrypted = openssl_enc::has_header(data) || is_aes128gcm(data, secret);
    Bytes plain;
    bool decoded = false;
    // Without a key, gzip's magic says gzip: a damaged header is reported, never skipped (the
    // 1 aes128gcm salt in 65,536 that starts so gets the hint).
    const bool gzip_magic = secret == nullptr && gzip::has_magic(data);
    if (encrypted && !gzip_magic) {
        if (secret == nullptr) {
            sink.add_file(file, "encrypted-skipped",
                          std::string("encrypted (") + (openssl_enc::has_header(data) ? "openssl enc" : "aes128gcm?") +
                              "); not checked",
                          "give the key with -k or --pass to check it");
            return;
        }
        DecodeOptions options;
        options.max_output = state_->options.max_output;
        try {
            plain = decode_profile(data, secret, options).data;
        } catch (const Error& e) {
            auto raw = decrypt_raw(data, *secret);
            if (!raw) {
                sink.add_file(file, "decode", e.what());
                return;
            }
            plain = std::move(*raw);
        }
        decoded = true;
    }
    const std::string_view content = decoded ? std::string_view(plain) : data;
    if (gzip::has_magic(content)) {  // a damaged header too: zlib says what is wrong
        try {
            plain = gzip::decompress(content, state_->options.max_output);
        } catch (const Error& e) {
            sink.add_file(file, "decode",
                          std::string("cannot inflate: ") + e.what() +
                              (encrypted && gzip_magic
                                   ? " (if it is aes128gcm-encrypted, give the key with -k or --pass)"
                                   : ""));
            return;
        }
        decoded = true;
    }
    const std::string_view text = decoded ? std::string_view(plain) : data;
    // Decoded content and files named as profiles are XML; other text is an spc source.
    if (decoded || looks_like_xml(text) || has_suffix(file, ".xml") || has_suffix(file, ".cfg") ||
        has_suffix(file, ".gz")) {
        lint_xml(text, file, encrypted, out);
    } else if (!mostly_text(text)) {
        sink.add_file(file, "decode", "not a profile: neither XML, spc text, gzip nor encrypted data");
    } else {
        lint_spc(text, file, out, load);
    }
}

void Linter::lint_xml(std::string_view text, const std::string& file, bool encrypted, std::vector<Finding>& out) {
    const std::size_t start = out.size();
    Sink sink(state_->options, out);
    SourceFile source(file, text, true);
    // Typographic quotes around attribute values are found (and patched over) before reading, so
    // they get their own finding and the rest of the file is still read.
    std::vector<MarkupProblem> markup;
    std::string_view read_text = text;
    state_->patched.clear();
    if (has_typographic(text)) {
        markup = scan_markup(text, state_->patched);
        if (!state_->patched.empty()) read_text = state_->patched;
    }
    const ReadResult result = read_profile_xml(read_text, file);
    if (markup.empty() && !result.errors.empty() && result.errors.front().code == "xml-syntax") {
        std::string unused;  // a generic syntax error: the markup may say more (ua=na)
        markup = scan_markup(text, unused);
    }
    std::optional<LineIndex::Position> unrepaired;  // the first problem the reader could not get past
    for (const MarkupProblem& m : markup) {
        sink.add(source, m.offset, m.rule, m.message, m.suggestion);
        if (!m.repaired && !unrepaired) unrepaired = source.position(m.offset);
    }
    for (const Diagnostic& d : result.errors) {
        // The reader's generic complaint at or after a problem the scan explained is its echo.
        if (unrepaired && d.code == "xml-syntax" &&
            (d.line > unrepaired->line || (d.line == unrepaired->line && d.column >= unrepaired->column)))
            continue;
        sink.add_at(source, d.line, d.column, d.code, d.message, {}, Severity::error);
    }
    for (const Diagnostic& d : result.warnings)
        sink.add_at(source, d.line, d.column, d.code, d.message, {}, Severity::warning);
    SourceFile* files[] = {&source};
    check_profile(result.profile, state_->catalog, files, encrypted, sink, state_->first);
    redact_secret_lines(out, start, state_->catalog, true);
    sort_findings(out, start);
}

void Linter::lint_spc(std::string_view text, const std::string& file, std::vector<Finding>& out,
                      const SourceLoader& load) {
    const std::size_t start = out.size();
    Sink sink(state_->options, out);
    // Keep what imports read, for the positions of their findings.
    std::deque<std::pair<std::string, Bytes>> imported;
    const SourceLoader keep = [&](const std::string& path) {
        Bytes bytes = load ? load(path) : read_file(path);
        imported.emplace_back(path, bytes);
        return bytes;
    };
    const ReadResult result = read_profile_spc(text, file, keep);
    std::deque<SourceFile> sources;
    const auto source_for = [&](const std::string& name) -> SourceFile& {
        for (SourceFile& s : sources)
            if (s.name() == name) return s;
        std::string_view body;
        if (name == file) body = text;
        for (const auto& [path, bytes] : imported)
            if (path == name) body = bytes;
        return sources.emplace_back(name, body, false);
    };
    for (const Diagnostic& d : result.errors)
        sink.add_at(source_for(d.file), d.line, d.column, d.code, d.message, {}, Severity::error);
    for (const Diagnostic& d : result.warnings)
        sink.add_at(source_for(d.file), d.line, d.column, d.code, d.message, {}, Severity::warning);
    std::vector<SourceFile*> files;
    for (const std::string& name : result.profile.files()) files.push_back(&source_for(name));
    check_profile(result.profile, state_->catalog, files, false, sink, state_->first);
    redact_secret_lines(out, start, state_->catalog, false);
    sort_findings(out, start);
}

}  // namespace provkit
