#pragma once
// An independent check of a roster against its problem: it shares no code
// with the integer programs, so a modelling slip there shows up here.
#include <string>
#include <vector>

#include "fsd/staffing/roster.hpp"

namespace fsd {

/// People on shift per interval of the week, one entry per requirement of
/// the problem (same order and skill): a shift counts in every interval it
/// spans except those of its break, around the week.
std::vector<StaffRequirement> roster_coverage(const RosterProblem& problem, const std::vector<RosteredShift>& shifts);

/// The cost of `shifts` as a roster of `problem`: template costs, people's
/// hourly cost of paid time, priced shortfall and surplus (from
/// roster_coverage) and the priced min_week deficit of each person.
double roster_cost(const RosterProblem& problem, const std::vector<RosteredShift>& shifts);

/// Every way `roster` breaks `problem`, one sentence each (empty: none).
/// Checked: each shift matches its template (weekday, start, length, break
/// window and length, skill allowed); each named shift's person exists,
/// holds the skill and is available; per person at most one shift a day,
/// paid hours within max_week, max_shifts, min_rest, min_days_off and
/// max_consecutive_days (around the week); `coverage` and `shortfall` equal
/// the ones recomputed from the shifts; with hard coverage no shortfall
/// unless `unfilled` explains it.
std::vector<std::string> check_roster(const RosterProblem& problem, const Roster& roster);

}  // namespace fsd
