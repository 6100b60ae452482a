#include <algorithm>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/route_locks.hpp"
#include "fsd/route/detail/route_evaluator.hpp"
#include "fsd/route/detail/warm_start.hpp"
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

void fix_engineer_routes(const Problem& problem, std::vector<InitialRoute>& routes, const std::string& engineer_id,
                         std::optional<Index> first_jobs, const std::string& path) {
    const std::optional<Index> e = problem.engineer_index(engineer_id);
    if (!e) throw InputError(path, "no engineer has the id \"" + engineer_id + "\"");
    if (first_jobs && *first_jobs < 0)
        throw InputError(path, "the number of fixed jobs must be zero or more, not " + std::to_string(*first_jobs));
    const auto shifts = static_cast<Index>(problem.engineer(*e).shifts.size());
    std::vector<char> has_route(static_cast<size_t>(shifts), 0);
    for (InitialRoute& r : routes) {
        if (r.engineer != *e) continue;
        if (r.shift >= 0 && r.shift < shifts) has_route[static_cast<size_t>(r.shift)] = 1;
        if (!first_jobs) {
            r.fixed = true;
            continue;
        }
        if (static_cast<size_t>(*first_jobs) > r.jobs.size())
            throw InputError(path, "engineer \"" + engineer_id + "\" has " + std::to_string(r.jobs.size()) +
                                       " jobs in shift " + std::to_string(r.shift) + " of the initial plan, not " +
                                       std::to_string(*first_jobs));
        r.fixed_jobs = *first_jobs;
    }
    const bool any_route = std::find(has_route.begin(), has_route.end(), 1) != has_route.end();
    if (first_jobs && *first_jobs > 0 && !any_route)
        throw InputError(path, "engineer \"" + engineer_id + "\" has no route in the initial plan, so no jobs to fix");
    // Fixed whole, the shifts without a route stay unused.
    if (!first_jobs)
        for (Index s = 0; s < shifts; ++s)
            if (!has_route[static_cast<size_t>(s)]) routes.push_back(InitialRoute{*e, s, {}, true, 0});
}

namespace detail {

namespace {
std::string route_path(size_t k) { return "/options/initial_routes/" + std::to_string(k); }
}  // namespace

PlanRoutes warm_start(const RouteModel& m, const SolveOptions& options) {
    const Problem& problem = m.problem();
    const auto& initial = options.initial_routes;
    PlanRoutes routes(static_cast<size_t>(m.num_slots()));
    if (initial.empty()) return routes;

    // Check everything before planning anything, so a bad warm start leaves nothing half-done.
    const Index num_jobs = problem.num_jobs();
    std::vector<Index> slot_of_route(initial.size(), -1);
    std::vector<Index> route_of_slot(problem.slots().size(), -1);
    std::vector<Index> route_of_job(static_cast<size_t>(num_jobs), -1);
    for (size_t k = 0; k < initial.size(); ++k) {
        const InitialRoute& r = initial[k];
        if (r.engineer < 0 || r.engineer >= problem.num_engineers())
            throw InputError(route_path(k) + "/engineer", "engineer index " + std::to_string(r.engineer) +
                                                              " does not exist (the problem has " +
                                                              std::to_string(problem.num_engineers()) + " engineers)");
        const Engineer& eng = problem.engineer(r.engineer);
        const Index shifts = static_cast<Index>(eng.shifts.size());
        if (r.shift < 0 || r.shift >= shifts)
            throw InputError(route_path(k) + "/shift", "engineer \"" + eng.id + "\" has no shift " +
                                                           std::to_string(r.shift) + " (it has " + std::to_string(shifts) +
                                                           ")");
        const Index slot = route_slot_of(problem, r.engineer, r.shift);
        FSD_ASSERT(slot >= 0);
        if (!r.fixed && (r.fixed_jobs < 0 || static_cast<size_t>(r.fixed_jobs) > r.jobs.size()))
            throw InputError(route_path(k) + "/fixed_jobs", "fixed_jobs must be between 0 and the route's " +
                                                                std::to_string(r.jobs.size()) + " jobs, not " +
                                                                std::to_string(r.fixed_jobs));
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
                throw InputError(path, "job \"" + problem.job(j).id + "\" is listed twice (also in initial route " +
                                           std::to_string(first) + ")");
            first = static_cast<Index>(k);
        }
    }

    // Fixed jobs are kept as they are or refused: the engineer must be
    // allowed to serve each, and the fixed head must be feasible alone.
    for (size_t k = 0; k < initial.size(); ++k) {
        const InitialRoute& r = initial[k];
        const size_t head = r.fixed ? r.jobs.size() : static_cast<size_t>(r.fixed_jobs);
        const Engineer& eng = problem.engineer(r.engineer);
        for (size_t i = 0; i < head; ++i)
            if (!problem.compatible(r.engineer, r.jobs[i]) || !m.servable(r.jobs[i]))
                throw InputError(route_path(k) + "/jobs/" + std::to_string(i),
                                 "job \"" + problem.job(r.jobs[i]).id + "\" is fixed to engineer \"" + eng.id +
                                     "\", who may not serve it (skills, pin or allowed/forbidden lists)");
        if (head > 0 && !arrange_route(m, slot_of_route[k], std::span<const Index>(r.jobs.data(), head)).feasible())
            throw InputError(route_path(k) + (r.fixed ? "/fixed" : "/fixed_jobs"),
                             "the " + std::to_string(head) + " fixed jobs of engineer \"" + eng.id + "\" (shift " +
                                 std::to_string(r.shift) +
                                 ") cannot be served in this order: it breaks a time window, an SLA deadline, the "
                                 "shift with its overtime, a break, the capacity or a job or travel limit (`fsd "
                                 "evaluate` names which)");
    }

    // Repair: keep the given order, drop a job the engineer may not serve or
    // one that makes the route so far infeasible; later jobs still get their chance.
    for (size_t k = 0; k < initial.size(); ++k) {
        const Index slot = slot_of_route[k];
        const InitialRoute& r = initial[k];
        const size_t head = r.fixed ? r.jobs.size() : static_cast<size_t>(r.fixed_jobs);
        std::vector<Index> kept(r.jobs.begin(), r.jobs.begin() + static_cast<std::ptrdiff_t>(head));
        ArrangedRoute arranged = arrange_route(m, slot, kept);
        for (size_t i = head; i < r.jobs.size(); ++i) {
            const Index j = r.jobs[i];
            if (!problem.compatible(r.engineer, j) || !m.servable(j)) continue;
            kept.push_back(j);
            ArrangedRoute with = arrange_route(m, slot, kept);
            if (with.feasible()) arranged = std::move(with);
            else kept.pop_back();
        }
        if (!kept.empty()) routes[static_cast<size_t>(slot)] = std::move(arranged.nodes);
    }
    return routes;
}

}  // namespace detail

}  // namespace fsd
