#pragma once
// Hybrid genetic search on time-window segments (after Vidal et al.'s HGS):
// a population of plans, feasible and penalised-infeasible kept apart, each
// child made by a route-exchange crossover of two parents and improved by
// the segment local search; survivors chosen on cost and on their distance
// to the others (broken pairs), so the population stays diverse; penalty
// weights steered towards a target share of feasible children.
#include <chrono>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/route/detail/segment_search.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd::detail {

/// Same contract as segment_search (a feasible `start`, jobs it left out
/// stay out, the best feasible plan returned, new bests reported, an
/// iteration being one child); deterministic for a seed under an iteration
/// limit. With an `exchange`, meets the other threads' searches there as
/// thread `thread` (a better shared plan joins the population, or, serving
/// other jobs, becomes the plan a fresh population is built around).
SegmentPlan genetic_search(const Problem& problem, const SolveOptions& options, const SegmentPlan& start,
                           const std::vector<std::vector<Index>>& neighbours, double seconds_budget,
                           std::chrono::steady_clock::time_point solve_started, BestExchange* exchange = nullptr,
                           std::size_t thread = 0);

}  // namespace fsd::detail
