// Secrets (keys, passwords): a string that is wiped when it dies, and openssl's -pass forms.
#pragma once

#include <string>
#include <string_view>

namespace provkit {

// Owns secret bytes; wipes them with OPENSSL_cleanse on destruction. Move-only, never printed.
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string value);
    Secret(Secret&& other) noexcept;
    Secret& operator=(Secret&& other) noexcept;
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    ~Secret();

    std::string_view view() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }

private:
    void wipe() noexcept;
    std::string value_;
};

// Resolves an openssl-style pass specification: pass:TEXT, env:VAR, file:PATH (first line),
// fd:N (first line), stdin (first line). Throws Error(usage) for an unknown form and
// Error(io) when the source cannot be read. Error messages never contain the secret.
Secret read_secret(std::string_view spec);

}  // namespace provkit
