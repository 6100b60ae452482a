#pragma once
#include <optional>

#include "fsd/model/solution.hpp"
#include "fsd/route/detail/search.hpp"

namespace fsd::detail {

/// Why job j is not in `search`'s current plan, with a sentence for a
/// dispatcher and, where one is found, the smallest change that would let it
/// in (suggest_fix). Checks, in order: qualification, capacity, max_jobs,
/// whether any shift reaches its windows, whether it fits a shift alone, and,
/// for an optional job, whether serving it costs at least its penalty.
Unassigned explain_unassigned(Index j, Search& search);

/// The smallest change found that would let job j, left out of `search`'s
/// current plan for `reason`, into it (docs/unassigned.md): a skill or a new
/// engineer, a wider window, a longer shift, overtime, capacity, one more job
/// or a higher penalty. Time changes are whole minutes, at most 8 hours, each
/// re-checked with the route evaluator on the engineer's route. Empty when
/// none is found.
std::optional<UnassignedFix> suggest_fix(Index j, UnassignedReason reason, Search& search);

}  // namespace fsd::detail
