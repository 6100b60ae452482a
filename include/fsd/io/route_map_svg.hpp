#pragma once
#include <string>

#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// Options of the route map picture.
struct RouteMapOptions {
    int width = 900;          ///< pixels; the height follows the region's shape
    std::string title = "";   ///< drawn above the map when not empty
};

/// A self-contained SVG map of a plan: each route as a coloured line from the
/// home base (square) through its jobs (dots, numbered in visit order) and
/// depot stops, depots as black diamonds, unassigned jobs as black crosses,
/// and a legend. Needs coordinates on every
/// location; throws InputError naming the first location without them.
std::string route_map_svg(const Problem& problem, const Solution& solution, const RouteMapOptions& options = {});

}  // namespace fsd
