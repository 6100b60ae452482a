#include "fsd/staffing/arrival_history.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/core/seeded_draw.hpp"
#include "fsd/core/utf8.hpp"

namespace fsd {

namespace {

// Floor division: instants before 1970 still land in the right interval.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr Time kArrivalLimit = kTimeMax / 2;

// Poisson draw by inversion; large means are split into parts (a sum of
// Poisson variables is Poisson) so exp(-mean) never underflows.
std::int64_t poisson_draw(SeededDraw& draw, double mean) {
    std::int64_t total = 0;
    while (mean > 0.0) {
        const double part = std::min(mean, 200.0);
        mean -= part;
        const double u = draw.unit();
        double p = std::exp(-part), cumulative = p;
        std::int64_t k = 0;
        while (u >= cumulative && k < 100000) {
            ++k;
            p *= part / static_cast<double>(k);
            cumulative += p;
            if (p == 0.0) break;  // the remaining tail is below double precision
        }
        total += k;
    }
    return total;
}

// Office-hours shape by local hour of a weekday: quiet nights, a morning
// peak at 10:00 and an afternoon one at 14:30 (values in arrivals per hour,
// relative).
double weekday_shape(double hour) {
    const double morning = std::exp(-0.5 * std::pow((hour - 10.0) / 1.6, 2));
    const double afternoon = 0.8 * std::exp(-0.5 * std::pow((hour - 14.5) / 2.0, 2));
    return 0.03 + morning + afternoon;
}

// Weekends: a flatter daytime profile, so day and interval interact.
double weekend_shape(double hour) { return 0.05 + 0.7 * std::exp(-0.5 * std::pow((hour - 12.0) / 3.5, 2)); }

}  // namespace

void check_week_grid(const WeekGrid& grid, const std::string& path) {
    if (grid.interval != 900 && grid.interval != 1800 && grid.interval != 3600)
        throw InputError(path + "/interval", "must be 900, 1800 or 3600 seconds (a divisor of a day), got " +
                                                 std::to_string(grid.interval));
    if (grid.utc_offset_minutes < -720 || grid.utc_offset_minutes > 840)
        throw InputError(path + "/utc_offset_minutes",
                         "must lie from -720 to 840 minutes, got " + std::to_string(grid.utc_offset_minutes));
}

Time local_day_start(Time t, int utc_offset_minutes) {
    const std::int64_t offset = static_cast<std::int64_t>(utc_offset_minutes) * 60;
    return floor_div(t + offset, kDay) * kDay - offset;
}

Time local_week_start(Time t, int utc_offset_minutes) {
    const std::int64_t offset = static_cast<std::int64_t>(utc_offset_minutes) * 60;
    // 1970-01-01 was a Thursday; Monday 1969-12-29 is 3 days earlier.
    const std::int64_t days = floor_div(t + offset, kDay) + 3;
    return (days - (days - floor_div(days, 7) * 7) - 3) * kDay - offset;
}

int day_of_week(Time t, int utc_offset_minutes) {
    return static_cast<int>((local_day_start(t, utc_offset_minutes) - local_week_start(t, utc_offset_minutes)) / kDay);
}

int interval_of_week(Time t, const WeekGrid& grid) {
    return static_cast<int>((t - local_week_start(t, grid.utc_offset_minutes)) / grid.interval);
}

Time parse_local_midnight(const std::string& text, int utc_offset_minutes, const std::string& path) {
    auto digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (text[i] < '0' || text[i] > '9') throw InputError(path, "expected a date YYYY-MM-DD, got \"" + text + "\"");
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        throw InputError(path, "expected a date YYYY-MM-DD, got \"" + text + "\"");
    const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        throw InputError(path, "\"" + text + "\" is not a calendar date");
    return days_from_civil(year, month, day) * kDay - static_cast<std::int64_t>(utc_offset_minutes) * 60;
}

ArrivalCounts bucket_arrivals(const std::vector<Arrival>& arrivals, const WeekGrid& grid, const SpanOptions& span) {
    check_week_grid(grid);
    if (arrivals.empty()) throw InputError("/arrivals", "there are no arrivals to count");
    Time first = kTimeMax, last = kTimeMin;
    std::map<std::string, std::size_t> names;
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
        const Arrival& a = arrivals[i];
        const std::string p = "/arrivals/" + std::to_string(i);
        if (a.series.empty()) throw InputError(p + "/series", "the series name is empty");
        if (find_invalid_utf8(a.series) != std::string::npos)
            throw InputError(p + "/series", "the series name is not UTF-8");
        if (a.created < -kArrivalLimit || a.created > kArrivalLimit)
            throw InputError(p + "/created", "the instant " + std::to_string(a.created) + " is out of range");
        first = std::min(first, a.created);
        last = std::max(last, a.created);
        names.emplace(a.series, 0);
    }
    ArrivalCounts out;
    out.grid = grid;
    const std::int64_t offset = static_cast<std::int64_t>(grid.utc_offset_minutes) * 60;
    auto on_boundary = [&](Time t) { return floor_div(t + offset, grid.interval) * grid.interval == t + offset; };
    out.start = span.start ? *span.start : local_day_start(first, grid.utc_offset_minutes);
    out.end = span.end ? *span.end : local_day_start(last, grid.utc_offset_minutes) + kDay;
    if (span.start && (!on_boundary(*span.start) || *span.start < -kArrivalLimit || *span.start > kArrivalLimit))
        throw InputError("/options/history_start", "must be an instant on an interval boundary of the local clock");
    if (span.end && (!on_boundary(*span.end) || *span.end < -kArrivalLimit || *span.end > kArrivalLimit))
        throw InputError("/options/history_end", "must be an instant on an interval boundary of the local clock");
    if (out.end <= out.start) throw InputError("/options/history_end", "must come after the history start");
    if ((out.end - out.start) / grid.interval > 100'000'000)
        throw InputError("/options/history_end", "the history spans more than 10^8 intervals");
    std::size_t index = 0;
    for (auto& [name, i] : names) {
        i = index++;
        out.series.push_back(name);
    }
    out.counts.assign(out.series.size(), std::vector<std::int64_t>(out.intervals(), 0));
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
        const Arrival& a = arrivals[i];
        if (a.created < out.start || a.created >= out.end)
            throw InputError("/arrivals/" + std::to_string(i) + "/created", "lies outside the history span");
        ++out.counts[names.at(a.series)][static_cast<std::size_t>((a.created - out.start) / grid.interval)];
    }
    return out;
}

SyntheticHistory synthetic_history(const SyntheticHistoryOptions& options) {
    check_week_grid(options.grid);
    if (options.weeks < 1 || options.weeks > 520)
        throw InputError("/options/weeks", "must lie from 1 to 520, got " + std::to_string(options.weeks));
    if (options.start < -kArrivalLimit / 2 || options.start > kArrivalLimit / 2 ||
        local_week_start(options.start, options.grid.utc_offset_minutes) != options.start)
        throw InputError("/options/start", "must be a local Monday 00:00");
    if (options.series.empty()) throw InputError("/options/series", "needs at least one series");
    if (!(options.weekly_trend > -0.5 && options.weekly_trend < 0.5))
        throw InputError("/options/weekly_trend", "must lie strictly between -0.5 and 0.5");
    for (std::size_t s = 0; s < options.series.size(); ++s) {
        const auto& series = options.series[s];
        const std::string p = "/options/series/" + std::to_string(s);
        if (series.name.empty() || find_invalid_utf8(series.name) != std::string::npos)
            throw InputError(p + "/name", "must be a non-empty UTF-8 name");
        if (!(series.weekly_volume > 0.0 && series.weekly_volume < 1e7))
            throw InputError(p + "/weekly_volume", "must be positive and below 10^7");
        for (std::size_t t = 0; t < s; ++t)
            if (options.series[t].name == series.name) throw InputError(p + "/name", "repeats \"" + series.name + "\"");
    }
    std::vector<Time> holidays;
    for (std::size_t h = 0; h < options.holidays.size(); ++h)
        holidays.push_back(parse_local_midnight(options.holidays[h], options.grid.utc_offset_minutes,
                                            "/options/holidays/" + std::to_string(h)));

    const WeekGrid& grid = options.grid;
    const std::size_t per_day = static_cast<std::size_t>(kDay / grid.interval);
    const std::size_t total = static_cast<std::size_t>(options.weeks) * 7 * per_day;
    // Shape of one week (before scaling): weekday factors times the day's profile.
    const double day_factor[7] = {1.25, 1.0, 1.0, 1.0, 0.85, 0.3, 0.12};
    std::vector<double> week_shape(7 * per_day);
    std::vector<double> holiday_shape(per_day);
    const double hours = static_cast<double>(grid.interval) / 3600.0;
    double week_sum = 0.0;
    for (std::size_t d = 0; d < 7; ++d)
        for (std::size_t i = 0; i < per_day; ++i) {
            const double hour = (static_cast<double>(i) + 0.5) * hours;
            const double shape = d < 5 ? weekday_shape(hour) : weekend_shape(hour);
            week_shape[d * per_day + i] = day_factor[d] * shape * hours;
            week_sum += week_shape[d * per_day + i];
            if (d == 1) holiday_shape[i] = 0.1 * shape * hours;
        }

    SyntheticHistory out;
    out.holidays = options.holidays;
    out.counts.grid = grid;
    out.counts.start = options.start;
    out.counts.end = options.start + static_cast<Time>(options.weeks) * kWeek;
    for (const auto& s : options.series) out.counts.series.push_back(s.name);
    std::vector<std::size_t> order(options.series.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return options.series[a].name < options.series[b].name; });
    std::sort(out.counts.series.begin(), out.counts.series.end());
    out.counts.counts.assign(order.size(), std::vector<std::int64_t>(total, 0));
    out.rates.assign(order.size(), std::vector<double>(total, 0.0));
    SeededDraw draw(options.seed);
    const double log_growth = std::log1p(options.weekly_trend);
    for (std::size_t k = 0; k < total; ++k) {
        const Time t = options.start + static_cast<Time>(k) * grid.interval;
        const Time day = local_day_start(t, grid.utc_offset_minutes);
        const bool holiday = std::find(holidays.begin(), holidays.end(), day) != holidays.end();
        const std::size_t in_week = k % (7 * per_day);
        // The trend runs continuously, in weeks since the start.
        const double weeks = static_cast<double>(t - options.start) / static_cast<double>(kWeek);
        const double growth = std::exp(log_growth * weeks);
        const double shape = holiday ? holiday_shape[in_week % per_day] : week_shape[in_week];
        for (std::size_t s = 0; s < order.size(); ++s) {
            const double rate = options.series[order[s]].weekly_volume * shape / week_sum * growth;
            out.rates[s][k] = rate;
            const std::int64_t n = poisson_draw(draw, rate);
            out.counts.counts[s][k] = n;
            for (std::int64_t j = 0; j < n; ++j)
                out.arrivals.push_back({t + draw.integer(0, grid.interval - 1), out.counts.series[s]});
        }
    }
    std::stable_sort(out.arrivals.begin(), out.arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.created < b.created; });
    return out;
}

}  // namespace fsd
