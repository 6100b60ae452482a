#pragma once
#include <Eigen/Core>

#include "fsd/core/types.hpp"

namespace fsd {

/// Square integer matrix of travel durations (seconds) between locations,
/// row = from, column = to. Row-major so a row is one origin's contiguous
/// distances (what NumPy sees without a copy).
using DurationMatrix = Eigen::Matrix<Duration, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// Square integer matrix of travel distances (metres), same layout.
using DistanceMatrix = Eigen::Matrix<Distance, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Durations and distances between the same set of locations.
struct TravelMatrices {
    DurationMatrix durations;
    DistanceMatrix distances;
};

/// Durations for an engineer profile: `base` divided by `speed_factor`,
/// rounded to the nearest second. A factor of 1 returns `base` unchanged.
/// One duration as an engineer with `speed_factor` drives it (the rounding of
/// scale_durations).
Duration scale_duration(Duration base, double speed_factor);
DurationMatrix scale_durations(const DurationMatrix& base, double speed_factor);

}  // namespace fsd
