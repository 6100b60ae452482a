#pragma once
// Units used everywhere inside fsdispatch. Floating point appears only at the
// edges (reading coordinates, printing reports) and in statistics.
#include <cstdint>
#include <limits>

namespace fsd {

/// An instant: seconds since an epoch the caller chooses (Unix time when
/// timestamps are given as ISO-8601 strings).
using Time = std::int64_t;
/// A span of time in seconds.
using Duration = std::int64_t;
/// A distance in metres (or, for benchmark instances, the instance's unit
/// scaled to integers).
using Distance = std::int64_t;
/// A cost in the caller's integer cost unit.
using Cost = std::int64_t;
/// One dimension of a load or a capacity (parts, kilograms, ...).
using Amount = std::int64_t;
/// Dense index of an engineer, job, location or skill inside a Problem.
using Index = std::int32_t;

/// Largest instant we ever compute with; leaves headroom so that adding a
/// duration to it cannot overflow.
inline constexpr Time kTimeMax = std::numeric_limits<std::int64_t>::max() / 4;
inline constexpr Time kTimeMin = -kTimeMax;

}  // namespace fsd
