#pragma once
// Evaluation of a plan arranged by hand: the routes are timed as given (never
// re-ordered), every broken rule is stated with its cause, and the plan can be
// set beside the solver's plan for the same problem. See docs/evaluate.md.
#include <string>
#include <string_view>
#include <vector>

#include "fsd/io/solution_json.hpp"  // plan_from_json: plans to evaluate
#include "fsd/model/objective.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd {

/// One timed step of an evaluated route. Unlike a solver's Step, a visit that
/// cannot start inside a window starts late (on arrival) and the excess is
/// kept in `window_lateness`, so an infeasible route still gets every figure.
struct StepEvaluation {
    StepKind kind = StepKind::job;
    Index index = -1;               ///< job index, engineer break index, depot index, -1 for start and end
    bool inserted_break = false;    ///< a break the plan left out, placed by the evaluator
    Time arrival = 0;
    Time start = 0;
    Time end = 0;
    Duration waiting = 0;           ///< start - arrival
    Duration travel_time = 0;       ///< from the previous step
    Distance distance = 0;          ///< from the previous step
    Duration sla_lateness = 0;      ///< start - SLA deadline when positive (jobs)
    Duration window_lateness = 0;   ///< start - close of the last window when no window could be met
    std::vector<Amount> load;       ///< on board after the step
    std::vector<std::string> pickup_tools{};  ///< depot stops: tools taken on board, as the plan states
    std::vector<PartCount> pickup_parts{};    ///< depot stops: parts taken on board, as the plan states
};

/// A rule the plan breaks, with a sentence for a dispatcher that says why.
struct PlanViolation {
    /// "time_window", "sla_deadline", "shift_end", "break_window",
    /// "incompatible", "capacity", "max_jobs", "max_travel_time", "unserved",
    /// "depot_closed", "tool_missing", "parts_short", "link_partial",
    /// "link_gap", "link_engineers", or a kind of fsd::verify's for
    /// anything else it finds (e.g. "depot_pickup").
    std::string kind;
    Index engineer = -1;  ///< -1 when not about an engineer
    Index shift = -1;     ///< -1 when not about a route
    Index job = -1;       ///< -1 when not about a job
    std::string cause;    ///< a sentence with the ids, the times and the reason
};

/// One route of the plan, timed in the given order.
struct RouteEvaluation {
    Index engineer = 0;
    Index shift = 0;
    std::vector<StepEvaluation> steps;   ///< start, jobs, breaks and depot stops, end
    Duration travel_time = 0;
    Distance distance = 0;
    Duration waiting = 0;
    Duration lateness = 0;               ///< SLA lateness summed over jobs
    Duration window_lateness = 0;        ///< summed over jobs and breaks
    Duration overtime = 0;               ///< return after the shift end (allowed up to max_overtime, costed)
    Cost cost = 0;                       ///< engineer cost, travel weight applied
    std::vector<PlanViolation> violations;
};

/// Headline figures of a plan, for comparisons.
struct PlanFigures {
    Cost objective = 0;
    Duration travel_time = 0;
    Distance distance = 0;
    Duration lateness = 0;        ///< SLA lateness summed over served jobs
    int served = 0;               ///< jobs in a route
    int violations = 0;
    Duration overtime = 0;        ///< return after the shift end, summed over routes
    friend bool operator==(const PlanFigures&, const PlanFigures&) = default;
};

/// A plan timed as given, its violations and its objective.
struct PlanEvaluation {
    std::vector<RouteEvaluation> routes;   ///< the plan's routes that serve a job, in plan order
    std::vector<PlanViolation> violations; ///< every route's violations, then plan-wide ones
    ObjectiveParts objective;              ///< as fsd::verify computes it for `timed`
    PlanFigures figures;
    /// The plan as a Solution with the evaluator's times (late starts
    /// included), jobs not in a route listed as unassigned.
    Solution timed;
};

/// Times `routes_as_given` without changing any route: departure as late as
/// the first step allows, each visit at the earliest moment of the first
/// window still open on arrival (late, on arrival, when none is), breaks the
/// plan leaves out placed by the solver's rule. A depot stop is timed like a
/// job at the depot (its opening hours, its duration) and takes on board what
/// the step says it picks up. Only the engineer, shift, the order of job,
/// break and depot steps and the pickups of each route are read; times are
/// ignored. With links (JobLink), routes wait for each other: a second visit
/// starts no earlier than its first's start plus min_gap, a first visit no
/// earlier than its second's start minus max_gap; the routes are re-timed
/// round by round from their partners' starts until no start moves (starts
/// only grow), at most links + 2 rounds. A gap still broken then (waits that
/// go round a cycle) is a "link_gap" violation; a link served on one side is
/// "link_partial", one served by the wrong engineers "link_engineers".
/// Throws InputError (path /routes/R/...) for an unknown engineer,
/// shift, job, break or depot index, a job in two places, or a route slot used twice.
PlanEvaluation evaluate_plan(const Problem& problem, const Solution& routes_as_given);

/// The figures of two plans and what the second saves over the first.
struct PlanComparison {
    PlanEvaluation given;
    PlanEvaluation solver;
    Solution solver_plan;          ///< as fsd::solve returned it
    ObjectiveParts saving;         ///< given minus solver, part by part
    PlanFigures difference;        ///< given minus solver, figure by figure
};

/// Evaluates `given`, solves the same problem with `options` and evaluates the
/// solver's plan the same way, so both sides are measured by one rule.
PlanComparison compare_with_solver(const Problem& problem, const Solution& given, const SolveOptions& options);

/// The evaluation (and, when given, the comparison) as a JSON document
/// (`format: fsdispatch-evaluation`, version 1).
std::string evaluation_to_json(const Problem& problem, const PlanEvaluation& evaluation,
                               const PlanComparison* comparison = nullptr);

/// "14:35" or "14:35:20": the UTC clock time of an instant, as causes print it.
std::string clock_text(Time t);
/// "35 min", "1 h 20 min", "45 s": a duration as causes print it.
std::string duration_text(Duration d);

}  // namespace fsd
