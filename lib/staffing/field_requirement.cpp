#include "fsd/staffing/field_requirement.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/staffing/week.hpp"
#include "fsd/travel/great_circle.hpp"

namespace fsd {
namespace {
// The messages below are written "path: sentence"; InputError keeps the two apart.
InputError refused(const std::string& text) {
    const size_t colon = text.find(": ");
    return InputError(text.substr(0, colon), text.substr(colon + 2));
}


void check_options(const FieldRequirementOptions& o) {
    if (o.interval <= 0 || kDay % o.interval != 0)
        throw refused(fmt::format("/interval: must divide a day (86400 s), got {}", o.interval));
    if (!(o.work_per_ticket > 0) || o.work_per_ticket > kWeek)
        throw refused(fmt::format("/work_per_ticket: must be 1..604800 seconds, got {}", o.work_per_ticket));
    if (!(o.occupancy > 0 && o.occupancy <= 1))
        throw refused(fmt::format("/occupancy: must be in (0, 1], got {}", o.occupancy));
    if (o.service_start < 0 || o.service_end > kDay || o.service_start >= o.service_end)
        throw refused("/service_start: the service hours must satisfy 0 <= start < end <= 86400");
    if (o.service_start % o.interval != 0 || o.service_end % o.interval != 0)
        throw refused(fmt::format("/service_start: service hours must fall on interval bounds ({} s)", o.interval));
    if (o.service_days.empty()) throw refused("/service_days: at least one weekday has field service");
    for (size_t i = 0; i < o.service_days.size(); ++i) {
        int d = o.service_days[i];
        if (d < 0 || d > 6) throw refused(fmt::format("/service_days/{}: a weekday is 0 (Monday) to 6, got {}", i, d));
        if (std::count(o.service_days.begin(), o.service_days.begin() + static_cast<std::ptrdiff_t>(i), d) > 0)
            throw refused(fmt::format("/service_days/{}: weekday {} is listed twice", i, d));
    }
}

// Mean distance between two independent uniform points of a disc of radius r
// is 128 r / (45 pi) (a classical geometric-probability result).
double mean_disc_distance_m(double radius_km) { return 128.0 * radius_km * 1000.0 / (45.0 * M_PI); }

double mean_site_distance_m(const SimRegion& region) {
    // Weighted mean over pairs; a sample of the sites keeps it cheap on large lists.
    const size_t n = std::min<size_t>(region.sites.size(), 300);
    const size_t step = region.sites.size() / n;
    double sum = 0, weight_sum = 0;
    for (size_t a = 0; a < n; ++a) {
        for (size_t b = 0; b < n; ++b) {
            size_t i = a * step, j = b * step;
            double w = region.site_weights.empty() ? 1.0 : region.site_weights[i] * region.site_weights[j];
            sum += w * haversine_metres(region.sites[i], region.sites[j]);
            weight_sum += w;
        }
    }
    return weight_sum > 0 ? sum / weight_sum : 0.0;
}

}  // namespace

std::vector<int> field_requirement(const std::vector<double>& arrivals, const FieldRequirementOptions& options) {
    check_options(options);
    const size_t slots = static_cast<size_t>(kWeek / options.interval);
    if (arrivals.size() != slots)
        throw refused(fmt::format("/arrivals: a week of {}-second intervals has {} entries, got {}",
                                     options.interval, slots, arrivals.size()));
    for (size_t i = 0; i < arrivals.size(); ++i)
        if (!(arrivals[i] >= 0) || !std::isfinite(arrivals[i]) || arrivals[i] > 1e7)
            throw refused(fmt::format("/arrivals/{}: expected tickets must be 0..1e7, got {}", i, arrivals[i]));

    std::vector<int> days = options.service_days;
    std::sort(days.begin(), days.end());
    std::vector<int> required(slots, 0);
    const double per_engineer = options.occupancy * static_cast<double>(options.service_end - options.service_start);
    for (size_t k = 0; k < days.size(); ++k) {
        // The work of day k: arrivals after the previous service day's end (cyclic
        // over the week) up to this day's end.
        const Time end = days[k] * kDay + options.service_end;
        const int previous = days[(k + days.size() - 1) % days.size()];
        Time begin = previous * kDay + options.service_end;
        if (begin >= end) begin -= kWeek;  // wraps over the week, or the only service day
        double tickets = 0;
        for (Time t = begin; t < end; t += options.interval) {
            Time slot = ((t % kWeek) + kWeek) % kWeek;
            tickets += arrivals[static_cast<size_t>(slot / options.interval)];
        }
        const double work = tickets * static_cast<double>(options.work_per_ticket);
        const int engineers = static_cast<int>(std::ceil(work / per_engineer - 1e-9));
        for (Time t = days[k] * kDay + options.service_start; t < end; t += options.interval)
            required[static_cast<size_t>(t / options.interval)] = engineers;
    }
    return required;
}

Duration expected_work_per_ticket(const Scenario& scenario, const std::string& skill) {
    double type_weight = 0, duration_sum = 0, min_level_sum = 0;
    for (const TicketType& type : scenario.ticket_types) {
        if (type.skill.skill != skill) continue;
        type_weight += type.weight;
        duration_sum += type.weight * static_cast<double>(expected_duration(type.duration));
        min_level_sum += type.weight * type.skill.min_level;
    }
    if (type_weight <= 0) throw refused(fmt::format("/skill: no ticket type of the scenario needs '{}'", skill));
    const double mean_duration = duration_sum / type_weight;
    const int min_level = static_cast<int>(std::lround(min_level_sum / type_weight));

    // Level factor and first-time fix, averaged over the engineers who may serve.
    auto by_level = [](const std::vector<double>& values, int level) {
        return values[static_cast<size_t>(std::min<int>(level, static_cast<int>(values.size())) - 1)];
    };
    double factor_sum = 0, fix_sum = 0;
    int engineers = 0;
    for (const SimEngineer& engineer : scenario.engineers) {
        int level = skill_level(engineer, skill);
        if (level < std::max(1, min_level)) continue;
        factor_sum += by_level(scenario.rules.duration_factor_by_level, level);
        fix_sum += by_level(scenario.first_time_fix.by_level, level);
        ++engineers;
    }
    if (engineers == 0) throw refused(fmt::format("/skill: no engineer of the scenario holds '{}'", skill));
    const double fix = fix_sum / engineers;
    double visits = 0, still_open = 1;
    for (int v = 1; v <= scenario.first_time_fix.max_visits; ++v) {
        visits += still_open;
        still_open *= 1 - fix;
    }

    const double metres = scenario.region.sites.empty() ? mean_disc_distance_m(scenario.region.radius_km)
                                                        : mean_site_distance_m(scenario.region);
    const GreatCircleOptions& speed = scenario.travel.great_circle;
    const double drive = metres * speed.detour_factor / (speed.speed_kmh / 3.6);
    return static_cast<Duration>(std::llround(visits * (mean_duration * factor_sum / engineers + drive)));
}

}  // namespace fsd
