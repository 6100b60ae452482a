#pragma once
// Field staffing: the smallest headcount per skill group whose simulated SLA
// attainment meets a target with 95 % confidence. Queueing formulas ignore
// travel, so every headcount is judged by replicated simulations under common
// random numbers (docs/staffing.md).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fsd/sim/kpi.hpp"
#include "fsd/sim/scenario.hpp"

namespace fsd {

/// Engineers who share a primary skill (the first skill they list): one
/// hiring decision. Members keep all their skills; a copy of one serves the
/// same ticket types as the original.
struct FieldGroup {
    std::string skill;            ///< the members' primary skill ("" for engineers without skills)
    std::vector<Index> members;   ///< indices into scenario.engineers, in scenario order
    friend bool operator==(const FieldGroup&, const FieldGroup&) = default;
};

/// The groups of a scenario, in order of their first member.
using FieldGroups = std::vector<FieldGroup>;

/// Groups the scenario's engineers by primary skill.
FieldGroups group_engineers(const Scenario& scenario);

/// The scenario's own headcount per group (the size of each group).
std::vector<int> current_headcount(const FieldGroups& groups);

/// The scenario with headcount[g] engineers in group g. Fewer than today:
/// the first headcount[g] members (scenario order) stay. More: copies of the
/// members in turn, copy k of engineer "E7" named "E7+k" (k = 2, 3, ...),
/// with the same skills, shifts and lunch and a home within 2 km of the
/// original's (drawn from `seed` and the copy's name, so a copy lives at the
/// same place whatever the other counts are). Kept engineers come first in
/// scenario order, then the copies group by group. InputError at
/// "/headcount" (wrong length), "/headcount/<g>" (negative, or the total
/// beyond kMaxSimEngineers) or "/groups/<g>" (a group without members, or a
/// member that is not an engineer of the scenario). The result may leave a
/// ticket type without a qualified engineer: covers_all_types says so.
Scenario with_headcount(const Scenario& scenario, const FieldGroups& groups, const std::vector<int>& headcount,
                        std::uint64_t seed);

/// Whether every ticket type of the scenario has at least one engineer who
/// can serve it (what validate_scenario demands).
bool covers_all_types(const Scenario& scenario);

/// Options of the search. Costs are in any currency, per run of `days` days.
struct FieldStaffingOptions {
    double target = 0.9;                           ///< attainment the lower 95 % bound must reach, in (0, 1]
    /// "sla_response_rate" or "sla_resolution_rate", optionally ":P" for one
    /// priority only ("sla_response_rate:1").
    std::string kpi = "sla_response_rate";
    std::string policy;                            ///< a make_policy name; empty = "nearest" (fsd simulate's default)
    int days = 7;                                  ///< per replication
    int replications = 10;                         ///< per headcount, at least 2 (for a confidence interval)
    std::uint64_t seed = 1;                        ///< replication seeds and the homes of copies
    double cost_per_engineer_hour = 40;            ///< scheduled shift hours plus overtime
    double cost_per_breach = 200;                  ///< per breached SLA of the KPI's metric (and priority)
    /// The search accepts a headcount when mean - (1 + guard) x half-width >=
    /// target: `guard` more half-widths than the plain test (lower bound >=
    /// target). The search keeps the headcount that only just passes on its
    /// own replications, and on new ones its attainment falls back towards the
    /// truth (regression to the mean); the guard keeps it above the target
    /// there. 0 = the plain test.
    double guard = 1.0;
    int max_evaluations = 200;                     ///< simulated headcounts in the search (verification not counted)
    int max_headcount_per_group = 0;               ///< 0 = twice today's group size plus 2
    /// Called after each simulated headcount of the search with (evaluations
    /// done, max_evaluations); may be empty.
    std::function<void(int, int)> progress;
};

/// Checks the options; InputError at "/target", "/kpi", "/policy", "/days",
/// "/replications", "/cost_per_engineer_hour", "/cost_per_breach", "/guard",
/// "/max_evaluations" or "/max_headcount_per_group".
void validate_field_staffing_options(const FieldStaffingOptions& options);

/// One headcount judged by `replications` runs. Costs and breaches are means
/// per run; attainment is the mean and 95 % CI (Student t) over the runs.
struct StaffingPoint {
    std::vector<int> headcount;      ///< per group
    int engineers = 0;               ///< sum of headcount
    bool covered = true;             ///< false: a ticket type has no engineer (not simulated, never meets)
    KpiSummary attainment;           ///< NaN mean when not covered
    double engineer_hours = 0;       ///< scheduled shift hours + overtime hours
    double breaches = 0;
    double engineer_cost = 0;
    double breach_cost = 0;
    double total_cost = 0;
    bool meets = false;              ///< lower 95 % bound >= target
    bool accepted = false;           ///< the search's test: mean - (1 + guard) x half-width >= target
};

/// Lower end of the point's 95 % interval (NaN when it has none).
double attainment_lower(const StaffingPoint& point);

/// Evaluates one headcount: replication r uses SimOptions seed
/// replication_seed(options.seed, first_replication + r), whatever the
/// headcount, so every headcount faces the same tickets. InputError for bad
/// options, headcount or "/first_replication" (0 .. kMaxSimReplications),
/// and validate_scenario's for a staffed scenario that leaves a ticket type
/// unserved.
StaffingPoint evaluate_headcount(const Scenario& scenario, const FieldGroups& groups, const std::vector<int>& headcount,
                                 const FieldStaffingOptions& options, int first_replication = 0);

/// Per group: its primary skill, today's headcount and the one found.
struct FieldGroupResult {
    std::string skill;
    int today = 0;
    int found = 0;
};

/// The found headcount judged again on replications the search never saw
/// (replication indices R .. 2R - 1), and each group's count minus one on
/// the same new replications; where minus one still meets the target there,
/// minus two as well (the answer is then at most one engineer above the
/// smallest count that meets it if minus two fails).
struct FieldVerification {
    StaffingPoint found;
    std::vector<StaffingPoint> minus_one;  ///< per group; empty headcount when the group has no engineer to remove
    std::vector<StaffingPoint> minus_two;  ///< per group; empty headcount unless minus one meets the target
};

/// What the search found and everything it evaluated.
struct FieldStaffingResult {
    std::vector<FieldGroupResult> groups;
    bool feasible = false;            ///< a headcount the search accepts was found within the limits
    bool budget_exhausted = false;    ///< the search stopped at max_evaluations
    StaffingPoint found;              ///< the answer (the largest tried headcount when infeasible)
    StaffingPoint today;              ///< the scenario's own headcount
    StaffingPoint cheapest;           ///< the evaluated point of least total cost (engineers + breaches)
    FieldVerification verification;
    /// Every headcount the search judged, in order: simulated ones, and those
    /// leaving a ticket type unserved (covered = false, not simulated).
    std::vector<StaffingPoint> points;
    int evaluations = 0;              ///< simulated headcounts of the search
    std::int64_t simulations = 0;     ///< runs, verification included
    double seconds = 0;
};

/// Searches the smallest headcount per group the search accepts (its lower
/// 95 % attainment bound clears the target by `guard` more half-widths):
/// from an accepted level (today's, else grown by half until accepted), a
/// bisection on each group with the others at that level (a lower bound per
/// group), a bisection along the segment from those bounds to the accepted
/// level, then single engineers removed (least attainment lost per cost
/// saved) while the result is still accepted; then the verification on new
/// replications (docs/staffing.md).
/// Deterministic in (scenario, options). InputError for bad options or an
/// invalid scenario, before the first run.
FieldStaffingResult staff_field(const Scenario& scenario, const FieldStaffingOptions& options = {});

}  // namespace fsd
