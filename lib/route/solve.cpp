#include "fsd/route/solve.hpp"

#include <chrono>
#include <cmath>

#include "fsd/core/error.hpp"
#include "fsd/model/route_steps.hpp"
#include "fsd/route/detail/explain_unassigned.hpp"
#include "fsd/route/detail/search.hpp"

namespace fsd {

namespace {

Route build_route(const Problem& problem, Index slot, const std::vector<Index>& jobs, detail::RouteEvaluator& eval) {
    std::vector<detail::TimedStep> timed;
    const detail::RouteEval ev = eval.evaluate(slot, jobs, &timed);
    FSD_ASSERT(ev.feasible);
    const RouteSlot& rs = problem.slots()[static_cast<size_t>(slot)];
    Route route;
    route.engineer = rs.engineer;
    route.shift = rs.shift;
    Step start;
    start.kind = StepKind::start;
    start.arrival = start.start = start.end = ev.departure;
    route.steps.push_back(start);
    for (const detail::TimedStep& t : timed) {
        Step step;
        step.kind = t.kind;
        step.index = t.index;
        step.arrival = t.arrival;
        step.start = t.start;
        step.end = t.end;
        step.travel_time = t.travel_time;
        step.travel_distance = t.travel_distance;
        step.lateness = t.lateness;
        route.steps.push_back(std::move(step));
    }
    Step end;
    end.kind = StepKind::end;
    end.arrival = end.start = end.end = ev.arrival;
    end.travel_time = ev.end_travel;
    end.travel_distance = ev.end_distance;
    route.steps.push_back(std::move(end));
    complete_route(problem, route);
    route.cost = ev.travel;
    return route;
}

}  // namespace

Solution solve(const Problem& problem, const SolveOptions& options) {
    if (!std::isfinite(options.time_limit_seconds) || options.time_limit_seconds < 0.0)
        throw InputError("/options/time_limit_seconds", "the time limit must be a number of seconds, zero or more");
    if (options.iteration_limit < -1)
        throw InputError("/options/iteration_limit", "the iteration limit must be -1 (none) or zero or more");
    if (options.threads < 1) throw InputError("/options/threads", "the number of threads must be at least 1");

    const auto started = std::chrono::steady_clock::now();
    Solution solution;
    detail::Search search(problem, options);
    const detail::Plan plan = search.run(solution.stats);
    for (size_t s = 0; s < plan.routes.size(); ++s)
        if (!plan.routes[s].empty())
            solution.routes.push_back(build_route(problem, static_cast<Index>(s), plan.routes[s], search.evaluator()));
    for (Index j = 0; j < problem.num_jobs(); ++j)
        if (plan.slot_of[static_cast<size_t>(j)] < 0) solution.unassigned.push_back(detail::explain_unassigned(j, search));
    solution.objective = search.objective(plan);
    solution.stats.seed = options.seed;
    solution.stats.solver = "regret-ls";
    solution.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return solution;
}

}  // namespace fsd
