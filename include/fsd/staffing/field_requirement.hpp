#pragma once
// From forecast tickets to engineers on duty: how many engineers of one skill
// a week of expected arrivals asks for, interval by interval. Field work can
// wait for the next working day, so the requirement follows the service days,
// not the arrival instants; the simulator then checks the roster built on it
// (fsd/staffing/roster_scenario.hpp). Formulas: docs/staffing.md.
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/sim/scenario.hpp"

namespace fsd {

/// How expected arrivals become engineers on duty.
struct FieldRequirementOptions {
    Duration interval = 1800;                ///< of the arrivals and of the requirement; divides a day
    Duration work_per_ticket = 0;            ///< expected travel + on-site seconds per ticket, all visits (> 0)
    double occupancy = 0.75;                 ///< planned share of duty time spent travelling or on site, (0, 1]
    Duration service_start = 8 * 3600;       ///< local time of day the engineers are wanted from
    Duration service_end = 17 * 3600;        ///< ... until (a multiple of the interval, after service_start)
    std::vector<int> service_days{0, 1, 2, 3, 4};  ///< weekdays (Monday = 0) with field service
};

/// Engineers needed per interval of one local week (Monday 00:00 first,
/// 604800 / interval entries) for `arrivals`, the expected tickets per
/// interval of that week. The tickets arriving after one service day's end
/// and up to the next one's end are that next day's work; the day needs
/// ceil(work / (occupancy * service seconds)) engineers through its service
/// hours and none outside them. InputError naming the option or
/// "/arrivals/i" for values out of range.
std::vector<int> field_requirement(const std::vector<double>& arrivals, const FieldRequirementOptions& options);

/// What a ticket needing `skill` costs in engineer time in `scenario`, on
/// average: its visits (one plus the follow-ups first-time fix leaves) times
/// the expected visit (the ticket types' mean durations times the level
/// factor, over the engineers who hold the skill) plus the drive to it (the
/// mean distance between two points of the region at the scenario's speed and
/// detour). InputError at "/skill" when no ticket type or engineer has it.
Duration expected_work_per_ticket(const Scenario& scenario, const std::string& skill);

}  // namespace fsd
