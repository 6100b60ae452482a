#pragma once
#include <string>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/travel/matrix.hpp"

namespace fsd {

/// Straight-line travel: haversine distance times a detour factor, driven at
/// a constant speed. The default travel model when locations have coordinates.
struct GreatCircleOptions {
    double speed_kmh = 40.0;     ///< average door-to-door speed
    double detour_factor = 1.3;  ///< road distance / straight-line distance
    friend bool operator==(const GreatCircleOptions&, const GreatCircleOptions&) = default;
};

/// Haversine distance in metres (mean earth radius 6,371,008.8 m).
double haversine_metres(const Coordinates& a, const Coordinates& b);

/// Road metres and driving seconds of one great-circle leg, rounded exactly as
/// great_circle_matrices rounds them (the same arithmetic, so a leg computed on
/// its own equals the matrix entry).
struct GreatCircleLeg {
    Distance distance = 0;
    Duration duration = 0;
};
GreatCircleLeg great_circle_leg(const Coordinates& a, const Coordinates& b, const GreatCircleOptions& options);

/// Matrices between all `points`: distance = round(haversine * detour),
/// duration = round(distance / speed). A leg beyond kTravelValueMax is
/// refused, not clamped: InputError at `path_prefix` + "/speed_kmh" (or
/// "/detour_factor" when the metres already do not fit).
TravelMatrices great_circle_matrices(const std::vector<Coordinates>& points,
                                     const GreatCircleOptions& options, const std::string& path_prefix = "");

}  // namespace fsd
