#pragma once
// Threads of one solve meeting at fixed points to share their best plan.
// Every thread offers its best at each of its meetings and learns the best
// offered there; thread 0 never takes another's plan (it stays the search
// one thread would run, so N threads are never worse than one), the others
// continue from the shared best when it beats their own. Under an iteration
// limit the threads meet every `period` iterations, so the same seed and
// threads give the same plans; otherwise at fixed times.
#include <barrier>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "fsd/core/types.hpp"

namespace fsd::detail {

/// A plan offered or shared: routes per slot and its objective total.
struct SharedPlan {
    std::vector<std::vector<Index>> routes;
    Cost total = 0;
};

class BestExchange {
public:
    using Clock = std::chrono::steady_clock;

    /// `threads` searches meet every `period` iterations, or, when
    /// `by_iterations` is false, each time `interval` more has passed since `start`.
    BestExchange(std::size_t threads, bool by_iterations, std::int64_t period, Clock::time_point start,
                 Clock::duration interval);

    /// Whether `thread`'s search, at `iteration` of its stage, meets now.
    bool due(std::size_t thread, std::int64_t iteration);
    /// Offers `mine`, waits for the other threads still searching, and
    /// returns the best plan offered at this meeting (ties: lowest thread)
    /// when it beats `mine` and `thread` takes plans (not thread 0).
    std::optional<SharedPlan> meet(std::size_t thread, SharedPlan mine);
    /// `thread` searches no more; the others stop waiting for it. Once per thread.
    void leave(std::size_t thread);

private:
    struct Pick {
        BestExchange* self;
        void operator()() noexcept;
    };

    bool by_iterations_;
    std::int64_t period_;
    Clock::time_point start_;
    Clock::duration interval_;
    std::vector<Clock::time_point> next_;      // per thread: its next meeting time
    std::vector<std::optional<SharedPlan>> offers_;
    SharedPlan shared_;
    std::barrier<Pick> barrier_;
};

/// Leaves the exchange (if any) when a thread's search ends, also by an exception.
class ExchangeSeat {
public:
    ExchangeSeat(BestExchange* exchange, std::size_t thread) : exchange_(exchange), thread_(thread) {}
    ExchangeSeat(const ExchangeSeat&) = delete;
    ExchangeSeat& operator=(const ExchangeSeat&) = delete;
    ~ExchangeSeat() { leave(); }
    void leave() {
        if (exchange_) exchange_->leave(thread_);
        exchange_ = nullptr;
    }

private:
    BestExchange* exchange_;
    std::size_t thread_;
};

}  // namespace fsd::detail
