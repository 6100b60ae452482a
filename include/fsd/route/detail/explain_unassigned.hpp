#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/solution.hpp"
#include "fsd/route/detail/local_search.hpp"
#include "fsd/route/detail/route_evaluator.hpp"

namespace fsd::detail {

/// What the explanations read of the final plan.
class PlanView {
public:
    PlanView(const Plan& plan, const LocalSearch& ls, const RouteLocks& locks)
        : plan_(plan), ls_(ls), locks_(locks), eval_(plan.model()) {}
    const Problem& problem() const { return plan_.model().problem(); }
    const RouteModel& model() const { return plan_.model(); }
    const RouteEvaluator& evaluator() const { return eval_; }
    const RouteLocks& locks() const { return locks_; }
    /// The jobs of slot s's route, in order.
    std::vector<Index> jobs(Index s) const;
    /// The cheapest feasible place for left-out job j in slot s's route
    /// (slot -1 when there is none).
    Placement best_insertion(Index j, Index s) const { return ls_.best_place(j, s, true); }

private:
    const Plan& plan_;
    const LocalSearch& ls_;
    const RouteLocks& locks_;
    RouteEvaluator eval_;
};

/// Whether engineer e holds job j's skills at the levels it needs and its pin,
/// allowed and forbidden lists admit e: Problem::compatible without the
/// tools and parts.
bool skilled_for(const Problem& problem, Index e, Index j);

/// One tool or part of a job that an engineer cannot get: not enough of it on
/// the van and none at any depot.
struct MissingItem {
    std::string item;
    bool tool = false;
    Amount short_by = 1;   ///< a tool: 1; a part: the job's need minus the van's stock
};

/// What of job j's tools and parts engineer e cannot get (empty when e can
/// get everything), in the job's order: tools first, then parts.
std::vector<MissingItem> unobtainable(const Problem& problem, Index e, Index j);

/// Why job j is not in the plan, with a sentence for a dispatcher and,
/// where one is found, the smallest change that would let it in
/// (suggest_fix). Checks, in order: qualification, tools and parts
/// (parts_unavailable: skilled engineers exist but none can get them), capacity, max_jobs,
/// whether any shift reaches its windows, whether it fits a shift alone, and,
/// for an optional job, whether serving it costs at least its penalty.
/// With `quick` (the time limit is out) only the cheap checks run, up to
/// reachable windows, a job that passes them gets the reason time_limit, and
/// no fix is searched for.
Unassigned explain_unassigned(Index j, const PlanView& plan, bool quick = false);

/// The smallest change found that would let job j, left out of the plan for
/// `reason`, into it (docs/unassigned.md): a skill or a new engineer, a wider
/// window, a longer shift, overtime, capacity, one more job, a higher
/// penalty, or a tool or part stocked ("stock": at the depot nearest to the
/// job, or without depots in the van of the nearest skilled engineer). Time changes are whole minutes, at most 8 hours, each re-checked
/// on the engineer's route. Empty when none is found.
std::optional<UnassignedFix> suggest_fix(Index j, UnassignedReason reason, const PlanView& plan);

}  // namespace fsd::detail
