// A deflated prefix shared by many gzip members, and resuming a copy of its state per member.
#include "bulk_deflate.hpp"

#include <cstdlib>
#include <limits>
#include <new>
#include <stdexcept>

#include "provkit/error.hpp"

namespace provkit::bulk::detail {

// Bump allocation from one reused buffer, for the states deflateCopy makes. deflateCopy takes
// the allocator of the state it copies, so the primed state names these functions and they
// find the calling worker's arena through a thread-local pointer; with none (the thread that
// primes), or when the arena is full, they fall back to malloc.
struct DeflateResumer::Arena {
    static constexpr std::size_t size = std::size_t(384) << 10;
    static constexpr std::size_t align = 64;
    unsigned char* base = nullptr;
    std::size_t used = 0;

    bool owns(const void* p) const noexcept {
        const auto* c = static_cast<const unsigned char*>(p);
        return c >= base && c < base + size;
    }
};

namespace {

thread_local DeflateResumer::Arena* current_arena = nullptr;

voidpf arena_alloc(voidpf, uInt items, uInt item_size) {
    const std::size_t n = std::size_t(items) * item_size;
    DeflateResumer::Arena* a = current_arena;
    if (a != nullptr) {
        const std::size_t start = (a->used + a->align - 1) / a->align * a->align;
        if (start + n <= a->size) {
            a->used = start + n;
            return a->base + start;
        }
    }
    return std::malloc(n);
}

void arena_free(voidpf, voidpf p) {
    const DeflateResumer::Arena* a = current_arena;
    if (a != nullptr && a->owns(p)) return;  // the whole arena is reused for the next member
    std::free(p);
}

// Runs deflate over in with flush, appending everything it produces to out.
int deflate_all(z_stream& z, std::string_view in, int flush, Bytes& out) {
    if (in.size() > std::numeric_limits<uInt>::max()) throw Error(ErrorKind::input, "a profile over 4 GiB");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    for (;;) {
        std::size_t used = out.size();
        const std::size_t room = std::max<std::size_t>(deflateBound(&z, z.avail_in), 4096);
        out.resize(used + room);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + used);
        z.avail_out = static_cast<uInt>(room);
        const int rc = deflate(&z, flush);
        out.resize(used + room - z.avail_out);
        if (rc == Z_STREAM_ERROR) throw std::logic_error("zlib deflate failed");
        if (rc == Z_STREAM_END || (z.avail_out > 0 && z.avail_in == 0)) return rc;
    }
}

}  // namespace

PrimedDeflate::PrimedDeflate(std::string_view prefix) {
    stream_.zalloc = arena_alloc;
    stream_.zfree = arena_free;
    const int rc = deflateInit2(&stream_, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY);
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    if (rc != Z_OK) throw std::logic_error("zlib initialisation failed");
    // Z_BLOCK ends the current block, so the prefix's symbols are all emitted here once; only
    // a few bits may stay in the state for the members to carry on from.
    deflate_all(stream_, prefix, Z_BLOCK, shared_);
}

PrimedDeflate::~PrimedDeflate() { deflateEnd(&stream_); }

DeflateResumer::DeflateResumer() : arena_(std::make_unique<Arena>()) {
    arena_->base = static_cast<unsigned char*>(std::aligned_alloc(Arena::align, Arena::size));
    if (arena_->base == nullptr) throw std::bad_alloc();
}

DeflateResumer::~DeflateResumer() { std::free(arena_->base); }

void DeflateResumer::finish(const PrimedDeflate& primed, std::string_view tail, Bytes& out) {
    out.clear();
    current_arena = arena_.get();
    arena_->used = 0;
    struct Restore {
        ~Restore() { current_arena = nullptr; }
    } restore;
    z_stream copy;
    const int rc = deflateCopy(&copy, const_cast<z_stream*>(&primed.stream_));
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    if (rc != Z_OK) throw std::logic_error("zlib deflateCopy failed");
    struct End {
        z_stream& z;
        ~End() { deflateEnd(&z); }
    } end{copy};
    if (deflate_all(copy, tail, Z_FINISH, out) != Z_STREAM_END)
        throw std::logic_error("zlib deflate did not finish");
}

}  // namespace provkit::bulk::detail
