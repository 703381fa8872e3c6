// WipedCopy: a string handed to libcurl (which copies it), wiped here when it dies.
#pragma once

#include <openssl/crypto.h>

#include <string>
#include <string_view>

namespace provkit::detail {

class WipedCopy {
public:
    explicit WipedCopy(std::string_view s) : value_(s) {}
    WipedCopy(const WipedCopy&) = delete;
    WipedCopy& operator=(const WipedCopy&) = delete;
    ~WipedCopy() { OPENSSL_cleanse(value_.data(), value_.size()); }
    const char* c_str() const noexcept { return value_.c_str(); }

private:
    std::string value_;
};

}  // namespace provkit::detail
