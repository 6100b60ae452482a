#include "fsd/travel/great_circle.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "matrix_storage.hpp"

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

// A leg before rounding, so that its range can be checked first.
struct ExactLeg {
    double metres, seconds;
};

// Points as unit vectors: the great-circle angle follows from the chord length
// with one sqrt and one asin per pair, instead of the haversine's trigonometry
// per pair (the same value up to rounding far below a metre).
ExactLeg leg_between(const UnitVector& a, const UnitVector& b, double arc_scale, double seconds_per_metre) {
    const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    const double metres = arc_scale * std::asin(std::min(1.0, chord / 2));
    return {metres, metres * seconds_per_metre};
}

// Values are non-negative, so adding one half and truncating rounds half up
// (cheaper than llround in the matrix loop).
std::int64_t round_half_up(double v) { return static_cast<std::int64_t>(v + 0.5); }

// Rounds to at most kTravelValueMax exactly when below this; written as
// "not below" so that NaN and infinity are refused too.
constexpr double kRoundingLimit = static_cast<double>(kTravelValueMax) + 0.5;

[[noreturn]] void refuse_leg(std::ptrdiff_t from, std::ptrdiff_t to, const ExactLeg& leg, const GreatCircleOptions& options,
                             const std::string& path_prefix) {
    const std::string where = fmt::format("the great-circle leg from location {} to location {}", from, to);
    if (!(leg.metres < kRoundingLimit))
        throw InputError(path_prefix + "/detour_factor",
                         fmt::format("{} is {:.0f} m long with detour factor {}, {}", where, leg.metres,
                                     options.detour_factor, beyond_travel_limit("m")));
    throw InputError(path_prefix + "/speed_kmh", fmt::format("{} ({:.0f} m) takes {:.0f} s at {} km/h, {}", where, leg.metres,
                                                             leg.seconds, options.speed_kmh, beyond_travel_limit("s")));
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
    const ExactLeg leg = leg_between(unit_vector(a), unit_vector(b), 2.0 * kEarthRadius * options.detour_factor,
                                     3.6 / options.speed_kmh);
    return {round_half_up(leg.metres), round_half_up(leg.seconds)};
}

TravelMatrices great_circle_matrices(const std::vector<Coordinates>& points, const GreatCircleOptions& options,
                                     const std::string& path_prefix) {
    const auto n = static_cast<std::ptrdiff_t>(points.size());
    // Not zeroed: the loops write every entry (the diagonal, and each pair
    // once for both directions).
    TravelMatrices tm{travel_detail::unwritten_matrix(n, n), travel_detail::unwritten_matrix(n, n)};
    std::vector<UnitVector> u;
    u.reserve(points.size());
    for (const Coordinates& c : points) u.push_back(unit_vector(c));
    const double seconds_per_metre = 3.6 / options.speed_kmh;
    // Road metres for a chord c: 2 R asin(c / 2) is the arc, times the detour.
    const double arc_scale = 2.0 * kEarthRadius * options.detour_factor;
    for (std::ptrdiff_t i = 0; i < n; ++i) tm.distances(i, i) = tm.durations(i, i) = 0;
    // Each pair is computed once and written in both directions. The mirrored
    // write goes down a column, one row (and one memory page) per entry, so
    // the upper triangle is walked in square tiles whose rows and columns stay
    // in the caches and the TLB (a fifth less CPU time than row by row at
    // 11,000 locations).
    constexpr std::ptrdiff_t kTile = 64;
    for (std::ptrdiff_t ti = 0; ti < n; ti += kTile) {
        for (std::ptrdiff_t tj = ti; tj < n; tj += kTile) {
            const std::ptrdiff_t i_end = std::min(ti + kTile, n), j_end = std::min(tj + kTile, n);
            for (std::ptrdiff_t i = ti; i < i_end; ++i) {
                for (std::ptrdiff_t j = std::max(tj, i + 1); j < j_end; ++j) {
                    const ExactLeg leg =
                        leg_between(u[static_cast<size_t>(i)], u[static_cast<size_t>(j)], arc_scale, seconds_per_metre);
                    if (!(leg.seconds < kRoundingLimit) || !(leg.metres < kRoundingLimit))
                        refuse_leg(i, j, leg, options, path_prefix);
                    const auto metres = static_cast<TravelValue>(round_half_up(leg.metres));
                    const auto seconds = static_cast<TravelValue>(round_half_up(leg.seconds));
                    tm.distances(i, j) = tm.distances(j, i) = metres;
                    tm.durations(i, j) = tm.durations(j, i) = seconds;
                }
            }
        }
    }
    return tm;
}

}  // namespace fsd
