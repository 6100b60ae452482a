#include "fsd/route/detail/segment_search.hpp"

#include <algorithm>
#include <chrono>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/segment_local_search.hpp"

namespace fsd::detail {

std::string segment_search_obstacle(const Problem& p) {
    if (p.dimensions() > static_cast<Index>(kSegmentDimensions)) return "more capacity dimensions than segments carry";
    if (p.weights().balance != 0) return "workload balance";
    if (p.has_level_durations()) return "service durations by skill level";
    const DurationMatrix* base = &p.base_durations();
    for (Index e = 0; e < p.num_engineers(); ++e) {
        const Engineer& eng = p.engineer(e);
        if (!eng.breaks.empty()) return "breaks";
        // A job limit is carried as one more load dimension (a unit per job).
        if (eng.max_jobs && p.dimensions() + 1 > static_cast<Index>(kSegmentDimensions))
            return "job limits beside more than 3 capacity dimensions";
        if (&p.durations(e) != base) return "engineers with different speeds";
    }
    for (Index j = 0; j < p.num_jobs(); ++j) {
        const Job& job = p.job(j);
        if (job.time_windows.size() > 1) return "several time windows";
        // A hard deadline closes the window; a priced soft one has no segment form.
        if (job.sla && !job.sla->hard && job.sla->lateness_cost_per_second != 0 && p.weights().lateness != 0)
            return "soft SLA deadlines";
        if (job.preferred_engineer && p.weights().preference != 0) return "preferred engineers";
    }
    return {};
}

Cost segment_plan_total(const Problem& p, const SegmentPlan& plan) {
    Cost total = plan.cost;
    for (Index j : plan.unassigned) total += p.unassigned_cost(j);
    return total;
}

SegmentPlan segment_plan_of(const Problem& p, std::vector<std::vector<Index>> routes) {
    SegmentPlan plan;
    std::vector<char> routed(static_cast<size_t>(p.num_jobs()), 0);
    for (const auto& r : routes)
        for (Index j : r) routed[static_cast<size_t>(j)] = 1;
    for (Index j = 0; j < p.num_jobs(); ++j)
        if (!routed[static_cast<size_t>(j)]) plan.unassigned.push_back(j);
    plan.routes = std::move(routes);
    return plan;
}

void report_best(const Problem& p, const SolveOptions& o, const SegmentPlan& best, std::int64_t iteration,
                 std::chrono::steady_clock::time_point solve_started) {
    if (!o.on_progress) return;
    Progress pr;
    pr.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - solve_started).count();
    pr.iteration = iteration;
    pr.objective.travel = best.cost;
    for (Index j : best.unassigned) pr.objective.unassigned += p.unassigned_cost(j);
    pr.unassigned = static_cast<std::int32_t>(best.unassigned.size());
    o.on_progress(pr);
}

namespace {

using Clock = std::chrono::steady_clock;

constexpr Cost kMaxPenaltyWeight = 1'000'000;

bool stop(const SolveOptions& o, const SegmentLocalSearch& ls, std::int64_t it) {
    return ls.out_of_time() || (o.iteration_limit >= 0 && it >= o.iteration_limit);
}

}  // namespace

SegmentPlan segment_search(const Problem& problem, const SolveOptions& options, const SegmentPlan& start,
                           const std::vector<std::vector<Index>>& neighbours, double seconds_budget,
                           Clock::time_point solve_started, BestExchange* exchange, std::size_t thread) {
    FSD_ASSERT(segment_search_obstacle(problem).empty());
    // Jobs the start left out stay out: the exact search that follows tries them again.
    const auto began = Clock::now();
    const auto deadline =
        began + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, seconds_budget)));
    SegmentLocalSearch ls(problem, options, neighbours, deadline, options.seed);
    ls.load(start.routes);
    SegmentPlan best = start;
    best.cost = ls.route_costs();
    SegmentLocalSearch::NodeRoutes current = ls.node_routes();
    PenaltyWeights& w = ls.weights();
    std::int64_t it = 0;
    const double total = std::chrono::duration<double>(deadline - began).count();
    while (!stop(options, ls, it)) {
        ++it;
        if (exchange && exchange->due(thread, it)) {
            if (auto shared = exchange->meet(thread, {best.routes, segment_plan_total(problem, best)})) {
                best = segment_plan_of(problem, std::move(shared->routes));
                ls.load(best.routes);
                best.cost = ls.route_costs();
                current = ls.node_routes();
            }
        }
        ls.ruin_and_recreate();
        ls.local_search();
        // Repair: raise the penalties until the plan is feasible (or give up on it).
        for (int round = 0; round < 6 && !ls.feasible(); ++round) {
            // Capped: a weight past this would only risk overflow, not repair more.
            w.time_warp = std::min<Cost>(w.time_warp * 4, kMaxPenaltyWeight);
            w.excess_load = std::min<Cost>(w.excess_load * 4, kMaxPenaltyWeight);
            ls.local_search();
        }
        if (!ls.feasible()) {
            ls.restore(current);
            continue;
        }
        w.time_warp = std::max<Cost>(1, w.time_warp * 9 / 10);
        w.excess_load = std::max<Cost>(1, w.excess_load * 9 / 10);
        const Cost cost = ls.route_costs();
        if (cost < best.cost) {
            best.routes = ls.job_routes();
            best.cost = cost;
            report_best(problem, options, best, it, solve_started);
        }
        // Record-to-record travel: accept a plan up to a threshold worse,
        // the threshold shrinking to zero as the time runs out.
        const double left =
            total > 0 ? std::max(0.0, 1.0 - std::chrono::duration<double>(Clock::now() - began).count() / total) : 0.0;
        const auto threshold = static_cast<Cost>(static_cast<double>(best.cost) * 0.01 * left);
        if (cost <= best.cost + threshold) {
            current = ls.node_routes();
        } else {
            ls.restore(current);
        }
    }
    best.iterations = it;
    return best;
}

}  // namespace fsd::detail
