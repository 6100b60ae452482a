#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "staffing_test_support.hpp"
#include "fsd/core/error.hpp"
#include "fsd/staffing/arrival_history.hpp"

using namespace fsd;

namespace {

using staffing_test::error_path;
using staffing_test::kMonday;


}  // namespace

TEST_CASE("an arrival at 23:30 UTC on Sunday is Monday 00:30 at UTC+01:00", "[staffing][forecast]") {
    const Time t = kMonday - 1800;  // Sunday 2026-01-04T23:30:00Z
    CHECK(day_of_week(t, 0) == 6);
    CHECK(interval_of_week(t, {3600, 0}) == 6 * 24 + 23);
    CHECK(day_of_week(t, 60) == 0);
    CHECK(interval_of_week(t, {1800, 60}) == 1);  // 00:30-01:00 local
    CHECK(interval_of_week(t, {3600, 60}) == 0);
    CHECK(local_week_start(t, 60) == kMonday - 3600);
    CHECK(local_week_start(t, 0) == kMonday - 7 * 86400);
    CHECK(local_day_start(t, -300) == kMonday - 86400 + 5 * 3600);  // Sunday 00:00 at UTC-05:00
    // Before 1970 the floor division keeps Monday: 1969-12-29 was a Monday.
    CHECK(local_week_start(-1, 0) == -3 * 86400);
}

TEST_CASE("bucketing counts unsorted arrivals per series from the local midnight", "[staffing][forecast]") {
    const std::vector<Arrival> arrivals = {
        {kMonday + 7200 + 5, "b"}, {kMonday - 1800, "a"}, {kMonday + 10, "a"}, {kMonday + 3599, "a"}};
    const ArrivalCounts c = bucket_arrivals(arrivals, {3600, 60});
    CHECK(c.start == kMonday - 3600);  // local midnight before the first arrival
    CHECK(c.end == c.start + 86400);
    REQUIRE(c.series == std::vector<std::string>{"a", "b"});
    REQUIRE(c.intervals() == 24);
    CHECK(c.counts[0][0] == 1);  // 23:30Z = 00:30 local
    CHECK(c.counts[0][1] == 2);  // 00:00:10Z and 00:59:59Z = 01:xx local
    CHECK(c.counts[1][3] == 1);
    CHECK(std::accumulate(c.counts[0].begin(), c.counts[0].end(), std::int64_t{0}) == 3);
}

TEST_CASE("bucketing rejects bad input naming the field", "[staffing][forecast]") {
    CHECK(error_path([] { bucket_arrivals({}, {}); }) == "/arrivals");
    CHECK(error_path([] { bucket_arrivals({{kMonday, "a"}, {kMonday, ""}}, {}); }) == "/arrivals/1/series");
    CHECK(error_path([] { bucket_arrivals({{kMonday, "a\xff"}}, {}); }) == "/arrivals/0/series");
    CHECK(error_path([] { bucket_arrivals({{kMonday, "a"}}, {1000, 0}); }) == "/options/interval");
    CHECK(error_path([] { bucket_arrivals({{kMonday, "a"}}, {7200, 0}); }) == "/options/interval");
    CHECK(error_path([] { bucket_arrivals({{kMonday, "a"}}, {3600, 900}); }) == "/options/utc_offset_minutes");
    CHECK(error_path([] { bucket_arrivals({{kTimeMax, "a"}}, {}); }) == "/arrivals/0/created");
    SpanOptions span;
    span.start = kMonday + 60;
    CHECK(error_path([&] { bucket_arrivals({{kMonday + 100, "a"}}, {}, span); }) == "/options/history_start");
    span.start = kMonday + 3600;
    CHECK(error_path([&] { bucket_arrivals({{kMonday + 100, "a"}}, {}, span); }) == "/arrivals/0/created");
}

TEST_CASE("local dates parse to local midnight and must exist", "[staffing][forecast]") {
    CHECK(parse_local_midnight("2026-01-05", 0, "/h") == kMonday);
    CHECK(parse_local_midnight("2026-01-05", 60, "/h") == kMonday - 3600);
    CHECK(error_path([] { parse_local_midnight("2026-02-29", 0, "/h"); }) == "/h");
    CHECK(error_path([] { parse_local_midnight("2026-1-05", 0, "/h"); }) == "/h");
}

TEST_CASE("the synthetic history is seeded and its rates add up to the weekly volumes", "[staffing][forecast]") {
    SyntheticHistoryOptions o;
    o.weeks = 8;
    o.weekly_trend = 0.0;
    o.holidays = {"2026-01-06"};  // Tuesday of week 1
    const SyntheticHistory a = synthetic_history(o), b = synthetic_history(o);
    CHECK(a.arrivals == b.arrivals);
    REQUIRE(a.counts.series == std::vector<std::string>{"electrical", "hvac", "plumbing"});
    REQUIRE(a.rates[1].size() == 8 * 168);
    // Week 2 (no holiday, no trend): the rates sum to the series' weekly volume.
    const double week2 = std::accumulate(a.rates[1].begin() + 168, a.rates[1].begin() + 336, 0.0);
    CHECK(week2 == Approx(300.0).epsilon(1e-9));
    // The holiday runs at a tenth of an ordinary Tuesday.
    const double holiday = std::accumulate(a.rates[1].begin() + 24, a.rates[1].begin() + 48, 0.0);
    const double tuesday = std::accumulate(a.rates[1].begin() + 168 + 24, a.rates[1].begin() + 168 + 48, 0.0);
    CHECK(holiday == Approx(0.1 * tuesday).epsilon(1e-9));
    // Realised counts: their sum is Poisson with the summed rate (4 standard deviations).
    double rate = 0.0, count = 0.0;
    for (std::size_t s = 0; s < 3; ++s) {
        rate += std::accumulate(a.rates[s].begin(), a.rates[s].end(), 0.0);
        count += static_cast<double>(std::accumulate(a.counts.counts[s].begin(), a.counts.counts[s].end(), std::int64_t{0}));
    }
    CHECK(count == static_cast<double>(a.arrivals.size()));
    CHECK(std::abs(count - rate) < 4.0 * std::sqrt(rate));
    CHECK(std::is_sorted(a.arrivals.begin(), a.arrivals.end(),
                         [](const Arrival& x, const Arrival& y) { return x.created < y.created; }));
    // Buckets of the generated arrivals match the counts it reports.
    SpanOptions span;
    span.start = a.counts.start;
    span.end = a.counts.end;
    CHECK(bucket_arrivals(a.arrivals, o.grid, span).counts == a.counts.counts);
    o.seed = 2;
    CHECK(synthetic_history(o).arrivals != a.arrivals);
}

TEST_CASE("the synthetic history rejects bad options", "[staffing][forecast]") {
    SyntheticHistoryOptions o;
    o.start += 3600;
    CHECK(error_path([&] { synthetic_history(o); }) == "/options/start");
    o = {};
    o.weeks = 0;
    CHECK(error_path([&] { synthetic_history(o); }) == "/options/weeks");
    o = {};
    o.series[1].name = "hvac";
    CHECK(error_path([&] { synthetic_history(o); }) == "/options/series/1/name");
    o = {};
    o.holidays = {"2026-02-30"};
    CHECK(error_path([&] { synthetic_history(o); }) == "/options/holidays/0");
}
