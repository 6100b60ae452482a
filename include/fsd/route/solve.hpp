#pragma once
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd {

/// Plans the day: parallel regret insertion followed by local search
/// (relocate, swap, 2-opt within and between routes) until the time or
/// iteration limit. Every job left out carries its reason. With
/// options.initial_routes the search starts from that plan (repaired where it
/// no longer fits) instead of an empty one.
Solution solve(const Problem& problem, const SolveOptions& options = {});

}  // namespace fsd
