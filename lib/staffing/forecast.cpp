#include "fsd/staffing/forecast.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include "fsd/core/error.hpp"
#include "fsd/core/utf8.hpp"

namespace fsd {

namespace {

constexpr int kDayTypes = 8;  // Monday..Sunday, then holiday
constexpr int kHolidayType = 7;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A log-linear trend compounds: it is extrapolated for a quarter past the
// history and held flat after that.
constexpr double kTrendWeeksAhead = 13.0;
// Cap on the variance of the fitted log-mean that widens the intervals: a
// factor of about e^1.6 either way at 90 %, reached only by cells with next
// to no data, whose rate the ridge pins rather than estimates.
constexpr double kMaxEtaVariance = 1.0;

// Where a cell sits in the model: its day type, interval of day and time in
// weeks from the centre of the training span.
struct Cell {
    int day = 0;
    int slot = 0;
    double weeks = 0.0;
};

// The design of one fit. Parameters: a small dense block (intercept, 8 day
// effects, one effect per interval of day, trend) and the day × interval
// interaction, whose normal-equation block is diagonal because each cell
// touches exactly one interaction term; the solve eliminates that block
// (Schur complement), so 15-minute grids stay cheap.
struct Design {
    int slots = 24;  // intervals per day
    int small() const { return 2 + kDayTypes + slots; }
    int trend_index() const { return 1 + kDayTypes + slots; }
    int pairs() const { return kDayTypes * slots; }
};

struct Fit {
    Eigen::VectorXd g;     // small block
    Eigen::VectorXd c;     // interaction
    Eigen::MatrixXd s_inv; // inverse Schur complement (covariance of g up to the scale)
    Eigen::MatrixXd b;     // coupling block small × pairs
    Eigen::VectorXd d;     // diagonal of the interaction block
    double alpha = 0.0;
    double pearson = 0.0;
    double effective_parameters = 0.0;
    int iterations = 0;
};

double clamp_eta(double eta) { return std::clamp(eta, -40.0, 40.0); }

double eta_of(const Design& x, const Fit& f, const Cell& cell) {
    return clamp_eta(f.g[0] + f.g[1 + cell.day] + f.g[1 + kDayTypes + cell.slot] + f.g[x.trend_index()] * cell.weeks +
                     f.c[cell.day * x.slots + cell.slot]);
}

// Rows of the small block that a cell of interaction `j` touches (intercept,
// day, interval of day, trend): the coupling column j is zero elsewhere.
std::array<int, 4> coupled_rows(const Design& x, int j) {
    return {0, 1 + j / x.slots, 1 + kDayTypes + j % x.slots, x.trend_index()};
}

// Variance of the linear predictor of a cell, in units of the parameter
// covariance scale: x' A^-1 x with the interaction eliminated, i.e.
// u' S^-1 u + 1/d_j with u = x_small - B e_j / d_j (four non-zeros).
double eta_variance(const Design& x, const Fit& f, const Cell& cell) {
    const int j = cell.day * x.slots + cell.slot;
    const auto rows = coupled_rows(x, j);
    const double val[4] = {1.0, 1.0, 1.0, cell.weeks};
    double u[4];
    for (int r = 0; r < 4; ++r) u[r] = val[r] - f.b(rows[r], j) / f.d[j];
    double v = 1.0 / f.d[j];
    for (int r = 0; r < 4; ++r)
        for (int t = 0; t < 4; ++t) v += u[r] * u[t] * f.s_inv(rows[r], rows[t]);
    return v;
}

// Penalised negative log-likelihood (up to a constant) for the step control.
double objective(const std::vector<double>& y, const std::vector<double>& eta, double alpha, const Fit& f,
                 const Eigen::VectorXd& penalty_small, double penalty_pair) {
    double value = 0.0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double mu = std::exp(eta[i]);
        if (alpha <= 0.0)
            value += mu - y[i] * eta[i];
        else {
            const double r = 1.0 / alpha;
            value += (y[i] + r) * std::log(r + mu) - y[i] * eta[i];
        }
    }
    value += 0.5 * f.g.cwiseProduct(f.g).dot(penalty_small) + 0.5 * penalty_pair * f.c.squaredNorm();
    return value;
}

struct Problem {
    Design x;
    std::vector<Cell> cells;
    std::vector<double> y;
    Eigen::VectorXd penalty_small;
    double penalty_pair = 1.0;
};

// Penalised IRLS (Fisher scoring) for the log-linear Poisson (alpha = 0) or
// NB2 model; `f` holds the start and receives the fit.
void irls(const Problem& p, double alpha, Fit& f) {
    const Design& x = p.x;
    const int q = x.small(), m = x.pairs();
    const std::size_t n = p.y.size();
    std::vector<double> eta(n);
    for (std::size_t i = 0; i < n; ++i) eta[i] = eta_of(x, f, p.cells[i]);
    double previous = objective(p.y, eta, alpha, f, p.penalty_small, p.penalty_pair);
    f.iterations = 0;
    for (int iteration = 0; iteration < 100; ++iteration) {
        Eigen::MatrixXd a11 = p.penalty_small.asDiagonal();
        Eigen::MatrixXd b = Eigen::MatrixXd::Zero(q, m);
        Eigen::VectorXd d = Eigen::VectorXd::Constant(m, p.penalty_pair);
        Eigen::VectorXd r_small = Eigen::VectorXd::Zero(q), r_pair = Eigen::VectorXd::Zero(m);
        for (std::size_t i = 0; i < n; ++i) {
            const Cell& cell = p.cells[i];
            const double mu = std::exp(eta[i]);
            const double w = mu / (1.0 + alpha * mu);
            const double z = eta[i] + (p.y[i] - mu) / mu;
            const int idx[4] = {0, 1 + cell.day, 1 + kDayTypes + cell.slot, x.trend_index()};
            const double val[4] = {1.0, 1.0, 1.0, cell.weeks};
            const int j = cell.day * x.slots + cell.slot;
            for (int r = 0; r < 4; ++r) {
                for (int s = 0; s < 4; ++s) a11(idx[r], idx[s]) += w * val[r] * val[s];
                b(idx[r], j) += w * val[r];
                r_small[idx[r]] += w * val[r] * z;
            }
            d[j] += w;
            r_pair[j] += w * z;
        }
        // Schur complement S = A11 - B D^-1 B' and its right-hand side, column by column of B.
        Eigen::MatrixXd s = a11;
        Eigen::VectorXd rhs = r_small;
        for (int j = 0; j < m; ++j) {
            const auto rows = coupled_rows(x, j);
            for (int r = 0; r < 4; ++r) {
                rhs[rows[r]] -= b(rows[r], j) * r_pair[j] / d[j];
                for (int t = 0; t < 4; ++t) s(rows[r], rows[t]) -= b(rows[r], j) * b(rows[t], j) / d[j];
            }
        }
        const Eigen::LDLT<Eigen::MatrixXd> solver(s);
        const Eigen::VectorXd g_new = solver.solve(rhs);
        Eigen::VectorXd c_new(m);
        for (int j = 0; j < m; ++j) {
            const auto rows = coupled_rows(x, j);
            double v = r_pair[j];
            for (int r = 0; r < 4; ++r) v -= b(rows[r], j) * g_new[rows[r]];
            c_new[j] = v / d[j];
        }
        const Eigen::VectorXd g_old = f.g, c_old = f.c;
        // Step halving when the penalised objective does not decrease.
        double step = 1.0, value = previous;
        for (int halving = 0; halving < 30; ++halving) {
            f.g = g_old + step * (g_new - g_old);
            f.c = c_old + step * (c_new - c_old);
            for (std::size_t i = 0; i < n; ++i) eta[i] = eta_of(x, f, p.cells[i]);
            value = objective(p.y, eta, alpha, f, p.penalty_small, p.penalty_pair);
            if (value <= previous + 1e-12 * std::abs(previous)) break;
            step *= 0.5;
        }
        f.iterations = iteration + 1;
        f.b = std::move(b);
        f.d = std::move(d);
        f.s_inv = solver.solve(Eigen::MatrixXd::Identity(q, q));
        const double change = previous - value;
        previous = value;
        // The relative criterion of R's glm.fit (1e-8), ten times stricter.
        if (std::abs(change) <= 1e-9 * (std::abs(value) + 0.1)) break;
    }
    // Effective number of parameters: tr(A^-1 (A - Lambda)) = p - tr(A^-1 Lambda).
    double trace = 0.0;
    for (int i = 0; i < q; ++i) trace += p.penalty_small[i] * f.s_inv(i, i);
    for (int j = 0; j < m; ++j) {
        const auto rows = coupled_rows(x, j);
        double v = 1.0 / f.d[j];
        for (int r = 0; r < 4; ++r)
            for (int t = 0; t < 4; ++t) v += f.b(rows[r], j) * f.b(rows[t], j) * f.s_inv(rows[r], rows[t]) / (f.d[j] * f.d[j]);
        trace += p.penalty_pair * v;
    }
    f.effective_parameters = q + m - trace;
    f.pearson = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double mu = std::exp(eta_of(x, f, p.cells[i]));
        f.pearson += (p.y[i] - mu) * (p.y[i] - mu) / (mu * (1.0 + alpha * mu));
    }
    f.alpha = alpha;
}

// NB2 alpha that makes the Pearson statistic equal the residual degrees of
// freedom (the moment estimator of MASS's theta.mm), by bisection in log alpha.
double moment_alpha(const Problem& p, const Fit& f, double dof) {
    std::vector<double> mu(p.y.size());
    for (std::size_t i = 0; i < p.y.size(); ++i) mu[i] = std::exp(eta_of(p.x, f, p.cells[i]));
    auto pearson = [&](double alpha) {
        double sum = 0.0;
        for (std::size_t i = 0; i < p.y.size(); ++i)
            sum += (p.y[i] - mu[i]) * (p.y[i] - mu[i]) / (mu[i] * (1.0 + alpha * mu[i]));
        return sum;
    };
    if (pearson(0.0) <= dof) return 0.0;
    double lo = std::log(1e-8), hi = std::log(1e2);
    if (pearson(std::exp(hi)) > dof) return std::exp(hi);
    for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        (pearson(std::exp(mid)) > dof ? lo : hi) = mid;
    }
    return std::exp(0.5 * (lo + hi));
}

struct SeriesModel {
    Fit fit;
    double variance_scale = 1.0;  // Poisson: variance = scale × mean (scale < 1 when underdispersed)
    double covariance_scale = 1.0;
    bool empty = false;           // no arrivals in the history
    bool holiday_fitted = false;
    double pearson_dispersion = 0.0;
};

struct Calendar {
    WeekGrid grid;
    std::set<Time> holidays;  // local midnights
    Time centre = 0;          // trend origin
    bool trend = true;
    double trend_cap = 0.0;   // weeks from the centre beyond which the trend is held flat

    Cell cell(Time t, bool holidays_known) const {
        const Time day = local_day_start(t, grid.utc_offset_minutes);
        Cell c;
        c.slot = static_cast<int>((t - day) / grid.interval);
        c.day = day_of_week(t, grid.utc_offset_minutes);
        if (holidays.count(day) != 0) c.day = holidays_known ? kHolidayType : 6;
        c.weeks = trend ? std::min(trend_cap, static_cast<double>(t + grid.interval / 2 - centre) / static_cast<double>(kWeek))
                        : 0.0;
        return c;
    }
};

SeriesModel fit_series(const std::vector<std::int64_t>& counts, Time start, const Calendar& calendar,
                       const ForecastOptions& options) {
    SeriesModel model;
    Problem p;
    p.x.slots = static_cast<int>(kDay / calendar.grid.interval);
    double total = 0.0;
    p.cells.reserve(counts.size());
    p.y.reserve(counts.size());
    for (std::size_t k = 0; k < counts.size(); ++k) {
        const Time t = start + static_cast<Time>(k) * calendar.grid.interval;
        const Cell cell = calendar.cell(t, true);
        model.holiday_fitted = model.holiday_fitted || cell.day == kHolidayType;
        p.cells.push_back(cell);
        p.y.push_back(static_cast<double>(counts[k]));
        total += p.y.back();
    }
    model.fit.g = Eigen::VectorXd::Zero(p.x.small());
    model.fit.c = Eigen::VectorXd::Zero(p.x.pairs());
    if (total == 0.0) {
        model.empty = true;
        return model;
    }
    p.penalty_small = Eigen::VectorXd::Constant(p.x.small(), options.main_penalty);
    p.penalty_small[0] = 0.0;
    // Without a trend the covariate is 0 everywhere; the unit penalty then pins the slope at 0.
    p.penalty_small[p.x.trend_index()] = calendar.trend ? options.trend_penalty : 1.0;
    p.penalty_pair = options.interaction_penalty;
    model.fit.g[0] = std::log(total / static_cast<double>(counts.size()));
    irls(p, 0.0, model.fit);
    const double dof = static_cast<double>(p.y.size()) - model.fit.effective_parameters;
    model.pearson_dispersion = dof >= 1.0 ? model.fit.pearson / dof : 1.0;
    if (options.model == CountModel::poisson) return model;
    if (model.pearson_dispersion <= 1.0) {
        // Underdispersed (e.g. a steady feed): the count noise is smaller than Poisson's.
        model.variance_scale = model.pearson_dispersion;
        model.covariance_scale = model.pearson_dispersion;
        return model;
    }
    double alpha = 0.0;
    for (int round = 0; round < 4; ++round) {
        const double next = moment_alpha(p, model.fit, static_cast<double>(p.y.size()) - model.fit.effective_parameters);
        if (round > 0 && std::abs(next - alpha) <= 0.01 * alpha) break;
        alpha = next;
        irls(p, alpha, model.fit);
    }
    return model;
}

ForecastScore score_impl(const std::vector<double>& y, const std::vector<double>& f, const std::vector<double>& lo,
                         const std::vector<double>& hi) {
    ForecastScore s;
    double abs_error = 0.0, ape = 0.0;
    std::int64_t covered = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        s.actual += y[i];
        s.forecast += f[i];
        abs_error += std::abs(y[i] - f[i]);
        if (y[i] != 0.0) {
            ape += std::abs(y[i] - f[i]) / std::abs(y[i]);
            ++s.nonzero;
        }
        if (lo[i] <= y[i] && y[i] <= hi[i]) ++covered;
    }
    s.points = static_cast<std::int64_t>(y.size());
    s.wape = s.actual != 0.0 ? abs_error / s.actual : kNaN;
    s.bias = s.actual != 0.0 ? (s.forecast - s.actual) / s.actual : kNaN;
    s.mape = s.nonzero > 0 ? ape / static_cast<double>(s.nonzero) : kNaN;
    s.coverage = s.points > 0 ? static_cast<double>(covered) / static_cast<double>(s.points) : kNaN;
    return s;
}

}  // namespace

void check_forecast_options(const ForecastOptions& o) {
    check_week_grid(o.grid);
    if (o.weeks < 1 || o.weeks > 52)
        throw InputError("/options/weeks", "must lie from 1 to 52 weeks, got " + std::to_string(o.weeks));
    if (!(o.level > 0.0 && o.level < 1.0))
        throw InputError("/options/level", "must lie strictly between 0 and 1");
    if (!(o.main_penalty > 0.0 && o.main_penalty < 1e6))
        throw InputError("/options/main_penalty", "must be positive and below 10^6");
    if (!(o.trend_penalty >= 0.0 && o.trend_penalty < 1e9))
        throw InputError("/options/trend_penalty", "must be at least 0 and below 10^9");
    if (!(o.interaction_penalty > 0.0 && o.interaction_penalty < 1e6))
        throw InputError("/options/interaction_penalty", "must be positive and below 10^6");
    if (find_invalid_utf8(o.total_series) != std::string::npos)
        throw InputError("/options/total_series", "is not UTF-8");
    if (o.start) {
        const std::int64_t offset = static_cast<std::int64_t>(o.grid.utc_offset_minutes) * 60;
        if (*o.start < -kTimeMax / 4 || *o.start > kTimeMax / 4 || (*o.start + offset) % o.grid.interval != 0)
            throw InputError("/options/start", "must be an instant on an interval boundary of the local clock");
    }
    for (std::size_t h = 0; h < o.holidays.size(); ++h)
        parse_local_midnight(o.holidays[h], o.grid.utc_offset_minutes, "/options/holidays/" + std::to_string(h));
}

std::pair<double, double> count_interval(double mean, double variance, double level) {
    if (!(level > 0.0 && level < 1.0)) throw InputError("/level", "must lie strictly between 0 and 1");
    if (!(mean > 1e-300) || !std::isfinite(mean)) return {0.0, 0.0};
    if (!(variance > 1e-9 * std::max(1.0, mean)))
        return {std::floor(mean + 1e-9), std::ceil(mean - 1e-9)};
    const double ratio = variance / mean;
    std::function<double(double)> cdf;
    if (std::abs(ratio - 1.0) < 1e-9) {
        cdf = [mean](double k) { return boost::math::gamma_q(k + 1.0, mean); };
    } else if (ratio > 1.0) {
        const double r = mean * mean / (variance - mean);  // NB2 size: variance = mean + mean^2 / r
        const double p = r / (r + mean);
        cdf = [r, p](double k) { return boost::math::ibeta(r, k + 1.0, p); };
    } else {
        const double p = 1.0 - ratio, n = mean / p;  // binomial: mean = n p, variance = n p (1 - p)
        cdf = [n, p](double k) { return k >= n - 1e-9 ? 1.0 : boost::math::ibeta(n - k, k + 1.0, 1.0 - p); };
    }
    // Smallest k with cdf(k) >= q: bracket from the normal guess by doubling,
    // then bisect, so heavy negative-binomial tails cost O(log k).
    auto quantile = [&](double q) {
        const double target = q - 1e-12;
        if (cdf(0.0) >= target) return 0.0;
        const double z = std::sqrt(2.0) * boost::math::erf_inv(2.0 * q - 1.0);
        double lo = 0.0, hi = std::max(1.0, std::floor(mean + z * std::sqrt(variance)));
        while (cdf(hi) < target) {
            lo = hi;
            hi *= 2.0;
            if (hi > 1e15) return hi;  // beyond any count: the tail is flat at double precision
        }
        while (hi - lo > 1.0) {
            const double mid = std::floor(0.5 * (lo + hi));
            (cdf(mid) >= target ? hi : lo) = mid;
        }
        return hi;
    };
    return {quantile(0.5 * (1.0 - level)), quantile(0.5 * (1.0 + level))};
}

ForecastScore score_forecast(const std::vector<double>& actual, const std::vector<double>& mean,
                             const std::vector<double>& lower, const std::vector<double>& upper) {
    if (mean.size() != actual.size()) throw InputError("/mean", "must have as many values as /actual");
    if (lower.size() != actual.size()) throw InputError("/lower", "must have as many values as /actual");
    if (upper.size() != actual.size()) throw InputError("/upper", "must have as many values as /actual");
    return score_impl(actual, mean, lower, upper);
}

Forecast forecast_counts(const ArrivalCounts& counts, const ForecastOptions& options) {
    ForecastOptions o = options;
    o.grid = counts.grid;
    check_forecast_options(o);
    if (counts.series.empty() || counts.counts.size() != counts.series.size())
        throw InputError("/arrivals", "there are no series to forecast");
    for (const auto& series : counts.counts)
        if (series.size() != counts.intervals()) throw InputError("/counts", "every series needs one count per interval");
    if (counts.end - counts.start < 14 * kDay)
        throw InputError("/arrivals", "the history spans " + std::to_string((counts.end - counts.start) / kDay) +
                                          " days; at least 14 are needed to fit a weekly pattern");
    for (const auto& name : counts.series)
        if (!o.total_series.empty() && counts.series.size() > 1 && name == o.total_series)
            throw InputError("/options/total_series", "\"" + name + "\" is also the name of a series");

    Calendar calendar;
    calendar.grid = counts.grid;
    for (std::size_t h = 0; h < o.holidays.size(); ++h)
        calendar.holidays.insert(
            parse_local_midnight(o.holidays[h], o.grid.utc_offset_minutes, "/options/holidays/" + std::to_string(h)));
    calendar.centre = counts.start + (counts.end - counts.start) / 2;
    calendar.trend = o.trend && counts.end - counts.start >= 21 * kDay;
    calendar.trend_cap = static_cast<double>(counts.end - calendar.centre) / static_cast<double>(kWeek) + kTrendWeeksAhead;

    Forecast out;
    out.grid = counts.grid;
    out.weeks = o.weeks;
    out.level = o.level;
    out.start = o.start ? *o.start : local_week_start(counts.end - 1, o.grid.utc_offset_minutes) + kWeek;

    std::vector<std::string> names = counts.series;
    std::vector<const std::vector<std::int64_t>*> series;
    for (const auto& c : counts.counts) series.push_back(&c);
    std::vector<std::int64_t> pooled;
    if (names.size() > 1 && !o.total_series.empty()) {
        pooled.assign(counts.intervals(), 0);
        for (const auto& c : counts.counts)
            for (std::size_t k = 0; k < c.size(); ++k) pooled[k] += c[k];
        names.push_back(o.total_series);
        series.push_back(&pooled);
    }
    const std::size_t horizon = static_cast<std::size_t>(o.weeks) * static_cast<std::size_t>(kWeek / o.grid.interval);
    const std::size_t per_week = static_cast<std::size_t>(kWeek / o.grid.interval);
    const double span_weeks = static_cast<double>(counts.end - counts.start) / static_cast<double>(kWeek);
    Design design;
    design.slots = static_cast<int>(kDay / o.grid.interval);
    for (std::size_t s = 0; s < names.size(); ++s) {
        const SeriesModel model = fit_series(*series[s], counts.start, calendar, o);
        SeriesFit info;
        info.series = names[s];
        for (std::int64_t v : *series[s]) info.arrivals += v;
        info.history_weeks = span_weeks;
        info.mean_per_week = static_cast<double>(info.arrivals) / span_weeks;
        info.trend_per_week = model.empty ? 0.0 : std::expm1(model.fit.g[design.trend_index()]);
        info.pearson_dispersion = model.pearson_dispersion;
        info.nb_alpha = model.fit.alpha;
        info.iterations = model.fit.iterations;
        info.holiday_fitted = model.holiday_fitted;
        double week_mean = 0.0, week_variance = 0.0;
        for (std::size_t k = 0; k < horizon; ++k) {
            ForecastRow row;
            row.series = names[s];
            row.interval_start = out.start + static_cast<Time>(k) * o.grid.interval;
            if (!model.empty) {
                const Cell cell = calendar.cell(row.interval_start, model.holiday_fitted);
                row.mean = std::exp(eta_of(design, model.fit, cell));
                row.variance = model.variance_scale * row.mean + model.fit.alpha * row.mean * row.mean;
                if (o.parameter_uncertainty)
                    row.variance += row.mean * row.mean *
                                    std::min(kMaxEtaVariance, model.covariance_scale * eta_variance(design, model.fit, cell));
                std::tie(row.lower, row.upper) = count_interval(row.mean, row.variance, o.level);
            }
            week_mean += row.mean;
            week_variance += row.variance;
            out.rows.push_back(std::move(row));
            if ((k + 1) % per_week == 0) {
                ForecastTotal total;
                total.start = out.start + static_cast<Time>(k + 1 - per_week) * o.grid.interval;
                total.mean = week_mean;
                std::tie(total.lower, total.upper) = count_interval(week_mean, week_variance, o.level);
                info.weeks.push_back(total);
                week_mean = week_variance = 0.0;
            }
        }
        out.series.push_back(std::move(info));
    }
    return out;
}

Forecast forecast_arrivals(const std::vector<Arrival>& arrivals, const ForecastOptions& options) {
    check_forecast_options(options);
    return forecast_counts(bucket_arrivals(arrivals, options.grid, options.span), options);
}

BacktestReport backtest_counts(const ArrivalCounts& counts, const ForecastOptions& options,
                               const BacktestOptions& backtest) {
    ForecastOptions o = options;
    o.grid = counts.grid;
    check_forecast_options(o);
    if (backtest.folds < 1 || backtest.folds > 520)
        throw InputError("/options/folds", "must lie from 1 to 520, got " + std::to_string(backtest.folds));
    // Whole weeks inside the span with at least 14 days of history before them.
    std::vector<Time> weeks;
    for (Time w = local_week_start(counts.start, o.grid.utc_offset_minutes); w + kWeek <= counts.end; w += kWeek)
        if (w >= counts.start + 14 * kDay) weeks.push_back(w);
    if (static_cast<int>(weeks.size()) < backtest.folds)
        throw InputError("/options/folds", "asks for " + std::to_string(backtest.folds) + " folds but only " +
                                               std::to_string(weeks.size()) +
                                               " whole weeks have 14 days of history before them");
    weeks.erase(weeks.begin(), weeks.end() - backtest.folds);

    BacktestReport report;
    const std::size_t per_day = static_cast<std::size_t>(kDay / o.grid.interval);
    const std::size_t per_week = 7 * per_day;
    struct Pool {
        std::vector<double> y, f, lo, hi, dy, df, dlo, dhi;
    };
    std::vector<Pool> pools;
    for (std::size_t fold = 0; fold < weeks.size(); ++fold) {
        const Time week = weeks[fold];
        ArrivalCounts train;
        train.grid = counts.grid;
        train.start = counts.start;
        train.end = week;
        train.series = counts.series;
        const std::size_t cut = static_cast<std::size_t>((week - counts.start) / o.grid.interval);
        for (const auto& c : counts.counts) train.counts.emplace_back(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(cut));
        ForecastOptions fo = o;
        fo.start = week;
        fo.weeks = 1;
        const Forecast forecast = forecast_counts(train, fo);
        if (pools.empty()) pools.resize(forecast.series.size());
        for (std::size_t s = 0; s < forecast.series.size(); ++s) {
            std::vector<double> y(per_week), f(per_week), lo(per_week), hi(per_week), var(per_week);
            for (std::size_t k = 0; k < per_week; ++k) {
                const ForecastRow& row = forecast.rows[s * per_week + k];
                double actual = 0.0;
                if (s < counts.series.size())
                    actual = static_cast<double>(counts.counts[s][cut + k]);
                else
                    for (const auto& c : counts.counts) actual += static_cast<double>(c[cut + k]);
                y[k] = actual;
                f[k] = row.mean;
                lo[k] = row.lower;
                hi[k] = row.upper;
                var[k] = row.variance;
                report.points.push_back({row.series, static_cast<int>(fold), row.interval_start, actual, row.mean,
                                         row.lower, row.upper});
            }
            std::vector<double> dy(7, 0.0), df(7, 0.0), dvar(7, 0.0), dlo(7), dhi(7);
            for (std::size_t k = 0; k < per_week; ++k) {
                dy[k / per_day] += y[k];
                df[k / per_day] += f[k];
                dvar[k / per_day] += var[k];
            }
            for (std::size_t d = 0; d < 7; ++d) std::tie(dlo[d], dhi[d]) = count_interval(df[d], dvar[d], o.level);
            BacktestFold bf;
            bf.series = forecast.series[s].series;
            bf.fold = static_cast<int>(fold);
            bf.week_start = week;
            bf.train_weeks = static_cast<double>(week - counts.start) / static_cast<double>(kWeek);
            bf.per_interval = score_impl(y, f, lo, hi);
            bf.per_day = score_impl(dy, df, dlo, dhi);
            report.folds.push_back(std::move(bf));
            Pool& pool = pools[s];
            pool.y.insert(pool.y.end(), y.begin(), y.end());
            pool.f.insert(pool.f.end(), f.begin(), f.end());
            pool.lo.insert(pool.lo.end(), lo.begin(), lo.end());
            pool.hi.insert(pool.hi.end(), hi.begin(), hi.end());
            pool.dy.insert(pool.dy.end(), dy.begin(), dy.end());
            pool.df.insert(pool.df.end(), df.begin(), df.end());
            pool.dlo.insert(pool.dlo.end(), dlo.begin(), dlo.end());
            pool.dhi.insert(pool.dhi.end(), dhi.begin(), dhi.end());
        }
        if (fold + 1 == weeks.size())
            for (std::size_t s = 0; s < forecast.series.size(); ++s)
                report.overall.push_back({forecast.series[s].series,
                                          score_impl(pools[s].y, pools[s].f, pools[s].lo, pools[s].hi),
                                          score_impl(pools[s].dy, pools[s].df, pools[s].dlo, pools[s].dhi)});
    }
    return report;
}

BacktestReport backtest_forecast(const std::vector<Arrival>& arrivals, const ForecastOptions& options,
                                 const BacktestOptions& backtest) {
    check_forecast_options(options);
    return backtest_counts(bucket_arrivals(arrivals, options.grid, options.span), options, backtest);
}

}  // namespace fsd
