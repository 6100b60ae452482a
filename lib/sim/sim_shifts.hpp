#pragma once
// Private to lib/sim: an engineer's working time on a simulation day, read the
// same way by the engine and by the policy that plans days ahead.
#include <algorithm>
#include <vector>

#include "fsd/sim/scenario.hpp"

namespace fsd::sim_detail {

/// The engineer's shifts on simulation day `day` (those of its `shifts` that
/// list the day's weekday), as simulation instants, in the order of `shifts`.
inline std::vector<TimeWindow> sim_shifts_on(const Scenario& scenario, const SimEngineer& engineer, int day) {
    const int weekday = sim_weekday(scenario, day);
    const Time base = static_cast<Time>(day) * 86400;
    std::vector<TimeWindow> out;
    for (const SimShift& sh : engineer.shifts)
        if (std::find(sh.weekdays.begin(), sh.weekdays.end(), weekday) != sh.weekdays.end())
            out.push_back({base + sh.start, base + sh.end});
    return out;
}

}  // namespace fsd::sim_detail
