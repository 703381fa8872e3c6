// RAII owner of a zlib z_stream set up for gzip (RFC 1952) deflate or inflate; ended on scope exit.
#pragma once

#include <zlib.h>

#include <new>
#include <stdexcept>

namespace provkit::detail {

class ZStream {
public:
    enum class Mode { deflate, inflate };

    // windowBits 16 + 15: a gzip wrapper (header, CRC-32 and ISIZE trailer) around a 32 KiB
    // window; inflate checks the trailer itself. level only matters for deflate.
    explicit ZStream(Mode mode, int level = Z_DEFAULT_COMPRESSION) : mode_(mode) {
        const int rc = mode == Mode::deflate
                           ? deflateInit2(&stream_, level, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY)
                           : inflateInit2(&stream_, 16 + 15);
        if (rc == Z_MEM_ERROR) throw std::bad_alloc();
        if (rc != Z_OK) throw std::logic_error("zlib initialisation failed");
    }
    ~ZStream() {
        if (mode_ == Mode::deflate)
            deflateEnd(&stream_);
        else
            inflateEnd(&stream_);
    }
    ZStream(const ZStream&) = delete;
    ZStream& operator=(const ZStream&) = delete;

    z_stream* get() noexcept { return &stream_; }
    z_stream* operator->() noexcept { return &stream_; }

private:
    Mode mode_;
    z_stream stream_{};  // zalloc/zfree/opaque zero: zlib's default allocator
};

}  // namespace provkit::detail
