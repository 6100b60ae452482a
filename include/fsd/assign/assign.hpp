#pragma once
// Batch assignment of waiting tickets to engineers: exact (min-cost
// assignment) or greedy (nearest qualified engineer), on one objective.
// The formulas are in docs/assign.md.
#include <string>
#include <string_view>
#include <vector>

#include "fsd/assign/assignment_problem.hpp"
#include "fsd/assign/linear_assignment.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// How to match.
enum class AssignMethod {
    exact,   ///< minimum of the objective, proven
    greedy,  ///< by priority then urgency, each ticket to the qualified engineer with the smallest ETA
};

/// Weights of the objective; all integers, costs per second where it says so.
struct AssignOptions {
    AssignMethod method = AssignMethod::exact;
    Cost eta_weight = 1;             ///< per second of ETA
    Cost lateness_weight = 10;       ///< per second of SLA lateness (start of service after the deadline)
    Cost balance_weight = 0;         ///< per second of the engineer's workload including this ticket
    /// The c-th extra ticket (c = 0, 1, ...) of one engineer starts c x this
    /// later than its own ETA: the time a typical earlier ticket takes (service
    /// plus travel to the next). Also added to the workload for balance.
    Duration per_ticket_time = 3600;
    Cost leave_out_base = 7200;          ///< cost of leaving out a priority-0 ticket without SLA
    Cost leave_out_per_priority = 360;   ///< added per priority point
    Cost leave_out_urgency_weight = 1;   ///< per second of urgency (see urgency_horizon)
    /// A ticket whose deadline is `urgency_horizon` or more away has urgency 0;
    /// urgency grows by one per second closer, up to urgency_horizon when the
    /// deadline is now or past.
    Duration urgency_horizon = 8 * 3600;
    friend bool operator==(const AssignOptions&, const AssignOptions&) = default;
};

/// Why a ticket was left out of the batch.
enum class AssignLeftOutReason {
    no_qualified_engineer,  ///< no engineer has the skills and is admitted by the lists
    no_capacity,            ///< qualified engineers exist, but all their capacity is used (or 0)
    too_costly,             ///< a qualified engineer had room, but leaving it out is cheaper
};

/// "no_qualified_engineer", "no_capacity", "too_costly".
std::string_view to_string(AssignLeftOutReason reason) noexcept;
/// "exact", "greedy".
std::string_view to_string(AssignMethod method) noexcept;
/// Parses "exact" or "greedy"; InputError at `path` otherwise.
AssignMethod parse_assign_method(std::string_view text, const std::string& path);

/// One ticket served by one engineer.
struct AssignPair {
    Index ticket = -1;        ///< index into problem.tickets
    Index engineer = -1;      ///< index into problem.engineers
    int order = 0;            ///< 0 = the engineer's first ticket of the batch (its copy c)
    Duration travel = 0;      ///< seconds, speed factor applied
    Distance distance = 0;    ///< metres
    Duration eta = 0;         ///< seconds from `now` to the start of service, c x per_ticket_time included
    Duration lateness = 0;    ///< max(0, now + eta - deadline)
    Cost cost = 0;            ///< the served cost of this pair
    friend bool operator==(const AssignPair&, const AssignPair&) = default;
};

/// A ticket left out, with its reason and its leave-out cost.
struct AssignLeftOut {
    Index ticket = -1;
    AssignLeftOutReason reason = AssignLeftOutReason::too_costly;
    Cost cost = 0;
    friend bool operator==(const AssignLeftOut&, const AssignLeftOut&) = default;
};

/// The matching, in ticket order.
struct AssignResult {
    AssignMethod method = AssignMethod::exact;
    std::vector<AssignPair> pairs;
    std::vector<AssignLeftOut> left_out;
    Cost total_cost = 0;     ///< served + left out
    Cost served_cost = 0;
    Cost left_out_cost = 0;
    Duration total_eta = 0;  ///< Σ eta over pairs
    int served = 0;
    double seconds = 0.0;    ///< wall time of assign(), costs included
    std::int64_t rows_scanned = 0;  ///< exact: rows scanned by the searches, a measure of work (0 for greedy)
};

/// The cost of serving ticket t by engineer e as its c-th ticket (kForbidden
/// when e may not serve t), and of leaving t out. Exposed for tests and for
/// callers that want to price a single choice.
Cost assign_serve_cost(const AssignProblem& problem, const AssignOptions& options, Index ticket, Index engineer,
                       int order);
Cost assign_leave_out_cost(const AssignProblem& problem, const AssignOptions& options, Index ticket);

/// Checks the options; InputError naming the field ("/options/eta_weight").
void validate_assign_options(const AssignOptions& options);

/// Matches the batch. Validates problem and options first (InputError).
AssignResult assign(const AssignProblem& problem, const AssignOptions& options = {});

}  // namespace fsd
