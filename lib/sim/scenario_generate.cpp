#include "fsd/sim/scenario_generate.hpp"

#include <cmath>
#include <cstdio>

#include "disc_point.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/seeded_draw.hpp"

namespace fsd {
namespace {

const std::vector<std::string> kSkillNames{"boiler", "electrical", "plumbing", "hvac", "appliance", "network"};

std::string skill_name(int k) {
    return k < static_cast<int>(kSkillNames.size()) ? kSkillNames[static_cast<size_t>(k)] : "skill" + std::to_string(k + 1);
}

}  // namespace

SlaPolicy default_sim_sla_policy() {
    SlaPolicy p;
    p.add_tier("standard");
    const Duration h = 3600;
    const std::array<Duration, 5> response{4 * h, 8 * h, 24 * h, 48 * h, 72 * h};
    const std::array<Duration, 5> resolution{8 * h, 24 * h, 48 * h, 96 * h, 120 * h};
    for (int prio = 1; prio <= 5; ++prio) {
        p.add_target({prio, "standard", SlaMetric::response, response[static_cast<size_t>(prio - 1)], "24x7", false, 1});
        p.add_target({prio, "standard", SlaMetric::resolution, resolution[static_cast<size_t>(prio - 1)], "24x7", false, 1});
    }
    return p;
}

Scenario generate_scenario(const ScenarioGenerateOptions& o) {
    if (o.engineers < 1 || o.engineers > static_cast<int>(kMaxSimEngineers))
        throw InputError("/engineers", "between 1 and " + std::to_string(kMaxSimEngineers) + " engineers");
    if (!(o.tickets_per_day >= 0.0 && o.tickets_per_day <= kMaxSimTicketsPerDay))
        throw InputError("/tickets_per_day", "an arrival rate lies between 0 and " +
                                                 std::to_string(static_cast<long long>(kMaxSimTicketsPerDay)) + " tickets a day");
    if (o.skills < 1 || o.skills > 50) throw InputError("/skills", "between 1 and 50 skills");
    if (o.skills > o.engineers) throw InputError("/skills", "at least one engineer per skill is needed");
    if (!(o.radius_km > 0.0 && o.radius_km <= 2000.0)) throw InputError("/radius_km", "a radius between 0 and 2000 km");
    if (o.median_duration <= 0) throw InputError("/median_duration", "a duration must be positive");
    if (!(o.travel_noise_sigma >= 0.0 && o.travel_noise_sigma <= 2.0)) throw InputError("/travel_noise_sigma", "between 0 and 2");
    if (!(o.cancellation_probability >= 0.0 && o.cancellation_probability <= 1.0))
        throw InputError("/cancellation_probability", "a probability lies between 0 and 1");

    SeededDraw rng(o.seed);
    Scenario s;
    s.name = o.name;
    s.region.centre = o.centre;
    s.region.radius_km = o.radius_km;
    s.travel.noise_sigma = o.travel_noise_sigma;
    s.cancellation.probability = o.cancellation_probability;
    s.sla = default_sim_sla_policy();
    // Office hours, a morning peak, a quiet night; Monday brings the weekend's backlog.
    s.arrivals.tickets_per_day = o.tickets_per_day;
    s.arrivals.hour_profile = {0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1.0, 2.0, 2.2, 2.0, 1.8,
                               1.5, 1.5, 1.4, 1.3, 1.2, 1.0, 0.7, 0.5, 0.4, 0.3, 0.2, 0.2};
    s.arrivals.weekday_profile = {1.25, 1.1, 1.05, 1.05, 1.0, 0.45, 0.3};

    for (int e = 0; e < o.engineers; ++e) {
        SimEngineer eng;
        char id[32];
        std::snprintf(id, sizeof id, "E%03d", e + 1);
        eng.id = id;
        eng.home = sim_detail::point_in_disc(rng, o.centre, 0.8 * o.radius_km);
        // Every skill has engineers (round robin for the first), the rest mixed.
        const int primary = e % o.skills;
        eng.skills.push_back({skill_name(primary), static_cast<int>(rng.integer(1, 3))});
        if (o.skills > 1 && rng.chance(0.5)) {
            int second = static_cast<int>(rng.integer(0, o.skills - 2));
            if (second >= primary) ++second;
            eng.skills.push_back({skill_name(second), static_cast<int>(rng.integer(1, 2))});
        }
        const bool early = rng.chance(0.4);
        SimShift week{{0, 1, 2, 3, 4}, early ? 7 * 3600 : 8 * 3600, early ? 16 * 3600 : 17 * 3600};
        eng.shifts.push_back(week);
        if (rng.chance(0.25)) eng.shifts.push_back({{5}, 9 * 3600, 14 * 3600});
        eng.lunch = SimBreak{12 * 3600, 1800};
        s.engineers.push_back(std::move(eng));
    }
    for (int k = 0; k < o.skills; ++k) {
        TicketType t;
        t.name = skill_name(k);
        t.skill = {skill_name(k), 1};
        t.weight = 0.6 + 0.8 * rng.unit();
        t.priority_mix = {0.08, 0.22, 0.45, 0.25};
        t.duration.median = static_cast<Duration>(std::llround(static_cast<double>(o.median_duration) * (0.7 + 0.6 * rng.unit())));
        t.duration.sigma = 0.45;
        s.ticket_types.push_back(std::move(t));
    }
    validate_scenario(s);
    return s;
}

const std::vector<std::string>& scenario_preset_names() {
    static const std::vector<std::string> names{"urban", "rural", "specialist", "peak"};
    return names;
}

ScenarioGenerateOptions scenario_preset(const std::string& name, std::uint64_t seed) {
    ScenarioGenerateOptions o;
    o.name = name;
    o.seed = seed;
    if (name == "urban") {
        o.engineers = 20, o.tickets_per_day = 95, o.radius_km = 15, o.skills = 3;
    } else if (name == "rural") {
        o.engineers = 15, o.tickets_per_day = 40, o.radius_km = 60, o.skills = 3, o.centre = {52.9, 6.5};
    } else if (name == "specialist") {
        o.engineers = 24, o.tickets_per_day = 90, o.radius_km = 25, o.skills = 6;
    } else if (name == "peak") {
        o.engineers = 20, o.tickets_per_day = 125, o.radius_km = 20, o.skills = 3;
    } else {
        throw InputError("/preset", "unknown scenario preset \"" + name + "\"; presets: urban, rural, specialist, peak");
    }
    return o;
}

}  // namespace fsd
