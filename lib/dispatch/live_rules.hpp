#pragma once
// Private to lib/dispatch: the small rules the timing and the insertion code
// must apply identically.
#include <algorithm>

#include "fsd/core/types.hpp"
#include "fsd/model/engineer.hpp"
#include "fsd/model/job.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/service_duration.hpp"

namespace fsd::live_detail {

/// Half-up rounding of value / divisor for non-negative values (leg costs).
inline Cost round_div(Cost value, Cost divisor) { return (value + divisor / 2) / divisor; }

/// Cost of leaving a ticket out: its penalty if optional, else the weighted mandatory cost.
inline Cost left_out_cost(const Job& job, const ObjectiveWeights& w) {
    return job.optional ? job.penalty : w.unassigned * (1 + job.priority);
}

/// Weighted overtime cost of the engineer's route reaching its end location at
/// `arrival` (the live plan covers the engineer's first shift only).
inline Cost overtime_cost(const Engineer& eng, const ObjectiveWeights& w, Time arrival) {
    const Duration overtime = std::max<Duration>(0, arrival - eng.shifts.front().end);
    return w.overtime * round_div(eng.costs.overtime_per_hour * overtime, 3600);
}

}  // namespace fsd::live_detail
