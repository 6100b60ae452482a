#pragma once
// Private to lib/sim: a uniform point in a disc around a centre, for homes and tickets.
#include <algorithm>
#include <cmath>

#include "fsd/core/location.hpp"
#include "fsd/core/seeded_draw.hpp"

namespace fsd::sim_detail {

/// Uniform in the disc: radius by the square root of a uniform draw, on a
/// local flat-earth approximation that is exact enough within 2,000 km.
inline Coordinates point_in_disc(SeededDraw& rng, const Coordinates& centre, double radius_km) {
    constexpr double kKmPerDegree = 111.195;  // mean earth radius * pi / 180
    const auto dir = rng.direction();
    const double r = radius_km * std::sqrt(rng.unit());
    const double dlat = r * dir[0] / kKmPerDegree;
    const double dlon = r * dir[1] / (kKmPerDegree * std::max(0.01, std::cos(centre.lat * M_PI / 180.0)));
    return {std::clamp(centre.lat + dlat, -90.0, 90.0), std::remainder(centre.lon + dlon, 360.0)};
}

}  // namespace fsd::sim_detail
