/* LD_PRELOAD shim for the tests: openat refuses O_TMPFILE with EOPNOTSUPP, as file systems
 * without unnamed files do (older NFS, FUSE, ...), so that a test can drive the named-temp-file
 * path of bulk output on any file system. Every other openat goes to libc. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>

int openat(int dirfd, const char* path, int flags, ...) {
    mode_t mode = 0;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
        va_list args;
        va_start(args, flags);
        mode = va_arg(args, mode_t);
        va_end(args);
    }
    if ((flags & O_TMPFILE) == O_TMPFILE) {
        errno = EOPNOTSUPP;
        return -1;
    }
    static int (*real_openat)(int, const char*, int, ...);
    if (!real_openat) *(void**)&real_openat = dlsym(RTLD_NEXT, "openat"); /* POSIX's idiom */
    return real_openat(dirfd, path, flags, mode);
}
