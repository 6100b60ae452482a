#pragma once
// Rosters: the cheapest set of shifts (from templates) covering a weekly
// staffing requirement, then people named onto those shifts. The model and
// its two integer programs are described in docs/staffing.md.
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/staffing/week.hpp"

namespace fsd {


/// A shift pattern: on any of `weekdays` (Monday = 0) from `start` (seconds
/// after local midnight, < 24 h) for `length` seconds (< 24 h; a shift may run
/// past midnight, and Sunday's past the end of the week into Monday). The
/// break of `break_duration` starts between `break_earliest` and
/// `break_latest` seconds after the shift start; the roster picks its
/// position per shift at interval granularity. Paid time is `length` less the
/// break when the break is unpaid. `cost` is per shift (not per hour): people's
/// own hourly cost is added in the naming stage. All times must be multiples
/// of the problem's interval.
struct ShiftTemplate {
    std::string id;
    std::vector<int> weekdays = {0, 1, 2, 3, 4, 5, 6};
    Duration start = 0;
    Duration length = 0;
    Duration break_duration = 0;
    Duration break_earliest = 0;
    Duration break_latest = 0;
    bool break_paid = false;
    double cost = 1.0;
    /// Skills a shift of this template may cover; empty: any.
    std::vector<std::string> skills;
};

/// Agents or engineers needed per interval of one local week (Monday 00:00
/// first, kWeek / interval entries), per skill ("" = a single pool).
struct StaffRequirement {
    std::string skill;
    std::vector<int> required;
};

/// A person to put on shifts. A person may take a shift of skill s when s is
/// "" or one of `skills`; on a weekday in `available_weekdays`, starting no
/// earlier than `available_start` and ending no later than `available_end`
/// (seconds after that day's midnight; the default 48 h means "any end").
/// `min_week` is soft (each missing paid hour costs
/// RosterProblem::min_week_cost), `max_week` and `max_shifts` are hard.
struct RosterPerson {
    std::string id;
    std::vector<std::string> skills;
    Duration min_week = 0;
    Duration max_week = 40 * 3600;
    int max_shifts = 5;
    std::vector<int> available_weekdays = {0, 1, 2, 3, 4, 5, 6};
    Duration available_start = 0;
    Duration available_end = 2 * 86400;
    double cost_per_hour = 0;
};

/// Working-time rules for everyone on the roster. A day worked is a weekday
/// on which one of the person's shifts starts (at most one per day); rest and
/// consecutive days are counted around the week (Sunday to Monday).
struct RosterRules {
    Duration min_rest = 11 * 3600;
    int min_days_off = 2;
    int max_consecutive_days = 6;
};

/// A whole roster problem. Coverage is hard when `shortfall_cost` < 0,
/// otherwise each missing person-interval costs `shortfall_cost`; each
/// person-interval above the requirement costs `surplus_cost`.
struct RosterProblem {
    Duration interval = 1800;
    std::vector<StaffRequirement> requirements;
    std::vector<ShiftTemplate> templates;
    /// Empty: the roster is shift counts only (no naming stage).
    std::vector<RosterPerson> people;
    RosterRules rules;
    double shortfall_cost = -1;
    double surplus_cost = 0;
    /// Price of one paid hour below a person's min_week.
    double min_week_cost = 1.0;
};

/// Solver limits. `time_limit` covers both stages (seconds of wall clock).
struct RosterOptions {
    double time_limit = 30;
    double relative_gap = 0.01;
    int threads = 1;
    bool log = false;
};

/// One shift on the roster. `person` is empty when the problem has no
/// people. Times are seconds from local Monday 00:00; `end` (and the break)
/// may pass kWeek for a Sunday shift running into Monday. Without a break,
/// break_start == break_end == start.
struct RosteredShift {
    std::string person;
    std::string template_id;
    int weekday = 0;
    Time start = 0;
    Time end = 0;
    Time break_start = 0;
    Time break_end = 0;
    std::string skill;
};

/// How far the solver got: proven optimal (within the gap asked for), a
/// roster without that proof (time limit), no roster possible, or none found
/// in the time.
enum class RosterStatus { optimal, feasible, infeasible, no_solution_in_time };

/// "optimal", "feasible", "infeasible", "no_solution_in_time".
const char* to_string(RosterStatus status) noexcept;

/// A solved roster. `cost` is the cost of the final named roster: template
/// costs + people's hourly costs + priced shortfall, surplus and min_week
/// deficit. `best_bound` is the count stage's lower bound plus, when every
/// shift found a person, the naming stage's bound for those shifts (a bound
/// for the two-stage method, not for a joint model); `gap` is
/// (cost - best_bound) / cost, or the count stage's own gap when shifts were
/// left unfilled. `coverage` and `shortfall` are
/// recomputed from `shifts`, one entry per requirement. `unfilled` explains
/// each shift the count stage wanted and no person could take.
struct Roster {
    RosterStatus status = RosterStatus::no_solution_in_time;
    double cost = 0;
    double best_bound = 0;
    double gap = 0;
    std::vector<RosteredShift> shifts;
    std::vector<StaffRequirement> coverage;
    std::vector<StaffRequirement> shortfall;
    std::vector<std::string> unfilled;
    double seconds = 0;
    /// Why the roster is infeasible or empty (names the skill and interval).
    std::string message;
    /// Wall-clock seconds of the count stage and of the naming stage.
    double count_seconds = 0;
    double naming_seconds = 0;
    /// Status and gap of the naming stage (optimal when there are no people).
    RosterStatus naming_status = RosterStatus::optimal;
    double naming_gap = 0;
};

/// Checks the problem (InputError naming the field, e.g.
/// "/templates/2/start: must be a multiple of the interval (1800 s)").
void validate_roster_problem(const RosterProblem& problem);

/// Solves the count stage and then, with people, the naming stage, with CBC.
/// Throws InputError for a bad problem; returns status infeasible with a
/// message naming the skill and local interval when hard coverage cannot be
/// met. The result has passed check_roster.
Roster solve_roster(const RosterProblem& problem, const RosterOptions& options = {});

/// "Tue 08:30": weekday and time of a time from local Monday 00:00 (taken
/// around the week).
std::string week_time_label(Time t);

}  // namespace fsd
