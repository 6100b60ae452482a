#pragma once
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/sla/business_calendar.hpp"

namespace fsd {

/// Where a clock stands: counting, paused (waiting for the customer) or
/// stopped (the metric was met or missed; either way it no longer counts).
enum class SlaClockState { running = 0, paused = 1, completed = 2 };

/// "running" / "paused" / "completed".
const char* to_string(SlaClockState s) noexcept;

/// One clock read at an instant. Business durations are in seconds of the
/// clock's calendar.
struct SlaClockReading {
    SlaClockState state = SlaClockState::running;
    Time start = 0;
    Duration target = 0;
    Duration elapsed = 0;     ///< business time counted, net of pauses
    Duration paused = 0;      ///< business time spent paused
    Duration remaining = 0;   ///< target - elapsed; negative once over
    /// When breached: the instant the target was reached (sticky). Otherwise
    /// the instant it will be reached if the clock runs from now on without
    /// another pause (for a paused clock: if resumed at the reading instant;
    /// for a completed one: as it stood when it stopped).
    Time deadline = 0;
    bool breached = false;
    Time stopped_at = kTimeMax;  ///< kTimeMax unless completed
    /// For each threshold given to the clock: the instant elapsed reached it
    /// (projected as for `deadline` if not yet), kTimeMax if it never will.
    std::vector<Time> threshold_times;
    /// For each threshold: whether it has been passed by the reading instant.
    std::vector<bool> threshold_passed;
};

/// One SLA clock (one metric, one cycle), fed pause/resume/stop in time
/// order and read at any later instant. A threshold (the target, or an
/// escalation level) is passed when the running clock goes beyond the
/// instant at which elapsed business time reaches it: work finishing at
/// exactly the deadline is on time; a clock paused exactly at its deadline
/// is not yet breached, but breaches the moment it runs again. Reading is
/// O(log n) per threshold reached and does not change the clock.
class SlaClock {
public:
    /// `calendar` must outlive the clock. `thresholds` are extra business
    /// durations to watch (escalation levels), in any order.
    SlaClock(const BusinessCalendar& calendar, Time start, Duration target, std::vector<Duration> thresholds = {});

    /// Stops counting at `t` (ignored unless running).
    void pause(Time t);
    /// Counts again from `t` (ignored unless paused).
    void resume(Time t);
    /// Stops the clock for good at `t` (ignored once completed).
    void stop(Time t);

    /// The clock at `at` (>= every instant fed so far).
    SlaClockReading read(Time at) const;

    SlaClockState state() const noexcept { return state_; }

private:
    // Counts [segment_start_, e) into used_, noting thresholds passed.
    void advance(Time e);

    const BusinessCalendar* calendar_;
    Time start_;
    Duration target_;
    std::vector<Duration> thresholds_;
    SlaClockState state_ = SlaClockState::running;
    Time segment_start_;          // start of the running stretch, or of the pause
    Duration used_ = 0;
    Duration paused_ = 0;
    Time breach_at_ = kTimeMax;
    Time stopped_at_ = kTimeMax;
    std::vector<Time> passed_at_;  // per threshold, kTimeMax until passed
};

}  // namespace fsd
