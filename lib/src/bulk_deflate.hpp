// Library-internal: gzip members that share a compressed prefix. The prefix is deflated once;
// each member resumes a copy of that deflate state (deflateCopy) for its own tail. The copy
// carries zlib's running CRC-32 and length, so the trailer covers prefix + tail.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "provkit/file_io.hpp"

namespace provkit::bulk::detail {

// The prefix, deflated once at level 6 with a gzip wrapper (as gzip::compress), up to a block
// boundary (Z_BLOCK) so that every member's own output is only its tail.
class PrimedDeflate {
public:
    explicit PrimedDeflate(std::string_view prefix);
    ~PrimedDeflate();
    PrimedDeflate(const PrimedDeflate&) = delete;
    PrimedDeflate& operator=(const PrimedDeflate&) = delete;

    // The gzip header and the compressed prefix: the first bytes of every member.
    const Bytes& shared() const noexcept { return shared_; }

private:
    friend class DeflateResumer;
    z_stream stream_{};
    Bytes shared_;
};

// One worker's way to finish members: the memory of each copied deflate state comes from a
// buffer that is reused, not from malloc (a copy is about 270 KB, the bulk of the work).
class DeflateResumer {
public:
    DeflateResumer();
    ~DeflateResumer();
    DeflateResumer(const DeflateResumer&) = delete;
    DeflateResumer& operator=(const DeflateResumer&) = delete;

    // Replaces out with the rest of the member after primed.shared(): tail compressed, the last
    // block, and the gzip trailer (CRC-32 and length of prefix + tail).
    void finish(const PrimedDeflate& primed, std::string_view tail, Bytes& out);

    struct Arena;

private:
    std::unique_ptr<Arena> arena_;
};

}  // namespace provkit::bulk::detail
