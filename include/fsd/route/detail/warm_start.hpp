#pragma once
#include "fsd/route/detail/plan.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd::detail {

/// The plan options.initial_routes describe, as node lists per slot (breaks
/// placed by arrange_route). Checks them first (InputError at
/// /options/initial_routes/K/...: indices, a job listed twice, a fixed job
/// the engineer may not serve, a fixed head infeasible on its own), then
/// keeps each route's jobs in their order, dropping a job the engineer may
/// not serve or one that makes the route so far infeasible.
PlanRoutes warm_start(const RouteModel& model, const SolveOptions& options);

}  // namespace fsd::detail
