#pragma once
// Private to lib/dispatch: the small rules the timing and the insertion code
// must apply identically.
#include <algorithm>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/model/engineer.hpp"
#include "fsd/model/job.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/service_duration.hpp"
#include "fsd/dispatch/live_plan.hpp"

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

/// The route of an engineer with no ticket and nothing under way: their
/// breaks that overlap the shift, as planned steps in window order, so that a
/// first ticket placed with them comes with its breaks.
inline std::vector<LiveStep> idle_route(const Engineer& eng) {
    std::vector<Index> order;
    const TimeWindow& shift = eng.shifts.front();
    for (size_t b = 0; b < eng.breaks.size(); ++b) {
        const bool overlaps = std::any_of(eng.breaks[b].windows.begin(), eng.breaks[b].windows.end(),
                                          [&](const TimeWindow& w) { return w.start < shift.end && shift.start < w.end; });
        if (overlaps) order.push_back(static_cast<Index>(b));
    }
    std::sort(order.begin(), order.end(), [&](Index a, Index b) {
        const Time wa = eng.breaks[static_cast<size_t>(a)].windows.front().start;
        const Time wb = eng.breaks[static_cast<size_t>(b)].windows.front().start;
        return wa != wb ? wa < wb : a < b;
    });
    std::vector<LiveStep> steps;
    for (Index b : order) {
        LiveStep st;
        st.kind = StepKind::break_;
        st.index = b;
        steps.push_back(st);
    }
    return steps;
}

/// Whether a route holds no ticket and nothing under way or done.
inline bool idle(const LiveRoute& r) {
    return std::none_of(r.steps.begin(), r.steps.end(),
                        [](const LiveStep& s) { return s.kind == StepKind::job || s.status != StepStatus::planned; });
}

}  // namespace fsd::live_detail
