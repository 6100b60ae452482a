#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/search.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd {

std::vector<InitialRoute> initial_routes_from(const Solution& solution) {
    std::vector<InitialRoute> out;
    out.reserve(solution.routes.size());
    for (const Route& route : solution.routes) {
        InitialRoute r;
        r.engineer = route.engineer;
        r.shift = route.shift;
        for (const Step& step : route.steps)
            if (step.kind == StepKind::job) r.jobs.push_back(step.index);
        out.push_back(std::move(r));
    }
    return out;
}

namespace detail {

namespace {
std::string route_path(size_t k) { return "/options/initial_routes/" + std::to_string(k); }
}  // namespace

void Search::seed_initial_routes() {
    const auto& initial = options_.initial_routes;
    if (initial.empty()) return;

    // Check everything before touching the plan, so a bad warm start leaves nothing half-done.
    const Index num_jobs = problem_.num_jobs();
    std::vector<Index> slot_of_route(initial.size(), -1);
    std::vector<Index> route_of_slot(problem_.slots().size(), -1);
    std::vector<Index> route_of_job(static_cast<size_t>(num_jobs), -1);
    for (size_t k = 0; k < initial.size(); ++k) {
        const InitialRoute& r = initial[k];
        if (r.engineer < 0 || r.engineer >= problem_.num_engineers())
            throw InputError(route_path(k) + "/engineer", "engineer index " + std::to_string(r.engineer) +
                                                              " does not exist (the problem has " +
                                                              std::to_string(problem_.num_engineers()) + " engineers)");
        const Engineer& eng = problem_.engineer(r.engineer);
        const Index shifts = static_cast<Index>(eng.shifts.size());
        if (r.shift < 0 || r.shift >= shifts)
            throw InputError(route_path(k) + "/shift", "engineer \"" + eng.id + "\" has no shift " +
                                                           std::to_string(r.shift) + " (it has " + std::to_string(shifts) +
                                                           ")");
        Index slot = -1;
        for (size_t s = 0; s < problem_.slots().size() && slot < 0; ++s)
            if (problem_.slots()[s].engineer == r.engineer && problem_.slots()[s].shift == r.shift)
                slot = static_cast<Index>(s);
        FSD_ASSERT(slot >= 0);
        Index& owner = route_of_slot[static_cast<size_t>(slot)];
        if (owner >= 0)
            throw InputError(route_path(k) + "/shift", "shift " + std::to_string(r.shift) + " of engineer \"" + eng.id +
                                                           "\" already has a route (initial route " +
                                                           std::to_string(owner) + ")");
        owner = static_cast<Index>(k);
        slot_of_route[k] = slot;
        for (size_t i = 0; i < r.jobs.size(); ++i) {
            const Index j = r.jobs[i];
            const std::string path = route_path(k) + "/jobs/" + std::to_string(i);
            if (j < 0 || j >= num_jobs)
                throw InputError(path, "job index " + std::to_string(j) + " does not exist (the problem has " +
                                           std::to_string(num_jobs) + " jobs)");
            Index& first = route_of_job[static_cast<size_t>(j)];
            if (first >= 0)
                throw InputError(path, "job \"" + problem_.job(j).id + "\" is listed twice (also in initial route " +
                                           std::to_string(first) + ")");
            first = static_cast<Index>(k);
        }
    }

    // Repair: keep the given order, drop a job the engineer may not serve or
    // one that makes the route so far infeasible; later jobs still get their chance.
    for (size_t k = 0; k < initial.size(); ++k) {
        const Index slot = slot_of_route[k];
        const Index e = initial[k].engineer;
        std::vector<Index> kept;
        RouteEval kept_eval;
        for (Index j : initial[k].jobs) {
            if (!problem_.compatible(e, j)) continue;
            kept.push_back(j);
            const RouteEval ev = eval_.evaluate(slot, kept);
            if (ev.feasible) kept_eval = ev;
            else kept.pop_back();
        }
        if (!kept.empty()) set_route(slot, kept, kept_eval);
    }
}

}  // namespace detail

}  // namespace fsd
