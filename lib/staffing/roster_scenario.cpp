#include "fsd/staffing/roster_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "fsd/core/error.hpp"
#include "fsd/staffing/week.hpp"

namespace fsd {
namespace {
// The messages below are written "path: sentence"; InputError keeps the two apart.
InputError refused(const std::string& text) {
    const size_t colon = text.find(": ");
    return InputError(text.substr(0, colon), text.substr(colon + 2));
}
}  // namespace

Scenario scenario_with_roster(const Scenario& scenario, const Roster& roster) {
    struct Week {
        std::map<std::pair<Duration, Duration>, std::vector<int>> days_by_hours;
        Duration lunch_earliest = kDay;
        Duration lunch_length = 0;
    };
    std::map<std::string, Week> weeks;
    for (size_t i = 0; i < roster.shifts.size(); ++i) {
        const RosteredShift& s = roster.shifts[i];
        if (s.person.empty())
            throw refused(fmt::format("/shifts/{}/person: the roster has no names; give it people to simulate it", i));
        auto engineer = std::find_if(scenario.engineers.begin(), scenario.engineers.end(),
                                     [&](const SimEngineer& e) { return e.id == s.person; });
        if (engineer == scenario.engineers.end())
            throw refused(fmt::format("/shifts/{}/person: '{}' is not an engineer of the scenario", i, s.person));
        const Time start = ((s.start % kWeek) + kWeek) % kWeek;
        const int weekday = static_cast<int>(start / kDay);
        const Duration from = start - weekday * kDay;
        const Duration to = from + (s.end - s.start);
        if (s.end <= s.start || to > kDay)
            throw refused(fmt::format("/shifts/{}: the shift of '{}' crosses local midnight; the simulator's shifts end by midnight",
                                         i, s.person));
        Week& week = weeks[s.person];
        std::vector<int>& days = week.days_by_hours[{from, to}];
        if (std::find(days.begin(), days.end(), weekday) == days.end()) days.push_back(weekday);
        if (s.break_end > s.break_start) {
            week.lunch_earliest = std::min(week.lunch_earliest, from + (s.break_start - s.start));
            week.lunch_length = std::max(week.lunch_length, s.break_end - s.break_start);
        }
    }

    Scenario out = scenario;
    out.engineers.clear();
    for (const SimEngineer& engineer : scenario.engineers) {
        auto it = weeks.find(engineer.id);
        if (it == weeks.end()) continue;
        SimEngineer e = engineer;
        e.shifts.clear();
        for (const auto& [hours, days] : it->second.days_by_hours) {
            std::vector<int> sorted = days;
            std::sort(sorted.begin(), sorted.end());
            e.shifts.push_back(SimShift{sorted, static_cast<int>(hours.first), static_cast<int>(hours.second)});
        }
        if (it->second.lunch_length > 0)
            e.lunch = SimBreak{static_cast<int>(it->second.lunch_earliest), it->second.lunch_length};
        else
            e.lunch.reset();
        out.engineers.push_back(std::move(e));
    }
    try {
        validate_scenario(out);
    } catch (const InputError& e) {
        throw InputError(e.path(), "with the roster's engineers only: " + e.message());
    }
    return out;
}

Scenario scenario_with_demand(const Scenario& scenario, const std::vector<SkillDemand>& demand) {
    std::array<double, 7> weekday{};
    std::array<double, 24> hour{};
    std::map<std::string, double> by_skill;
    double total = 0;
    for (size_t i = 0; i < demand.size(); ++i) {
        const SkillDemand& d = demand[i];
        if (d.interval <= 0 || kDay % d.interval != 0 || (d.interval > 3600 && d.interval % 3600 != 0))
            throw refused(fmt::format("/demand/{}/interval: must divide a day into whole hours or parts of one, got {}",
                                         i, d.interval));
        const size_t slots = static_cast<size_t>(kWeek / d.interval);
        if (d.arrivals.size() != slots)
            throw refused(fmt::format("/demand/{}/arrivals: a week of {}-second intervals has {} entries, got {}", i,
                                         d.interval, slots, d.arrivals.size()));
        bool known = std::any_of(scenario.ticket_types.begin(), scenario.ticket_types.end(),
                                 [&](const TicketType& t) { return t.skill.skill == d.skill; });
        if (!known)
            throw refused(fmt::format("/demand/{}/skill: no ticket type of the scenario needs '{}'", i, d.skill));
        for (size_t k = 0; k < slots; ++k) {
            const double a = d.arrivals[k];
            if (!(a >= 0) || !std::isfinite(a))
                throw refused(fmt::format("/demand/{}/arrivals/{}: must be a finite number >= 0, got {}", i, k, a));
            const Time t = static_cast<Time>(k) * d.interval;
            // An interval longer than an hour spreads evenly over its hours.
            const int hours = static_cast<int>(std::max<Duration>(1, d.interval / 3600));
            for (int h = 0; h < hours; ++h) {
                const Time at = t + h * 3600;
                weekday[static_cast<size_t>(at / kDay)] += a / hours;
                hour[static_cast<size_t>((at % kDay) / 3600)] += a / hours;
            }
            by_skill[d.skill] += a;
            total += a;
        }
    }
    if (!(total > 0)) throw refused("/demand: the forecast week expects no ticket");

    Scenario out = scenario;
    out.arrivals.replay.clear();
    out.arrivals.tickets_per_day = total / 7.0;
    out.arrivals.weekday_profile = weekday;
    out.arrivals.hour_profile = hour;
    std::map<std::string, double> type_weight;
    for (const TicketType& t : scenario.ticket_types) type_weight[t.skill.skill] += t.weight;
    for (TicketType& t : out.ticket_types) {
        auto it = by_skill.find(t.skill.skill);
        const double skill_total = it == by_skill.end() ? 0.0 : it->second;
        const double share = type_weight[t.skill.skill] > 0 ? t.weight / type_weight[t.skill.skill] : 0.0;
        t.weight = skill_total / total * share;
    }
    validate_scenario(out);
    return out;
}

}  // namespace fsd
