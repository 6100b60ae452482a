#pragma once
// Hand-built plans for tests of the search's parts (LocalSearch, repair).
#include <vector>

#include "fsd/route/detail/plan.hpp"

namespace route_test {

/// Node lists: slot s serves `jobs[s]` in order, between its start and end
/// (slots beyond `jobs` stay unused).
inline fsd::detail::PlanRoutes routes_of(const fsd::detail::RouteModel& m,
                                         const std::vector<std::vector<fsd::Index>>& jobs) {
    fsd::detail::PlanRoutes routes(static_cast<std::size_t>(m.num_slots()));
    for (std::size_t s = 0; s < routes.size(); ++s) {
        routes[s].push_back(m.start_node(static_cast<fsd::Index>(s)));
        if (s < jobs.size()) routes[s].insert(routes[s].end(), jobs[s].begin(), jobs[s].end());
        routes[s].push_back(m.end_node(static_cast<fsd::Index>(s)));
    }
    return routes;
}

}  // namespace route_test
