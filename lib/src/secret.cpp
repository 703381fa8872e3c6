// Secret storage with wiping, and resolution of openssl's -pass forms.
#include "provkit/secret.hpp"

#include <openssl/crypto.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "provkit/error.hpp"

namespace provkit {

namespace {

// Wipes every byte a string owns, up to its capacity: a moved-from short string keeps its old
// characters in the inline buffer while reporting size 0.
void wipe_string(std::string& s) noexcept {
    s.resize(s.capacity());
    OPENSSL_cleanse(s.data(), s.size());
    s.clear();
}

}  // namespace

Secret::Secret(std::string value) : value_(std::move(value)) { wipe_string(value); }

Secret::Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        wipe();
        value_ = std::move(other.value_);
        other.wipe();
    }
    return *this;
}

Secret::~Secret() { wipe(); }

void Secret::wipe() noexcept { wipe_string(value_); }

namespace {

// Reads up to the first newline (openssl takes the first line of file:, fd: and stdin).
Secret read_first_line_fd(int fd, const std::string& what) {
    std::string line;
    char c;
    for (;;) {
        ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(ErrorKind::io, "cannot read the secret from " + what + ": " + std::strerror(errno));
        if (n == 0 || c == '\n') break;
        line.push_back(c);
        if (line.size() > 64 * 1024) throw Error(ErrorKind::input, "the secret from " + what + " is too long");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Secret s(std::move(line));
    OPENSSL_cleanse(&c, sizeof c);
    return s;
}

}  // namespace

Secret read_secret(std::string_view spec) {
    auto has_prefix = [&](std::string_view p) { return spec.substr(0, p.size()) == p; };
    if (has_prefix("pass:")) return Secret(std::string(spec.substr(5)));
    if (has_prefix("env:")) {
        std::string var(spec.substr(4));
        const char* value = std::getenv(var.c_str());
        if (!value) throw Error(ErrorKind::usage, "environment variable " + var + " is not set");
        return Secret(value);
    }
    if (has_prefix("file:")) {
        std::string path(spec.substr(5));
        std::ifstream in(path, std::ios::binary);
        if (!in) throw Error(ErrorKind::io, "cannot open secret file " + path + ": " + std::strerror(errno));
        std::string line;
        std::getline(in, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return Secret(std::move(line));
    }
    if (has_prefix("fd:")) {
        std::string digits(spec.substr(3));
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
            throw Error(ErrorKind::usage, "fd: needs a file descriptor number, as in fd:3");
        return read_first_line_fd(std::atoi(digits.c_str()), "file descriptor " + digits);
    }
    if (spec == "stdin") return read_first_line_fd(0, "standard input");
    throw Error(ErrorKind::usage,
                "unknown pass form (expected pass:TEXT, env:VAR, file:PATH, fd:N or stdin)");
}

}  // namespace provkit
