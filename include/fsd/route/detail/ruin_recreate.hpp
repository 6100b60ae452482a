#pragma once
// Ruin and recreate, the perturbation of the iterated local search and the
// repair of the genetic search's children.
#include <random>
#include <vector>

#include "fsd/route/detail/local_search.hpp"

namespace fsd::detail {

/// Takes a random job and up to 5-20 of its nearest served neighbours out of
/// their routes (fixed jobs stay), or a run of consecutive jobs from the
/// routes around it, then recreates.
void ruin_and_recreate(Plan& plan, LocalSearch& ls, const RouteLocks& locks, std::mt19937_64& rng);

/// Puts `jobs` and the left-out neighbours of them back: `first` (if one of
/// them) first, then the highest prize first (among equal prizes `lead`
/// first, then by SLA deadline, then in random order), each at its cheapest
/// place among the routes near it where the route stays feasible, when that
/// costs less than its prize.
void recreate(Plan& plan, LocalSearch& ls, std::vector<Index> jobs, std::mt19937_64& rng, Index first = -1,
              Index lead = -1);

}  // namespace fsd::detail
