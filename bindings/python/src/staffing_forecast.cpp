// Python bindings of the staffing forecast: conversion only; the work runs
// without the GIL.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/core/error.hpp"
#include "fsd/staffing/arrival_history.hpp"
#include "fsd/staffing/forecast.hpp"
#include "repr.hpp"
#include "instant.hpp"
#include "registry.hpp"

namespace py = pybind11;

namespace {

std::vector<fsd::Arrival> to_arrivals(const std::vector<fsd::Time>& created, const std::vector<std::string>& series) {
    if (created.size() != series.size()) throw fsd::InputError("/series", "needs one value per created time");
    std::vector<fsd::Arrival> out(created.size());
    for (std::size_t i = 0; i < created.size(); ++i) out[i] = {created[i], series[i]};
    return out;
}

py::dict score_columns(const std::vector<const fsd::ForecastScore*>& scores, const std::string& prefix, py::dict d) {
    py::list points, nonzero, actual, forecast, wape, mape, bias, coverage;
    for (const auto* s : scores) {
        points.append(s->points);
        nonzero.append(s->nonzero);
        actual.append(s->actual);
        forecast.append(s->forecast);
        wape.append(s->wape);
        mape.append(s->mape);
        bias.append(s->bias);
        coverage.append(s->coverage);
    }
    d[py::str(prefix + "wape")] = wape;
    d[py::str(prefix + "mape")] = mape;
    d[py::str(prefix + "bias")] = bias;
    d[py::str(prefix + "coverage")] = coverage;
    d[py::str(prefix + "actual")] = actual;
    d[py::str(prefix + "forecast")] = forecast;
    d[py::str(prefix + "points")] = points;
    d[py::str(prefix + "nonzero")] = nonzero;
    return d;
}

py::dict forecast_dict(const fsd::Forecast& f) {
    py::list series, start, mean, lower, upper, variance;
    for (const auto& r : f.rows) {
        series.append(r.series);
        start.append(r.interval_start);
        mean.append(r.mean);
        lower.append(r.lower);
        upper.append(r.upper);
        variance.append(r.variance);
    }
    py::dict rows;
    rows["series"] = series;
    rows["interval_start"] = start;
    rows["mean"] = mean;
    rows["lower"] = lower;
    rows["upper"] = upper;
    rows["variance"] = variance;
    py::list fits;
    for (const auto& s : f.series) {
        py::dict d;
        d["series"] = s.series;
        d["arrivals"] = s.arrivals;
        d["history_weeks"] = s.history_weeks;
        d["mean_per_week"] = s.mean_per_week;
        d["trend_per_week"] = s.trend_per_week;
        d["pearson_dispersion"] = s.pearson_dispersion;
        d["nb_alpha"] = s.nb_alpha;
        d["holiday_fitted"] = s.holiday_fitted;
        d["next_week_mean"] = s.weeks.front().mean;
        d["next_week_lower"] = s.weeks.front().lower;
        d["next_week_upper"] = s.weeks.front().upper;
        fits.append(d);
    }
    py::dict out;
    out["rows"] = rows;
    out["series"] = fits;
    out["start"] = f.start;
    return out;
}

py::dict backtest_dict(const fsd::BacktestReport& r) {
    py::dict folds, overall, points;
    {
        py::list series, fold, week, train;
        std::vector<const fsd::ForecastScore*> i, d;
        for (const auto& f : r.folds) {
            series.append(f.series);
            fold.append(f.fold);
            week.append(f.week_start);
            train.append(f.train_weeks);
            i.push_back(&f.per_interval);
            d.push_back(&f.per_day);
        }
        folds["series"] = series;
        folds["fold"] = fold;
        folds["week_start"] = week;
        folds["train_weeks"] = train;
        score_columns(i, "interval_", folds);
        score_columns(d, "day_", folds);
    }
    {
        py::list series;
        std::vector<const fsd::ForecastScore*> i, d;
        for (const auto& o : r.overall) {
            series.append(o.series);
            i.push_back(&o.per_interval);
            d.push_back(&o.per_day);
        }
        overall["series"] = series;
        score_columns(i, "interval_", overall);
        score_columns(d, "day_", overall);
    }
    py::list series, fold, start, actual, mean, lower, upper;
    for (const auto& p : r.points) {
        series.append(p.series);
        fold.append(p.fold);
        start.append(p.interval_start);
        actual.append(p.actual);
        mean.append(p.mean);
        lower.append(p.lower);
        upper.append(p.upper);
    }
    points["series"] = series;
    points["fold"] = fold;
    points["interval_start"] = start;
    points["actual"] = actual;
    points["mean"] = mean;
    points["lower"] = lower;
    points["upper"] = upper;
    py::dict out;
    out["folds"] = folds;
    out["overall"] = overall;
    out["points"] = points;
    return out;
}

std::optional<fsd::Time> optional_instant(const py::object& value, const std::string& path) {
    if (value.is_none()) return std::nullopt;
    return fsdpy::to_instant(value, path);
}

const char* model_name(fsd::CountModel model) { return model == fsd::CountModel::poisson ? "poisson" : "automatic"; }

fsd::CountModel parse_model(const std::string& v) {
    if (v == "poisson") return fsd::CountModel::poisson;
    if (v == "automatic") return fsd::CountModel::automatic;
    throw fsd::InputError("/options/model", "must be \"automatic\" or \"poisson\", got \"" + v + "\"");
}

// Every field, in declaration order: what __eq__ compares and __repr__ shows.
py::tuple options_fields(const fsd::ForecastOptions& o) {
    return py::make_tuple(o.grid.interval, o.grid.utc_offset_minutes, o.holidays, o.weeks, o.start, o.level, o.span.start,
                          o.span.end, model_name(o.model), o.main_penalty, o.interaction_penalty, o.trend, o.trend_penalty,
                          o.parameter_uncertainty, o.total_series);
}

std::string options_repr(const fsd::ForecastOptions& o) {
    using fsdpy::py_repr;
    return fsdpy::fields_repr("ForecastOptions", {{"interval", py_repr(o.grid.interval)},
                                                  {"utc_offset_minutes", py_repr(o.grid.utc_offset_minutes)},
                                                  {"holidays", fsdpy::list_repr(o.holidays)},
                                                  {"weeks", py_repr(o.weeks)},
                                                  {"start", py_repr(o.start)},
                                                  {"level", py_repr(o.level)},
                                                  {"model", py_repr(std::string(model_name(o.model)))},
                                                  {"trend", py_repr(o.trend)},
                                                  {"total_series", py_repr(o.total_series)}});
}

void bind_staffing_forecast(py::module_& m) {
    const fsd::ForecastOptions d;
    py::class_<fsd::ForecastOptions>(m, "ForecastOptions", R"(Options of the arrival forecast (docs/staffing.md).

Parameters
----------
interval : int, default 3600
    Interval length: 900, 1800 or 3600 seconds.
utc_offset_minutes : int, default 0
    The local clock, minutes east of UTC.
holidays : list of str
    Local holiday dates YYYY-MM-DD.
weeks : int, default 1
    Weeks to forecast, 1 to 52.
start : int or str or datetime.datetime, optional
    First forecast interval; default the local Monday after the history.
level : float, default 0.9
    Two-sided level of the prediction intervals.
history_start, history_end : int or str or datetime.datetime, optional
    The observed span (default: the local days around the arrivals).
model : {"automatic", "poisson"}, default "automatic"
main_penalty, interaction_penalty, trend_penalty : float
    Ridge penalties (docs/staffing.md).
trend : bool, default True
    Fit a log-linear weekly trend.
parameter_uncertainty : bool, default True
    Widen the intervals by the uncertainty of the fitted mean.
total_series : str, default "all"
    Name of the pooled series; empty for none.)")
        .def(py::init([](fsd::Duration interval, int utc_offset_minutes, std::vector<std::string> holidays, int weeks,
                         const py::object& start, double level, const py::object& history_start,
                         const py::object& history_end, const std::string& model, double main_penalty,
                         double interaction_penalty, bool trend, double trend_penalty, bool parameter_uncertainty,
                         std::string total_series) {
                 fsd::ForecastOptions o;
                 o.grid.interval = interval;
                 o.grid.utc_offset_minutes = utc_offset_minutes;
                 o.holidays = std::move(holidays);
                 o.weeks = weeks;
                 o.start = optional_instant(start, "/options/start");
                 o.level = level;
                 o.span.start = optional_instant(history_start, "/options/history_start");
                 o.span.end = optional_instant(history_end, "/options/history_end");
                 o.model = parse_model(model);
                 o.main_penalty = main_penalty;
                 o.interaction_penalty = interaction_penalty;
                 o.trend = trend;
                 o.trend_penalty = trend_penalty;
                 o.parameter_uncertainty = parameter_uncertainty;
                 o.total_series = std::move(total_series);
                 return o;
             }),
             py::kw_only(), py::arg("interval") = d.grid.interval, py::arg("utc_offset_minutes") = d.grid.utc_offset_minutes,
             py::arg("holidays") = d.holidays, py::arg("weeks") = d.weeks, py::arg("start") = py::none(),
             py::arg("level") = d.level, py::arg("history_start") = py::none(), py::arg("history_end") = py::none(),
             py::arg("model") = std::string(model_name(d.model)), py::arg("main_penalty") = d.main_penalty,
             py::arg("interaction_penalty") = d.interaction_penalty, py::arg("trend") = d.trend,
             py::arg("trend_penalty") = d.trend_penalty, py::arg("parameter_uncertainty") = d.parameter_uncertainty,
             py::arg("total_series") = d.total_series)
        .def("__eq__", [](const fsd::ForecastOptions& a, const fsd::ForecastOptions& b) {
            return options_fields(a).equal(options_fields(b));
        }, py::is_operator())
        .def("__repr__", &options_repr)
        .def_property(
            "interval", [](const fsd::ForecastOptions& o) { return o.grid.interval; },
            [](fsd::ForecastOptions& o, fsd::Duration v) { o.grid.interval = v; }, "interval length: 900, 1800 or 3600 s")
        .def_property(
            "utc_offset_minutes", [](const fsd::ForecastOptions& o) { return o.grid.utc_offset_minutes; },
            [](fsd::ForecastOptions& o, int v) { o.grid.utc_offset_minutes = v; }, "local clock, minutes east of UTC")
        .def_readwrite("holidays", &fsd::ForecastOptions::holidays, "local holiday dates YYYY-MM-DD")
        .def_readwrite("weeks", &fsd::ForecastOptions::weeks, "weeks to forecast, 1 to 52")
        .def_property(
            "start", [](const fsd::ForecastOptions& o) { return o.start; },
            [](fsd::ForecastOptions& o, const py::object& v) { o.start = optional_instant(v, "/options/start"); },
            "first forecast interval (Unix seconds; set from an instant) or None")
        .def_readwrite("level", &fsd::ForecastOptions::level, "level of the prediction intervals")
        .def_property(
            "history_start", [](const fsd::ForecastOptions& o) { return o.span.start; },
            [](fsd::ForecastOptions& o, const py::object& v) { o.span.start = optional_instant(v, "/options/history_start"); },
            "start of the observed span or None")
        .def_property(
            "history_end", [](const fsd::ForecastOptions& o) { return o.span.end; },
            [](fsd::ForecastOptions& o, const py::object& v) { o.span.end = optional_instant(v, "/options/history_end"); },
            "end of the observed span or None")
        .def_property(
            "model", [](const fsd::ForecastOptions& o) { return std::string(model_name(o.model)); },
            [](fsd::ForecastOptions& o, const std::string& v) { o.model = parse_model(v); },
            "\"automatic\" (Poisson or negative binomial) or \"poisson\"")
        .def_readwrite("main_penalty", &fsd::ForecastOptions::main_penalty)
        .def_readwrite("interaction_penalty", &fsd::ForecastOptions::interaction_penalty)
        .def_readwrite("trend", &fsd::ForecastOptions::trend)
        .def_readwrite("trend_penalty", &fsd::ForecastOptions::trend_penalty)
        .def_readwrite("parameter_uncertainty", &fsd::ForecastOptions::parameter_uncertainty)
        .def_readwrite("total_series", &fsd::ForecastOptions::total_series);

    m.def(
        "_forecast",
        [](const std::vector<fsd::Time>& created, const std::vector<std::string>& series, const fsd::ForecastOptions& o) {
            const auto arrivals = to_arrivals(created, series);
            fsd::Forecast f;
            {
                py::gil_scoped_release release;
                f = fsd::forecast_arrivals(arrivals, o);
            }
            return forecast_dict(f);
        },
        py::arg("created"), py::arg("series"), py::arg("options"));
    m.def(
        "_backtest_forecast",
        [](const std::vector<fsd::Time>& created, const std::vector<std::string>& series, const fsd::ForecastOptions& o,
           int folds) {
            const auto arrivals = to_arrivals(created, series);
            fsd::BacktestReport r;
            {
                py::gil_scoped_release release;
                r = fsd::backtest_forecast(arrivals, o, {folds});
            }
            return backtest_dict(r);
        },
        py::arg("created"), py::arg("series"), py::arg("options"), py::arg("folds"));
    m.def(
        "_count_interval", [](double mean, double variance, double level) { return fsd::count_interval(mean, variance, level); },
        py::arg("mean"), py::arg("variance"), py::arg("level"));
    m.def(
        "_synthetic_history",
        [](int weeks, fsd::Duration interval, int utc_offset_minutes, std::uint64_t seed, double weekly_trend) {
            fsd::SyntheticHistoryOptions o;
            o.weeks = weeks;
            o.grid = {interval, utc_offset_minutes};
            o.seed = seed;
            o.weekly_trend = weekly_trend;
            o.start -= static_cast<fsd::Time>(utc_offset_minutes) * 60;
            fsd::SyntheticHistory h;
            {
                py::gil_scoped_release release;
                h = fsd::synthetic_history(o);
            }
            py::list created, series, rate_series, rate_start, rate;
            for (const auto& a : h.arrivals) {
                created.append(a.created);
                series.append(a.series);
            }
            for (std::size_t s = 0; s < h.rates.size(); ++s)
                for (std::size_t k = 0; k < h.rates[s].size(); ++k) {
                    rate_series.append(h.counts.series[s]);
                    rate_start.append(h.counts.start + static_cast<fsd::Time>(k) * interval);
                    rate.append(h.rates[s][k]);
                }
            py::dict out, rates;
            out["created"] = created;
            out["series"] = series;
            rates["series"] = rate_series;
            rates["interval_start"] = rate_start;
            rates["rate"] = rate;
            out["rates"] = rates;
            out["holidays"] = h.holidays;
            out["start"] = h.counts.start;
            out["end"] = h.counts.end;
            return out;
        },
        py::arg("weeks"), py::arg("interval"), py::arg("utc_offset_minutes"), py::arg("seed"), py::arg("weekly_trend"));
}

}  // namespace

FSDPY_REGISTER(85, bind_staffing_forecast);
