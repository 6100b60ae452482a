#pragma once
// A time zone as a value: a fixed UTC offset or an IANA zone from the system
// tz database. The database is read through Howard Hinnant's date/tz inside
// lib/core/time_zone.cpp only; this header shows standard types alone, so a
// consumer of fsd needs neither date's headers nor its macros.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/types.hpp"

namespace fsd {

/// A change of UTC offset at instant `at` (Unix seconds): instants before it
/// have `offset_before`, instants from it on have `offset_after` (seconds east).
struct ZoneTransition {
    Time at = 0;
    int offset_before = 0;
    int offset_after = 0;
    friend bool operator==(const ZoneTransition&, const ZoneTransition&) = default;
};

/// A fixed UTC offset ("+01:00") or an IANA zone ("Europe/Berlin") with its
/// daylight-saving history and rules. Copies share one immutable table of
/// offset changes, so a TimeZone is cheap to copy and safe to share between
/// threads.
///
/// An IANA zone's offset changes are tabulated once, when it is parsed, for
/// the years 1900 to 2399: the database's recorded history, continued by the
/// zone's current rule (the POSIX TZ string at the end of its zoneinfo file)
/// for the years the file does not list. Before 1900 the offset of
/// 1900-01-01 holds, from 2400 on the last offset of 2399.
///
/// Local time means the wall clock: local seconds count from 1970-01-01T00:00
/// as the clock on the wall shows it, with days of exactly 86,400 seconds.
class TimeZone {
public:
    /// UTC (offset zero, named "UTC").
    TimeZone();

    /// A fixed offset in seconds east of UTC, within ±18:00. Throws
    /// InputError(path) outside that range. Its name is "UTC" for zero, else
    /// "+hh:mm" (or "+hh:mm:ss" when not whole minutes).
    static TimeZone fixed(int offset_seconds, const std::string& path = "");

    /// Reads "UTC", "Z", a fixed offset "+01:00" / "-05:30" / "+0100" / "+01",
    /// or an IANA zone name ("Europe/Berlin") from the system tz database.
    /// Throws InputError(path) for anything else, naming the unknown zone.
    static TimeZone parse(std::string_view text, const std::string& path = "");

    /// The UTC offset in seconds east that holds at instant `utc`. O(log n)
    /// in the zone's offset changes; constant for a fixed offset.
    int offset_at(Time utc) const noexcept;

    /// The wall-clock reading at `utc`, as local seconds.
    Time to_local(Time utc) const noexcept { return utc + offset_at(utc); }

    /// The instant at which the wall clock shows `local`. A reading the clock
    /// skips (spring forward: Berlin's 02:30 on 2026-03-29) is taken as if
    /// the clock had not jumped yet, which lands the same distance past the
    /// jump (02:30 → 03:30 CEST, i.e. shifted forward by the gap). A reading
    /// the clock shows twice (fall back) gives the earlier instant.
    Time from_local(Time local) const noexcept;

    /// Offset changes with `from <= at < to`, in order (none for a fixed offset).
    std::vector<ZoneTransition> transitions(Time from, Time to) const;

    /// The IANA name as given, or the fixed offset's name ("UTC", "+01:00").
    const std::string& name() const noexcept { return name_; }

    /// True for a fixed offset (including UTC).
    bool is_fixed() const noexcept { return table_ == nullptr; }

    /// Same name, hence the same rules (a fixed "+08:00" is not equal to
    /// "Asia/Shanghai", whose history has other offsets).
    friend bool operator==(const TimeZone& a, const TimeZone& b) noexcept {
        return a.name_ == b.name_ && a.fixed_offset_ == b.fixed_offset_;
    }

private:
    struct Table;
    std::shared_ptr<const Table> table_;  // null for a fixed offset
    int fixed_offset_ = 0;
    std::string name_ = "UTC";
};

}  // namespace fsd
