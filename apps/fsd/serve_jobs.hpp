#pragma once
// Solves of `fsd serve`: the bound on how many run at once, and the
// asynchronous ones (POST /jobs) with their progress and cancel flag.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "fsd/route/solve_options.hpp"

namespace fsdserve {

class SolveLimiter;

/// A place among the solves allowed to run; given back when destroyed.
class SolveSlot {
public:
    SolveSlot() = default;
    explicit SolveSlot(SolveLimiter* limiter) : limiter_(limiter) {}
    SolveSlot(SolveSlot&& other) noexcept : limiter_(std::exchange(other.limiter_, nullptr)) {}
    SolveSlot& operator=(SolveSlot&& other) noexcept;
    SolveSlot(const SolveSlot&) = delete;
    SolveSlot& operator=(const SolveSlot&) = delete;
    ~SolveSlot();

private:
    SolveLimiter* limiter_ = nullptr;
};

/// At most `max` solves at once; a request beyond that is refused (429)
/// rather than queued, so a client learns at once that it must come back.
class SolveLimiter {
public:
    explicit SolveLimiter(int max) : max_(max) {}
    /// A slot, or HttpError 429 when all are taken.
    SolveSlot acquire();
    /// Solves running now.
    int running() const { return running_.load(); }

private:
    friend class SolveSlot;
    void release() { running_.fetch_sub(1); }
    const int max_;
    std::atomic<int> running_{0};
};

/// What a job's work receives: the cancel flag to hand to SolveOptions and
/// the progress callback to hand to SolveOptions::on_progress.
struct JobControl {
    const std::atomic<bool>* cancel;
    std::function<void(const fsd::Progress&)> on_progress;
};

/// The asynchronous solves of one server. Finished jobs are kept (the
/// newest `keep_finished`) so that clients can fetch their result.
class SolveJobs {
public:
    /// The work computes the result document (plan JSON) or throws.
    using Work = std::function<std::string(const JobControl&)>;

    explicit SolveJobs(std::size_t keep_finished = 256) : keep_finished_(keep_finished) {}
    /// Cancels every running job and waits for them.
    ~SolveJobs();
    SolveJobs(const SolveJobs&) = delete;
    SolveJobs& operator=(const SolveJobs&) = delete;

    /// Starts `work` on its own thread, holding `slot` until it ends; returns the job id.
    std::string start(const std::string& id, const std::string& tenant, SolveSlot slot, Work work);
    /// The job's state as JSON (id, status, seconds, progress, result or
    /// error); nothing when there is no such job for this tenant.
    std::optional<std::string> status_json(const std::string& tenant, const std::string& id) const;
    /// Sets the job's cancel flag (the solve then returns its best plan so
    /// far); false when there is no such job for this tenant.
    bool cancel(const std::string& tenant, const std::string& id);
    /// Jobs kept (running or finished).
    std::int64_t size() const;

private:
    struct Job {
        std::string id;
        std::string tenant;
        std::atomic<bool> cancel{false};
        mutable std::mutex mutex;
        std::string status = "running";  // running, done, cancelled, failed
        std::optional<fsd::Progress> progress;
        std::string result;             // plan JSON when done or cancelled
        std::string error;              // error JSON when failed
        std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
        double seconds = 0.0;
        std::thread thread;
    };
    void forget_old_finished();  // under mutex_
    std::size_t keep_finished_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    std::uint64_t started_ = 0;  // order of start, for forgetting the oldest first
    std::map<std::uint64_t, std::string> order_;
};

}  // namespace fsdserve
