#pragma once
// Calendar arithmetic and ISO-8601 text for instants. It sits in core so that
// io, sla and triage share one implementation without including each other.
#include <cstdint>
#include <string>
#include <string_view>

#include "fsd/core/time_zone.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// A date of the proleptic Gregorian calendar (year 0 exists; months and days count from 1).
struct CivilDate {
    std::int64_t year = 1970;
    int month = 1;
    int day = 1;
};

/// Number of days in `month` (1..12) of `year`, leap years included.
int days_in_month(std::int64_t year, int month) noexcept;

/// Days since 1970-01-01 of the proleptic Gregorian date year-month-day
/// (negative before it). Exact for every year; the date is not validated, so
/// check it with days_in_month first when it comes from input.
std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept;

/// The date `days` days after 1970-01-01 (before it when negative); the
/// inverse of days_from_civil.
CivilDate civil_from_days(std::int64_t days) noexcept;

/// Parses an ISO-8601 timestamp with a UTC offset ("2026-11-23T08:30:00+01:00"
/// or "...Z") to Unix seconds. Throws InputError (path given by the caller)
/// when the text is not such a timestamp.
Time parse_iso8601(std::string_view text, const std::string& path = "");

/// Formats Unix seconds as ISO-8601 with the given offset (seconds east of
/// UTC; "Z" for 0). Throws InputError when the offset is not whole minutes
/// strictly inside ±24:00 or the instant lies beyond ±2·kTimeMax.
std::string format_iso8601(Time t, int offset_seconds = 0);

/// Like parse_iso8601, and a timestamp without an offset
/// ("2026-03-29T08:00:00") is a wall-clock reading in `zone`, converted by
/// TimeZone::from_local (a skipped reading moves forward by the gap, a
/// repeated one gives the earlier instant). A written offset wins over the zone.
Time parse_iso8601(std::string_view text, const TimeZone& zone, const std::string& path = "");

/// Formats Unix seconds as ISO-8601 with the offset `zone` has at that
/// instant ("2026-03-29T01:30:00+01:00", an hour later "...T03:30:00+02:00").
/// An offset of seconds (local mean time before ~1900) is written as UTC.
std::string format_iso8601(Time t, const TimeZone& zone);

}  // namespace fsd
