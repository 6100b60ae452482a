#pragma once
// Iterated local search: ruin and recreate, descend, repair what is
// infeasible by raising the penalties (or go back), accept by
// record-to-record travel on the objective (up to 1 % of the best plan's
// route costs worse, shrinking to nothing as the search ends).
#include "fsd/route/detail/best_exchange.hpp"
#include "fsd/route/detail/local_search.hpp"
#include "fsd/route/detail/search_progress.hpp"
#include "fsd/route/detail/stopping_criterion.hpp"

namespace fsd::detail {

/// Improves the feasible `plan` until `stop`; returns the best feasible plan
/// seen (at worst the one it started from). An iteration is one ruin and
/// recreate with its descent. With an `exchange`, meets the other threads'
/// searches there as thread `thread`.
SearchResult iterated_local_search(Plan& plan, LocalSearch& ls, const RouteLocks& locks, const StoppingCriterion& stop,
                                   const ProgressReporter& progress, BestExchange* exchange = nullptr,
                                   std::size_t thread = 0);

}  // namespace fsd::detail
