#include <catch2/catch.hpp>

#include <random>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"

using namespace fsd;

namespace {
std::string error_message(std::string_view text) {
    try {
        (void)parse_iso8601(text, "/x");
    } catch (const InputError& e) {
        CHECK(e.path() == "/x");
        return e.message();
    }
    return "<no error>";
}
}  // namespace

TEST_CASE("ISO-8601 parsing against hand-computed instants", "[core][iso]") {
    CHECK(parse_iso8601("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_iso8601("1969-12-31T23:59:59Z") == -1);
    // 2000 is a leap year (divisible by 400): 2000-03-01 is 951,868,800.
    CHECK(parse_iso8601("2000-02-29T00:00:00Z") == 951'868'800 - 86'400);
    // 2026-01-01 is 56 years after 1970 with 14 leap days: 20,454 days.
    CHECK(parse_iso8601("2026-01-01T00:00:00Z") == 20'454LL * 86'400);
    // 23 November is day 326 (0-based) of 2026; 08:30 at +01:00 is 07:30 UTC.
    CHECK(parse_iso8601("2026-11-23T08:30:00+01:00") == (20'454LL + 326) * 86'400 + 7 * 3600 + 1800);
    CHECK(parse_iso8601("2038-01-19T03:14:08Z") == 2'147'483'648LL);  // one past the 32-bit limit
    // 2100 is not a leap year: 1 March follows 28 February.
    CHECK(parse_iso8601("2100-03-01T00:00:00Z") == 4'102'444'800LL + 59 * 86'400);
    CHECK(parse_iso8601("1970-01-01T00:00:00-05:30") == 19'800);
    CHECK(parse_iso8601("1970-01-01T05:30:00+05:30") == 0);
    CHECK(parse_iso8601("0000-01-01T00:00:00Z") == -62'167'219'200LL);
    CHECK(parse_iso8601("9999-12-31T23:59:59Z") == 253'402'300'799LL);
}

TEST_CASE("ISO-8601 parsing accepts a space, zero fractions and lower-case z", "[core][iso]") {
    CHECK(parse_iso8601("2026-11-23 08:30:00+01:00") == parse_iso8601("2026-11-23T08:30:00+01:00"));
    CHECK(parse_iso8601("2026-11-23T08:30:00.000Z") == parse_iso8601("2026-11-23T08:30:00Z"));
    CHECK(parse_iso8601("2026-11-23t08:30:00z") == parse_iso8601("2026-11-23T08:30:00Z"));
}

TEST_CASE("ISO-8601 parsing refuses what is not a complete timestamp", "[core][iso]") {
    CHECK_THAT(error_message("2026-11-23T08:30:00"), Catch::Contains("add a UTC offset such as +01:00 or Z"));
    CHECK_THAT(error_message("2026-11-23T08:30:00.5Z"), Catch::Contains("fractional seconds"));
    CHECK_THAT(error_message("2026-02-29T08:30:00Z"), Catch::Contains("does not exist"));
    CHECK_THAT(error_message("2100-02-29T08:30:00Z"), Catch::Contains("does not exist"));
    CHECK_THAT(error_message("2026-13-01T08:30:00Z"), Catch::Contains("month"));
    CHECK_THAT(error_message("2026-11-23T24:00:00Z"), Catch::Contains("hour"));
    CHECK_THAT(error_message("2026-11-23T08:60:00Z"), Catch::Contains("minute"));
    CHECK_THAT(error_message("2026-11-23T08:30:60Z"), Catch::Contains("second"));
    CHECK_THAT(error_message("2026-11-23T08:30:00+01"), Catch::Contains("':'"));
    CHECK_THAT(error_message("2026-11-23T08:30:00+24:00"), Catch::Contains("offset"));
    CHECK_THAT(error_message("2026-11-23T08:30:00Zjunk"), Catch::Contains("unexpected text"));
    CHECK_THAT(error_message("2026-11-23"), Catch::Contains("'T'"));
    CHECK_THAT(error_message("abc"), Catch::Contains("4 digits for the year"));
    CHECK_THAT(error_message(""), Catch::Contains("year"));
}

TEST_CASE("ISO-8601 formatting against hand-computed text", "[core][iso]") {
    CHECK(format_iso8601(0) == "1970-01-01T00:00:00Z");
    CHECK(format_iso8601(-1) == "1969-12-31T23:59:59Z");
    CHECK(format_iso8601((20'454LL + 326) * 86'400 + 7 * 3600 + 1800, 3600) == "2026-11-23T08:30:00+01:00");
    CHECK(format_iso8601(19'800, -19'800) == "1970-01-01T00:00:00-05:30");
    CHECK(format_iso8601(951'868'800 - 1) == "2000-02-29T23:59:59Z");
    CHECK(format_iso8601(2'147'483'648LL) == "2038-01-19T03:14:08Z");
    CHECK(format_iso8601(4'102'444'800LL + 59 * 86'400) == "2100-03-01T00:00:00Z");
    CHECK(format_iso8601(-62'167'219'200LL) == "0000-01-01T00:00:00Z");
    CHECK_THROWS_AS(format_iso8601(0, 30), InputError);          // not whole minutes
    CHECK_THROWS_AS(format_iso8601(0, 24 * 3600), InputError);   // a day or more
}

TEST_CASE("ISO-8601 formatting and parsing are inverse over four centuries", "[core][iso]") {
    std::mt19937_64 rng(20261123);
    std::uniform_int_distribution<Time> instant(-2'208'988'800LL, 7'258'118'400LL);  // 1900 .. 2200
    std::uniform_int_distribution<int> quarter_hours(-55, 55);
    for (int i = 0; i < 2000; ++i) {
        const Time t = instant(rng);
        const int offset = quarter_hours(rng) * 900;
        const std::string text = format_iso8601(t, offset);
        INFO(text);
        REQUIRE(parse_iso8601(text) == t);
    }
}

TEST_CASE("Civil dates convert to day numbers and back", "[core][iso]") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2026, 11, 23) == 20780);
    CHECK(days_from_civil(2000, 3, 1) == 11017);  // just after a 400-year leap day
    CHECK(days_from_civil(0, 3, 1) == -719468);   // the start of the calendar's cycles
    const CivilDate leap_day = civil_from_days(days_from_civil(2024, 2, 29));
    CHECK(leap_day.year == 2024);
    CHECK(leap_day.month == 2);
    CHECK(leap_day.day == 29);
    const CivilDate before = civil_from_days(-719469);
    CHECK(before.year == 0);
    CHECK(before.month == 2);
    CHECK(before.day == 29);  // year 0 is a leap year in the proleptic calendar
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2100, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(2026, 4) == 30);
    CHECK(days_in_month(2026, 12) == 31);
    // Every day over eight centuries on both sides of the epoch maps back to itself, one day apart.
    std::int64_t expected = days_from_civil(1600, 1, 1);
    for (std::int64_t y = 1600; y < 2400; ++y)
        for (int m = 1; m <= 12; ++m)
            for (int d = 1; d <= days_in_month(y, m); ++d) {
                const std::int64_t n = days_from_civil(y, m, d);
                if (n != expected) FAIL("day numbers are not consecutive at " << y << "-" << m << "-" << d);
                const CivilDate back = civil_from_days(n);
                if (back.year != y || back.month != m || back.day != d) FAIL("no round trip at day " << n);
                ++expected;
            }
    CHECK(expected == days_from_civil(2400, 1, 1));
}
