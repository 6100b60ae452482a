#pragma once
// One route of the search with everything derived from its nodes that moves
// are priced from: the segments of its prefixes, suffixes and tails, its
// node-by-node timing, and running counts (jobs, timed nodes, load,
// preference cost, tools and parts used) so that any part of it is
// summarised in O(1), and the depot stop it makes when its van alone
// cannot cover its jobs (depot_stop.hpp). Everything stored per position
// describes the route without its stop; only cost() includes the stop.
#include <span>
#include <vector>

#include "fsd/route/detail/route_model.hpp"
#include "fsd/route/detail/route_timing.hpp"

namespace fsd::detail {

/// Weights of the penalties the search adds for what a plan may not have:
/// time warp (with the drive beyond a travel limit) and excess load (with
/// the jobs beyond a job limit). Raised while plans stay infeasible, lowered
/// while they stay feasible.
struct Penalties {
    Cost time_warp = 1;
    Cost excess_load = 1;
};

/// What a route costs, part by part (a route without jobs costs nothing).
struct RouteCost {
    Cost travel = 0;        ///< weighted engineer cost: fixed + legs (depot stop's included) + working hours
    /// The part of `travel` beyond fixed cost and the legs between the
    /// route's own nodes: the depot stop's detour and the working-hour cost.
    /// A move may save all of it, so the search's leg tests count it as room.
    Cost extra = 0;
    Cost overtime = 0;      ///< weighted
    Cost lateness = 0;      ///< weighted SLA lateness
    Cost preference = 0;    ///< weighted
    Duration warp = 0;      ///< time warp plus the drive beyond the travel limit
    Amount excess = 0;      ///< load above capacity plus jobs above the job limit
    Time departure = 0;
    Time end = 0;           ///< arrival at the end location
    Index jobs = 0;
    /// False when timed nodes were priced by their segments only (a lower bound).
    bool exact = true;

    /// The objective's parts of this route.
    Cost objective() const noexcept { return travel + overtime + lateness + preference; }
    Cost penalised(const Penalties& w) const noexcept {
        return objective() + w.time_warp * warp + w.excess_load * excess;
    }
    bool feasible() const noexcept { return warp == 0 && excess == 0; }
    /// End minus departure (what workload balance compares).
    Duration working() const noexcept { return jobs == 0 ? 0 : end - departure; }
};

/// The running totals of a route up to a position.
struct RouteCounts {
    Index jobs = 0;
    Index timed = 0;
    Index breaks = 0;
    Cost preference = 0;   ///< on the route's own slot
    Index linked = 0;      ///< jobs in some link
};

/// Where a route stops at a depot: after the node at position `after` of
/// its node list, at depot `depot` (-1: no stop).
struct DepotStop {
    Index depot = -1;
    Index after = -1;
};

/// Buffers the depot stop search reuses from call to call.
struct StopScratch {
    struct Candidate {
        RouteCost cost;   // exact, or a bound from below (exact false)
        TwSegment seg;    // the route with the stop
        DepotStop stop;
    };
    std::vector<Candidate> candidates;
    std::vector<Amount> used;      // cumulative use per position and resource
    std::vector<TwSegment> prefix, suffix;
    std::vector<Index> nodes;      // a route with its stop
};

/// See the file comment. Positions are indices into nodes(): 0 is the start
/// node, size() - 1 the end node.
class RouteState {
public:
    /// Makes `nodes` (start node ... end node of slot `s`) this route;
    /// `release` as in TimingState (the plan's, when the problem links visits).
    void build(const RouteModel& m, Index s, std::vector<Index> nodes, const Time* release = nullptr);

    Index slot() const noexcept { return slot_; }
    const std::vector<Index>& nodes() const noexcept { return nodes_; }
    Index size() const noexcept { return static_cast<Index>(nodes_.size()); }
    Index node(Index i) const { return nodes_[static_cast<std::size_t>(i)]; }
    Index jobs() const noexcept { return cost_.jobs; }
    bool empty() const noexcept { return cost_.jobs == 0; }
    const RouteCost& cost() const noexcept { return cost_; }
    /// When the engineer leaves home (as late as the first step allows),
    /// also for a route without jobs.
    Time departure() const noexcept { return departure_; }

    /// Nodes 0..i.
    const TwSegment& prefix(Index i) const { return prefix_[static_cast<std::size_t>(i)]; }
    /// Nodes i..size()-1.
    const TwSegment& suffix(Index i) const { return suffix_[static_cast<std::size_t>(i)]; }
    /// Nodes i..size()-2 (the part before the end node; i <= size()-2).
    const TwSegment& tail(Index i) const { return tail_[static_cast<std::size_t>(i)]; }
    /// Timing after node i.
    const TimingState& state(Index i) const { return state_[static_cast<std::size_t>(i)]; }
    /// Counts over nodes 0..i.
    const RouteCounts& counts(Index i) const { return counts_[static_cast<std::size_t>(i)]; }
    /// Counts over nodes i..j (i <= j).
    RouteCounts counts(Index i, Index j) const;
    /// The last place (matrix row) among nodes 0..i, and the first among nodes i..size()-1.
    Index place_before(Index i) const { return place_before_[static_cast<std::size_t>(i)]; }
    Index place_after(Index i) const { return place_after_[static_cast<std::size_t>(i)]; }
    /// Load over nodes 0..i (dimensions values).
    std::span<const Amount> load(Index i) const {
        return {load_.data() + static_cast<std::size_t>(i) * dims_, dims_};
    }
    /// Tools and parts used over nodes 0..i (RouteModel::num_resources() values).
    std::span<const Amount> used(Index i) const {
        return {used_.data() + static_cast<std::size_t>(i) * resources_, resources_};
    }
    /// How long the nodes 0..i last on the route's slot (service, breaks);
    /// kept only for a slot with a working-hour rate.
    Duration busy(Index i) const { return busy_[static_cast<std::size_t>(i)]; }
    /// The route's depot stop (depot -1: none).
    const DepotStop& stop() const noexcept { return stop_; }
    /// Start of the node at position i (as timed without the depot stop).
    Time start(Index i) const;
    /// Sets the route's link warp (Plan::route_link_warp), which its cost's
    /// warp includes.
    void set_link_warp(Duration w) noexcept {
        cost_.warp += w - link_warp_;
        link_warp_ = w;
    }
    Duration link_warp() const noexcept { return link_warp_; }
    /// The largest SLA lateness (seconds) of its jobs whose lateness is
    /// priced (RouteModel::deadline), with its depot stop.
    Duration max_lateness() const noexcept { return max_lateness_; }

private:
    Index slot_ = -1;
    std::vector<Index> nodes_;
    std::vector<TwSegment> prefix_, suffix_, tail_;
    std::vector<TimingState> state_;
    std::vector<RouteCounts> counts_;
    std::vector<Index> place_before_, place_after_;
    std::vector<Amount> load_;
    std::size_t dims_ = 0;
    std::vector<Amount> used_;
    std::vector<Duration> busy_;
    std::size_t resources_ = 0;
    DepotStop stop_;
    StopScratch scratch_;
    Time departure_ = 0;
    Duration max_lateness_ = 0;
    Duration link_warp_ = 0;
    const RouteModel* model_ = nullptr;
    RouteCost cost_;
};

/// The cost of a route of slot `s` summarised by `seg` (start to end node)
/// with `counts` and `load` over it; `timing` from node-by-node timing when
/// the route has timed nodes (or balance needs it), else null and the
/// segment decides.
RouteCost route_cost(const RouteModel& m, Index s, const TwSegment& seg, const RouteCounts& counts,
                     std::span<const Amount> load, const RouteTiming* timing);

}  // namespace fsd::detail
