#pragma once
// The local week every staffing figure is laid out on: forecasts, desk
// intervals, requirements and rosters count from Monday 00:00 local time.
#include "fsd/core/types.hpp"

namespace fsd {

/// One day and one week, in seconds.
inline constexpr Duration kDay = 86400;
inline constexpr Duration kWeek = 7 * kDay;

}  // namespace fsd
