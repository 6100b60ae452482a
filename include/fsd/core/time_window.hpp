#pragma once
#include <vector>

#include "fsd/core/types.hpp"

namespace fsd {

/// A closed interval [start, end] of instants. For a job it bounds the start
/// of service; for a shift, the whole working period.
struct TimeWindow {
    Time start = kTimeMin;
    Time end = kTimeMax;

    bool contains(Time t) const noexcept { return start <= t && t <= end; }
    Duration length() const noexcept { return end - start; }
    friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

/// Earliest instant >= t inside one of `windows` (sorted, disjoint), or
/// kTimeMax when t is after the last window. Empty `windows` means "any time".
inline Time earliest_in(const std::vector<TimeWindow>& windows, Time t) noexcept {
    if (windows.empty()) return t;
    for (const auto& w : windows) {
        if (t <= w.end) return t < w.start ? w.start : t;
    }
    return kTimeMax;
}

}  // namespace fsd
