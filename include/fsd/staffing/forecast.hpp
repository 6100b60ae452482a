#pragma once
// Arrival forecasts per series and interval of the week: a log-linear count
// regression (Poisson or negative binomial, fitted by penalised IRLS) with
// day-of-week, interval-of-day, their shrunk interaction, a trend and
// holidays; prediction intervals; a rolling-origin back-test. docs/staffing.md
// gives the model and its sources.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/staffing/arrival_history.hpp"

namespace fsd {

/// Which count distribution the fit assumes.
enum class CountModel {
    automatic,  ///< Poisson, or negative binomial when the Pearson residuals show overdispersion
    poisson,    ///< always Poisson (variance = mean)
};

/// Options of forecast_arrivals and backtest_forecast.
struct ForecastOptions {
    /// Interval length (900, 1800 or 3600 s) and the local clock's offset.
    WeekGrid grid;
    /// Local dates "YYYY-MM-DD" that are holidays: their own day type in the
    /// fit and in the forecast (like a Sunday when the history holds none).
    std::vector<std::string> holidays;
    /// Weeks to forecast, 1 to 52.
    int weeks = 1;
    /// First forecast interval; default the local Monday 00:00 after the
    /// history's last arrival. Must fall on an interval boundary.
    std::optional<Time> start;
    /// Two-sided level of the prediction intervals, in (0, 1).
    double level = 0.9;
    /// The observed span (default: local midnight before the first arrival
    /// to local midnight after the last); it must cover at least 14 days.
    SpanOptions span;
    CountModel model = CountModel::automatic;
    /// Ridge penalty on the day and interval-of-day effects: keeps all-zero
    /// cells finite without moving well-observed ones.
    double main_penalty = 1e-3;
    /// Ridge penalty on the day × interval interaction: pulls sparse cells
    /// towards the shape shared by all days (a prior sd of 1/sqrt(penalty)
    /// on the log scale).
    double interaction_penalty = 1.0;
    /// Fit a log-linear trend in weeks (with at least 3 weeks of history).
    bool trend = true;
    /// Ridge penalty on the weekly log-slope: a prior sd of 1/sqrt(400) =
    /// 5 % a week, negligible for busy series, decisive for a series of a
    /// handful of tickets (whose slope would otherwise run off).
    double trend_penalty = 400.0;
    /// Widen the intervals by the uncertainty of the fitted mean.
    bool parameter_uncertainty = true;
    /// Name of the pooled series fitted on all arrivals when there are two
    /// or more series; empty for none.
    std::string total_series = "all";
};

/// Throws InputError "/options/<field>" for an option out of range.
void check_forecast_options(const ForecastOptions& options);

/// One forecast interval of one series.
struct ForecastRow {
    std::string series;
    Time interval_start = 0;
    double mean = 0.0;      ///< expected arrivals in the interval
    double lower = 0.0;     ///< lower prediction bound (a count)
    double upper = 0.0;     ///< upper prediction bound (a count)
    double variance = 0.0;  ///< predictive variance (count noise plus parameter uncertainty)
};

/// A forecast total over a span of intervals (a week, a day).
struct ForecastTotal {
    Time start = 0;
    double mean = 0.0;
    double lower = 0.0;
    double upper = 0.0;
};

/// What the fit of one series found.
struct SeriesFit {
    std::string series;
    std::int64_t arrivals = 0;     ///< in the history span
    double history_weeks = 0.0;    ///< span length in weeks
    double mean_per_week = 0.0;    ///< arrivals / history_weeks
    double trend_per_week = 0.0;   ///< relative change of the rate per week (exp(slope) - 1)
    double pearson_dispersion = 0.0;  ///< Pearson chi-square / residual degrees of freedom of the Poisson fit
    double nb_alpha = 0.0;         ///< negative-binomial alpha (variance = mu + alpha mu^2); 0 = Poisson
    int iterations = 0;            ///< IRLS iterations of the last fit
    bool holiday_fitted = false;   ///< the history held a holiday
    std::vector<ForecastTotal> weeks;  ///< forecast total per forecast week
};

/// A forecast of every series (and the pooled total) over the horizon.
struct Forecast {
    WeekGrid grid;
    Time start = 0;
    int weeks = 1;
    double level = 0.9;
    std::vector<ForecastRow> rows;   ///< series by series (sorted, total last), intervals in time order
    std::vector<SeriesFit> series;   ///< same order as the rows
};

/// Fits and forecasts from arrivals (any order). InputError "/arrivals..."
/// or "/options/..." on bad input; fewer than 14 days of history is an error
/// ("/arrivals"), not a fallback.
Forecast forecast_arrivals(const std::vector<Arrival>& arrivals, const ForecastOptions& options = {});

/// The same from counts already bucketed (their grid is used; the span
/// options are ignored).
Forecast forecast_counts(const ArrivalCounts& counts, const ForecastOptions& options = {});

/// Lower and upper `level` prediction bounds of a count with this mean and
/// variance: negative binomial above the Poisson line, Poisson on it, a
/// binomial (real-valued size) below it, a point when the variance is ~0.
std::pair<double, double> count_interval(double mean, double variance, double level);

/// Accuracy of forecasts against actual counts.
struct ForecastScore {
    std::int64_t points = 0;   ///< intervals (or days) scored
    std::int64_t nonzero = 0;  ///< of which with a non-zero actual (the MAPE points)
    double actual = 0.0;       ///< sum of actuals
    double forecast = 0.0;     ///< sum of forecast means
    double wape = 0.0;         ///< sum|y - f| / sum y (NaN when sum y = 0)
    double mape = 0.0;         ///< mean of |y - f| / y over non-zero y (NaN when none)
    double bias = 0.0;         ///< (sum f - sum y) / sum y: positive = over-forecast
    double coverage = 0.0;     ///< share of points with lower <= y <= upper
};

/// Scores forecasts (mean, lower, upper) against actuals; all four vectors
/// have the same length (InputError "/mean", ... otherwise).
ForecastScore score_forecast(const std::vector<double>& actual, const std::vector<double>& mean,
                             const std::vector<double>& lower, const std::vector<double>& upper);

/// Rolling-origin back-test settings.
struct BacktestOptions {
    /// Number of folds: the last `folds` whole weeks of the span, each
    /// forecast from the weeks before it.
    int folds = 4;
};

/// One forecast interval of the back-test with its actual count.
struct BacktestPoint {
    std::string series;
    int fold = 0;
    Time interval_start = 0;
    double actual = 0.0;
    double mean = 0.0;
    double lower = 0.0;
    double upper = 0.0;
};

/// One series in one fold: trained on the span before `week_start`,
/// scored on the week from it.
struct BacktestFold {
    std::string series;
    int fold = 0;
    Time week_start = 0;
    double train_weeks = 0.0;
    ForecastScore per_interval;
    ForecastScore per_day;
};

/// Folds pooled per series.
struct BacktestOverall {
    std::string series;
    ForecastScore per_interval;
    ForecastScore per_day;
};

/// The whole back-test.
struct BacktestReport {
    std::vector<BacktestFold> folds;
    std::vector<BacktestOverall> overall;
    std::vector<BacktestPoint> points;
};

/// Back-test from arrivals: for each of the last `folds` whole weeks k of
/// the span, fit on the span before week k and forecast week k. InputError
/// "/options/folds" when fewer whole weeks have 14 days of history before
/// them.
BacktestReport backtest_forecast(const std::vector<Arrival>& arrivals, const ForecastOptions& options = {},
                                 const BacktestOptions& backtest = {});

/// The same from counts already bucketed.
BacktestReport backtest_counts(const ArrivalCounts& counts, const ForecastOptions& options = {},
                               const BacktestOptions& backtest = {});

}  // namespace fsd
