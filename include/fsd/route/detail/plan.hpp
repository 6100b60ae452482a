#pragma once
// The one plan type of the search: a route per slot (route_state.hpp), where
// each job is, which jobs are left out, and the plan's totals kept up to date
// as routes change. Every stage (construction, local search, ruin and
// recreate, the genetic search, the final polish) works on a Plan; what is
// stored between stages is its node lists (PlanRoutes).
#include <cstdint>
#include <vector>

#include "fsd/model/objective.hpp"
#include "fsd/model/solution.hpp"
#include "fsd/route/detail/route_spec.hpp"
#include "fsd/route/detail/route_state.hpp"

namespace fsd::detail {

/// A plan as node lists, one per slot (start node, jobs and breaks, end node).
using PlanRoutes = std::vector<std::vector<Index>>;

class Plan {
public:
    explicit Plan(const RouteModel& model);

    const RouteModel& model() const noexcept { return model_; }
    Index num_slots() const noexcept { return static_cast<Index>(routes_.size()); }

    /// Makes `routes` the plan (a slot beyond `routes` or with an empty list
    /// gets its breaks and no job; breaks a list lacks are put first, for
    /// LocalSearch::place_breaks to move).
    void load(const PlanRoutes& routes);
    /// The node lists of every slot.
    PlanRoutes snapshot() const;
    /// Route s (used) as a solution states it: engineer, shift, timed steps
    /// (its depot stop with what it picks up included) and its engineer cost.
    Route written_route(Index s) const;
    /// Makes a snapshot current again, rebuilding only the routes that differ.
    void restore(const PlanRoutes& routes);
    /// Job lists per slot (breaks and depots left out).
    std::vector<std::vector<Index>> job_routes() const;
    /// Node list of an unused route of slot s: start, its breaks in order, end.
    std::vector<Index> empty_route(Index s) const;

    const RouteState& route(Index s) const { return routes_[static_cast<std::size_t>(s)]; }
    /// Slot serving job j, -1 when it is left out.
    Index route_of(Index j) const { return route_of_[static_cast<std::size_t>(j)]; }
    /// Position of job j in its route's nodes.
    Index position(Index j) const { return position_[static_cast<std::size_t>(j)]; }
    bool served(Index j) const { return route_of(j) >= 0; }
    /// The jobs left out (in no particular order).
    const std::vector<Index>& unserved() const noexcept { return unserved_; }

    Penalties& penalties() noexcept { return penalties_; }
    const Penalties& penalties() const noexcept { return penalties_; }

    /// What the route `spec` describes would cost (exactly: by segments, or
    /// node by node for routes with timed nodes), with the depot stop it
    /// needs when its van cannot cover its jobs (depot_stop.hpp). `relaxed`:
    /// timed nodes by their segments only and no depot stop, a lower bound
    /// when travel obeys the triangle inequality (RouteCost::exact tells which).
    RouteCost price(const RouteSpec& spec, bool relaxed = false) const;
    /// A lower bound of price(spec).penalised() from the engineer's costs
    /// alone (fixed, legs, and the working hours of the driving and the time
    /// on site): all the rest is never negative. O(parts),
    /// plus the nodes of runs not stored as segments.
    Cost travel_bound(const RouteSpec& spec) const;
    /// The nodes of the route `spec` describes. Breaks taken from a route of
    /// another slot become the slot's own breaks of the same rank (callers
    /// only move runs with breaks between slots whose breaks are alike).
    std::vector<Index> materialize(const RouteSpec& spec) const;
    /// Makes `nodes` the route of slot s.
    void set_route(Index s, std::vector<Index> nodes);
    /// Makes `nodes1` the route of s1 and `nodes2` that of s2 (s1 != s2), as
    /// one change: jobs may move between the two.
    void set_routes(Index s1, std::vector<Index> nodes1, Index s2, std::vector<Index> nodes2);

    /// A counter that grows with every route change.
    std::int64_t clock() const noexcept { return clock_; }
    /// When route s last changed (on clock()).
    std::int64_t modified(Index s) const { return modified_[static_cast<std::size_t>(s)]; }

    /// Penalised cost of route s under the current penalties.
    Cost penalised(Index s) const { return route(s).cost().penalised(penalties_); }
    /// Sum of the left-out jobs' prizes.
    Cost unserved_cost() const noexcept { return unserved_cost_; }
    /// The objective (routes, jobs left out, balance).
    Cost objective() const noexcept { return routes_objective_ + unserved_cost_ + balance(); }
    /// The objective plus the penalties.
    Cost penalised() const noexcept {
        return objective() + penalties_.time_warp * warp_ + penalties_.excess_load * excess_;
    }
    Duration warp() const noexcept { return warp_; }
    Amount excess() const noexcept { return excess_; }
    bool feasible() const noexcept { return warp_ == 0 && excess_ == 0; }
    /// The objective part by part.
    ObjectiveParts parts() const;

    /// The weighted spread of engineers' working time (0 when balance is off).
    Cost balance() const;
    /// The same with the routes of slots s1 and s2 (-1: none) working w1 and w2.
    Cost balance_with(Index s1, Duration w1, Index s2, Duration w2) const;

private:
    template <bool Paid>
    Cost travel_bound_of(const RouteSpec& spec) const;
    // Tools and parts the jobs of `spec` use in all (in used_scratch_).
    std::span<const Amount> spec_used(const RouteSpec& spec) const;
    void leave(Index s);   // route s's jobs count as left out, its figures leave the totals
    void enter(Index s);   // and come back as they now are

    const RouteModel& model_;
    std::vector<RouteState> routes_;
    std::vector<Index> route_of_;
    std::vector<Index> position_;
    std::vector<Index> unserved_;
    std::vector<Index> unserved_at_;   // per job: index into unserved_, -1 when served
    std::vector<std::int64_t> modified_;
    std::int64_t clock_ = 0;
    Penalties penalties_;
    Cost routes_objective_ = 0;
    Cost unserved_cost_ = 0;
    Duration warp_ = 0;
    Amount excess_ = 0;
    mutable std::vector<Amount> load_scratch_;
    mutable std::vector<Amount> used_scratch_;   // tools and parts a spec's jobs use
    mutable StopScratch stop_scratch_;
};

}  // namespace fsd::detail
