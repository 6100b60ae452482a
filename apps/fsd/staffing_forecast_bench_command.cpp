// fsd bench forecast: back-test on a generated history with known rates; the
// forecast's WAPE against the noise floor (the WAPE of the true rates).
#include <array>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "command_registry.hpp"
#include "fsd/staffing/forecast.hpp"
#include "option_checks.hpp"
#include "text_file.hpp"

namespace {

struct ForecastBenchArgs {
    int weeks = 52;
    int folds = 12;
    fsd::Duration interval = 3600;
    std::uint64_t seed = 1;
    std::string csv;
};

// Absolute errors of the forecast and of the true rate against the realised counts.
struct Errors {
    double actual = 0.0, forecast = 0.0, floor = 0.0;
    double ratio() const { return forecast / floor; }
};

void run_bench(const ForecastBenchArgs& a) {
    fsd::SyntheticHistoryOptions g;
    g.weeks = a.weeks;
    g.seed = a.seed;
    g.grid.interval = a.interval;
    const auto began = std::chrono::steady_clock::now();
    const fsd::SyntheticHistory h = fsd::synthetic_history(g);
    fsd::ForecastOptions o;
    o.grid = g.grid;
    o.holidays = g.holidays;
    fsd::BacktestOptions b;
    b.folds = a.folds;
    const fsd::BacktestReport r = fsd::backtest_counts(h.counts, o, b);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

    const std::size_t per_day = static_cast<std::size_t>(fsd::kDay / a.interval);
    std::map<std::string, Errors> per_interval, per_day_errors;
    std::map<std::string, std::map<std::int64_t, std::array<double, 3>>> days;  // actual, forecast, rate per day
    for (const auto& p : r.points) {
        const std::size_t k = static_cast<std::size_t>((p.interval_start - h.counts.start) / a.interval);
        double rate = 0.0;
        for (std::size_t s = 0; s < h.rates.size(); ++s)
            if (p.series == o.total_series || h.counts.series[s] == p.series) rate += h.rates[s][k];
        Errors& e = per_interval[p.series];
        e.actual += p.actual;
        e.forecast += std::abs(p.actual - p.mean);
        e.floor += std::abs(p.actual - rate);
        auto& d = days[p.series][static_cast<std::int64_t>(k / per_day)];
        d[0] += p.actual;
        d[1] += p.mean;
        d[2] += rate;
    }
    for (const auto& [series, by_day] : days)
        for (const auto& [day, v] : by_day) {
            Errors& e = per_day_errors[series];
            e.actual += v[0];
            e.forecast += std::abs(v[0] - v[1]);
            e.floor += std::abs(v[0] - v[2]);
        }
    std::cout << fmt::format("Forecast back-test on a generated {}-week history (seed {}, {}-minute intervals): "
                             "the last {} weeks, each forecast from the weeks before; {:.2f} s\n",
                             a.weeks, a.seed, a.interval / 60, a.folds, seconds);
    std::cout << fmt::format("{:<12} {:>9} | {:>10} {:>10} {:>6} | {:>10} {:>10} {:>6}\n", "series", "arrivals",
                             "int WAPE", "int floor", "ratio", "day WAPE", "day floor", "ratio");
    std::string csv = "series,level,arrivals,wape_forecast,wape_noise_floor,ratio\n";
    for (const auto& [series, e] : per_interval) {
        const Errors& d = per_day_errors[series];
        std::cout << fmt::format("{:<12} {:>9.0f} | {:>9.2f}% {:>9.2f}% {:>6.3f} | {:>9.2f}% {:>9.2f}% {:>6.3f}\n",
                                 series, e.actual, 100.0 * e.forecast / e.actual, 100.0 * e.floor / e.actual,
                                 e.ratio(), 100.0 * d.forecast / d.actual, 100.0 * d.floor / d.actual, d.ratio());
        csv += fmt::format("{},interval,{:.0f},{:.6f},{:.6f},{:.6f}\n", series, e.actual, e.forecast / e.actual,
                           e.floor / e.actual, e.ratio());
        csv += fmt::format("{},day,{:.0f},{:.6f},{:.6f},{:.6f}\n", series, d.actual, d.forecast / d.actual,
                           d.floor / d.actual, d.ratio());
    }
    std::cout << "(floor: WAPE of the true rates against the same counts; target ratio <= 1.10)\n";
    if (!a.csv.empty()) fsdcli::write_text_file(a.csv, csv);
}

void add_forecast_bench(CLI::App& app) {
    auto args = std::make_shared<ForecastBenchArgs>();
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand(
        "forecast", "Forecast back-test against the noise floor of a history with known rates");
    cmd->add_option("--weeks", args->weeks, "weeks of generated history")->check(CLI::Range(4, 520));
    cmd->add_option("--folds", args->folds, "back-test folds: the last N weeks")->check(CLI::Range(1, 500));
    cmd->add_option("--interval", args->interval, "interval length in seconds: 900, 1800 or 3600")
        ->check(CLI::IsMember({900, 1800, 3600}));
    cmd->add_option("--seed", args->seed, "seed of the generated history")->check(fsdcli::seed_text());
    cmd->add_option("--csv", args->csv, "write series,level,arrivals,wape_forecast,wape_noise_floor,ratio rows here");
    cmd->callback([args] { run_bench(*args); });
}

}  // namespace

FSDCLI_REGISTER(95, add_forecast_bench);
