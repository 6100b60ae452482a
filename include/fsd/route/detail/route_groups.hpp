#pragma once
// The decomposition of a large plan (docs/design.md, "Decomposition"): its
// routes in groups of nearby routes, and the locks that leave one group open
// while every other route stays as it is, so that any search of the plan
// becomes a search of that group's sub-problem.
#include <random>
#include <vector>

#include "fsd/route/detail/plan.hpp"
#include "fsd/route/detail/route_locks.hpp"

namespace fsd::detail {

/// The used routes of `plan` that `locks` leave open, each in one group of
/// nearby routes holding about `jobs_per_group` jobs. A group grows from a
/// random route by adding, each time, the route that holds most neighbours
/// (RouteModel::neighbours) of the group's jobs, so it needs no coordinates;
/// it stops at `jobs_per_group` jobs or when no route outside it holds a
/// neighbour. Groups are listed in the order they were grown.
std::vector<std::vector<Index>> nearby_route_groups(const Plan& plan, const RouteLocks& locks, Index jobs_per_group,
                                                    std::mt19937_64& rng);

/// `locks` with every used route outside `group` closed as it is in `plan`
/// (its jobs fixed). Unused routes stay open, so the group may spread into them.
RouteLocks locks_outside(const Plan& plan, const RouteLocks& locks, const std::vector<Index>& group);

}  // namespace fsd::detail
