/* The two variadic libcurl functions libprovkit calls, for curl_lazy.cpp. They are C, as in
 * libcurl itself: C++ leaves va_start undefined after a parameter of enum type such as
 * CURLoption (it is promoted), while in C the enum is compatible with its unpromoted type.
 * Each reads its one argument the way libcurl reads it and hands it to a typed forwarder. */
#define CURL_DISABLE_TYPECHECK /* curl's checking macros would rename the definitions below */
#include <curl/curl.h>
#include <stdarg.h>

#define HIDDEN __attribute__((visibility("hidden")))

CURLcode provkit_curl_setopt_long(CURL* easy, CURLoption option, long value);
CURLcode provkit_curl_setopt_off_t(CURL* easy, CURLoption option, curl_off_t value);
CURLcode provkit_curl_setopt_pointer(CURL* easy, CURLoption option, void* value);
CURLcode provkit_curl_getinfo_pointer(CURL* easy, CURLINFO info, void* answer);

/* The argument's type follows from the option's number range as curl.h defines it
 * (CURLOPTTYPE_*). */
HIDDEN CURLcode curl_easy_setopt(CURL* easy, CURLoption option, ...) {
    va_list args;
    va_start(args, option);
    CURLcode rc;
    if (option < CURLOPTTYPE_OBJECTPOINT)
        rc = provkit_curl_setopt_long(easy, option, va_arg(args, long));
    else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB)
        rc = provkit_curl_setopt_off_t(easy, option, va_arg(args, curl_off_t));
    else /* data, string, list, callback-data and blob pointers, and function pointers */
        rc = provkit_curl_setopt_pointer(easy, option, va_arg(args, void*));
    va_end(args);
    return rc;
}

/* Every CURLINFO takes one pointer to where the answer goes. */
HIDDEN CURLcode curl_easy_getinfo(CURL* easy, CURLINFO info, ...) {
    va_list args;
    va_start(args, info);
    CURLcode rc = provkit_curl_getinfo_pointer(easy, info, va_arg(args, void*));
    va_end(args);
    return rc;
}
