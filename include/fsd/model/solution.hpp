#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/model/depot.hpp"
#include "fsd/model/objective.hpp"

namespace fsd {

/// What a step of a route is.
enum class StepKind { start, job, break_, depot, end };

/// One timed step of a route. For `start`, arrival = start = end = the
/// departure; for `end`, all three are the arrival back. A break is taken
/// where the engineer is, so its travel is zero. A `depot` step is a stop at
/// Problem::depots()[index] that picks up `pickup_tools` and `pickup_parts`.
struct Step {
    StepKind kind = StepKind::job;
    Index index = -1;            ///< job index for jobs, engineer break index for breaks, depot index for depots
    Time arrival = 0;
    Time start = 0;              ///< service (or break) start
    Time end = 0;                ///< service end = departure
    Duration waiting = 0;        ///< start - arrival
    Duration travel_time = 0;    ///< from the previous step
    Distance travel_distance = 0;
    Duration lateness = 0;       ///< SLA lateness of a job step
    std::vector<Amount> load;    ///< load on board after the step
    std::vector<std::string> pickup_tools{};   ///< depot steps: tools taken on board
    std::vector<PartCount> pickup_parts{};     ///< depot steps: parts taken on board
    friend bool operator==(const Step&, const Step&) = default;
};

/// The plan of one engineer's shift.
struct Route {
    Index engineer = 0;
    Index shift = 0;
    std::vector<Step> steps;     ///< start, jobs, breaks and depot stops, end
    Duration travel_time = 0;
    Distance distance = 0;
    Duration service_time = 0;
    Duration waiting_time = 0;
    Duration working_time = 0;   ///< end arrival - start departure
    Duration lateness = 0;
    Cost cost = 0;               ///< engineer cost of this route (weight applied)
    friend bool operator==(const Route&, const Route&) = default;
};

/// Why a job is not in the plan.
enum class UnassignedReason {
    no_qualified_engineer,   ///< nobody has the skills (or pins/allowed lists exclude all)
    window_unreachable,      ///< no qualified engineer's shift reaches its time window or SLA
    capacity,                ///< no qualified engineer can carry its demand
    max_jobs,                ///< qualified engineers are at their job limit
    shift_too_short,         ///< fits nowhere in the remaining shift time
    too_costly,              ///< optional, and serving it costs more than its penalty
    not_inserted,            ///< feasible alone, but did not fit with the other jobs
    time_limit,              ///< the time limit ended before the search could try it further
    parts_unavailable,       ///< a tool or spare part it needs is on no qualified engineer's van and at no depot
    linked_visit_out,        ///< a visit linked to it (JobLink) is left out, and linked visits go together
};

/// Stable lower-case name ("no_qualified_engineer", ...).
const char* to_string(UnassignedReason reason) noexcept;
/// Inverse of to_string; throws InputError for an unknown name.
UnassignedReason unassigned_reason_from_string(const std::string& name);

/// A skill and level an engineer would need (part of an UnassignedFix).
struct FixSkill {
    std::string skill;
    int level = 1;
    friend bool operator==(const FixSkill&, const FixSkill&) = default;
};

/// The smallest change found that would let a left-out job into the plan
/// (docs/unassigned.md). Only the members that `kind` names are meaningful:
/// - "add_skill": give `engineer` the `skills`;
/// - "new_engineer": hire one more engineer holding `skills`;
/// - "widen_window": open the job's window `minutes` earlier (`amount` -1) or
///   close it `minutes` later (`amount` 1);
/// - "extend_shift": start `engineer`'s shift `minutes` earlier (`amount` -1)
///   or end it `minutes` later (`amount` 1);
/// - "overtime": let `engineer`'s route end `minutes` after the current
///   limit (the shift end plus the engineer's max_overtime);
/// - "capacity": `amount` more units of `dimension` on `engineer`
///   (`dimension` -1: several dimensions, `amount` their total);
/// - "max_jobs": allow `engineer` one more job;
/// - "penalty": raise the job's penalty above `cost`;
/// - "stock": keep `amount` units of part `item` at depot `depot`, or in
///   `engineer`'s van when `depot` is "" (a tool: `amount` 1).
struct UnassignedFix {
    std::string kind;
    std::string engineer;            ///< engineer id, "" when none
    std::vector<FixSkill> skills;
    Duration minutes = 0;            ///< whole minutes
    Amount amount = 0;
    int dimension = -1;
    Cost cost = 0;
    std::string sentence;
    std::string item{};              ///< "stock": the part or tool
    std::string depot{};             ///< "stock": depot id, "" for the engineer's van
    friend bool operator==(const UnassignedFix&, const UnassignedFix&) = default;
};

/// A job left out, with its reason and a sentence for a dispatcher.
struct Unassigned {
    Index job = 0;
    UnassignedReason reason = UnassignedReason::not_inserted;
    std::string detail;
    std::optional<UnassignedFix> fix{};   ///< the smallest change that lets it in, when one is found
    friend bool operator==(const Unassigned&, const Unassigned&) = default;
};

/// Figures about the search that produced a solution.
struct SolveStats {
    double seconds = 0.0;
    std::int64_t iterations = 0;
    std::int64_t improvements = 0;
    std::uint64_t seed = 0;
    std::string solver;
    /// Why the search stopped: "time_limit", "iteration_limit", "stagnation",
    /// "cancelled" (SolveOptions::cancel was set) or "interrupted" (the
    /// caller stopped it on a signal, e.g. `fsd solve` on SIGINT); empty when
    /// unknown.
    std::string stop_reason{};
    friend bool operator==(const SolveStats&, const SolveStats&) = default;
};

/// A day plan: routes of the used shifts, the jobs left out, the objective.
struct Solution {
    std::vector<Route> routes;
    std::vector<Unassigned> unassigned;
    ObjectiveParts objective;
    SolveStats stats;
    friend bool operator==(const Solution&, const Solution&) = default;
};

}  // namespace fsd
