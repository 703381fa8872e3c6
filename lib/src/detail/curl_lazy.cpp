// The libcurl functions libprovkit calls, bound to libcurl on first use (dlopen) rather than at
// every start of every program that links libprovkit. Why: libcurl brings 28 more shared
// libraries (TLS, SSH, LDAP, Kerberos, IDN, ...) whose loading, relocation and constructors cost
// about 9M instructions per run, more than all the work of `provkit encrypt` or `decrypt`, which
// never touch the network; now only the delivery commands load them. These definitions are
// hidden: they serve libprovkit alone and never stand in for libcurl in a program linking both.
// Packagers: libprovkit has no DT_NEEDED entry for libcurl, so depend on it explicitly.
#define CURL_DISABLE_TYPECHECK  // curl's checking macros would rename the definitions below
#include <curl/curl.h>
#include <dlfcn.h>

#include <string>
#include <type_traits>

#define HIDDEN __attribute__((visibility("hidden")))

#ifndef PROVKIT_CURL_SONAME
#define PROVKIT_CURL_SONAME "libcurl.so.4"
#endif

namespace {

struct Curl {
    std::string error;  // why libcurl is unusable, or empty
    decltype(&curl_global_init) global_init = nullptr;
    decltype(&curl_easy_init) easy_init = nullptr;
    decltype(&curl_easy_setopt) easy_setopt = nullptr;
    decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&curl_easy_perform) easy_perform = nullptr;
    decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&curl_easy_strerror) easy_strerror = nullptr;
    decltype(&curl_multi_init) multi_init = nullptr;
    decltype(&curl_multi_add_handle) multi_add_handle = nullptr;
    decltype(&curl_multi_remove_handle) multi_remove_handle = nullptr;
    decltype(&curl_multi_perform) multi_perform = nullptr;
    decltype(&curl_multi_poll) multi_poll = nullptr;
    decltype(&curl_multi_info_read) multi_info_read = nullptr;
    decltype(&curl_multi_cleanup) multi_cleanup = nullptr;
    decltype(&curl_multi_strerror) multi_strerror = nullptr;
    decltype(&curl_slist_append) slist_append = nullptr;
    decltype(&curl_slist_free_all) slist_free_all = nullptr;

    bool ok() const noexcept { return error.empty(); }
};

// Opened once (thread-safe static initialisation) and never closed.
const Curl& curl() {
    static const Curl lib = [] {
        Curl c;
        void* handle = dlopen(PROVKIT_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = dlerror();
            c.error = std::string(PROVKIT_CURL_SONAME " could not be loaded") +
                      (why ? std::string(": ") + why : "");
            return c;
        }
        auto bind = [&](auto& fn, const char* name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(handle, name));
            if (!fn && c.error.empty()) c.error = std::string(PROVKIT_CURL_SONAME " lacks ") + name;
        };
        bind(c.global_init, "curl_global_init");
        bind(c.easy_init, "curl_easy_init");
        bind(c.easy_setopt, "curl_easy_setopt");
        bind(c.easy_getinfo, "curl_easy_getinfo");
        bind(c.easy_perform, "curl_easy_perform");
        bind(c.easy_cleanup, "curl_easy_cleanup");
        bind(c.easy_strerror, "curl_easy_strerror");
        bind(c.multi_init, "curl_multi_init");
        bind(c.multi_add_handle, "curl_multi_add_handle");
        bind(c.multi_remove_handle, "curl_multi_remove_handle");
        bind(c.multi_perform, "curl_multi_perform");
        bind(c.multi_poll, "curl_multi_poll");
        bind(c.multi_info_read, "curl_multi_info_read");
        bind(c.multi_cleanup, "curl_multi_cleanup");
        bind(c.multi_strerror, "curl_multi_strerror");
        bind(c.slist_append, "curl_slist_append");
        bind(c.slist_free_all, "curl_slist_free_all");
        return c;
    }();
    return lib;
}

}  // namespace

// Everything starts with curl_global_init, curl_easy_init, curl_multi_init or
// curl_slist_append, which fail when libcurl is unusable; the error strings then say why.
// No handle can exist without libcurl, so the other functions need no such check.

HIDDEN CURLcode curl_global_init(long flags) {
    return curl().ok() ? curl().global_init(flags) : CURLE_FAILED_INIT;
}

HIDDEN CURL* curl_easy_init() { return curl().ok() ? curl().easy_init() : nullptr; }

// The typed halves of curl_easy_setopt and curl_easy_getinfo; their variadic entry points
// are in curl_lazy_varargs.c, because C++ leaves va_start after an enum parameter undefined.
extern "C" HIDDEN CURLcode provkit_curl_setopt_long(CURL* easy, CURLoption option, long value) {
    return curl().easy_setopt(easy, option, value);
}
extern "C" HIDDEN CURLcode provkit_curl_setopt_off_t(CURL* easy, CURLoption option,
                                                      curl_off_t value) {
    return curl().easy_setopt(easy, option, value);
}
extern "C" HIDDEN CURLcode provkit_curl_setopt_pointer(CURL* easy, CURLoption option,
                                                        void* value) {
    return curl().easy_setopt(easy, option, value);
}
extern "C" HIDDEN CURLcode provkit_curl_getinfo_pointer(CURL* easy, CURLINFO info, void* answer) {
    return curl().easy_getinfo(easy, info, answer);
}

HIDDEN CURLcode curl_easy_perform(CURL* easy) { return curl().easy_perform(easy); }

HIDDEN void curl_easy_cleanup(CURL* easy) {
    if (easy) curl().easy_cleanup(easy);
}

HIDDEN const char* curl_easy_strerror(CURLcode code) {
    return curl().ok() ? curl().easy_strerror(code) : curl().error.c_str();
}

HIDDEN CURLM* curl_multi_init() { return curl().ok() ? curl().multi_init() : nullptr; }

HIDDEN CURLMcode curl_multi_add_handle(CURLM* multi, CURL* easy) {
    return curl().multi_add_handle(multi, easy);
}

HIDDEN CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* easy) {
    return curl().multi_remove_handle(multi, easy);
}

HIDDEN CURLMcode curl_multi_perform(CURLM* multi, int* running) {
    return curl().multi_perform(multi, running);
}

HIDDEN CURLMcode curl_multi_poll(CURLM* multi, curl_waitfd extra_fds[], unsigned int extra_nfds,
                                 int timeout_ms, int* numfds) {
    return curl().multi_poll(multi, extra_fds, extra_nfds, timeout_ms, numfds);
}

HIDDEN CURLMsg* curl_multi_info_read(CURLM* multi, int* msgs_in_queue) {
    return curl().multi_info_read(multi, msgs_in_queue);
}

HIDDEN CURLMcode curl_multi_cleanup(CURLM* multi) {
    return multi ? curl().multi_cleanup(multi) : CURLM_BAD_HANDLE;
}

HIDDEN const char* curl_multi_strerror(CURLMcode code) {
    return curl().ok() ? curl().multi_strerror(code) : curl().error.c_str();
}

HIDDEN curl_slist* curl_slist_append(curl_slist* list, const char* data) {
    return curl().ok() ? curl().slist_append(list, data) : nullptr;
}

HIDDEN void curl_slist_free_all(curl_slist* list) {
    if (list) curl().slist_free_all(list);
}
