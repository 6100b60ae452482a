#pragma once
// Time-window segments: a sequence of visits summarised by a few integers so
// that two sequences join in O(1) (the concatenation of Vidal, Crainic,
// Gendreau and Prins, 2013, for penalised search with "time warp"). A route
// is then any concatenation of a prefix, some moved visits and a suffix, and
// a local-search move is priced without walking the route.
//
// Semantics. Visits start service inside their window [open, close]; an
// engineer arriving early waits; one arriving late "warps" back to `close`
// and the lateness is counted as time warp (an infeasibility the search
// penalises rather than forbids). For a sequence, over all start times of its
// first visit:
//   time_warp  the least total warp any start time achieves;
//   duration   the least time from the first start to the last service end
//              among start times achieving that warp (waiting included);
//   earliest   the earliest first start that achieves both (starting earlier
//              only adds waiting);
//   latest     the latest first start that adds no warp (starting later adds
//              warp one for one).
#include <algorithm>
#include <array>
#include <cstddef>

#include "fsd/core/types.hpp"

namespace fsd::detail {

/// Capacity dimensions a segment carries inline (the model allows more; the
/// search uses segments only when a problem has at most this many).
inline constexpr std::size_t kSegmentDimensions = 4;

/// Delivery load of a segment, per dimension.
using SegmentLoad = std::array<Amount, kSegmentDimensions>;

/// A sequence of visits: timing (see above), travel, load, and its end points.
struct TwSegment {
    Index first = 0;           ///< matrix index of the first visit
    Index last = 0;            ///< matrix index of the last visit
    Duration duration = 0;
    Duration time_warp = 0;
    Time earliest = 0;
    Time latest = 0;
    Distance distance = 0;     ///< metres driven inside the segment
    Duration travel = 0;       ///< seconds driven inside the segment
    SegmentLoad load{};        ///< delivered inside the segment, per dimension
};

/// One visit at matrix index `location`: `service` seconds starting within
/// [open, close], delivering `load`.
inline TwSegment visit_segment(Index location, Duration service, Time open, Time close, const SegmentLoad& load = {}) {
    TwSegment s;
    s.first = s.last = location;
    s.duration = service;
    s.earliest = open;
    s.latest = close;
    s.load = load;
    return s;
}

/// `a` then `b`, with a drive of `travel` seconds and `distance` metres from
/// a's last visit to b's first.
inline TwSegment concat(const TwSegment& a, const TwSegment& b, Duration travel, Distance distance) {
    // a's last service ends `gap` after a's first start (on the warped clock),
    // so b's first start is `gap` after a's first start at the soonest.
    const Duration gap = a.duration - a.time_warp + travel;
    const Duration wait = std::max<Duration>(b.earliest - gap - a.latest, 0);
    const Duration warp = std::max<Duration>(a.earliest + gap - b.latest, 0);
    TwSegment s;
    s.first = a.first;
    s.last = b.last;
    s.duration = a.duration + b.duration + travel + wait;
    s.time_warp = a.time_warp + b.time_warp + warp;
    s.earliest = std::max(b.earliest - gap, a.earliest) - wait;
    s.latest = std::min(b.latest - gap, a.latest) + warp;
    s.distance = a.distance + b.distance + distance;
    s.travel = a.travel + b.travel + travel;
    for (std::size_t k = 0; k < kSegmentDimensions; ++k) s.load[k] = a.load[k] + b.load[k];
    return s;
}

/// Load above `capacity`, summed over dimensions (the search's second penalty).
inline Amount excess_load(const TwSegment& s, const SegmentLoad& capacity) {
    Amount excess = 0;
    for (std::size_t k = 0; k < kSegmentDimensions; ++k) excess += std::max<Amount>(s.load[k] - capacity[k], 0);
    return excess;
}

}  // namespace fsd::detail
