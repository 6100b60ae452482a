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
    // Routes' timing states point into the plan's own releases.
    Plan(const Plan&) = delete;
    Plan& operator=(const Plan&) = delete;

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
    /// The objective (routes, jobs left out, balance, the largest lateness).
    Cost objective() const { return routes_objective_ + unserved_cost_ + balance() + max_lateness_cost(); }
    /// The objective plus the penalties.
    Cost penalised() const {
        return objective() + penalties_.time_warp * warp() + penalties_.excess_load * excess_;
    }
    /// Time warp of the routes (with what their links miss, route_link_warp).
    Duration warp() const noexcept { return warp_; }
    Amount excess() const noexcept { return excess_; }
    bool feasible() const noexcept { return warp() == 0 && excess_ == 0; }

    /// Per job: the earliest start its links allow where its partners start
    /// now (kTimeMin when nothing holds it); null when the problem has no
    /// links. Routes are timed with it (TimingState::release).
    const Time* release() const noexcept { return model_.has_links() ? release_.data() : nullptr; }
    /// Whether the plan's cost has parts no single route decides (links, the
    /// largest lateness): then a move's price from its routes is a guess,
    /// and the local search checks the plan's cost before keeping it.
    bool coupled() const noexcept { return model_.has_links() || model_.problem().weights().max_lateness != 0; }
    /// Links the plan breaks: one visit served and the other not, or both
    /// served and, timed together, off their gap or their engineer rule.
    std::vector<Index> broken_links() const;
    /// The link warp of route s holding the linked visits `linked` (job,
    /// start), in any order: the gaps its visits miss, with each other and
    /// with partners in other routes where those start now (both routes
    /// count those), and an hour per link whose engineers break its rule
    /// (two visits of a `different` link in it; a `same` visit whose partner
    /// another engineer serves now). Releases make a visit wait for its
    /// partners, so what is left is a cycle of links that cannot hold.
    Duration route_link_warp(Index s, std::span<const std::pair<Index, Time>> linked) const;
    /// Gives route `r` (of this plan or a trial one of the same slot) its
    /// link warp against the plan as it is (route_link_warp).
    void price_links(RouteState& r) const;
    /// The link warp of a link whose engineers break its rule.
    static constexpr Duration kLinkBreak = 3600;
    /// The weighted largest SLA lateness of any route (0 when not priced).
    Cost max_lateness_cost() const;
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
    // Times linked visits together: raises each one's release to what its
    // partners' starts ask, from nothing, until the starts hold still (the
    // earliest times that keep every gap), rebuilds the routes whose
    // releases changed and brings every linked route's link warp up to
    // date (route_link_warp). No-op without links.
    void settle_links();
    // Route s serves a linked visit: only then can changing it move a link's timing.
    bool holds_linked(Index s) const;
    // Start of each job as its route (with its depot stop) times it under `release`, into starts.
    void time_linked(Index s, const std::vector<Time>& release, std::vector<Time>& starts) const;
    // Brings route s's link warp up to date (its cost and the plan's totals).
    void refresh_link_warp(Index s);
    // Keeps `node`'s start in linked_scratch_ when it is a linked job (out
    // of line: price's node loop stays small for days without links).
    [[gnu::noinline]] void note_linked(Index node, Time start) const;
    mutable std::vector<std::pair<Index, Time>> linked_scratch_;

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
    std::vector<Time> release_;        // per job (links only)
    std::vector<Index> linked_jobs_;   // jobs in some link
    std::vector<Time> start_;          // per job: its start as the links were last settled (as written)
    mutable std::vector<Amount> load_scratch_;
    mutable std::vector<Amount> used_scratch_;   // tools and parts a spec's jobs use
    mutable StopScratch stop_scratch_;
};

}  // namespace fsd::detail
