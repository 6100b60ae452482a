#pragma once
// Roster problems and rosters as JSON text, and requirements as CSV (formats
// in docs/staffing.md).
#include <string>
#include <vector>

#include "fsd/staffing/roster.hpp"

namespace fsd {

/// Reads a roster problem. Times and durations are integer seconds or
/// "HH:MM" text; weekdays 0 (Monday) to 6 or names ("mon", "Monday").
/// Throws InputError naming the field, e.g. "/templates/2/start"; unknown
/// fields are refused. The problem is validated (validate_roster_problem).
RosterProblem roster_problem_from_json(const std::string& text);

/// Reads a JSON array of shift templates (the "templates" of a problem);
/// errors are named "/<i>/field".
std::vector<ShiftTemplate> shift_templates_from_json(const std::string& text);

/// The problem as JSON (times in seconds); reading it back gives it again.
std::string roster_problem_to_json(const RosterProblem& problem);

/// Requirements from CSV with columns `required`, optional `skill`, and
/// either `interval_start` (ISO local date-time "2026-12-07T08:30", any
/// offset ignored: the wall-clock time as written) or `weekday` and `time`
/// ("HH:MM"). Intervals not listed need 0; a (skill, interval) listed twice
/// is an error. Errors are named "/rows/<i>/<column>".
std::vector<StaffRequirement> roster_requirements_from_csv(const std::string& text, Duration interval);

/// The roster as JSON: status, cost, bound, gap, times, message, shifts,
/// coverage (per skill: required, covered, shortfall), unfilled.
std::string roster_to_json(const RosterProblem& problem, const Roster& roster);

/// Reads what roster_to_json wrote (coverage and shortfall taken as written,
/// so that check_roster can compare them with the shifts).
Roster roster_from_json(const std::string& text);

}  // namespace fsd
