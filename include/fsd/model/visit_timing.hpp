#pragma once
// The one rule for when a visit or a break happens (docs/design.md, "Timing
// of a route"). The route search (route/detail/route_timing.hpp) and the live
// plan (dispatch) both time every step with it; the verifier checks plans
// independently.
#include <vector>

#include "fsd/core/time_window.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// When a step happens.
struct VisitTiming {
    Time arrival = 0;
    Time start = 0;   ///< kTimeMax when the arrival is past the last window
    Time end = 0;     ///< start + duration (kTimeMax with start)
};

/// A step reached `travel` seconds after `ready` starts at the first instant
/// of its `windows` at or after the arrival (no windows: on arrival) and
/// lasts `duration`.
inline VisitTiming time_visit(Time ready, Duration travel, const std::vector<TimeWindow>& windows, Duration duration) {
    VisitTiming t;
    t.arrival = ready + travel;
    t.start = earliest_in(windows, t.arrival);
    t.end = t.start == kTimeMax ? kTimeMax : t.start + duration;
    return t;
}

}  // namespace fsd
