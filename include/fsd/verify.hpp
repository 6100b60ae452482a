#pragma once
#include <string>
#include <vector>

#include "fsd/io/solomon.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// One way a solution breaks its problem's rules or misstates a figure.
struct Violation {
    std::string kind;    ///< stable name: "time_window", "capacity", "incompatible", "objective", ...
    Index route = -1;    ///< index into Solution::routes, -1 when not about a route
    Index step = -1;     ///< index into the route's steps, -1 when not about a step
    Index job = -1;      ///< job index, -1 when not about a job
    std::string message; ///< a sentence naming the ids involved
};

/// What verify() found: every violation, and the objective recomputed from
/// scratch.
struct VerifyReport {
    std::vector<Violation> violations;
    ObjectiveParts objective;
    bool ok() const noexcept { return violations.empty(); }
};

/// Recomputes every time, load, skill, window, shift, break, pin, limit and
/// objective value of `solution` from `problem` alone and lists each
/// violation. Shares no evaluation code with the solvers.
///
/// Conventions where docs/design.md leaves room: a route's `waiting_time` sums
/// the waiting of every step (breaks included), `service_time` sums job
/// durations only, `lateness` sums its job steps' lateness. Lateness is
/// measured (and costed) for hard deadlines too; a missed one is also an
/// "sla_deadline" violation. Times are chained from the stated values, so one
/// wrong figure is reported once rather than at every later step. A route
/// that cannot be timed (bad shape, unknown job or break index, unknown
/// engineer or shift) is reported and left out of the recomputed objective;
/// every job served by no route counts as unassigned in it.
///
/// Depot stops (docs/format.md): "depot_unknown" (no such depot),
/// "depot_closed" (starts outside the opening), "depot_pickup" (a tool the
/// depot does not lend, a part it does not stock, a count not above 0, or a
/// pickup on another kind of step), and at each job "tool_missing" and
/// "parts_short" (what is on board: the engineer's tools and stock at the
/// start of every shift, plus pickups, minus parts used). A route's cost
/// includes round(per_working_hour * working time / 3600).
///
/// Links (JobLink), on the stated starts: "link_partial" (one visit served,
/// the other not), "link_gap" (start(second) - start(first) outside
/// [min_gap, max_gap]), "link_engineers" (`same` served by two engineers,
/// `different` by one). The unassigned reason "linked_visit_out" is an
/// "unassigned_reason" violation unless some visit linked to the job is left
/// out too. The objective's max_lateness part is weights.max_lateness times
/// the largest lateness of a served job with a soft SLA deadline (0 if none).
VerifyReport verify(const Problem& problem, const Solution& solution);

/// Double-precision re-check of a solution of a Euclidean benchmark instance:
/// total distance in the instance's own scale, and violations of its time
/// windows and capacity computed with unscaled values.
struct EuclideanCheck {
    double distance = 0.0;                ///< sum of Euclidean leg lengths, depot to depot
    int vehicles = 0;                     ///< routes with at least one customer
    std::vector<std::string> violations;  ///< one sentence each; empty when feasible
};

/// Rebuilds each route from the order of its job steps (job ids are customer
/// numbers), starts it at the depot's ready time and serves each customer at
/// max(arrival, ready). Reports a start after a due time or a return after
/// the depot's due time (1e-6 tolerance), a load above capacity, a customer
/// served twice or never, and more routes than the instance's fleet.
EuclideanCheck verify_euclidean(const EuclideanInstance& instance, const Solution& solution);

}  // namespace fsd
