// fsd forecast HISTORY.csv: arrivals per interval of the week by series, with
// prediction intervals and an optional rolling-origin back-test.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/staffing/forecast.hpp"
#include "option_checks.hpp"
#include "staffing_history.hpp"
#include "text_file.hpp"

namespace {

struct ForecastArgs {
    std::string history;
    fsd::Duration interval = 3600;
    std::string by = "category";
    int weeks = 1;
    int utc_offset = 0;
    std::vector<std::string> holidays;
    double level = 0.9;
    int backtest = 0;
    std::string csv_out;
    std::string json_out;
};

std::string percent(double v) { return std::isnan(v) ? "-" : fmt::format("{:.1f}%", 100.0 * v); }

nlohmann::json score_json(const fsd::ForecastScore& s) {
    auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    return {{"points", s.points}, {"nonzero", s.nonzero}, {"actual", s.actual}, {"forecast", s.forecast},
            {"wape", num(s.wape)}, {"mape", num(s.mape)}, {"bias", num(s.bias)}, {"coverage", num(s.coverage)}};
}

void run_forecast(const ForecastArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.csv_out, a.json_out});
    fsd::ForecastOptions o;
    o.grid.interval = a.interval;
    o.grid.utc_offset_minutes = a.utc_offset;
    o.holidays = a.holidays;
    o.weeks = a.weeks;
    o.level = a.level;
    const std::vector<fsd::Arrival> arrivals = fsdcli::read_ticket_arrivals(a.history, a.by);
    const fsd::Forecast f = fsd::forecast_arrivals(arrivals, o);
    const int offset = a.utc_offset * 60;

    std::cout << fmt::format("Forecast of {} arrivals by {} from {} ({}-minute intervals, UTC{:+03d}:{:02d}), "
                             "{:.0f} % intervals\n",
                             arrivals.size(), a.by, a.history, a.interval / 60, a.utc_offset / 60,
                             std::abs(a.utc_offset) % 60, 100.0 * a.level);
    std::cout << fmt::format("{:<24} {:>7} {:>8} {:>9} {:>8} {:>8}  {:<26} {}\n", "series", "weeks", "arrivals",
                             "per week", "trend/wk", "NB alpha", "week of", "total [interval]");
    nlohmann::json series_json = nlohmann::json::array();
    for (const auto& s : f.series) {
        const auto& w = s.weeks.front();
        std::cout << fmt::format("{:<24} {:>7.1f} {:>8} {:>9.1f} {:>8} {:>8.3f}  {:<26} {:.1f} [{:.0f}, {:.0f}]\n", s.series,
                                 s.history_weeks, s.arrivals, s.mean_per_week, percent(s.trend_per_week), s.nb_alpha,
                                 fsd::format_iso8601(w.start, offset), w.mean, w.lower, w.upper);
        nlohmann::json weeks = nlohmann::json::array();
        for (const auto& t : s.weeks)
            weeks.push_back({{"week_start", fsd::format_iso8601(t.start, offset)}, {"mean", t.mean},
                             {"lower", t.lower}, {"upper", t.upper}});
        series_json.push_back({{"series", s.series}, {"arrivals", s.arrivals}, {"history_weeks", s.history_weeks},
                               {"mean_per_week", s.mean_per_week}, {"trend_per_week", s.trend_per_week},
                               {"pearson_dispersion", s.pearson_dispersion}, {"nb_alpha", s.nb_alpha},
                               {"holiday_fitted", s.holiday_fitted}, {"weeks", weeks}});
    }
    nlohmann::json j = {{"interval", a.interval}, {"utc_offset_minutes", a.utc_offset}, {"level", a.level},
                        {"start", fsd::format_iso8601(f.start, offset)}, {"series", series_json}};
    if (a.backtest > 0) {
        fsd::BacktestOptions b;
        b.folds = a.backtest;
        const fsd::BacktestReport r = fsd::backtest_forecast(arrivals, o, b);
        std::cout << fmt::format("\nBack-test: the last {} whole weeks, each forecast from the weeks before it\n",
                                 a.backtest);
        std::cout << fmt::format("{:<24} {:>9} {:>9} {:>9} {:>9}   {:>9} {:>9} {:>9} {:>9}\n", "series",
                                 "int WAPE", "int MAPE", "int bias", "int cov", "day WAPE", "day MAPE", "day bias",
                                 "day cov");
        nlohmann::json overall = nlohmann::json::array(), folds = nlohmann::json::array();
        for (const auto& s : r.overall) {
            const auto& i = s.per_interval;
            const auto& d = s.per_day;
            std::cout << fmt::format("{:<24} {:>9} {:>9} {:>9} {:>9}   {:>9} {:>9} {:>9} {:>9}\n", s.series,
                                     percent(i.wape), percent(i.mape), percent(i.bias), percent(i.coverage),
                                     percent(d.wape), percent(d.mape), percent(d.bias), percent(d.coverage));
            overall.push_back({{"series", s.series}, {"per_interval", score_json(i)}, {"per_day", score_json(d)}});
        }
        for (const auto& s : r.folds)
            folds.push_back({{"series", s.series}, {"fold", s.fold}, {"week_start", fsd::format_iso8601(s.week_start, offset)},
                             {"train_weeks", s.train_weeks}, {"per_interval", score_json(s.per_interval)},
                             {"per_day", score_json(s.per_day)}});
        j["backtest"] = {{"folds", folds}, {"overall", overall}};
        std::cout << "(MAPE over intervals or days with at least one arrival; bias = (forecast - actual) / actual)\n";
    }
    if (!a.csv_out.empty()) {
        std::string csv = "series,interval_start,mean,lower,upper\n";
        for (const auto& row : f.rows) {
            std::string name = row.series;
            if (name.find_first_of(",\"\r\n") != std::string::npos) {
                std::string quoted = "\"";
                for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
                name = quoted + "\"";
            }
            csv += fmt::format("{},{},{:.6f},{:.0f},{:.0f}\n", name, fsd::format_iso8601(row.interval_start, offset),
                               row.mean, row.lower, row.upper);
        }
        fsdcli::write_text_file(a.csv_out, csv);
    }
    if (!a.json_out.empty()) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : f.rows)
            rows.push_back({{"series", row.series}, {"interval_start", fsd::format_iso8601(row.interval_start, offset)},
                            {"mean", row.mean}, {"lower", row.lower}, {"upper", row.upper}});
        j["rows"] = rows;
        fsdcli::write_text_file(a.json_out, j.dump(2) + "\n");
    }
}

void add_forecast_command(CLI::App& app) {
    auto args = std::make_shared<ForecastArgs>();
    auto* cmd = app.add_subcommand("forecast", "Forecast ticket arrivals per interval of the week, with intervals and a back-test");
    cmd->add_option("history", args->history, "ticket CSV with a created column (the triage format)")->required();
    cmd->add_option("--interval", args->interval, "interval length in seconds: 900, 1800 or 3600")
        ->check(CLI::IsMember({900, 1800, 3600}));
    cmd->add_option("--by", args->by, "series column(s): category, skill, or any column; a,b joins them as a/b");
    cmd->add_option("--weeks", args->weeks, "weeks to forecast (1 to 52)")->check(CLI::Range(1, 52));
    cmd->add_option("--utc-offset", args->utc_offset, "local clock in minutes east of UTC (the week starts Monday 00:00 local)")
        ->check(fsdcli::utc_offset_minutes());
    cmd->add_option("--holiday", args->holidays, "a local holiday date YYYY-MM-DD (repeatable)");
    cmd->add_option("--level", args->level, "level of the prediction intervals")->check(CLI::Range(0.5, 0.999));
    cmd->add_option("--backtest", args->backtest, "back-test on the last WEEKS whole weeks")->check(CLI::Range(1, 52));
    cmd->add_option("--csv", args->csv_out, "write series,interval_start,mean,lower,upper rows here (- for stdout)");
    cmd->add_option("--json", args->json_out, "write the summary, the rows and the back-test as JSON here (- for stdout)");
    cmd->callback([args] { run_forecast(*args); });
}

}  // namespace

FSDCLI_REGISTER(82, add_forecast_command);
