#include "fsd/travel/great_circle.hpp"

#include <algorithm>
#include <cmath>

namespace fsd {

namespace {
constexpr double kEarthRadius = 6371008.8;
constexpr double kRad = 3.14159265358979323846 / 180.0;
}  // namespace

double haversine_metres(const Coordinates& a, const Coordinates& b) {
    const double dlat = (b.lat - a.lat) * kRad;
    const double dlon = (b.lon - a.lon) * kRad;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2.0 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

TravelMatrices great_circle_matrices(const std::vector<Coordinates>& points, const GreatCircleOptions& options) {
    const auto n = static_cast<Eigen::Index>(points.size());
    TravelMatrices tm{DurationMatrix::Zero(n, n), DistanceMatrix::Zero(n, n)};
    // Points as unit vectors: the great-circle angle follows from the chord
    // length with one sqrt and one asin per pair, instead of the haversine's
    // trigonometry per pair (the same value up to rounding far below a metre).
    std::vector<double> x(points.size()), y(points.size()), z(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
        const double lat = points[i].lat * kRad, lon = points[i].lon * kRad;
        x[i] = std::cos(lat) * std::cos(lon);
        y[i] = std::cos(lat) * std::sin(lon);
        z[i] = std::sin(lat);
    }
    const double seconds_per_metre = 3.6 / options.speed_kmh;
    // Road metres for a chord c: 2 R asin(c / 2) is the arc, times the detour.
    const double arc_scale = 2.0 * kEarthRadius * options.detour_factor;
    // Values are non-negative, so adding one half and truncating rounds half up
    // (cheaper than llround in this hot loop).
    auto round_up_half = [](double v) { return static_cast<std::int64_t>(v + 0.5); };
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto a = static_cast<size_t>(i);
        for (Eigen::Index j = i + 1; j < n; ++j) {
            const auto b = static_cast<size_t>(j);
            const double dx = x[a] - x[b], dy = y[a] - y[b], dz = z[a] - z[b];
            const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
            const double metres = arc_scale * std::asin(std::min(1.0, chord / 2));
            const Distance d = round_up_half(metres);
            const Duration t = round_up_half(metres * seconds_per_metre);
            tm.distances(i, j) = tm.distances(j, i) = d;
            tm.durations(i, j) = tm.durations(j, i) = t;
        }
    }
    return tm;
}

}  // namespace fsd
