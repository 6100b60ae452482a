#pragma once
// The fixed parts of a warm start (InitialRoute::fixed, fixed_jobs) as every
// search sees them: per route slot, how many leading jobs stay where they
// are and whether the route takes no job at all; per job, whether it may
// move. A route's fixed jobs always form its head, so "may a job go in
// before position p" is one comparison.
#include <cstddef>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd::detail {

/// Fixed parts per slot and per job.
struct RouteLocks {
    std::vector<Index> head;     ///< per slot: leading jobs that stay (all of them when closed)
    std::vector<char> closed;    ///< per slot: the route is fixed whole
    std::vector<char> job;       ///< per job: fixed where it is
    bool any = false;

    /// A job may be placed at job position `position` of `slot` (before the
    /// job now there): the slot is open and the position after its head.
    bool may_insert(Index slot, std::size_t position) const {
        const auto s = static_cast<std::size_t>(slot);
        return !closed[s] && position >= static_cast<std::size_t>(head[s]);
    }
    bool fixed(Index j) const { return job[static_cast<std::size_t>(j)] != 0; }
    /// `route` keeps the head of `slot` that `current` has (and, for a
    /// closed slot, is `current`).
    bool keeps_head(Index slot, const std::vector<Index>& current, const std::vector<Index>& route) const;
};

/// Route slot of an engineer's shift; -1 when there is none.
Index route_slot_of(const Problem& problem, Index engineer, Index shift);

/// The locks of `routes` (already validated by the search's warm start).
RouteLocks route_locks(const Problem& problem, const std::vector<InitialRoute>& routes);

}  // namespace fsd::detail
