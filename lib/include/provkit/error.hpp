// provkit::Error: the one exception type the library throws; its kind decides the exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace provkit {

enum class ErrorKind {
    usage,      // the request itself is malformed (bad flag value, bad option combination)
    input,      // input data is malformed, truncated, corrupt or too large
    wrong_key,  // a secret did not decrypt or authenticate the input
    io,         // reading or writing a file or stream failed
    network,    // a remote peer was unreachable or answered with an error
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

// Exit status of the provkit binary for an error kind: 2 for usage, 1 otherwise.
inline int exit_status(ErrorKind kind) noexcept { return kind == ErrorKind::usage ? 2 : 1; }

}  // namespace provkit
