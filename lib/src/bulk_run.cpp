// bulk::run: the calling thread reads the table and prepares rows in batches, worker threads
// make the profiles and stage their files, a publisher thread flushes the staged files to disk
// and names them (bulk_publish.cpp), and the calling thread collects published batches in table
// order (reports, manifest lines). Bounded queues keep memory, and the descriptors of staged
// files, independent of the number of rows.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "bulk_engine.hpp"
#include "provkit/bulk.hpp"

namespace provkit::bulk {

namespace {

using detail::Job;

constexpr std::size_t batch_rows = 64;

struct Batch {
    std::uint64_t seq = 0;
    std::vector<Job> jobs;
};

class Scheduler {
public:
    Scheduler(detail::Engine& engine, const Options& options, Reporter& reporter, DeviceTable& table)
        : engine_(engine), options_(options), reporter_(reporter), table_(table) {
        if (!options.manifest.empty()) manifest_.emplace(options.manifest);
        // Each worker holds the staged files of its batch, and the batches waiting for the
        // publisher hold theirs: together at most engine.max_staged descriptors.
        const std::size_t batches = std::max<std::size_t>(2, engine.max_staged / batch_rows);
        const unsigned jobs = unsigned(std::clamp<std::size_t>(options.jobs, 1, batches - 1));
        max_queued_ = 2 * std::size_t(jobs) + 2;
        max_unpublished_ = batches - jobs;
        for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this, i] { work(i); });
        publisher_ = std::thread([this, jobs] { publish(jobs); });
    }

    ~Scheduler() { close(); }

    Summary run() {
        std::exception_ptr failure;
        try {
            read();
        } catch (...) {
            failure = std::current_exception();  // a table that cannot be read on: finish what was read
        }
        close();
        std::unique_lock lock(mutex_);
        while (collected_ < next_seq_) {
            drain(lock);
            if (collected_ < next_seq_) done_cv_.wait(lock);
        }
        lock.unlock();
        engine_.dir->sync();
        if (manifest_) manifest_->commit();
        if (failure) std::rethrow_exception(failure);
        return summary_;
    }

private:
    void read() {
        auto batch = std::make_unique<Batch>();
        TableRow row;
        for (;;) {
            if (options_.cancel != nullptr && options_.cancel->load()) {
                summary_.interrupted = true;
                break;
            }
            // Rows read so far go to work before the reading may wait for more input.
            if (!batch->jobs.empty() && !table_.buffered())
                submit(std::move(batch)), batch = std::make_unique<Batch>();
            // A failed row (without keep_going) stops the reading: every row before it is read.
            if (stop_after_.load() != UINT64_MAX || !table_.next(row)) break;
            if (row.index % options_.shards != options_.shard) continue;
            Job& job = batch->jobs.emplace_back();
            job.row = std::move(row);
            engine_.prepare(job);
            if (job.outcome == Outcome::failed) stop_at(job.row.index);
            if (batch->jobs.size() == batch_rows) submit(std::move(batch)), batch = std::make_unique<Batch>();
        }
        if (!batch->jobs.empty()) submit(std::move(batch));
    }

    void submit(std::unique_ptr<Batch> batch) {
        std::unique_lock lock(mutex_);
        batch->seq = next_seq_++;
        while (queue_.size() >= max_queued_) {
            drain(lock);
            if (queue_.size() >= max_queued_) done_cv_.wait(lock);
        }
        queue_.push_back(std::move(batch));
        work_cv_.notify_one();
        drain(lock);
    }

    void close() {
        {
            std::lock_guard lock(mutex_);
            if (closed_) return;
            closed_ = true;
        }
        work_cv_.notify_all();
        for (std::thread& t : workers_) t.join();
        {
            std::lock_guard lock(mutex_);
            workers_done_ = true;
        }
        publish_cv_.notify_all();
        publisher_.join();
    }

    void work(unsigned id) {
        detail::Worker worker(engine_, id);
        for (;;) {
            std::unique_ptr<Batch> batch;
            {
                std::unique_lock lock(mutex_);
                work_cv_.wait(lock, [this] { return closed_ || !queue_.empty(); });
                if (queue_.empty()) return;
                batch = std::move(queue_.front());
                queue_.pop_front();
            }
            done_cv_.notify_all();  // room in the queue
            for (Job& job : batch->jobs) {
                const bool cancelled = options_.cancel != nullptr && options_.cancel->load();
                if (job.row.index > stop_after_.load() || (cancelled && job.outcome != Outcome::failed)) {
                    job.skipped = true;
                    continue;
                }
                worker.process(job);
                if (job.outcome == Outcome::failed) stop_at(job.row.index);
            }
            {
                std::unique_lock lock(mutex_);
                unpublished_.push_back(std::move(batch));
                publish_cv_.notify_one();
                // Staged files hold descriptors: wait while too many wait for the publisher.
                done_cv_.wait(lock, [this] { return unpublished_.size() + publishing_ < max_unpublished_; });
            }
        }
    }

    // The publisher thread: flushes and names the files of every batch finished meanwhile (a
    // group commit), then hands the batches over for collection.
    void publish(unsigned id) {
        detail::Publisher publisher(engine_, id);
        std::vector<std::unique_ptr<Batch>> group;
        std::vector<Job*> staged;
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                publish_cv_.wait(lock, [this] { return !unpublished_.empty() || workers_done_; });
                if (unpublished_.empty()) return;
                group.assign(std::make_move_iterator(unpublished_.begin()),
                             std::make_move_iterator(unpublished_.end()));
                unpublished_.clear();
                publishing_ = group.size();
            }
            staged.clear();
            for (auto& batch : group)
                for (Job& job : batch->jobs)
                    if (!job.skipped && job.outcome == Outcome::written && job.staged) staged.push_back(&job);
            publisher.publish(staged);
            for (const Job* job : staged)
                if (job->outcome == Outcome::failed) stop_at(job->row.index);
            {
                std::lock_guard lock(mutex_);
                for (auto& batch : group) done_[batch->seq] = std::move(batch);
                publishing_ = 0;
            }
            group.clear();
            done_cv_.notify_all();
        }
    }

    // Without keep_going, rows after the first failed one are not started.
    void stop_at(std::uint64_t index) {
        if (options_.keep_going) return;
        std::uint64_t current = stop_after_.load();
        while (index < current && !stop_after_.compare_exchange_weak(current, index)) {
        }
    }

    // Reports the finished batches that are next in table order (called with the lock held).
    void drain(std::unique_lock<std::mutex>& lock) {
        for (auto it = done_.find(collected_); it != done_.end(); it = done_.find(collected_)) {
            std::unique_ptr<Batch> batch = std::move(it->second);
            done_.erase(it);
            ++collected_;
            lock.unlock();
            collect(*batch);
            lock.lock();
        }
    }

    void collect(const Batch& batch) {
        for (const Job& job : batch.jobs) {
            if (job.skipped) continue;
            ++summary_.rows;
            if (job.outcome == Outcome::written) ++summary_.written;
            if (job.outcome == Outcome::unchanged) ++summary_.unchanged;
            if (job.outcome == Outcome::failed) {
                ++summary_.failed;
                if (!options_.keep_going) summary_.stopped = true;
            }
            if (manifest_ && job.outcome != Outcome::failed) manifest_->append(job.manifest_line);
            reporter_.row(
                RowResult{job.row.index, job.row.line, job.outcome, job.mac, job.file, job.message});
        }
        reporter_.progress(Progress{summary_.rows, table_.bytes_read(), table_.size()});
    }

    detail::Engine& engine_;
    const Options& options_;
    Reporter& reporter_;
    DeviceTable& table_;
    std::optional<detail::ManifestWriter> manifest_;
    std::vector<std::thread> workers_;
    std::thread publisher_;
    std::size_t max_queued_ = 4, max_unpublished_ = 2;

    std::mutex mutex_;
    std::condition_variable work_cv_, done_cv_, publish_cv_;
    std::deque<std::unique_ptr<Batch>> queue_;
    std::vector<std::unique_ptr<Batch>> unpublished_;  // made, files not yet flushed and named
    std::size_t publishing_ = 0;                       // batches the publisher holds
    bool workers_done_ = false;
    std::map<std::uint64_t, std::unique_ptr<Batch>> done_;
    bool closed_ = false;
    std::uint64_t next_seq_ = 0, collected_ = 0;
    std::atomic<std::uint64_t> stop_after_{UINT64_MAX};
    Summary summary_;
};

}  // namespace

Summary run(const Profile& tmpl, const Catalog& catalog, DeviceTable& table, const Options& options,
            Reporter& reporter) {
    detail::Engine engine(tmpl, catalog, table, options, reporter);
    Scheduler scheduler(engine, options, reporter, table);
    return scheduler.run();
}

}  // namespace provkit::bulk
