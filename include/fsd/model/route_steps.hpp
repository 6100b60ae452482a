#pragma once
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// Fills in what follows from a route's timed steps, so that every producer
/// of plans states the same figures: each step's waiting (start - arrival)
/// and load on board after it (the route's whole demand when leaving the
/// start, dropping by each job's demand), and the route's totals (travel
/// time, distance, service time of jobs, waiting, lateness, working time =
/// end arrival - departure). `route.steps` must run from the start step to the
/// end step with times, travel and lateness already set; the engineer, shift
/// and cost are left as they are.
void complete_route(const Problem& problem, Route& route);

}  // namespace fsd
