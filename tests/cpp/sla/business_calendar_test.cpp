#include <catch2/catch.hpp>

#include <random>

#include "fsd/core/error.hpp"
#include "fsd/sla/business_calendar.hpp"
#include "fsd/sla/sla_time.hpp"

using namespace fsd;

namespace {

Time at(const char* iso) { return parse_sla_time(iso, "/t"); }

// Mon-Fri 08:00-12:00 and 13:00-17:00 at UTC+01:00, Christmas 2026 (a Friday) off.
BusinessCalendar office(int offset = 3600) {
    std::array<std::vector<WorkInterval>, 7> week;
    for (int d = 0; d < 5; ++d) week[static_cast<std::size_t>(d)] = {{8 * 3600, 12 * 3600}, {13 * 3600, 17 * 3600}};
    return BusinessCalendar(week, {days_from_civil(2026, 12, 25)}, offset);
}

}  // namespace

TEST_CASE("time text: ISO-8601 with offsets, integers, dates, durations", "[sla]") {
    CHECK(days_from_civil(2026, 11, 23) == 20780);
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(at("2026-11-23T00:00:00Z") == 1795392000);
    CHECK(at("2026-11-23T01:00:00+01:00") == 1795392000);
    CHECK(at("2026-11-22T19:00-05:00") == 1795392000);
    CHECK(at("1795392000") == 1795392000);
    CHECK(format_sla_time(1795392000, 3600) == "2026-11-23T01:00:00+01:00");
    CHECK(format_sla_time(-1) == "1969-12-31T23:59:59Z");
    CHECK(parse_sla_duration("1h30m", "/d") == 5400);
    CHECK(parse_sla_duration("2d", "/d") == 172800);
    CHECK(parse_sla_duration("45", "/d") == 45);
    CHECK(parse_time_of_day("24:00", "/x") == 86400);
    CHECK_THROWS_AS(parse_sla_duration("30m1h", "/d"), InputError);
    CHECK_THROWS_AS(parse_sla_time("2026-11-23T08:00:00", "/t"), InputError);  // no offset
    CHECK_THROWS_AS(parse_local_date("2026-02-29", "/h"), InputError);
    try {
        parse_sla_time("yesterday", "/events/4/time");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.path() == "/events/4/time");
    }
}

TEST_CASE("calendar: adding business time across lunch, evenings and weekends", "[sla]") {
    const BusinessCalendar c = office();
    CHECK(c.add(at("2026-11-23T16:00:00+01:00"), 2 * 3600) == at("2026-11-24T09:00:00+01:00"));
    CHECK(c.add(at("2026-11-23T11:30:00+01:00"), 3600) == at("2026-11-23T13:30:00+01:00"));
    // Due at closing time, not at the next opening.
    CHECK(c.add(at("2026-11-27T16:00:00+01:00"), 3600) == at("2026-11-27T17:00:00+01:00"));
    CHECK(c.add(at("2026-11-27T16:30:00+01:00"), 3600) == at("2026-11-30T08:30:00+01:00"));
    CHECK(c.add(at("2026-11-28T10:00:00+01:00"), 1800) == at("2026-11-30T08:30:00+01:00"));
    CHECK(c.add(at("2026-11-28T10:00:00+01:00"), 0) == at("2026-11-28T10:00:00+01:00"));
    // A whole week of 40 hours, then one more second.
    CHECK(c.add(at("2026-11-23T08:00:00+01:00"), 40 * 3600) == at("2026-11-27T17:00:00+01:00"));
    CHECK(c.add(at("2026-11-23T08:00:00+01:00"), 40 * 3600 + 1) == at("2026-11-30T08:00:01+01:00"));
    CHECK(c.between(at("2026-11-23T16:00:00+01:00"), at("2026-11-24T09:00:00+01:00")) == 7200);
    CHECK(c.between(at("2026-11-23T00:00:00+01:00"), at("2026-11-30T00:00:00+01:00")) == 40 * 3600);
    CHECK(c.between(at("2026-11-24T09:00:00+01:00"), at("2026-11-23T16:00:00+01:00")) == -7200);
    CHECK(c.week_total() == 40 * 3600);
}

TEST_CASE("calendar: holidays and the UTC offset", "[sla]") {
    const BusinessCalendar c = office();
    // Thursday 24 Dec 16:00 + 2h skips the Christmas Friday and the weekend.
    CHECK(c.add(at("2026-12-24T16:00:00+01:00"), 2 * 3600) == at("2026-12-28T09:00:00+01:00"));
    CHECK(c.between(at("2026-12-24T16:00:00+01:00"), at("2026-12-28T09:00:00+01:00")) == 7200);
    CHECK(c.between(at("2026-12-21T00:00:00+01:00"), at("2026-12-28T00:00:00+01:00")) == 32 * 3600);
    CHECK(c.between(at("2026-12-25T09:00:00+01:00"), at("2026-12-25T15:00:00+01:00")) == 0);
    CHECK_FALSE(c.is_open(at("2026-12-25T10:00:00+01:00")));
    CHECK(c.is_open(at("2026-12-24T10:00:00+01:00")));
    // Ending exactly when the holiday's eve closes.
    CHECK(c.add(at("2026-12-24T16:00:00+01:00"), 3600) == at("2026-12-24T17:00:00+01:00"));
    // Offsets: 08:00 at UTC-05:00 is 13:00 UTC.
    const BusinessCalendar ny = office(-5 * 3600);
    CHECK(ny.is_open(at("2026-11-23T13:00:00Z")));
    CHECK_FALSE(ny.is_open(at("2026-11-23T12:59:59Z")));
    CHECK(ny.add(at("2026-11-23T12:00:00Z"), 60) == at("2026-11-23T13:01:00Z"));
    // The holiday is a local date: at UTC-05:00 it starts at 05:00 UTC.
    CHECK_FALSE(ny.is_open(at("2026-12-25T14:00:00Z")));
}

TEST_CASE("calendar: intervals touching midnight merge, 24x7 is elapsed time", "[sla]") {
    std::array<std::vector<WorkInterval>, 7> week;
    week[0] = {{22 * 3600, 86400}};
    week[1] = {{0, 2 * 3600}};
    const BusinessCalendar night(week, {}, 0);
    const Time mon = at("2026-11-23T23:00:00Z");
    CHECK(night.add(mon, 7200) == at("2026-11-24T01:00:00Z"));
    CHECK(night.add(mon, 3 * 3600) == at("2026-11-24T02:00:00Z"));
    CHECK(night.add(mon, 3 * 3600 + 1) == at("2026-11-30T22:00:01Z"));
    const BusinessCalendar always;
    CHECK(always.is_24x7());
    CHECK(always.add(mon, 12345) == mon + 12345);
    CHECK(always.between(mon, mon - 5) == -5);
    const BusinessCalendar xmas = BusinessCalendar::always_open({days_from_civil(2026, 12, 25)}, 3600);
    CHECK(xmas.add(at("2026-12-24T23:00:00+01:00"), 7200) == at("2026-12-26T01:00:00+01:00"));
}

TEST_CASE("calendar: bad hours name the interval", "[sla]") {
    std::array<std::vector<WorkInterval>, 7> week;
    week[0] = {{8 * 3600, 12 * 3600}, {11 * 3600, 14 * 3600}};
    try {
        BusinessCalendar c(week, {}, 0);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.path() == "/hours/monday/1");
    }
    week[0] = {{9 * 3600, 9 * 3600}};
    CHECK_THROWS_AS(BusinessCalendar(week, {}, 0), InputError);
    CHECK_THROWS_AS(BusinessCalendar(std::array<std::vector<WorkInterval>, 7>{}, {}, 0), InputError);
    CHECK_THROWS_AS(office().add(0, -1), InputError);
}

TEST_CASE("calendar: add and between agree with minute-by-minute counting", "[sla]") {
    std::mt19937_64 rng(20261123);
    for (int round = 0; round < 20; ++round) {
        std::array<std::vector<WorkInterval>, 7> week;
        for (auto& day : week) {
            int m = 0;
            while (true) {
                m += static_cast<int>(rng() % 300);
                const int e = m + 1 + static_cast<int>(rng() % 400);
                if (e > 1440) break;
                day.push_back({m * 60, e * 60});
                m = e;
            }
        }
        const int offset = static_cast<int>(rng() % 25) * 3600 - 12 * 3600;
        const std::int64_t first_day = days_from_civil(2026, 11, 2);
        std::vector<std::int64_t> hol = {first_day + static_cast<std::int64_t>(rng() % 21),
                                         first_day + static_cast<std::int64_t>(rng() % 21)};
        bool any = false;
        for (auto& d : week) any = any || !d.empty();
        if (!any) continue;
        const BusinessCalendar c(week, hol, offset);
        // Reference: whether the minute starting at t is working time.
        auto open = [&](Time t) {
            const std::int64_t local = t + offset;
            const std::int64_t day = floor_div(local, 86400);
            if (day == hol[0] || day == hol[1]) return false;
            const auto wd = static_cast<std::size_t>(((day + 3) % 7 + 7) % 7);
            const std::int64_t s = local - day * 86400;
            for (const auto& iv : week[wd])
                if (iv.start <= s && s < iv.end) return true;
            return false;
        };
        const Time base = first_day * 86400 - 2 * 86400;
        for (int probe = 0; probe < 30; ++probe) {
            const Time a = base + static_cast<Time>(rng() % (25 * 1440)) * 60;
            const Time b = a + static_cast<Time>(rng() % (4 * 1440)) * 60;
            Duration count = 0;
            for (Time t = a; t < b; t += 60) count += open(t) ? 60 : 0;
            REQUIRE(c.between(a, b) == count);
            const Duration d = 60 * static_cast<Duration>(1 + rng() % 600);
            Duration left = d;
            Time t = a;
            while (left > 0) {
                if (open(t)) left -= 60;
                t += 60;
            }
            REQUIRE(c.add(a, d) == t);
            REQUIRE(c.add(a, d - 30) == t - 30);
        }
    }
}
