#pragma once
// When a solve stops, decided once by fsd::solve from its options and handed
// to every stage: the time limit (from the solve call), the iteration limit,
// stagnation (iterations without a new best) and cancellation.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace fsd::detail {

class StoppingCriterion {
public:
    using Clock = std::chrono::steady_clock;

    /// `iteration_limit` and `stagnation_limit` <= -1 / 0 mean none.
    StoppingCriterion(Clock::time_point started, double time_limit_seconds, std::int64_t iteration_limit,
                      std::int64_t stagnation_limit, const std::atomic<bool>* cancel)
        : started_(started),
          deadline_(started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(time_limit_seconds))),
          iteration_limit_(iteration_limit),
          stagnation_limit_(stagnation_limit),
          cancel_(cancel) {}

    bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
    /// The time limit has passed, or the solve was cancelled.
    bool out_of_time() const { return cancelled() || Clock::now() >= deadline_; }
    /// An improving stage at `iteration`, `since_best` iterations after its last new best, stops.
    bool done(std::int64_t iteration, std::int64_t since_best) const {
        return out_of_time() || (iteration_limit_ >= 0 && iteration >= iteration_limit_) ||
               (stagnation_limit_ > 0 && since_best >= stagnation_limit_);
    }
    /// Why done() holds: "cancelled", "iteration_limit", "stagnation" or "time_limit".
    std::string reason(std::int64_t iteration, std::int64_t since_best) const {
        if (cancelled()) return "cancelled";
        if (iteration_limit_ >= 0 && iteration >= iteration_limit_) return "iteration_limit";
        if (stagnation_limit_ > 0 && since_best >= stagnation_limit_) return "stagnation";
        return "time_limit";
    }
    /// Under an iteration limit, counts decide (the same seed gives the same plan).
    bool by_iterations() const noexcept { return iteration_limit_ >= 0; }
    Clock::time_point started() const noexcept { return started_; }
    Clock::time_point deadline() const noexcept { return deadline_; }
    /// The instant `fraction` of the way from the start to the deadline.
    Clock::time_point at(double fraction) const {
        return started_ + std::chrono::duration_cast<Clock::duration>((deadline_ - started_) * fraction);
    }
    /// How far the search is at `iteration`, from 0 to 1: by the iteration
    /// limit when there is one (so the same seed gives the same plan), else by time.
    double fraction(std::int64_t iteration) const {
        if (iteration_limit_ > 0) return std::min(1.0, static_cast<double>(iteration) / static_cast<double>(iteration_limit_));
        if (iteration_limit_ == 0) return 1.0;
        const double total = std::chrono::duration<double>(deadline_ - started_).count();
        return total <= 0.0 ? 1.0 : std::min(1.0, elapsed() / total);
    }
    /// Seconds since the solve began.
    double elapsed() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }
    /// The same limits with an earlier deadline (a stage that must leave time for the next).
    StoppingCriterion until(Clock::time_point deadline) const {
        StoppingCriterion s = *this;
        s.deadline_ = std::min(deadline, deadline_);
        return s;
    }

    /// A bounded phase of a stage: the same deadline and cancellation, an
    /// iteration limit of `iteration_limit` (or this one's, if lower) and no
    /// stagnation limit.
    StoppingCriterion phase(std::int64_t iteration_limit) const {
        StoppingCriterion s = *this;
        s.iteration_limit_ = iteration_limit_ >= 0 ? std::min(iteration_limit_, iteration_limit) : iteration_limit;
        s.stagnation_limit_ = 0;
        return s;
    }

private:
    Clock::time_point started_;
    Clock::time_point deadline_;
    std::int64_t iteration_limit_;
    std::int64_t stagnation_limit_;
    const std::atomic<bool>* cancel_;
};

}  // namespace fsd::detail
