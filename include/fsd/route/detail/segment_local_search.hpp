#pragma once
// The penalised local search on time-window segments shared by the segment
// searches (iterated local search, genetic search): a plan held as node lists
// per route slot with their prefix/suffix segments, granular moves priced in
// O(1), cheapest penalised insertion, and ruin-and-recreate.
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/route/detail/move_eval.hpp"
#include "fsd/route/detail/route_locks.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd::detail {

/// A plan of the segment searches under penalties for time warp and excess
/// load. Routes are node lists per slot: the slot's start node, job indices,
/// the slot's end node. Only for problems segment_search_obstacle accepts.
class SegmentLocalSearch {
public:
    using Clock = std::chrono::steady_clock;
    using NodeRoutes = std::vector<std::vector<Index>>;

    /// Moves pair a job with its `neighbours`; descents stop at `deadline` or
    /// on options.cancel. Random choices use `seed`.
    SegmentLocalSearch(const Problem& problem, const SolveOptions& options,
                       const std::vector<std::vector<Index>>& neighbours, Clock::time_point deadline,
                       std::uint64_t seed);

    /// Job lists per slot (missing slots empty) become the current plan.
    void load(const std::vector<std::vector<Index>>& job_routes);
    /// The current plan as job lists per slot.
    std::vector<std::vector<Index>> job_routes() const;
    /// The current plan's node lists (for restore).
    const NodeRoutes& node_routes() const noexcept { return routes_; }
    /// Makes node lists taken from node_routes() current again.
    void restore(const NodeRoutes& routes);

    /// First-improvement descent over the granular neighbourhoods until no
    /// move improves the penalised cost (or time runs out).
    void local_search();
    /// Removes a random job and up to 20 of its nearest routed neighbours,
    /// then reinserts each at its cheapest penalised place.
    void ruin_and_recreate();
    /// Inserts unrouted job `u` at its cheapest penalised place.
    void insert_cheapest(Index u);

    /// No time warp and no excess load on any used route.
    bool feasible() const;
    /// The engineers' cost of the routes, overtime included (no penalties).
    Cost route_costs() const;
    /// Total time warp (with the drive beyond travel limits) and total
    /// excess load (with jobs beyond job limits) over the routes.
    Duration time_warp() const;
    Amount excess_load() const;

    PenaltyWeights& weights() noexcept { return w_; }
    const PenaltyWeights& weights() const noexcept { return w_; }
    /// Past the deadline or cancelled.
    bool out_of_time() const;
    /// The fixed parts of options.initial_routes: no move or ruin touches
    /// a fixed job, nothing goes into a fixed route or before a fixed head.
    const RouteLocks& locks() const noexcept { return locks_; }

private:
    bool fits(Index slot, Index job) const;
    bool tail_fits(Index slot, Index r, std::size_t from) const;
    Index start_node(Index s) const { return problem_.num_jobs() + 2 * s; }
    Index end_node(Index s) const { return problem_.num_jobs() + 2 * s + 1; }
    Cost route_cost(Index s, const TwSegment& seg, std::size_t jobs) const;
    Cost pen(Index s, const TwSegment& seg, std::size_t jobs) const;
    Duration warp(Index s, const TwSegment& seg) const;
    std::size_t jobs_in(Index r) const { return routes_[static_cast<std::size_t>(r)].size() - 2; }
    Cost current_pen(Index r) const { return pen(r, segs_[static_cast<std::size_t>(r)].route(), jobs_in(r)); }
    void rebuild(Index r);
    void apply(Index ra, std::vector<Index> a, Index rb = -1, std::vector<Index> b = {});
    bool improve(Index u);

    const Problem& problem_;
    const SolveOptions& options_;
    const std::vector<std::vector<Index>>& neighbours_;
    Clock::time_point deadline_;
    std::mt19937_64 rng_;
    SegmentInstance in_;
    std::vector<SegmentLoad> cap_;         // per slot
    std::vector<EngineerCosts> costs_;     // per slot
    std::vector<Time> shift_end_;          // per slot: where overtime begins
    std::vector<Duration> max_travel_;     // per slot: the engineer's travel limit
    Cost travel_weight_ = 1;
    Cost overtime_weight_ = 1;
    bool all_compatible_ = true;
    RouteLocks locks_;
    NodeRoutes routes_;
    std::vector<RouteSegments> segs_;
    std::vector<Index> route_of_;
    std::vector<std::size_t> pos_of_;
    // Change stamps: a route's last change, a job's last fruitless examination.
    std::int64_t clock_ = 0;
    std::vector<std::int64_t> modified_;
    std::vector<std::int64_t> examined_;
    PenaltyWeights w_{1, 1};
};

}  // namespace fsd::detail
