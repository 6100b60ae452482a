#pragma once
// Time-window segments: a sequence of route nodes summarised by a few
// integers so that two sequences join in O(1) (the concatenation of Vidal,
// Crainic, Gendreau and Prins, 2013, for penalised search with "time warp").
// A route is then any concatenation of a prefix, some moved nodes and a
// suffix, and a local-search move is priced without walking the route.
//
// Timing semantics (SegmentTiming). Nodes start inside their window
// [open, close]; arriving early means waiting; arriving late "warps" back to
// `close` and the lateness counts as time warp (an infeasibility the search
// penalises rather than forbids). For a sequence, over all start times of
// its first node:
//   time_warp  the least total warp any start time achieves;
//   duration   the least time from the first start to the last node's end
//              among start times achieving that warp (waiting included);
//   earliest   the earliest first start that achieves both (starting earlier
//              only adds waiting);
//   latest     the latest first start that adds no warp (starting later adds
//              warp one for one).
//
// Breaks. A break is a node without a place: it is taken where the engineer
// is, so no travel leads to it and the drive after it starts from the last
// place visited. A segment therefore keeps the breaks that come before its
// first place apart (`lead`): only when a place precedes them is it known
// where the drive into `first` starts, and the drive happens after them.
// With this split the concatenation stays associative and O(1), and routes
// with breaks are priced exactly like routes without.
#include <algorithm>

#include "fsd/core/types.hpp"

namespace fsd::detail {

/// The timing summary of a run of nodes (see above).
struct SegmentTiming {
    Duration duration = 0;
    Duration time_warp = 0;
    Time earliest = kTimeMin;
    Time latest = kTimeMax;
};

/// One node: `service` seconds starting within [open, close].
inline SegmentTiming node_timing(Duration service, Time open, Time close) {
    return SegmentTiming{service, 0, open, close};
}

/// `a` then `b` with a drive of `travel` seconds between them.
inline SegmentTiming concat_timing(const SegmentTiming& a, const SegmentTiming& b, Duration travel) {
    // a's last node ends `gap` after a's first start (on the warped clock), so
    // b's first start is `gap` after a's first start at the soonest.
    const Duration gap = a.duration - a.time_warp + travel;
    const Duration wait = std::max<Duration>(b.earliest - gap - a.latest, 0);
    const Duration warp = std::max<Duration>(a.earliest + gap - b.latest, 0);
    SegmentTiming s;
    s.duration = a.duration + b.duration + travel + wait;
    s.time_warp = a.time_warp + b.time_warp + warp;
    s.earliest = std::max(b.earliest - gap, a.earliest) - wait;
    s.latest = std::min(b.latest - gap, a.latest) + warp;
    return s;
}

/// A run of nodes: breaks before its first place (`lead`), then everything
/// from its first place on (`body`), the places it starts and ends at, and the
/// drive inside it.
struct TwSegment {
    Index first = -1;          ///< matrix row of the first place; -1: only breaks
    Index last = -1;           ///< matrix row of the last place; -1: only breaks
    bool has_lead = false;     ///< breaks come before `first` (or the segment is only breaks)
    SegmentTiming lead;        ///< those breaks, when has_lead
    SegmentTiming body;        ///< from `first` on; meaningless when first == -1
    Duration travel = 0;       ///< seconds driven inside the segment
    Cost cost = 0;             ///< the engineer's leg costs inside the segment (unweighted)

    /// The timing of the whole segment, as when it starts a route (no lead).
    const SegmentTiming& timing() const { return first < 0 ? lead : body; }
    /// Earliest end of the segment's last node when started as early as its
    /// windows allow (on the warped clock).
    Time earliest_end() const {
        const SegmentTiming& t = timing();
        return t.earliest + t.duration - t.time_warp;
    }
};

/// A visit at matrix row `location`.
inline TwSegment place_segment(Index location, Duration service, Time open, Time close) {
    TwSegment s;
    s.first = s.last = location;
    s.body = node_timing(service, open, close);
    return s;
}

/// A break: `duration` seconds starting within [open, close], where the engineer is.
inline TwSegment break_segment(Duration duration, Time open, Time close) {
    TwSegment s;
    s.has_lead = true;
    s.lead = node_timing(duration, open, close);
    return s;
}

/// A drive between two places: seconds and the engineer's cost of the leg.
struct Leg {
    Duration duration = 0;
    Cost cost = 0;
};

/// `a` then `b`; `leg(from, to)` gives the drive between two matrix rows.
template <class LegOf>
TwSegment join(const TwSegment& a, const TwSegment& b, const LegOf& leg) {
    if (a.first < 0) {
        // Only breaks so far: they join b's lead, and b's first place is still
        // reached from wherever the engineer was before.
        TwSegment s = b;
        s.lead = b.has_lead ? concat_timing(a.lead, b.lead, 0) : a.lead;
        s.has_lead = true;
        return s;
    }
    TwSegment s;
    s.first = a.first;
    s.has_lead = a.has_lead;
    s.lead = a.lead;
    SegmentTiming t = a.body;
    if (b.has_lead) t = concat_timing(t, b.lead, 0);  // b's breaks at a's last place
    if (b.first < 0) {
        s.last = a.last;
        s.body = t;
        s.travel = a.travel;
        s.cost = a.cost;
        return s;
    }
    const Leg l = leg(a.last, b.first);
    s.last = b.last;
    s.body = concat_timing(t, b.body, l.duration);
    s.travel = a.travel + b.travel + l.duration;
    s.cost = a.cost + b.cost + l.cost;
    return s;
}

}  // namespace fsd::detail
