// Publishing a bulk run's files: each flushed to disk before it gets its name, so that no name
// ever points at data a crash could lose. The publisher thread takes every batch the workers
// finished while it flushed the last group (a group commit) and flushes them with one syncfs:
// an fdatasync per file cost a journal commit and a synchronous writeback each, and made the
// run three times slower on ext4.
#include <new>

#include "bulk_engine.hpp"
#include "provkit/error.hpp"

namespace provkit::bulk::detail {

void fail(Job& job, std::string message) {
    job.outcome = Outcome::failed;
    job.message = std::move(message);
    job.manifest_line.clear();
    job.staged = StagedFile();  // removed, never named
}

void fail_current(Job& job) {
    try {
        throw;
    } catch (const Error& err) {
        fail(job, err.what());
    } catch (const std::bad_alloc&) {
        fail(job, "out of memory");
    } catch (const std::exception& err) {
        fail(job, std::string("internal error: ") + err.what());
    } catch (...) {
        fail(job, "internal error");
    }
}

void Publisher::publish(const std::vector<Job*>& jobs) noexcept {
    if (jobs.empty()) return;
    try {
        e_.dir->flush();
    } catch (...) {
        for (Job* job : jobs) fail_current(*job);
    }
    for (Job* job : jobs) {
        if (job->outcome != Outcome::written) continue;
        try {
            e_.dir->publish(job->staged, job->file, id_, temp_counter_);
        } catch (...) {
            fail_current(*job);
        }
    }
}

}  // namespace provkit::bulk::detail
