#pragma once
#include "fsd/model/solution.hpp"
#include "fsd/route/detail/search.hpp"

namespace fsd::detail {

/// Why job j is not in `search`'s current plan, with a sentence for a
/// dispatcher. Checks, in order: qualification, capacity, max_jobs, whether
/// any shift reaches its windows, whether it fits a shift alone, and, for an
/// optional job, whether serving it costs at least its penalty.
Unassigned explain_unassigned(Index j, Search& search);

}  // namespace fsd::detail
