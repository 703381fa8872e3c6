// Salts straight from the kernel's CSPRNG (getrandom): the same source OpenSSL seeds from, without
// instantiating OpenSSL's DRBG, which costs about 2.5 ms per process - as much as the whole job.
#pragma once

#include <sys/random.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>

#include "provkit/error.hpp"

namespace provkit::detail {

inline void os_random(unsigned char* out, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::getrandom(out, size, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(ErrorKind::io, std::string("the system random generator failed: ") + std::strerror(errno));
        out += n;
        size -= std::size_t(n);
    }
}

}  // namespace provkit::detail
