#pragma once
// Exact evaluation of a route given as jobs only (a warm start, a route
// probed by the explanations): the slot's breaks are placed where the route
// costs least, then the route is timed by the one timing (route_timing.hpp).
#include <memory>
#include <span>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/route/detail/route_model.hpp"
#include "fsd/route/detail/route_state.hpp"

namespace fsd::detail {

/// A route of jobs with its breaks placed: its nodes and what it costs.
struct ArrangedRoute {
    std::vector<Index> nodes;   ///< start node, jobs and breaks, end node
    RouteCost cost;
    bool feasible() const noexcept { return cost.feasible(); }
};

/// Places the breaks of slot `s` among `jobs` (kept in their order) where
/// the route has the least time warp and excess, then costs least: each
/// break in turn at its best place between the one before and the end, then
/// once more each given the others. Exact for one break per shift.
ArrangedRoute arrange_route(const RouteModel& m, Index s, std::span<const Index> jobs);
/// The same, building in `scratch` (whose buffers are reused from call to call).
ArrangedRoute arrange_route(const RouteModel& m, Index s, std::span<const Index> jobs, RouteState& scratch);

/// What one route (a slot and an ordered list of jobs) costs, if feasible.
struct RouteEval {
    bool feasible = true;
    Cost objective = 0;      ///< the route's objective parts (0 for an empty route)
    Time departure = 0;
    Time arrival = 0;        ///< at the end location
    Cost cost() const noexcept { return objective; }
};

/// Evaluates job sequences of a problem (arrange_route, for any slot); a
/// sequence holding a job that can never start is infeasible.
class RouteEvaluator {
public:
    explicit RouteEvaluator(const Problem& problem) : model_(std::make_unique<RouteModel>(problem)) {}
    explicit RouteEvaluator(const RouteModel& model) : shared_(&model) {}

    RouteEval evaluate(Index slot, std::span<const Index> jobs) const;
    /// Latest instant job j may start (last window end, bounded by a hard SLA).
    Time latest_start(Index j) const;
    /// Weighted preference cost of engineer e serving job j.
    Cost preference(Index engineer, Index j) const;
    const Problem& problem() const noexcept { return model().problem(); }
    const RouteModel& model() const noexcept { return shared_ ? *shared_ : *model_; }

private:
    std::unique_ptr<RouteModel> model_;
    const RouteModel* shared_ = nullptr;
    mutable RouteState scratch_;  // not thread-safe: an evaluator belongs to one thread
};

}  // namespace fsd::detail
