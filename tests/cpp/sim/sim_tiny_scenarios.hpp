#pragma once
// Scenarios small enough to compute every event by hand, shared by the sim tests.
#include <string>
#include <utility>
#include <vector>

#include "fsd/sim/scenario.hpp"
#include "fsd/sim/scenario_generate.hpp"

namespace fsd::sim_test {

inline const Coordinates kHome{52.0, 5.0};
inline const Coordinates kA{52.05, 5.0};
inline const Coordinates kB{52.05, 5.05};

/// Engineers at one home, 08:00-17:00 every day, with the given levels in
/// "boiler"; one ticket type of exactly 30 minutes whatever the level; no
/// noise, no cancellations; tickets replayed; the scenario's first-time-fix
/// rates unless changed.
inline Scenario team(const std::vector<int>& levels, std::vector<ReplayTicket> replay) {
    Scenario s;
    s.name = "team";
    for (size_t i = 0; i < levels.size(); ++i) {
        SimEngineer e;
        e.id = "E" + std::to_string(i + 1);
        e.home = kHome;
        e.skills = {{"boiler", levels[i]}};
        e.shifts = {{{0, 1, 2, 3, 4, 5, 6}, 8 * 3600, 17 * 3600}};
        s.engineers.push_back(e);
    }
    TicketType t;
    t.name = "boiler";
    t.skill = {"boiler", 1};
    t.priority_mix = {0, 1};
    t.duration.empirical = {1800};
    s.ticket_types = {t};
    s.region.centre = kHome;
    s.arrivals.replay = std::move(replay);
    s.rules.duration_factor_by_level = {1.0};
    s.sla = default_sim_sla_policy();
    return s;
}

/// One engineer of level 1 whose every visit fixes.
inline Scenario tiny(std::vector<ReplayTicket> replay) {
    Scenario s = team({1}, std::move(replay));
    s.name = "tiny";
    s.engineers[0].id = "E1";
    s.first_time_fix.by_level = {1.0};
    return s;
}

}  // namespace fsd::sim_test
