#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "fsd/core/time_zone.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// Working time inside one local day: [start, end) in seconds since local
/// midnight, 0 <= start < end <= 86400.
struct WorkInterval {
    int start = 0;
    int end = 0;
    friend bool operator==(const WorkInterval&, const WorkInterval&) = default;
};

/// Weekly working hours (Monday = 0 .. Sunday = 6, several intervals a day),
/// whole-day holidays and a time zone. Hours and holidays are local wall
/// time; business time is elapsed seconds inside them, counted to the second:
/// 01:00-04:00 on Berlin's spring-forward night holds 2 hours, on its
/// fall-back night 4. The week is flattened once into cumulative sums and the
/// zone's offset changes into a prefix sum of the wall time they skip or
/// repeat, so converting an instant to business time and back costs O(log n)
/// in the number of intervals, holidays and offset changes, whatever the
/// distance between instants.
class BusinessCalendar {
public:
    /// Open all the time, UTC: business time equals elapsed time.
    BusinessCalendar();

    /// Validates and precomputes. `week[d]` are the intervals of weekday d,
    /// sorted and not overlapping (touching is fine); `holidays` are local
    /// dates as days since 1970-01-01 (see days_from_civil), any order.
    /// Throws InputError with paths like "/hours/monday/1" or "/holidays/2".
    BusinessCalendar(std::array<std::vector<WorkInterval>, 7> week, std::vector<std::int64_t> holidays,
                     int utc_offset_seconds);

    /// The same in a time zone (an IANA zone with daylight saving, or a fixed offset).
    BusinessCalendar(std::array<std::vector<WorkInterval>, 7> week, std::vector<std::int64_t> holidays, TimeZone zone);

    /// A 24x7 calendar, optionally with holidays (days on which nothing counts).
    static BusinessCalendar always_open(std::vector<std::int64_t> holidays = {}, int utc_offset_seconds = 0);
    /// A 24x7 calendar in a time zone: holidays are the zone's local days.
    static BusinessCalendar always_open(std::vector<std::int64_t> holidays, TimeZone zone);

    /// The earliest instant at which `d` business seconds have passed since
    /// `t` (d >= 0; `t` itself for d == 0). Work ending at 17:00 on Friday is
    /// due at 17:00 on Friday, not at Monday's opening.
    Time add(Time t, Duration d) const;

    /// Business seconds in [a, b); negative when b < a.
    Duration between(Time a, Time b) const;

    /// Whether `t` lies in working time (an interval, not on a holiday).
    bool is_open(Time t) const;

    /// Business seconds from a fixed origin to `t`: monotone, so differences
    /// are business durations. Exposed for bulk work that reuses one side.
    Duration business_clock(Time t) const;

    /// The earliest instant whose business_clock equals `b`.
    Time from_business_clock(Duration b) const;

    bool is_24x7() const noexcept { return always_ && holidays_.empty(); }
    /// The fixed UTC offset; for an IANA zone the offset at instant 0 (see time_zone()).
    int utc_offset() const noexcept { return zone_.offset_at(0); }
    /// The zone whose wall clock the hours and holidays follow.
    const TimeZone& time_zone() const noexcept { return zone_; }
    const std::array<std::vector<WorkInterval>, 7>& week() const noexcept { return week_; }
    const std::vector<std::int64_t>& holidays() const noexcept { return holidays_; }
    /// Business seconds in a whole week without holidays.
    Duration week_total() const noexcept { return week_total_; }

    /// Lower-case English weekday names, Monday first (the JSON keys).
    static const std::array<std::string, 7>& weekday_names();

private:
    void validate_and_precompute();
    void precompute();
    // The "wall clock" functions take local seconds and ignore offset changes.
    Duration plain_clock(Time local) const;     // business clock ignoring holidays
    Time from_plain_clock(Duration x) const;
    Duration holiday_clock(Time local) const;   // business time removed by holidays before `local`
    Duration wall_clock(Time local) const;      // plain minus holidays
    Time from_wall_clock(Duration b) const;     // earliest local reading with wall_clock == b

    std::array<std::vector<WorkInterval>, 7> week_;
    std::vector<std::int64_t> holidays_;    // sorted, unique local day numbers
    TimeZone zone_;
    bool always_ = true;
    // The week flattened from Monday 00:00 local, touching intervals merged.
    std::vector<std::int64_t> starts_;
    std::vector<std::int64_t> lengths_;
    std::vector<std::int64_t> cum_;         // business seconds before interval k
    std::vector<std::int64_t> cum_end_;     // business seconds up to the end of interval k
    std::array<std::int64_t, 7> day_total_{};
    Duration week_total_ = 0;
    std::vector<std::int64_t> holiday_cum_;  // business of holidays [0, i), size n+1
    std::vector<std::int64_t> holiday_at_;   // wall clock at the start of holiday i
    // The zone's offset changes: period k runs from change_at_[k-1] to change_at_[k].
    std::vector<Time> change_at_;
    std::vector<int> period_offset_;         // offset of period k, size n+1
    std::vector<Duration> correction_;       // wall business skipped (+) or repeated (-) before period k, size n+1
    std::vector<Duration> change_clock_;     // business clock at change_at_[k]
};

}  // namespace fsd
