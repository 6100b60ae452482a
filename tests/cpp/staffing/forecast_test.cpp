#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>

#include "staffing_test_support.hpp"
#include "fsd/core/error.hpp"
#include "fsd/staffing/forecast.hpp"

using namespace fsd;

namespace {

using staffing_test::error_path;
using staffing_test::kMonday;


// `per_hour(t)` arrivals in every hour of `weeks` weeks from kMonday, spread over the hour.
std::vector<Arrival> steady(int weeks, const std::function<int(Time)>& per_hour, const std::string& series = "s") {
    std::vector<Arrival> out;
    for (Time t = kMonday; t < kMonday + weeks * kWeek; t += 3600)
        for (int j = 0, n = per_hour(t); j < n; ++j) out.push_back({t + 60 * j + 7, series});
    return out;
}

ForecastOptions span_options(int weeks) {
    ForecastOptions o;
    o.span.start = kMonday;
    o.span.end = kMonday + weeks * kWeek;
    return o;
}

}  // namespace

TEST_CASE("count intervals match hand-computed quantiles", "[staffing][forecast]") {
    // Poisson(10): P(X<=4) = 0.0293, P(X<=5) = 0.0671, P(X<=14) = 0.9165, P(X<=15) = 0.9513.
    CHECK(count_interval(10.0, 10.0, 0.9) == std::pair<double, double>{5.0, 15.0});
    // Binomial(10, 0.5) (mean 5, variance 2.5): P(X<=1) = 11/1024, P(X<=2) = 56/1024,
    // P(X<=7) = 968/1024, P(X<=8) = 1013/1024.
    CHECK(count_interval(5.0, 2.5, 0.9) == std::pair<double, double>{2.0, 8.0});
    // Geometric on {0, 1, ...} with p = 1/2 (NB size 1: mean 1, variance 2): P(X<=k) = 1 - 2^-(k+1);
    // the 95 % quantile is 4 (0.96875; 3 gives 0.9375).
    CHECK(count_interval(1.0, 2.0, 0.9) == std::pair<double, double>{0.0, 4.0});
    // No variance: the mean itself.
    CHECK(count_interval(4.0, 0.0, 0.9) == std::pair<double, double>{4.0, 4.0});
    CHECK(count_interval(0.0, 0.0, 0.9) == std::pair<double, double>{0.0, 0.0});
}

TEST_CASE("WAPE, MAPE, bias and coverage of a hand-made example", "[staffing][forecast]") {
    // |y - f| = 1, 1, 0, 2: WAPE = 4 / 12; MAPE over the non-zero actuals 4, 2, 6:
    // (1/4 + 0/2 + 2/6) / 3 = 0.194444...; bias = (14 - 12) / 12; 6 lies outside [4, 5].
    const ForecastScore s = score_forecast({4, 0, 2, 6}, {3, 1, 2, 8}, {1, 0, 0, 4}, {5, 2, 4, 5});
    CHECK(s.points == 4);
    CHECK(s.nonzero == 3);
    CHECK(s.wape == Approx(1.0 / 3.0));
    CHECK(s.mape == Approx((0.25 + 2.0 / 6.0) / 3.0));
    CHECK(s.bias == Approx(1.0 / 6.0));
    CHECK(s.coverage == Approx(0.75));
    CHECK(std::isnan(score_forecast({0, 0}, {1, 1}, {0, 0}, {1, 1}).wape));
    CHECK(error_path([] { score_forecast({1}, {1, 2}, {1}, {1}); }) == "/mean");
}

TEST_CASE("a constant-rate history forecasts that rate with a tight interval", "[staffing][forecast]") {
    const Forecast f = forecast_arrivals(steady(3, [](Time) { return 4; }), span_options(3));
    REQUIRE(f.series.size() == 1);  // one series: no pooled total
    CHECK(f.start == kMonday + 3 * kWeek);
    REQUIRE(f.rows.size() == 168);
    for (const auto& row : f.rows) {
        CHECK(row.mean == Approx(4.0).margin(1e-6));
        CHECK(row.lower == 4.0);
        CHECK(row.upper == 4.0);
    }
    CHECK(f.series[0].trend_per_week == Approx(0.0).margin(1e-9));
    CHECK(f.series[0].mean_per_week == Approx(4.0 * 168));
    CHECK(f.series[0].weeks.at(0).mean == Approx(672.0).margin(1e-4));
    // The back-test of a constant history is exact.
    const BacktestReport bt = backtest_forecast(steady(5, [](Time) { return 4; }), span_options(5), {2});
    REQUIRE(bt.overall.size() == 1);
    CHECK(bt.overall[0].per_interval.wape == Approx(0.0).margin(1e-6));
    CHECK(bt.overall[0].per_interval.coverage == 1.0);
    CHECK(bt.overall[0].per_day.wape == Approx(0.0).margin(1e-6));
    CHECK(bt.folds.size() == 2);
    CHECK(bt.folds[0].week_start == kMonday + 3 * kWeek);
    CHECK(bt.points.size() == 2 * 168);
}

TEST_CASE("a two-level weekday pattern is recovered", "[staffing][forecast]") {
    // Exactly 6 arrivals an hour on weekdays and 2 at weekends: the additive day effect fits it.
    auto two_level = [](Time t) { return day_of_week(t, 0) < 5 ? 6 : 2; };
    const Forecast f = forecast_arrivals(steady(4, two_level), span_options(4));
    for (const auto& row : f.rows) CHECK(row.mean == Approx(two_level(row.interval_start)).epsilon(1e-4));
    // Random Poisson counts (weekday rate 5, weekend 1 per hour, 12 weeks, seeded): the mean
    // forecast per hour within 4 % (2.5 standard errors of the weekday level: 1/sqrt(7200)).
    std::mt19937_64 rng(7);
    std::vector<Arrival> arrivals;
    for (Time t = kMonday; t < kMonday + 12 * kWeek; t += 3600) {
        std::poisson_distribution<int> draw(day_of_week(t, 0) < 5 ? 5.0 : 1.0);
        for (int j = 0, n = draw(rng); j < n; ++j) arrivals.push_back({t + j, "s"});
    }
    ForecastOptions o = span_options(12);
    o.trend = false;
    const Forecast r = forecast_arrivals(arrivals, o);
    double weekday = 0.0, weekend = 0.0;
    for (const auto& row : r.rows) (day_of_week(row.interval_start, 0) < 5 ? weekday : weekend) += row.mean;
    CHECK(weekday / (5 * 24) == Approx(5.0).epsilon(0.04));
    CHECK(weekend / (2 * 24) == Approx(1.0).epsilon(0.09));  // 1/sqrt(576) = 4.2 % standard error

}

TEST_CASE("a trend is recovered on a long synthetic history", "[staffing][forecast]") {
    SyntheticHistoryOptions g;
    g.weekly_trend = 0.01;
    g.series = {{"hvac", 300.0}};
    const SyntheticHistory h = synthetic_history(g);
    ForecastOptions o;
    o.holidays = g.holidays;
    const Forecast f = forecast_counts(h.counts, o);
    // About 26,000 arrivals over 52 weeks: the slope's standard error is about
    // 1/sqrt(26000 * 52^2/12) = 4e-4, so 0.002 is 5 standard errors.
    CHECK(f.series[0].trend_per_week == Approx(0.01).margin(0.002));
    // Next week's total against the true rate extrapolated one week.
    const double last_week = std::accumulate(h.rates[0].end() - 168, h.rates[0].end(), 0.0);
    CHECK(f.series[0].weeks[0].mean == Approx(last_week * 1.01).epsilon(0.05));
}

TEST_CASE("prediction intervals cover about the level on synthetic data", "[staffing][forecast]") {
    SyntheticHistoryOptions g;
    g.weeks = 30;
    const SyntheticHistory h = synthetic_history(g);
    ForecastOptions o;
    o.holidays = g.holidays;
    const BacktestReport bt = backtest_counts(h.counts, o, {8});
    // The reference: how often the ideal interval (the quantiles of the true Poisson rate)
    // covers a Poisson count, which for discrete counts lies above the level, most at small means.
    auto poisson_cdf = [](double mean, double k) {
        double p = std::exp(-mean), sum = 0.0;
        for (int i = 0; i <= static_cast<int>(k); ++i) {
            sum += p;
            p *= mean / (i + 1);
        }
        return sum;
    };
    double ideal = 0.0, covered = 0.0;
    for (const auto& point : bt.points) {
        const std::size_t k = static_cast<std::size_t>((point.interval_start - h.counts.start) / 3600);
        double rate = 0.0;
        for (std::size_t s = 0; s < h.rates.size(); ++s)
            if (point.series == "all" || h.counts.series[s] == point.series) rate += h.rates[s][k];
        const auto [lo, hi] = count_interval(rate, rate, 0.9);
        ideal += poisson_cdf(rate, hi) - (lo > 0 ? poisson_cdf(rate, lo - 1) : 0.0);
        covered += (point.lower <= point.actual && point.actual <= point.upper) ? 1.0 : 0.0;
    }
    const double n = static_cast<double>(bt.points.size());  // 8 folds x 168 hours x 4 series = 5376
    // The binomial standard error of 5376 points at 0.95 is 0.003; the fitted intervals are a
    // little wider than the ideal ones (parameter uncertainty): within 0.025 of the ideal.
    CHECK(covered / n == Approx(ideal / n).margin(0.025));
    for (const auto& overall : bt.overall) {
        INFO(overall.series);
        CHECK(overall.per_interval.coverage > 0.87);
        CHECK(overall.per_interval.coverage < 0.99);
    }
}

TEST_CASE("holidays are their own day type, or Sundays when the history has none", "[staffing][forecast]") {
    // 4 weeks: 4 an hour, 1 an hour on the holiday Tuesday 2026-01-13 and on Sundays 2.
    const Time holiday = kMonday + 8 * kDay;
    auto rate = [](Time t) {
        if (t >= holiday && t < holiday + kDay) return 1;
        return day_of_week(t, 0) == 6 ? 2 : 4;
    };
    ForecastOptions o = span_options(4);
    o.holidays = {"2026-01-13", "2026-02-03"};  // the second falls in the forecast week
    o.trend = false;
    const Forecast f = forecast_arrivals(steady(4, rate), o);
    CHECK(f.series[0].holiday_fitted);
    for (const auto& row : f.rows) {
        const bool is_holiday = row.interval_start >= kMonday + 29 * kDay && row.interval_start < kMonday + 30 * kDay;
        const double expected = is_holiday ? 1.0 : (day_of_week(row.interval_start, 0) == 6 ? 2.0 : 4.0);
        CHECK(row.mean == Approx(expected).epsilon(1e-3));
    }
    // No holiday in the history: the forecast holiday looks like a Sunday.
    o.holidays = {"2026-02-03"};
    const Forecast g = forecast_arrivals(steady(4, [](Time t) { return day_of_week(t, 0) == 6 ? 2 : 4; }), o);
    CHECK(!g.series[0].holiday_fitted);
    for (const auto& row : g.rows)
        if (row.interval_start >= kMonday + 29 * kDay && row.interval_start < kMonday + 30 * kDay)
            CHECK(row.mean == Approx(2.0).epsilon(1e-3));
}

TEST_CASE("the forecast week starts at local Monday and unsorted input changes nothing", "[staffing][forecast]") {
    std::vector<Arrival> a = steady(2, [](Time) { return 1; }, "x");
    const auto b = steady(2, [](Time t) { return day_of_week(t, 0) < 5 ? 2 : 0; }, "y");
    a.insert(a.end(), b.begin(), b.end());
    ForecastOptions o;
    o.grid.utc_offset_minutes = 60;
    const Forecast sorted = forecast_arrivals(a, o);
    std::reverse(a.begin(), a.end());
    const Forecast reversed = forecast_arrivals(a, o);
    // The last arrival is Sunday 23:xx UTC = Monday 00:xx local: the forecast starts a week later.
    CHECK(sorted.start == kMonday + 3 * kWeek - 3600);
    REQUIRE(sorted.series.size() == 3);
    CHECK(sorted.series[2].series == "all");
    REQUIRE(sorted.rows.size() == reversed.rows.size());
    for (std::size_t i = 0; i < sorted.rows.size(); ++i) CHECK(sorted.rows[i].mean == reversed.rows[i].mean);
    // The pooled total is close to the sum of the series.
    double x = 0, y = 0, all = 0;
    for (const auto& row : sorted.rows) (row.series == "x" ? x : row.series == "y" ? y : all) += row.mean;
    CHECK(all == Approx(x + y).epsilon(0.02));
}

TEST_CASE("forecast errors name the field", "[staffing][forecast]") {
    const auto three = steady(3, [](Time) { return 1; });
    ForecastOptions o;
    CHECK(error_path([&] { forecast_arrivals({}, o); }) == "/arrivals");
    CHECK(error_path([&] { forecast_arrivals(steady(1, [](Time) { return 1; }), o); }) == "/arrivals");
    o.weeks = 53;
    CHECK(error_path([&] { forecast_arrivals(three, o); }) == "/options/weeks");
    o = {};
    o.level = 1.0;
    CHECK(error_path([&] { forecast_arrivals(three, o); }) == "/options/level");
    o = {};
    o.holidays = {"2026-13-01"};
    CHECK(error_path([&] { forecast_arrivals(three, o); }) == "/options/holidays/0");
    o = {};
    o.grid.interval = 1000;
    CHECK(error_path([&] { forecast_arrivals(three, o); }) == "/options/interval");
    o = {};
    o.start = kMonday + 60;
    CHECK(error_path([&] { forecast_arrivals(three, o); }) == "/options/start");
    o = {};
    auto named_all = three;
    named_all.push_back({kMonday, "all"});
    CHECK(error_path([&] { forecast_arrivals(named_all, o); }) == "/options/total_series");
    CHECK(error_path([&] { forecast_arrivals({{kMonday, ""}}, o); }) == "/arrivals/0/series");
    CHECK(error_path([&] { backtest_forecast(three, o, {2}); }) == "/options/folds");
}
