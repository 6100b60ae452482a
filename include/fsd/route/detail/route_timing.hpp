#pragma once
// The one timing of a route (docs/design.md, "Timing of a route"): node by
// node, every visit as early as its windows allow. Construction, the search
// (for routes whose nodes segments cannot price exactly), the plan written
// out and the explanations all time routes with `advance`; the verifier
// checks the result independently.
//
// A node that cannot start inside a window of its own (it arrives after the
// last one closes) starts when that window closes and the difference is time
// warp, the same convention as the segments (tw_segment.hpp): a feasible
// route has none, and the search prices warp instead of forbidding it.
#include <span>
#include <vector>

#include "fsd/model/solution.hpp"
#include "fsd/model/visit_timing.hpp"
#include "fsd/route/detail/route_model.hpp"

namespace fsd::detail {

/// Where a route stands after a node.
struct TimingState {
    Time time = 0;         ///< when the node ended (on the warped clock)
    Index place = -1;      ///< matrix row of the last place visited
    Duration warp = 0;     ///< time warp so far
    Cost lateness = 0;     ///< weighted SLA lateness cost so far
    /// Per job: the earliest start its linked visits allow where they are
    /// now (Plan::release); null when the problem has no links.
    const Time* release = nullptr;
};

/// One node as timed.
struct NodeTime {
    Time arrival = 0;
    Time start = 0;
    Time end = 0;
    Duration travel = 0;   ///< the drive into it (0 for a break and the start)
    Duration lateness = 0; ///< seconds past its SLA deadline
};

/// The state at the start node of slot `s`: leaving home at the shift start;
/// `release` as in TimingState.
inline TimingState start_state(const RouteModel& m, Index s, const Time* release = nullptr) {
    const SlotData& d = m.slot(s);
    return TimingState{d.shift_start, d.start_location, 0, 0, release};
}

/// Times `node` on slot `s` after `state`, and moves the state past it.
inline NodeTime advance(const RouteModel& m, Index s, Index node, TimingState& state) {
    NodeTime t;
    const NodeKind kind = m.kind(node);
    if (kind == NodeKind::start) {
        t.arrival = t.start = t.end = state.time;
        return t;
    }
    if (kind != NodeKind::break_) t.travel = (*m.slot(s).durations)(state.place, m.location(node));
    t.arrival = state.time + t.travel;
    if (kind == NodeKind::end) {
        const Time limit = m.slot(s).latest_end;
        if (t.arrival > limit) state.warp += t.arrival - limit;
        t.start = t.end = std::min(t.arrival, limit);
        state.time = t.end;
        state.place = m.location(node);
        return t;
    }
    const std::vector<TimeWindow>& windows = m.windows(node);
    // A linked visit waits on site for its partners: as if it left to arrive then.
    Time leave = state.time;
    if (state.release && kind == NodeKind::job && m.linked(node))
        leave = std::max(leave, state.release[node] - t.travel);
    const VisitTiming v = time_visit(leave, t.travel, windows, m.duration(node, s));
    t.start = v.start;
    t.end = v.end;
    if (t.start == kTimeMax) {
        // Past the last window: it starts when that closes, the difference warped.
        t.start = windows.back().end;
        t.end = t.start + m.duration(node, s);
        state.warp += t.arrival - t.start;
    }
    if (kind == NodeKind::job) {
        if (t.start > m.deadline(node)) {
            t.lateness = t.start - m.deadline(node);
            state.lateness += m.lateness_rate(node) * t.lateness;
        }
    }
    // Jobs and depot stops are places: the next drive starts there.
    if (kind != NodeKind::break_) state.place = m.location(node);
    state.time = t.end;
    return t;
}

/// A whole route timed.
struct RouteTiming {
    Duration warp = 0;        ///< time warp (0 in a feasible route)
    Cost lateness = 0;        ///< weighted SLA lateness cost
    Time departure = 0;       ///< as late as the first step allows
    Time end = 0;             ///< arrival at the end location (on the warped clock: at most the hard limit)
    Duration travel = 0;      ///< seconds driven
    Duration max_lateness = 0;  ///< the largest lateness of a job whose lateness is priced
};

/// When the route `nodes` of slot `s` leaves home: the shift start, except on
/// a slot paid by the working hour whose nodes segments time exactly (one
/// window each, no priced lateness) on a day without balance: then the earliest departure of least
/// working time, so waiting the windows force is spent at home, not on the
/// road. Segments price that working time exactly, so the search and the
/// written plan agree.
Time paid_departure(const RouteModel& m, Index s, std::span<const Index> nodes);

/// Times the route `nodes` (start node, jobs, breaks and at most a depot
/// stop, end node) of slot `s`. With `steps`, also writes its steps with times, travel, distance and
/// SLA lateness (waiting, loads and totals are left to complete_route).
/// `release` as in TimingState.
RouteTiming time_route(const RouteModel& m, Index s, std::span<const Index> nodes, std::vector<Step>* steps = nullptr,
                       const Time* release = nullptr);

}  // namespace fsd::detail
