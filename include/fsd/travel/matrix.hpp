#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "fsd/core/row_major_matrix.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// One entry of a travel matrix: seconds or metres in 32 bits. The matrices
/// are most of a large problem's memory (two for 11,000 locations take
/// 0.97 GB, 1.9 GB in int64), and no real leg comes near the limit. An entry
/// promotes to Duration / Distance (int64) in arithmetic with one; two entries
/// added to each other do not, so such code promotes one first.
using TravelValue = std::int32_t;
/// The largest entry: 2,147,483,647 s is 68 years, 2,147,483,647 m 2.1 million km.
inline constexpr std::int64_t kTravelValueMax = std::numeric_limits<TravelValue>::max();

/// Square integer matrix of travel durations (seconds) between locations,
/// row = from, column = to. Row-major so a row is one origin's contiguous
/// distances (what NumPy sees without a copy). Our own small type rather than
/// a linear-algebra library's: nothing computes with these matrices as a
/// whole, and every header that reaches a Problem includes this one.
using DurationMatrix = RowMajorMatrix<TravelValue>;
/// Square integer matrix of travel distances (metres), same layout and type.
using DistanceMatrix = RowMajorMatrix<TravelValue>;

/// Durations and distances between the same set of locations.
struct TravelMatrices {
    DurationMatrix durations;
    DistanceMatrix distances;
};

/// "more than a travel matrix holds (at most 2147483647 s)" for `unit` "s"
/// (or "m", or none): how every refusal of a value too large for an entry
/// ends, so they all state the limit alike.
std::string beyond_travel_limit(std::string_view unit = "");

/// One duration as an engineer with `speed_factor` drives it: `base` divided
/// by the factor, rounded to the nearest second (the rounding of
/// scale_durations).
Duration scale_duration(Duration base, double speed_factor);
/// Durations for an engineer profile, each as scale_duration rounds it. A
/// factor of 1 returns `base` unchanged. A scaled entry beyond kTravelValueMax
/// throws InputError at `path` (the speed factor's).
DurationMatrix scale_durations(const DurationMatrix& base, double speed_factor, const std::string& path = "");

}  // namespace fsd
