#pragma once
// Closing the staffing loop: a roster and a forecast week become a simulation
// scenario, so the simulator can show whether the roster meets the SLA target
// under the forecast demand (docs/staffing.md, "Closing the loop").
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/sim/scenario.hpp"
#include "fsd/staffing/roster.hpp"

namespace fsd {

/// The scenario with each engineer's shifts replaced by the roster's shifts
/// of the person with the same id; engineers the roster leaves out do not
/// work (they are removed). A rostered break becomes the engineer's lunch
/// (the earliest break start of the week as the earliest time, the longest
/// break as its length: the simulator has one lunch rule per engineer).
/// InputError at "/shifts/i/person" for a person who is not an engineer of the
/// scenario or a roster without names, at "/shifts/i" for a shift that crosses
/// local midnight (the simulator's shifts end by midnight), and the scenario's
/// own errors when what is left cannot serve a ticket type.
Scenario scenario_with_roster(const Scenario& scenario, const Roster& roster);

/// Expected arrivals of one skill over one local week (Monday 00:00 first).
struct SkillDemand {
    std::string skill;
    Duration interval = 3600;     ///< divides a day
    std::vector<double> arrivals; ///< expected tickets per interval, 604800 / interval entries
};

/// The scenario with its arrivals replaced by the demand: tickets per day from
/// the week's total, the weekday and hour-of-day profiles from the demand
/// summed over skills, and each ticket type's share from its skill's total
/// (split among the types of one skill by their weights). The simulator's
/// arrival rate is a weekday profile times one hour profile, so a demand whose
/// daily shape differs by weekday is approximated by the mean shape. Replayed
/// tickets are dropped. InputError at "/demand/i/..." for a skill no ticket
/// type needs, a bad interval or a negative or non-finite rate.
Scenario scenario_with_demand(const Scenario& scenario, const std::vector<SkillDemand>& demand);

}  // namespace fsd
