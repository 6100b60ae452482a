#include "fsd/travel/great_circle.hpp"

#include <algorithm>
#include <cmath>

namespace fsd {

namespace {
constexpr double kEarthRadius = 6371008.8;
constexpr double kRad = 3.14159265358979323846 / 180.0;
struct UnitVector {
    double x, y, z;
};

UnitVector unit_vector(const Coordinates& c) {
    const double lat = c.lat * kRad, lon = c.lon * kRad;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

// Points as unit vectors: the great-circle angle follows from the chord length
// with one sqrt and one asin per pair, instead of the haversine's trigonometry
// per pair (the same value up to rounding far below a metre). Values are
// non-negative, so adding one half and truncating rounds half up (cheaper than
// llround in the matrix loop).
GreatCircleLeg leg_between(const UnitVector& a, const UnitVector& b, double arc_scale, double seconds_per_metre) {
    const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    const double metres = arc_scale * std::asin(std::min(1.0, chord / 2));
    return {static_cast<Distance>(metres + 0.5), static_cast<Duration>(metres * seconds_per_metre + 0.5)};
}

}  // namespace

double haversine_metres(const Coordinates& a, const Coordinates& b) {
    const double dlat = (b.lat - a.lat) * kRad;
    const double dlon = (b.lon - a.lon) * kRad;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2.0 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

GreatCircleLeg great_circle_leg(const Coordinates& a, const Coordinates& b, const GreatCircleOptions& options) {
    return leg_between(unit_vector(a), unit_vector(b), 2.0 * kEarthRadius * options.detour_factor,
                       3.6 / options.speed_kmh);
}

TravelMatrices great_circle_matrices(const std::vector<Coordinates>& points, const GreatCircleOptions& options) {
    const auto n = static_cast<Eigen::Index>(points.size());
    TravelMatrices tm{DurationMatrix::Zero(n, n), DistanceMatrix::Zero(n, n)};
    std::vector<UnitVector> u;
    u.reserve(points.size());
    for (const Coordinates& c : points) u.push_back(unit_vector(c));
    const double seconds_per_metre = 3.6 / options.speed_kmh;
    // Road metres for a chord c: 2 R asin(c / 2) is the arc, times the detour.
    const double arc_scale = 2.0 * kEarthRadius * options.detour_factor;
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = i + 1; j < n; ++j) {
            const GreatCircleLeg leg = leg_between(u[static_cast<size_t>(i)], u[static_cast<size_t>(j)], arc_scale, seconds_per_metre);
            tm.distances(i, j) = tm.distances(j, i) = leg.distance;
            tm.durations(i, j) = tm.durations(j, i) = leg.duration;
        }
    }
    return tm;
}

}  // namespace fsd
