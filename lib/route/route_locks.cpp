#include "fsd/route/detail/route_locks.hpp"

#include <algorithm>
#include <string>

#include "fsd/core/error.hpp"

namespace fsd::detail {

bool RouteLocks::keeps_head(Index slot, const std::vector<Index>& current, const std::vector<Index>& route) const {
    const auto s = static_cast<size_t>(slot);
    if (closed[s]) return route == current;
    const auto n = static_cast<size_t>(head[s]);
    return route.size() >= n && std::equal(current.begin(), current.begin() + static_cast<std::ptrdiff_t>(n), route.begin());
}

Index route_slot_of(const Problem& problem, Index engineer, Index shift) {
    const auto& slots = problem.slots();
    for (size_t s = 0; s < slots.size(); ++s)
        if (slots[s].engineer == engineer && slots[s].shift == shift) return static_cast<Index>(s);
    return -1;
}

RouteLocks route_locks(const Problem& problem, const std::vector<InitialRoute>& routes) {
    RouteLocks locks;
    locks.head.assign(problem.slots().size(), 0);
    locks.closed.assign(problem.slots().size(), 0);
    locks.job.assign(static_cast<size_t>(problem.num_jobs()), 0);
    for (const InitialRoute& r : routes) {
        if (!r.fixed && r.fixed_jobs == 0) continue;
        const Index slot = route_slot_of(problem, r.engineer, r.shift);
        FSD_ASSERT(slot >= 0);
        const auto n = r.fixed ? r.jobs.size() : static_cast<size_t>(r.fixed_jobs);
        FSD_ASSERT(n <= r.jobs.size());
        locks.head[static_cast<size_t>(slot)] = static_cast<Index>(n);
        locks.closed[static_cast<size_t>(slot)] = r.fixed;
        for (size_t i = 0; i < n; ++i) locks.job[static_cast<size_t>(r.jobs[i])] = 1;
        locks.any = true;
    }
    return locks;
}

}  // namespace fsd::detail
