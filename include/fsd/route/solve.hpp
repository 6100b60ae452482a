#pragma once
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd {

/// Plans the day: parallel regret insertion followed by local search
/// (relocate, swap, 2-opt within and between routes) until the time or
/// iteration limit. Every job left out carries its reason.
Solution solve(const Problem& problem, const SolveOptions& options = {});

}  // namespace fsd
