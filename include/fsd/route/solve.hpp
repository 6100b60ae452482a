#pragma once
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd {

/// Plans the day: a first plan by construction, then the iterated local
/// search or the genetic search (docs/design.md, "The search") and a
/// feasible polish, until the time, iteration or stagnation limit. Every job
/// left out carries its reason. With options.initial_routes the search
/// starts from that plan (repaired where it no longer fits). InputError at
/// "/options/..." for options out of range, among them more threads than
/// max_solve_threads().
Solution solve(const Problem& problem, const SolveOptions& options = {});

/// The most threads solve() takes on this machine: four per hardware thread
/// (more only wait for a core, and each holds its own copy of the plan).
int max_solve_threads();

}  // namespace fsd
