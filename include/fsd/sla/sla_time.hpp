#pragma once
// Reading and writing instants and durations for the SLA layer. Calendar
// arithmetic and ISO-8601 writing come from core; the reader here is more
// lenient than parse_iso8601 (seconds optional, fractions dropped) because
// SLA event exports often carry such timestamps.
#include <cstdint>
#include <string>
#include <string_view>

#include "fsd/core/iso_time.hpp"  // days_from_civil, which SLA holidays are counted in
#include "fsd/core/types.hpp"

namespace fsd {

/// Floor division, because C++ rounds toward zero and calendars need floors
/// for instants before the epoch.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// An instant given either as integer seconds ("1764000000") or as ISO-8601
/// with a UTC offset ("2026-11-23T08:30:00+01:00", "...Z"). Throws
/// InputError at `path` otherwise.
Time parse_sla_time(std::string_view text, const std::string& path);

/// ISO-8601 text of `t` at `offset_seconds` east of UTC ("Z" for 0); the
/// same as format_iso8601, under the name the SLA layer has always used.
std::string format_sla_time(Time t, int offset_seconds = 0);

/// A calendar date "YYYY-MM-DD" as days since 1970-01-01. Throws InputError at `path`.
std::int64_t parse_local_date(std::string_view text, const std::string& path);

/// A time of day "HH:MM" or "HH:MM:SS" (up to "24:00") as seconds since
/// midnight. Throws InputError at `path`.
int parse_time_of_day(std::string_view text, const std::string& path);

/// A duration as integer seconds ("3600") or with units, largest first
/// ("2d", "4h", "1h30m", "90s"). Throws InputError at `path`.
Duration parse_sla_duration(std::string_view text, const std::string& path);

/// A UTC offset "+01:00", "-05:30" or "Z" as seconds east of UTC. Throws InputError at `path`.
int parse_utc_offset(std::string_view text, const std::string& path);

}  // namespace fsd
