#pragma once
// Hybrid genetic search (after Vidal et al.'s HGS): a population of plans,
// feasible and penalised-infeasible kept apart, each child made by a
// route-exchange crossover of two parents and improved by the local search;
// survivors chosen on cost and on their distance to the others (broken pairs,
// counting a job served by one plan and not the other as broken), so the
// population stays diverse in routes and in which jobs it serves; penalty
// weights steered towards a target share of feasible children.
#include "fsd/route/detail/best_exchange.hpp"
#include "fsd/route/detail/local_search.hpp"
#include "fsd/route/detail/search_progress.hpp"
#include "fsd/route/detail/stopping_criterion.hpp"

namespace fsd::detail {

/// Improves the feasible `plan` until `stop`; returns the best feasible plan
/// seen. An iteration is one child; deterministic for a seed under an
/// iteration limit. With an `exchange`, meets the other threads' searches
/// there as thread `thread` (a better shared plan joins the population).
/// `decompose`: on plans of 400 served jobs or more, also searches groups of
/// nearby routes on their own now and then (route_groups.hpp); each child of
/// such a search counts as an iteration.
SearchResult genetic_search(Plan& plan, LocalSearch& ls, const RouteLocks& locks, const StoppingCriterion& stop,
                            const ProgressReporter& progress, BestExchange* exchange = nullptr, std::size_t thread = 0,
                            bool decompose = false);

}  // namespace fsd::detail
