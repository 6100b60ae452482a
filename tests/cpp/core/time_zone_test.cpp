#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/core/time_zone.hpp"

using namespace fsd;

namespace {

// Instants written out by hand: days_from_civil gives the day, the rest is the UTC time of day.
Time utc(std::int64_t y, int mo, int d, int h, int mi = 0, int s = 0) {
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}
// A wall-clock reading as local seconds (same arithmetic, no offset).
Time wall(std::int64_t y, int mo, int d, int h, int mi = 0) { return utc(y, mo, d, h, mi); }

}  // namespace

TEST_CASE("time zone: fixed offsets and UTC are read and named", "[core][tz]") {
    CHECK(TimeZone().name() == "UTC");
    CHECK(TimeZone::parse("UTC") == TimeZone());
    CHECK(TimeZone::parse("Z") == TimeZone());
    CHECK(TimeZone::parse("+00:00") == TimeZone());
    const TimeZone plus1 = TimeZone::parse("+01:00");
    CHECK(plus1.is_fixed());
    CHECK(plus1.name() == "+01:00");
    CHECK(plus1.offset_at(0) == 3600);
    CHECK(TimeZone::parse("-0530").offset_at(123) == -(5 * 3600 + 30 * 60));
    CHECK(TimeZone::parse("-05:30").name() == "-05:30");
    CHECK(TimeZone::parse("+08").offset_at(0) == 8 * 3600);
    CHECK(TimeZone::fixed(3600) == plus1);
    CHECK(plus1.from_local(wall(2026, 3, 29, 2, 30)) == utc(2026, 3, 29, 1, 30));
    CHECK(plus1.transitions(kTimeMin, kTimeMax).empty());
}

TEST_CASE("time zone: unknown zones and bad offsets are refused with the path", "[core][tz]") {
    try {
        (void)TimeZone::parse("Mars/Olympus", "/calendars/0/time_zone");
        FAIL("an unknown zone was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/calendars/0/time_zone");
        CHECK(e.message().find("Mars/Olympus") != std::string::npos);
    }
    CHECK_THROWS_AS(TimeZone::parse("+19:00", "/tz"), InputError);
    CHECK_THROWS_AS(TimeZone::parse("", "/tz"), InputError);
    CHECK_THROWS_AS(TimeZone::parse("+1:00", "/tz"), InputError);
    CHECK_THROWS_AS(TimeZone::fixed(19 * 3600, "/utc_offset"), InputError);
}

TEST_CASE("time zone: Europe/Berlin on both 2026 daylight-saving nights", "[core][tz]") {
    const TimeZone berlin = TimeZone::parse("Europe/Berlin");
    CHECK_FALSE(berlin.is_fixed());
    CHECK(berlin.name() == "Europe/Berlin");
    // Spring forward: 2026-03-29 01:00 UTC, the wall clock goes from 02:00 CET to 03:00 CEST.
    const Time spring = utc(2026, 3, 29, 1);
    CHECK(spring == 1774746000);
    CHECK(berlin.offset_at(spring - 1) == 3600);
    CHECK(berlin.offset_at(spring) == 7200);
    CHECK(berlin.to_local(spring - 1) == wall(2026, 3, 29, 1, 59) + 59);
    CHECK(berlin.to_local(spring) == wall(2026, 3, 29, 3));
    // 02:30 does not exist that night: it is taken 30 minutes past the jump (03:30 CEST).
    CHECK(berlin.from_local(wall(2026, 3, 29, 2, 30)) == spring + 1800);
    CHECK(berlin.from_local(wall(2026, 3, 29, 1, 30)) == spring - 1800);
    CHECK(berlin.from_local(wall(2026, 3, 29, 3, 0)) == spring);
    // Fall back: 2026-10-25 01:00 UTC, 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    const Time autumn = utc(2026, 10, 25, 1);
    CHECK(autumn == 1792890000);
    CHECK(berlin.offset_at(autumn - 1) == 7200);
    CHECK(berlin.offset_at(autumn) == 3600);
    CHECK(berlin.from_local(wall(2026, 10, 25, 2, 30)) == autumn - 1800);  // the earlier one (CEST)
    CHECK(berlin.from_local(wall(2026, 10, 25, 3, 0)) == autumn + 3600);
    const auto changes = berlin.transitions(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0] == ZoneTransition{spring, 3600, 7200});
    CHECK(changes[1] == ZoneTransition{autumn, 7200, 3600});
}

TEST_CASE("time zone: the zone's current rule continues past the years the database lists", "[core][tz]") {
    // Debian's zoneinfo lists changes up to 2037; 2040's come from the POSIX rule (last Sunday of March, 01:00 UTC).
    const TimeZone berlin = TimeZone::parse("Europe/Berlin");
    CHECK(berlin.offset_at(utc(2040, 3, 25, 1) - 1) == 3600);
    CHECK(berlin.offset_at(utc(2040, 3, 25, 1)) == 7200);
    CHECK(berlin.offset_at(utc(2040, 7, 1, 12)) == 7200);
    CHECK(berlin.offset_at(utc(2040, 12, 1, 12)) == 3600);
    CHECK(berlin.transitions(utc(2100, 1, 1, 0), utc(2101, 1, 1, 0)).size() == 2);
}

TEST_CASE("time zone: America/New_York on both 2026 nights", "[core][tz]") {
    const TimeZone ny = TimeZone::parse("America/New_York");
    // 2026-03-08 02:00 EST -> 03:00 EDT at 07:00 UTC; 2026-11-01 02:00 EDT -> 01:00 EST at 06:00 UTC.
    CHECK(ny.offset_at(utc(2026, 3, 8, 7) - 1) == -5 * 3600);
    CHECK(ny.offset_at(utc(2026, 3, 8, 7)) == -4 * 3600);
    CHECK(ny.offset_at(utc(2026, 11, 1, 6) - 1) == -4 * 3600);
    CHECK(ny.offset_at(utc(2026, 11, 1, 6)) == -5 * 3600);
    CHECK(ny.from_local(wall(2026, 3, 8, 2, 15)) == utc(2026, 3, 8, 7, 15));   // skipped: 03:15 EDT
    CHECK(ny.from_local(wall(2026, 11, 1, 1, 30)) == utc(2026, 11, 1, 5, 30));  // twice: the EDT one
    CHECK(ny.from_local(wall(2026, 11, 1, 2, 0)) == utc(2026, 11, 1, 7, 0));
}

TEST_CASE("time zone: Australia/Sydney changes the other way round", "[core][tz]") {
    const TimeZone sydney = TimeZone::parse("Australia/Sydney");
    // 2026-04-05 03:00 AEDT -> 02:00 AEST (04-04 16:00 UTC); 2026-10-04 02:00 AEST -> 03:00 AEDT (10-03 16:00 UTC).
    CHECK(sydney.offset_at(utc(2026, 4, 4, 16) - 1) == 11 * 3600);
    CHECK(sydney.offset_at(utc(2026, 4, 4, 16)) == 10 * 3600);
    CHECK(sydney.offset_at(utc(2026, 10, 3, 16) - 1) == 10 * 3600);
    CHECK(sydney.offset_at(utc(2026, 10, 3, 16)) == 11 * 3600);
    CHECK(sydney.offset_at(utc(2040, 1, 15, 0)) == 11 * 3600);  // southern summer, from the rule
    CHECK(sydney.offset_at(utc(2040, 7, 15, 0)) == 10 * 3600);
}

TEST_CASE("time zone: Asia/Shanghai has no daylight saving today and matches +08:00", "[core][tz]") {
    const TimeZone shanghai = TimeZone::parse("Asia/Shanghai");
    const TimeZone plus8 = TimeZone::parse("+08:00");
    for (Time t = utc(2026, 1, 1, 0); t < utc(2027, 1, 1, 0); t += 86400 * 7 + 3599) {
        CHECK(shanghai.offset_at(t) == plus8.offset_at(t));
        CHECK(format_iso8601(t, shanghai) == format_iso8601(t, plus8));
        CHECK(shanghai.from_local(t) == plus8.from_local(t));
    }
    CHECK(shanghai.transitions(utc(2026, 1, 1, 0), utc(2100, 1, 1, 0)).empty());
    // Not the same zone: China kept daylight saving from 1986 to 1991.
    CHECK_FALSE(shanghai == plus8);
    CHECK(shanghai.offset_at(utc(1988, 7, 1, 0)) == 9 * 3600);
}

TEST_CASE("ISO-8601 instants print with the zone's offset of that day and read back", "[core][tz]") {
    const TimeZone berlin = TimeZone::parse("Europe/Berlin");
    const Time spring = utc(2026, 3, 29, 1);
    CHECK(format_iso8601(spring - 1800, berlin) == "2026-03-29T01:30:00+01:00");
    CHECK(format_iso8601(spring + 1800, berlin) == "2026-03-29T03:30:00+02:00");
    const Time autumn = utc(2026, 10, 25, 1);
    CHECK(format_iso8601(autumn - 1800, berlin) == "2026-10-25T02:30:00+02:00");
    CHECK(format_iso8601(autumn + 1800, berlin) == "2026-10-25T02:30:00+01:00");
    CHECK(format_iso8601(utc(2026, 7, 1, 12), TimeZone()) == "2026-07-01T12:00:00Z");
    // Local readings without an offset follow the zone; a written offset wins.
    CHECK(parse_iso8601("2026-03-29T08:00:00", berlin) == utc(2026, 3, 29, 6));
    CHECK(parse_iso8601("2026-03-28T08:00:00", berlin) == utc(2026, 3, 28, 7));
    CHECK(parse_iso8601("2026-03-29T02:30:00", berlin) == spring + 1800);
    CHECK(parse_iso8601("2026-10-25T02:30:00", berlin) == autumn - 1800);
    CHECK(parse_iso8601("2026-10-25T02:30:00+01:00", berlin) == autumn + 1800);
    for (Time t = spring - 7200; t <= spring + 7200; t += 900) CHECK(parse_iso8601(format_iso8601(t, berlin)) == t);
    for (Time t = autumn - 7200; t <= autumn + 7200; t += 900) CHECK(parse_iso8601(format_iso8601(t, berlin)) == t);
    const TimeZone ny = TimeZone::parse("America/New_York");
    CHECK(format_iso8601(utc(2026, 11, 1, 5, 30), ny) == "2026-11-01T01:30:00-04:00");
    CHECK(format_iso8601(utc(2026, 11, 1, 6, 30), ny) == "2026-11-01T01:30:00-05:00");
    // Without a zone a missing offset is still an error, naming the path.
    try {
        (void)parse_iso8601("2026-03-29T08:00:00", "/jobs/0/sla/deadline");
        FAIL("a timestamp without an offset was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/jobs/0/sla/deadline");
    }
}
