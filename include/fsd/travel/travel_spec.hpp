#pragma once
#include <variant>

#include "fsd/travel/great_circle.hpp"
#include "fsd/travel/matrix.hpp"
#include "fsd/travel/road_network.hpp"

namespace fsd {

/// How a Problem's travel is computed: great-circle from coordinates (the
/// default), an explicit matrix given by the caller (locations refer to it by
/// `matrix_index`), or a road network.
using TravelSpec = std::variant<GreatCircleOptions, TravelMatrices, RoadNetwork>;

}  // namespace fsd
