#include "fsd/route/detail/best_exchange.hpp"

namespace fsd::detail {

BestExchange::BestExchange(std::size_t threads, bool by_iterations, std::int64_t period, Clock::time_point start,
                           Clock::duration interval)
    : by_iterations_(by_iterations),
      period_(period),
      start_(start),
      interval_(interval),
      next_(threads, start + interval),
      offers_(threads),
      barrier_(static_cast<std::ptrdiff_t>(threads), Pick{this}) {}

bool BestExchange::due(std::size_t thread, std::int64_t iteration) {
    if (by_iterations_) return iteration > 0 && iteration % period_ == 0;
    const auto now = Clock::now();
    if (now < next_[thread]) return false;
    // A slow iteration may pass several meeting times: the next one lies ahead.
    while (next_[thread] <= now) next_[thread] += interval_;
    return true;
}

// Runs once per meeting, while every thread waits: no other thread touches
// the offers or the shared plan meanwhile.
void BestExchange::Pick::operator()() noexcept {
    std::optional<SharedPlan>* best = nullptr;
    for (auto& offer : self->offers_)
        if (offer && (!best || offer->total < (*best)->total)) best = &offer;
    if (best) self->shared_ = std::move(**best);
    for (auto& offer : self->offers_) offer.reset();
}

std::optional<SharedPlan> BestExchange::meet(std::size_t thread, SharedPlan mine) {
    const Cost own = mine.total;
    offers_[thread] = std::move(mine);
    barrier_.arrive_and_wait();
    // Read before this thread can arrive again, i.e. before the next pick.
    if (thread == 0 || shared_.total >= own) return std::nullopt;
    return shared_;
}

void BestExchange::leave(std::size_t thread) {
    (void)thread;
    barrier_.arrive_and_drop();
}

}  // namespace fsd::detail
