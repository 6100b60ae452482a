#pragma once
// Iterated local search on time-window segments (tw_segment.hpp,
// move_eval.hpp) for problems segments can express: one time window per
// job (a hard SLA deadline closes it), no breaks, no priced soft SLA
// deadlines, one travel profile. Optional jobs the opening plan serves are
// kept served, those it leaves out stay out until the closing exact descent.
// Moves are priced in O(1) with penalties for time warp and excess load, so
// the search may pass through infeasible plans; it returns the best feasible
// plan it saw, which fsd::solve then hands to the exact search as a warm
// start (checked, timed and explained there).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/route/detail/best_exchange.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd::detail {

/// Why `problem` cannot be searched on segments (empty when it can).
std::string segment_search_obstacle(const Problem& problem);

/// Routes per slot (job indices in order) and the jobs no route took.
struct SegmentPlan {
    std::vector<std::vector<Index>> routes;
    std::vector<Index> unassigned;
    Cost cost = 0;              ///< route costs of the plan (engineers' costs and overtime)
    std::int64_t iterations = 0;
};

/// The plan's objective: its route costs plus the unassigned cost of the
/// jobs it leaves out.
Cost segment_plan_total(const Problem& problem, const SegmentPlan& plan);

/// `routes` as a plan of `problem` (route costs to be filled in): the jobs
/// no route serves listed as unassigned.
SegmentPlan segment_plan_of(const Problem& problem, std::vector<std::vector<Index>> routes);

/// Tells options.on_progress (if set) of a new best plan: its route costs
/// (overtime included) as the travel part, the jobs it leaves out at their unassigned cost, seconds
/// since `solve_started`.
void report_best(const Problem& problem, const SolveOptions& options, const SegmentPlan& best,
                 std::int64_t iteration, std::chrono::steady_clock::time_point solve_started);

/// Improves `start` (a feasible plan of the same problem) until the
/// iteration limit, `seconds_budget` from now, or cancellation; returns the
/// best feasible plan found (at worst `start`), reporting each new best to
/// options.on_progress (seconds counted from `solve_started`). Moves pair a
/// job with its `neighbours` (the granular lists of regret-ls's Search).
/// Deterministic for a seed under an iteration limit. With an `exchange`,
/// meets the other threads' searches there as thread `thread`.
SegmentPlan segment_search(const Problem& problem, const SolveOptions& options, const SegmentPlan& start,
                           const std::vector<std::vector<Index>>& neighbours, double seconds_budget,
                           std::chrono::steady_clock::time_point solve_started, BestExchange* exchange = nullptr,
                           std::size_t thread = 0);

}  // namespace fsd::detail
