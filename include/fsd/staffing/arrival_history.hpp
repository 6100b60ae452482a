#pragma once
// Ticket arrivals counted per interval of the local week, and a generated
// history whose true rates are known (for tests and the forecast benchmark).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/staffing/week.hpp"

namespace fsd {

/// One arrival: when the ticket was created (Unix seconds, UTC) and the
/// series it belongs to (a category, a skill, "category/region", ...).
struct Arrival {
    Time created = 0;
    std::string series;
    friend bool operator==(const Arrival&, const Arrival&) = default;
};


/// How instants map onto the local week.
struct WeekGrid {
    /// Interval length in seconds: 900, 1800 or 3600 (it must divide a day).
    Duration interval = 3600;
    /// Minutes east of UTC of the local clock (no daylight saving: a fixed offset).
    int utc_offset_minutes = 0;
};

/// Throws InputError ("<path>/interval", "<path>/utc_offset_minutes") when
/// the interval is not 900, 1800 or 3600 s or the offset lies outside
/// -720..840 minutes (UTC-12..UTC+14).
void check_week_grid(const WeekGrid& grid, const std::string& path = "/options");

/// The UTC instant of local Monday 00:00 at or before `t`.
Time local_week_start(Time t, int utc_offset_minutes);
/// The UTC instant of local midnight at or before `t`.
Time local_day_start(Time t, int utc_offset_minutes);
/// Index of the interval holding `t` within its local week (0 = the one
/// starting Monday 00:00 local; 7 * 86400 / interval of them).
int interval_of_week(Time t, const WeekGrid& grid);
/// Local day of the week of `t`: 0 = Monday ... 6 = Sunday.
int day_of_week(Time t, int utc_offset_minutes);

/// Parses a local date "YYYY-MM-DD" (a real calendar date) to the UTC
/// instant of its local midnight; InputError at `path` otherwise.
Time parse_local_midnight(const std::string& text, int utc_offset_minutes, const std::string& path);

/// Counts per series and interval over an observed span [start, end).
struct ArrivalCounts {
    WeekGrid grid;
    Time start = 0;  ///< first interval's start (a local midnight unless given otherwise)
    Time end = 0;    ///< end of the span, a whole number of intervals after start
    std::vector<std::string> series;                ///< sorted names
    std::vector<std::vector<std::int64_t>> counts;  ///< [series][interval since start]

    /// Number of intervals in the span.
    std::size_t intervals() const { return static_cast<std::size_t>((end - start) / grid.interval); }
};

/// Where the observed span lies; by default from the local midnight before
/// the first arrival to the local midnight after the last one.
struct SpanOptions {
    std::optional<Time> start;  ///< must fall on an interval boundary
    std::optional<Time> end;    ///< must fall on an interval boundary, after start
};

/// Counts arrivals per series and interval. Arrivals may come in any order.
/// Throws InputError: "/arrivals" when there are none, "/arrivals/<i>/series"
/// for an empty or non-UTF-8 name, "/arrivals/<i>/created" outside the span
/// or beyond ±kTimeMax/2, "/options/..." for a bad grid or span.
ArrivalCounts bucket_arrivals(const std::vector<Arrival>& arrivals, const WeekGrid& grid,
                              const SpanOptions& span = {});

/// One series of a synthetic history: its name and mean arrivals per week
/// at the start (before trend and holidays).
struct SyntheticSeries {
    std::string name;
    double weekly_volume = 200.0;
};

/// A generated history: an office-hours profile by interval of day
/// (peaks at 10:00 and 14:30), weekday factors (Monday 1.25, Tuesday to
/// Thursday 1.0, Friday 0.85, Saturday 0.3, Sunday 0.12, with a flatter
/// weekend profile), a log-linear trend and holidays at a tenth of a normal
/// weekday's rate. Arrivals are Poisson per interval, uniform within it.
struct SyntheticHistoryOptions {
    int weeks = 52;
    WeekGrid grid;
    Time start = 1767571200;  ///< local Monday 00:00 (default 2026-01-05, with offset 0)
    std::vector<SyntheticSeries> series = {{"hvac", 300.0}, {"electrical", 120.0}, {"plumbing", 40.0}};
    double weekly_trend = 0.005;  ///< relative growth per week (rates × (1 + trend)^weeks)
    /// Local dates at a tenth of a normal weekday's rate.
    std::vector<std::string> holidays = {"2026-04-06", "2026-05-01", "2026-05-25", "2026-12-25"};
    std::uint64_t seed = 1;
};

/// The generated arrivals with the rates that produced them.
struct SyntheticHistory {
    std::vector<Arrival> arrivals;                ///< sorted by time
    ArrivalCounts counts;                         ///< the realised counts over the whole span
    std::vector<std::vector<double>> rates;       ///< [series][interval since start], expected counts
    std::vector<std::string> holidays;            ///< as given in the options
};

/// Generates `weeks` weeks from options.start (which must be a local Monday
/// 00:00); the same for the same options. InputError "/options/..." for
/// bad options.
SyntheticHistory synthetic_history(const SyntheticHistoryOptions& options);

}  // namespace fsd
