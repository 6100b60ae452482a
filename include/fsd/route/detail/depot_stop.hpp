#pragma once
// Depot stops as the search plans them (docs/design.md, "The route model"):
// a route is a node list without depots, and when its van cannot cover the
// tools and parts of its jobs, pricing the route chooses its one stop: at
// the depot and place that cost least, anywhere before the first job the van
// alone cannot serve, at a depot that lends or stocks everything the van
// lacks. The stop then picks up exactly what the rest of the route needs
// beyond what is on board.
#include <span>

#include "fsd/model/solution.hpp"
#include "fsd/route/detail/route_state.hpp"

namespace fsd::detail {

/// Whether slot s's van alone covers jobs that use `used` in all (every
/// tool held, every part's total within the stock).
bool van_covers(const RouteModel& m, Index s, std::span<const Amount> used);

/// Units the van of slot s lacks for `used`: a missing tool counts once per
/// job needing it, a part the units beyond the stock.
Amount shortfall(const RouteModel& m, Index s, std::span<const Amount> used);

/// A route's cost with the depot stop chosen for it.
struct StoppedRoute {
    RouteCost cost;
    DepotStop stop;
};

/// Prices the route `nodes` of slot s (start node ... end node, no depot),
/// whose jobs use `used` in all, which its van alone does not cover, with
/// `counts` and `load` over it: every depot that offers all the van lacks at
/// every place before the first job the van cannot serve, each exactly (by
/// segments, node by node when the route or the depot is timed), the least
/// time warp first, then the cheapest, then the earliest return. When no
/// depot covers, the route without a stop with the units short as excess.
/// `release` as in TimingState (linked visits wait for their partners).
StoppedRoute price_with_stop(const RouteModel& m, Index s, std::span<const Index> nodes, const RouteCounts& counts,
                             std::span<const Amount> load, std::span<const Amount> used, StopScratch& scratch,
                             const Time* release = nullptr);

/// Sets what `step` (the stop of a route of slot s whose jobs use `used` in
/// all) picks up: each tool the engineer lacks, each part's units beyond the
/// stock (what is left on board at the stop plus the pickup is then exactly
/// what the rest of the route uses).
void fill_pickups(const RouteModel& m, Index s, std::span<const Amount> used, Step& step);

}  // namespace fsd::detail
