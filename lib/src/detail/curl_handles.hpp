// RAII owners of libcurl handles: the process-wide init, CURL* (easy), CURLM* (multi) and
// curl_slist*. Each frees its handle exactly once and cannot be copied.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace provkit::detail {

// curl_global_init once per process, before any handle (libcurl requires it to precede
// threads; provkit's binary is single-threaded when it first needs a transport).
void ensure_curl_global_init();

struct CurlEasyDeleter {
    void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlMultiDeleter {
    void operator()(CURLM* h) const noexcept { curl_multi_cleanup(h); }
};
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;

// A header list; append() keeps ownership with this object.
class CurlSlist {
public:
    CurlSlist() = default;
    CurlSlist(const CurlSlist&) = delete;
    CurlSlist& operator=(const CurlSlist&) = delete;
    CurlSlist(CurlSlist&& other) noexcept : list_(other.list_) { other.list_ = nullptr; }
    CurlSlist& operator=(CurlSlist&& other) noexcept {
        if (this != &other) {
            curl_slist_free_all(list_);
            list_ = other.list_;
            other.list_ = nullptr;
        }
        return *this;
    }
    ~CurlSlist() { curl_slist_free_all(list_); }

    // Returns false when libcurl is out of memory.
    bool append(const std::string& line) {
        curl_slist* grown = curl_slist_append(list_, line.c_str());
        if (!grown) return false;
        list_ = grown;
        return true;
    }
    curl_slist* get() const noexcept { return list_; }

private:
    curl_slist* list_ = nullptr;
};

}  // namespace provkit::detail
