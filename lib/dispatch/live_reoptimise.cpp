// Re-planning the movable part of a live day with the routing solver.
#include <cmath>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/route/solve.hpp"

namespace fsd {

ReoptimiseResult LivePlan::reoptimise(const ReoptimiseOptions& options) {
    if (!std::isfinite(options.time_limit_seconds) || options.time_limit_seconds < 0)
        throw InputError("/options/time_limit_seconds", "the time limit must be a number of seconds, zero or more");
    if (options.reassignment_cost < 0)
        throw InputError("/options/reassignment_cost", "the reassignment cost must not be negative");
    ReoptimiseResult result;
    const ResidualProblem res = residual_with(options.reassignment_cost);
    result.cost_before = objective().total();
    result.cost_after = result.cost_before;

    SolveOptions so;
    so.time_limit_seconds = options.time_limit_seconds;
    so.iteration_limit = options.iteration_limit;
    so.seed = options.seed;
    so.initial_routes = initial_routes_from(res.solution);
    const Solution sol = solve(res.problem, so);
    // The solver's objective charges every move at the reassignment cost; the
    // current plan pays nothing for staying where it is. Overtime already
    // worked before the residual shifts is not in the solver's objective.
    const Cost overtime_worked = objective().overtime - res.solution.objective.overtime;
    if (sol.objective.total() + overtime_worked >= result.cost_before) return result;

    // Adopt the new routes behind each engineer's frozen steps.
    const std::vector<Index> was_on = engineer_of_;
    const std::vector<TicketStatus> was = status_;
    std::vector<std::vector<LiveStep>> planned(engineers_.size());
    for (const Route& route : sol.routes) {
        const auto le = static_cast<size_t>(res.engineer_of[static_cast<size_t>(route.engineer)]);
        for (const Step& st : route.steps) {
            if (st.kind != StepKind::job && st.kind != StepKind::break_) continue;
            LiveStep ls;
            ls.kind = st.kind;
            ls.index = st.kind == StepKind::job ? res.job_of[static_cast<size_t>(st.index)]
                                                : res.break_of[static_cast<size_t>(route.engineer)][static_cast<size_t>(st.index)];
            planned[le].push_back(ls);
        }
    }
    for (size_t e = 0; e < engineers_.size(); ++e) {
        const auto f = static_cast<size_t>(frozen_steps(static_cast<Index>(e)));
        LiveRoute r = routes_[e];
        std::vector<LiveStep> keep(r.steps.begin(), r.steps.begin() + static_cast<std::ptrdiff_t>(f));
        if (!planned[e].empty()) {
            keep.insert(keep.end(), planned[e].begin(), planned[e].end());
        } else {
            // Unused now: keep the pending breaks so a later ticket brings them along.
            for (size_t i = f; i < r.steps.size(); ++i)
                if (r.steps[i].kind == StepKind::break_) keep.push_back(r.steps[i]);
        }
        r.steps = std::move(keep);
        if (r == routes_[e]) continue;
        touch(static_cast<Index>(e));
        routes_[e] = std::move(r);
    }
    for (size_t j = 0; j < jobs_.size(); ++j)
        if (status_[j] == TicketStatus::planned) {
            status_[j] = TicketStatus::pending;
            engineer_of_[j] = -1;
        }
    for (size_t e = 0; e < engineers_.size(); ++e)
        for (const LiveStep& s : routes_[e].steps)
            if (s.kind == StepKind::job && s.status == StepStatus::planned) {
                status_[static_cast<size_t>(s.index)] = TicketStatus::planned;
                engineer_of_[static_cast<size_t>(s.index)] = static_cast<Index>(e);
            }
    ChangeSet changes;
    std::vector<Index> dropped;
    retime_all(changes, dropped);
    reinsert(std::move(dropped), changes);
    for (size_t j = 0; j < jobs_.size(); ++j) {
        if (was[j] == TicketStatus::planned && engineer_of_[j] >= 0 && engineer_of_[j] != was_on[j]) ++result.moved;
        if (was[j] == TicketStatus::pending && status_[j] == TicketStatus::planned) ++result.newly_placed;
    }
    result.accepted = true;
    result.cost_after = objective().total();
    result.changes = finish(std::move(changes));
    return result;
}

}  // namespace fsd
