#include <catch2/catch.hpp>

#include <random>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/sla/business_calendar.hpp"
#include "fsd/sla/sla_json.hpp"

using namespace fsd;

namespace {

Time utc(std::int64_t y, int mo, int d, int h, int mi = 0) { return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60; }

// The same hours every day of the week.
BusinessCalendar daily(int from_h, int to_h, const TimeZone& zone, std::vector<std::int64_t> holidays = {}) {
    std::array<std::vector<WorkInterval>, 7> week;
    for (auto& d : week) d = {{from_h * 3600, to_h * 3600}};
    return BusinessCalendar(week, std::move(holidays), zone);
}

// Business seconds in [a, b) counted one second at a time from the wall clock.
Duration brute_between(const TimeZone& zone, int from_h, int to_h, Time a, Time b) {
    Duration n = 0;
    for (Time t = a; t < b; ++t) {
        const Time local = zone.to_local(t);
        const Time of_day = local - (local >= 0 ? local / 86400 : (local - 86399) / 86400) * 86400;
        if (of_day >= from_h * 3600 && of_day < to_h * 3600) ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("calendar in Europe/Berlin: 01:00-04:00 holds 2 hours on the spring night and 4 on the autumn night", "[sla][tz]") {
    const BusinessCalendar c = daily(1, 4, TimeZone::parse("Europe/Berlin"));
    // Local 23:00 the evening before to 14:00 the next day: only that night's interval lies inside.
    CHECK(c.between(utc(2026, 3, 28, 22), utc(2026, 3, 29, 12)) == 2 * 3600);
    CHECK(c.between(utc(2026, 10, 24, 21), utc(2026, 10, 25, 13)) == 4 * 3600);
    // An ordinary night holds 3.
    CHECK(c.between(utc(2026, 3, 27, 22), utc(2026, 3, 28, 12)) == 3 * 3600);
    // 01:00 CET is 00:00 UTC; after one hour the clock jumps from 02:00 to 03:00 and the interval ends at 04:00 CEST.
    const Time opens = utc(2026, 3, 29, 0);
    CHECK(c.add(opens, 3600) == utc(2026, 3, 29, 1));
    CHECK(c.add(opens, 7200) == utc(2026, 3, 29, 2));
    CHECK(c.add(opens, 7201) == utc(2026, 3, 29, 23) + 1);  // 01:00:01 CEST the next night
    CHECK(c.is_open(utc(2026, 3, 29, 1)));                  // 03:00 CEST
    CHECK_FALSE(c.is_open(utc(2026, 3, 29, 2)));            // 04:00 CEST
    // Autumn: 01:00 CEST is 23:00 UTC; four elapsed hours end at 04:00 CET = 03:00 UTC.
    const Time opens_autumn = utc(2026, 10, 24, 23);
    CHECK(c.add(opens_autumn, 4 * 3600) == utc(2026, 10, 25, 3));
    CHECK(c.add(opens_autumn, 2 * 3600) == utc(2026, 10, 25, 1));  // 02:00 CET, the second time round
    CHECK(c.add(opens_autumn, 4 * 3600 + 1) == utc(2026, 10, 26, 0) + 1);
}

TEST_CASE("calendar in America/New_York: a Sunday 00:00-06:00 holds 5 hours in March and 7 in November", "[sla][tz]") {
    std::array<std::vector<WorkInterval>, 7> week;
    week[6] = {{0, 6 * 3600}};  // Sunday
    const BusinessCalendar c(week, {}, TimeZone::parse("America/New_York"));
    CHECK(c.between(utc(2026, 3, 7, 12), utc(2026, 3, 8, 18)) == 5 * 3600);
    CHECK(c.between(utc(2026, 10, 31, 12), utc(2026, 11, 1, 18)) == 7 * 3600);
    CHECK(c.between(utc(2026, 3, 14, 12), utc(2026, 3, 15, 18)) == 6 * 3600);
    // Sunday 2026-03-08 00:00 EST = 05:00 UTC; 5 business hours end at 06:00 EDT = 10:00 UTC.
    CHECK(c.add(utc(2026, 3, 8, 5), 5 * 3600) == utc(2026, 3, 8, 10));
    // Sunday 2026-11-01 00:00 EDT = 04:00 UTC; 7 business hours end at 06:00 EST = 11:00 UTC.
    CHECK(c.add(utc(2026, 11, 1, 4), 7 * 3600) == utc(2026, 11, 1, 11));
}

TEST_CASE("calendar in a zone: a 24x7 calendar counts elapsed time across both nights", "[sla][tz]") {
    const TimeZone berlin = TimeZone::parse("Europe/Berlin");
    const BusinessCalendar open = BusinessCalendar::always_open({}, berlin);
    // A holiday elsewhere in the year forces the general path rather than the 24x7 shortcut.
    const BusinessCalendar with_holiday = BusinessCalendar::always_open({days_from_civil(2026, 12, 25)}, berlin);
    for (Time a : {utc(2026, 3, 28, 20), utc(2026, 10, 24, 20)})
        for (Duration d : {Duration{1}, Duration{3600}, Duration{5 * 3600 + 17}, Duration{86400}}) {
            CHECK(open.add(a, d) == a + d);
            CHECK(with_holiday.add(a, d) == a + d);
            CHECK(with_holiday.between(a, a + d) == d);
        }
    // The holiday is a local day, 2026-12-25 00:00 to 2026-12-26 00:00 CET: from 23:00 CET on the 24th
    // to 02:00 CET on the 26th, one hour before it and two after it count.
    CHECK(with_holiday.between(utc(2026, 12, 24, 22), utc(2026, 12, 26, 1)) == 3 * 3600);
}

TEST_CASE("calendar in a zone: between and add agree with counting seconds on the wall clock", "[sla][tz]") {
    std::mt19937_64 rng(18);
    for (const char* name : {"Europe/Berlin", "Australia/Sydney", "America/New_York"}) {
        const TimeZone zone = TimeZone::parse(name);
        const BusinessCalendar c = daily(1, 4, zone);
        for (const Time night : {utc(2026, 3, 28, 12), utc(2026, 10, 24, 12), utc(2026, 4, 4, 0), utc(2026, 10, 3, 0),
                                 utc(2026, 3, 7, 12), utc(2026, 10, 31, 12)}) {
            std::uniform_int_distribution<Time> pick(night, night + 2 * 86400);
            for (int i = 0; i < 6; ++i) {
                Time a = pick(rng), b = pick(rng);
                if (a > b) std::swap(a, b);
                const Duration n = brute_between(zone, 1, 4, a, b);
                CHECK(c.between(a, b) == n);
                if (n > 0) {
                    // The earliest instant with n business seconds since a: one open second ends at it.
                    const Time due = c.add(a, n);
                    CHECK(due <= b);
                    CHECK(c.between(a, due) == n);
                    CHECK(c.is_open(due - 1));
                }
            }
        }
    }
}

TEST_CASE("calendar in a zone: Asia/Shanghai counts like +08:00", "[sla][tz]") {
    const BusinessCalendar shanghai = daily(9, 18, TimeZone::parse("Asia/Shanghai"));
    const BusinessCalendar plus8 = daily(9, 18, TimeZone::parse("+08:00"));
    for (Time t = utc(2026, 1, 1, 0); t < utc(2027, 1, 1, 0); t += 86400 * 5 + 7919) {
        CHECK(shanghai.between(t, t + 3 * 86400 + 77) == plus8.between(t, t + 3 * 86400 + 77));
        CHECK(shanghai.add(t, 12 * 3600 + 5) == plus8.add(t, 12 * 3600 + 5));
    }
}

TEST_CASE("SLA JSON: a calendar takes an IANA time zone beside the fixed offset", "[sla][tz]") {
    const BusinessCalendar c = business_calendar_from_json(
        R"({"name": "night", "time_zone": "Europe/Berlin", "hours": {"monday": [["01:00", "04:00"]], "tuesday": [["01:00", "04:00"]],
            "wednesday": [["01:00", "04:00"]], "thursday": [["01:00", "04:00"]], "friday": [["01:00", "04:00"]],
            "saturday": [["01:00", "04:00"]], "sunday": [["01:00", "04:00"]]}})");
    CHECK(c.time_zone().name() == "Europe/Berlin");
    CHECK(c.between(utc(2026, 3, 28, 22), utc(2026, 3, 29, 12)) == 2 * 3600);
    try {
        (void)business_calendar_from_json(R"({"name": "x", "time_zone": "Europe/Atlantis", "type": "24x7"})");
        FAIL("an unknown zone was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/time_zone");
        CHECK(e.message().find("Europe/Atlantis") != std::string::npos);
    }
    CHECK_THROWS_AS(business_calendar_from_json(R"({"name": "x", "time_zone": "UTC", "utc_offset": 3600, "type": "24x7"})"),
                    InputError);
}
