#include "fsd/route/solve.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "fsd/core/error.hpp"
#include "fsd/model/route_steps.hpp"
#include "fsd/route/detail/best_exchange.hpp"
#include "fsd/route/detail/explain_unassigned.hpp"
#include "fsd/route/detail/search.hpp"
#include "fsd/route/detail/genetic_search.hpp"
#include "fsd/route/detail/segment_search.hpp"

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

// Thread 0 keeps the caller's seed (one thread is the plain search); the
// others get well-mixed seeds derived from it (splitmix64).
std::uint64_t thread_seed(std::uint64_t seed, std::size_t k) {
    if (k == 0) return seed;
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (k + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

const char* to_string(SolveAlgorithm algorithm) noexcept {
    switch (algorithm) {
        case SolveAlgorithm::automatic: return "auto";
        case SolveAlgorithm::regret_ls: return "regret-ls";
        case SolveAlgorithm::segment_ils: return "segment-ils";
        case SolveAlgorithm::hgs: return "hgs";
    }
    return "auto";
}

SolveAlgorithm parse_solve_algorithm(const std::string& name, const std::string& path) {
    for (SolveAlgorithm a :
         {SolveAlgorithm::automatic, SolveAlgorithm::regret_ls, SolveAlgorithm::segment_ils, SolveAlgorithm::hgs})
        if (name == to_string(a)) return a;
    throw InputError(path, "unknown algorithm \"" + name + "\"; algorithms: auto, regret-ls, segment-ils, hgs");
}

Solution solve(const Problem& problem, const SolveOptions& options) {
    if (!std::isfinite(options.time_limit_seconds) || options.time_limit_seconds < 0.0)
        throw InputError("/options/time_limit_seconds", "the time limit must be a number of seconds, zero or more");
    if (options.iteration_limit < -1)
        throw InputError("/options/iteration_limit", "the iteration limit must be -1 (none) or zero or more");
    if (options.threads < 1) throw InputError("/options/threads", "the number of threads must be at least 1");

    const auto started = std::chrono::steady_clock::now();
    Solution solution;
    // threads > 1: searches from different seeds meeting at a BestExchange
    // (every `period` iterations under an iteration limit, so the same seed
    // and threads give the same plan; else every tenth of the time limit,
    // 0.1 to 5 s); the best plan is kept (ties: the lower thread). Thread 0
    // never takes another's plan, so N threads are never worse than one.
    const auto threads = static_cast<size_t>(options.threads);
    std::vector<SolveOptions> thread_options(threads, options);
    std::mutex progress_mutex;
    ObjectiveParts reported;
    bool any_reported = false;
    for (size_t k = 0; k < threads; ++k) {
        thread_options[k].seed = thread_seed(options.seed, k);
        if (options.on_progress)
            thread_options[k].on_progress = [&](const Progress& p) {
                // Only new bests (of every thread, and of every stage of the
                // segment search's pipeline), one caller at a time.
                const std::lock_guard<std::mutex> lock(progress_mutex);
                if (any_reported && p.objective.total() >= reported.total()) return;
                reported = p.objective, any_reported = true;
                Progress q = p;  // seconds since this solve began, whichever stage reports
                q.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                options.on_progress(q);
            };
    }
    std::string obstacle;
    const bool segments = options.algorithm != SolveAlgorithm::regret_ls &&
                          (obstacle = detail::segment_search_obstacle(problem)).empty();
    // automatic: the genetic search pays off only with time for its
    // population; below 2 s per 100 jobs the iterated local search does
    // better (bench/RESULTS.md: ahead at 0.25, 0.5 and 1 s per 100 jobs,
    // behind at 3.5 and 10 s).
    const bool short_budget = options.time_limit_seconds * 100.0 < 2.0 * std::max<Index>(1, problem.num_jobs());
    const bool ils = options.algorithm == SolveAlgorithm::segment_ils ||
                     (options.algorithm == SolveAlgorithm::automatic && short_budget);
    if (options.algorithm != SolveAlgorithm::automatic && options.algorithm != SolveAlgorithm::regret_ls && !segments)
        throw InputError("/options/algorithm",
                         std::string(to_string(options.algorithm)) + " cannot plan this problem: it has " + obstacle);
    // One iteration is a perturbation (regret-ls), a ruin-and-recreate
    // (segment-ils) or a child (hgs), so these periods are each a fraction
    // of a second on 100 jobs.
    const std::int64_t period = !segments ? 200 : ils ? 1000 : 100;
    const double interval = std::clamp(options.time_limit_seconds / 10.0, 0.1, 5.0);
    std::unique_ptr<detail::BestExchange> exchange;
    if (threads > 1)
        exchange = std::make_unique<detail::BestExchange>(
            threads, options.iteration_limit >= 0, period, started,
            std::chrono::duration_cast<detail::BestExchange::Clock::duration>(std::chrono::duration<double>(interval)));
    // Per thread: the options of its final exact search (kept alive: a Search holds a reference).
    std::vector<SolveOptions> final_options(threads);
    std::vector<std::unique_ptr<detail::Search>> searches(threads);
    std::vector<detail::Plan> plans(threads);
    std::vector<SolveStats> stats(threads);
    std::vector<std::exception_ptr> errors(threads);
    auto work = [&](size_t k) {
        // Leaves the exchange when this thread's search ends, however it ends.
        detail::ExchangeSeat seat(exchange.get(), k);
        try {
            const SolveOptions& mine = thread_options[k];
            if (!segments) {
                searches[k] = std::make_unique<detail::Search>(problem, mine);
                searches[k]->share_through(exchange.get(), k);
                plans[k] = searches[k]->run(stats[k]);
                return;
            }
            // A first plan by regret-ls (construction and one descent), the
            // segment search from it, then regret-ls's descent from the best
            // plan on exact timing (it also tries the jobs left out again).
            SolveOptions first = mine;
            first.iteration_limit = 0;
            detail::Search opening(problem, first);
            SolveStats opening_stats;
            const detail::Plan start = opening.run(opening_stats);
            detail::SegmentPlan seed;
            seed.routes = start.routes;
            for (Index j = 0; j < problem.num_jobs(); ++j)
                if (start.slot_of[static_cast<size_t>(j)] < 0) seed.unassigned.push_back(j);
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            // Keep a twentieth of the time for the closing descent.
            const double budget = options.time_limit_seconds * 0.95 - elapsed;
            const detail::SegmentPlan best =
                ils ? detail::segment_search(problem, mine, seed, opening.neighbours(), budget, started, exchange.get(), k)
                    : detail::genetic_search(problem, mine, seed, opening.neighbours(), budget, started, exchange.get(), k);
            seat.leave();
            final_options[k] = mine;
            final_options[k].iteration_limit = 0;
            final_options[k].initial_routes.clear();
            const auto& slots = problem.slots();
            const detail::RouteLocks& locks = opening.locks();
            for (size_t r = 0; r < best.routes.size(); ++r)
                if (!best.routes[r].empty() || locks.closed[r])
                    final_options[k].initial_routes.push_back(
                        {slots[r].engineer, slots[r].shift, best.routes[r], locks.closed[r] != 0, locks.head[r]});
            searches[k] = std::make_unique<detail::Search>(problem, final_options[k]);
            plans[k] = searches[k]->run(stats[k]);
            stats[k].iterations = best.iterations;
        } catch (...) {
            errors[k] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> pool;
        for (size_t k = 1; k < threads; ++k) pool.emplace_back(work, k);
        work(0);
    }
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
    size_t winner = 0;
    for (size_t k = 1; k < threads; ++k)
        if (searches[k]->objective(plans[k]).total() < searches[winner]->objective(plans[winner]).total()) winner = k;
    detail::Search& search = *searches[winner];
    const detail::Plan& plan = plans[winner];
    solution.stats = stats[winner];
    for (size_t k = 0; k < threads; ++k)
        if (k != winner) solution.stats.iterations += stats[k].iterations;
    for (size_t s = 0; s < plan.routes.size(); ++s)
        if (!plan.routes[s].empty())
            solution.routes.push_back(build_route(problem, static_cast<Index>(s), plan.routes[s], search.evaluator()));
    for (Index j = 0; j < problem.num_jobs(); ++j)
        if (plan.slot_of[static_cast<size_t>(j)] < 0) solution.unassigned.push_back(detail::explain_unassigned(j, search));
    solution.objective = search.objective(plan);
    solution.stats.seed = options.seed;
    solution.stats.solver = !segments ? "regret-ls" : ils ? "segment-ils" : "hgs";
    solution.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return solution;
}

}  // namespace fsd
