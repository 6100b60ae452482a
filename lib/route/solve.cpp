#include "fsd/route/solve.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/best_exchange.hpp"
#include "fsd/route/detail/construction.hpp"
#include "fsd/route/detail/explain_unassigned.hpp"
#include "fsd/route/detail/genetic_search.hpp"
#include "fsd/route/detail/iterated_local_search.hpp"
#include "fsd/route/detail/linked_visits.hpp"
#include "fsd/route/detail/route_evaluator.hpp"
#include "fsd/route/detail/warm_start.hpp"

namespace fsd {

namespace {

using Clock = std::chrono::steady_clock;

// The first plan and the improving stage end here, the polish at the second
// mark, leaving the rest of the time limit for writing the plan out.
constexpr double kImproveShare = 0.95;
constexpr double kPolishShare = 0.98;
// Penalties of the polish: high enough that no saving pays for a second of
// warp or a unit of excess (moves are also refused outright when they add any).
constexpr detail::Penalties kPolishPenalties{1'000'000, 1'000'000};

// Thread 0 keeps the caller's seed (one thread is the plain search); the
// others get well-mixed seeds derived from it (splitmix64).
std::uint64_t thread_seed(std::uint64_t seed, std::size_t k) {
    if (k == 0) return seed;
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (k + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::int64_t stagnation_limit(const SolveOptions& o, const Problem& problem) {
    if (o.stagnation_limit >= 0) return o.stagnation_limit;
    return 500 + 5 * static_cast<std::int64_t>(problem.num_jobs());
}

// One thread's search: the first plan, the improving stage, the best plan seen.
struct ThreadResult {
    detail::PlanRoutes routes;
    Cost objective = 0;
    std::int64_t iterations = 0;
    std::int64_t since_best = 0;
    std::int64_t improvements = 0;  // new bests reported, the first plan included
    std::string stop_reason;
};

// Whether `routes` leave out a job that some slot near it could serve on its
// own: the sign of a day with more jobs than time.
bool leaves_out_what_fits(const detail::RouteModel& model, const detail::PlanRoutes& routes) {
    detail::Plan plan(model);
    plan.restore(routes);
    return std::any_of(plan.unserved().begin(), plan.unserved().end(), [&](Index j) {
        const Index one[] = {j};
        return std::any_of(model.near_slots(j).begin(), model.near_slots(j).end(),
                           [&](Index s) { return detail::arrange_route(model, s, one).feasible(); });
    });
}

// Regret insertion from the warm start; on a day with more jobs than time
// also the fill order, and whichever plan is better.
detail::PlanRoutes first_plan(const detail::RouteModel& model, const detail::PlanRoutes& initial,
                              const detail::RouteLocks& locks, const SolveOptions& options,
                              const detail::StoppingCriterion& stop) {
    auto build = [&](detail::InsertionOrder order) {
        detail::Plan plan(model);
        plan.load(initial);
        detail::LocalSearch ls(plan, locks, options.seed);
        for (Index s = 0; s < model.num_slots(); ++s) ls.place_breaks(s);
        detail::construct(plan, ls, stop, order);
        return std::make_pair(plan.snapshot(), plan.objective() + (plan.feasible() ? 0 : kTimeMax / 2));
    };
    auto [routes, objective] = build(detail::InsertionOrder::regret);
    if (leaves_out_what_fits(model, routes) && stop.elapsed() < 0.2 * options.time_limit_seconds) {
        auto [filled, filled_objective] = build(detail::InsertionOrder::fill);
        if (filled_objective < objective) return filled;
    }
    return routes;
}

// Descends from `fallback`, repairs a plan that ends infeasible, and goes
// back to `fallback` when the repair fails or costs more than it.
void descend(detail::Plan& plan, detail::LocalSearch& ls, const detail::StoppingCriterion& stop,
             const detail::PlanRoutes& fallback) {
    const Cost before = plan.objective();
    const bool was_feasible = plan.feasible();
    ls.mark_all();
    ls.run(stop);
    const bool repaired = detail::repair(plan, ls, stop);
    if (!repaired || (was_feasible && plan.objective() > before)) plan.restore(fallback);
}

Solution build_solution(detail::Plan& plan, detail::LocalSearch& ls, const detail::RouteLocks& locks,
                        Clock::time_point fixes_until) {
    const std::vector<Index> dropped = detail::drop_broken_links(plan, ls);
    Solution solution;
    for (Index s = 0; s < plan.num_slots(); ++s)
        if (!plan.route(s).empty()) solution.routes.push_back(plan.written_route(s));
    const detail::PlanView view(plan, ls, locks);
    std::vector<Index> left_out = plan.unserved();
    std::sort(left_out.begin(), left_out.end());
    // Fixes take a search each: past `fixes_until` (the time limit) the jobs
    // keep their reason and sentence without one, and only the cheap checks
    // run, so the time limit holds however many jobs are left out.
    for (Index j : left_out) {
        solution.unassigned.push_back(detail::explain_unassigned(j, view, Clock::now() >= fixes_until));
        detail::explain_by_link(plan, j, std::binary_search(dropped.begin(), dropped.end(), j), solution.unassigned.back());
    }
    solution.objective = plan.parts();
    return solution;
}

}  // namespace

const char* to_string(SolveAlgorithm algorithm) noexcept {
    switch (algorithm) {
        case SolveAlgorithm::automatic: return "auto";
        case SolveAlgorithm::ils: return "ils";
        case SolveAlgorithm::hgs: return "hgs";
    }
    return "auto";
}

SolveAlgorithm parse_solve_algorithm(const std::string& name, const std::string& path) {
    for (SolveAlgorithm a : {SolveAlgorithm::automatic, SolveAlgorithm::ils, SolveAlgorithm::hgs})
        if (name == to_string(a)) return a;
    if (name == "segment-ils") return SolveAlgorithm::ils;
    if (name == "regret-ls")
        throw InputError(path, "regret-ls is no longer a search of its own: every plan starts from regret insertion; "
                               "algorithms: auto, ils, hgs");
    throw InputError(path, "unknown algorithm \"" + name + "\"; algorithms: auto, ils, hgs");
}

int max_solve_threads() { return 4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

Solution solve(const Problem& problem, const SolveOptions& options) {
    const auto started = Clock::now();
    if (!std::isfinite(options.time_limit_seconds) || options.time_limit_seconds < 0.0)
        throw InputError("/options/time_limit_seconds", "the time limit must be a number of seconds, zero or more");
    if (options.iteration_limit < -1)
        throw InputError("/options/iteration_limit", "the iteration limit must be -1 (none) or zero or more");
    if (options.stagnation_limit < -1)
        throw InputError("/options/stagnation_limit", "the stagnation limit must be -1 (automatic), 0 (none) or more");
    if (options.threads < 1) throw InputError("/options/threads", "the number of threads must be at least 1");
    if (options.threads > max_solve_threads())
        throw InputError("/options/threads", "at most " + std::to_string(max_solve_threads()) +
                                                 " threads on this machine (4 per hardware thread)");

    const detail::RouteModel model(problem);
    const detail::PlanRoutes initial = detail::warm_start(model, options);
    const detail::RouteLocks locks = detail::route_locks(problem, options.initial_routes);
    const detail::StoppingCriterion stop(started, options.time_limit_seconds, options.iteration_limit,
                                         stagnation_limit(options, problem), options.cancel);
    const detail::StoppingCriterion improve_stop = stop.until(stop.at(kImproveShare));

    // The first plan, the same for every thread (construction takes no random choice).
    const detail::PlanRoutes first = first_plan(model, initial, locks, options, improve_stop);
    // automatic: the genetic search pays off only with time for its
    // population (below 2 s per 100 jobs the iterated local search does
    // better, bench/RESULTS.md), on days of 100 jobs or more (below, the
    // population takes longer to pay off than the few hundred milliseconds
    // such a day needs), and when every job fits: on a day with more jobs
    // than time, choosing which to serve goes better by ruin and recreate.
    const bool short_budget = options.time_limit_seconds * 100.0 < 2.0 * std::max<Index>(1, problem.num_jobs()) ||
                              problem.num_jobs() < 100;
    const bool all_in = !leaves_out_what_fits(model, first);
    const bool ils = options.algorithm == SolveAlgorithm::ils ||
                     (options.algorithm == SolveAlgorithm::automatic && (short_budget || !all_in));

    // threads > 1: searches from different seeds meeting at a BestExchange
    // (every `period` iterations under an iteration limit, so the same seed
    // and threads give the same plan; else every tenth of the time limit,
    // 0.1 to 5 s); the best plan is kept (ties: the lower thread). Thread 0
    // never takes another's plan, so N threads are never worse than one.
    const auto threads = static_cast<std::size_t>(options.threads);
    std::vector<SolveOptions> thread_options(threads, options);
    std::mutex progress_mutex;
    ObjectiveParts reported;
    bool any_reported = false;
    for (std::size_t k = 0; k < threads; ++k) {
        thread_options[k].seed = thread_seed(options.seed, k);
        if (options.on_progress)
            thread_options[k].on_progress = [&](const Progress& p) {
                // Only new bests of every thread, one caller at a time.
                const std::lock_guard<std::mutex> lock(progress_mutex);
                if (any_reported && p.objective.total() >= reported.total()) return;
                reported = p.objective, any_reported = true;
                options.on_progress(p);
            };
    }
    const std::int64_t period = ils ? 200 : 100;
    const double interval = std::clamp(options.time_limit_seconds / 10.0, 0.1, 5.0);
    std::unique_ptr<detail::BestExchange> exchange;
    if (threads > 1)
        exchange = std::make_unique<detail::BestExchange>(
            threads, options.iteration_limit >= 0, period, started,
            std::chrono::duration_cast<detail::BestExchange::Clock::duration>(std::chrono::duration<double>(interval)));

    std::vector<ThreadResult> results(threads);
    std::vector<std::exception_ptr> errors(threads);
    auto work = [&](std::size_t k) {
        // Leaves the exchange when this thread's search ends, however it ends.
        detail::ExchangeSeat seat(exchange.get(), k);
        try {
            const SolveOptions& mine = thread_options[k];
            detail::Plan plan(model);
            plan.restore(first);
            detail::LocalSearch ls(plan, locks, mine.seed);
            const detail::ProgressReporter progress(mine, started);
            progress.best(plan, 0);
            const Cost constructed = plan.objective();
            descend(plan, ls, improve_stop, first);
            if (plan.objective() < constructed) progress.best(plan, 0);
            const detail::SearchResult found =
                ils ? detail::iterated_local_search(plan, ls, locks, improve_stop, progress, exchange.get(), k)
                    : detail::genetic_search(plan, ls, locks, improve_stop, progress, exchange.get(), k, mine.decompose);
            seat.leave();
            results[k] = {found.routes, found.objective, found.iterations, found.since_best, progress.reports(),
                          improve_stop.reason(found.iterations, found.since_best)};
        } catch (...) {
            errors[k] = std::current_exception();
        }
    };
    // A thread the system cannot start (out of memory or of threads) leaves
    // the exchange unborn, so the others never wait for it; the solve goes
    // on with the searches that run. (The pool's room is made before any
    // thread starts, so that only a thread's start can fail among them.)
    std::size_t running = threads;
    {
        std::vector<std::jthread> pool;
        pool.reserve(threads);
        for (std::size_t k = 1; k < threads; ++k) {
            try {
                pool.emplace_back(work, k);
            } catch (const std::exception&) {  // std::system_error, or std::bad_alloc for its state
                for (std::size_t q = k; q < threads; ++q) exchange->leave(q);
                running = k;
                break;
            }
        }
        work(0);
    }
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
    results.resize(running);
    std::size_t winner = 0;
    for (std::size_t k = 1; k < running; ++k)
        if (results[k].objective < results[winner].objective) winner = k;

    // Polish: a descent that keeps the plan feasible, then the plan written out.
    detail::Plan plan(model);
    plan.restore(results[winner].routes);
    plan.penalties() = kPolishPenalties;
    detail::LocalSearch ls(plan, locks, thread_options[winner].seed);
    ls.set_feasible_only(true);
    const detail::PlanRoutes best = plan.snapshot();
    ls.mark_all();
    ls.run(stop.until(stop.at(kPolishShare)));
    if (!plan.feasible() || plan.objective() > results[winner].objective) plan.restore(best);
    std::int64_t reports = results[winner].improvements;
    if (plan.objective() < results[winner].objective) {
        const detail::ProgressReporter polish(thread_options[winner], started);
        polish.best(plan, results[winner].iterations);
        ++reports;
    }

    // Fixes until the time limit; the reasons and the plan itself still need writing after it.
    const auto fixes_until = stop.deadline();
    Solution solution = build_solution(plan, ls, locks, fixes_until);
    solution.stats.iterations = 0;
    for (const ThreadResult& r : results) solution.stats.iterations += r.iterations;
    solution.stats.improvements = std::max<std::int64_t>(0, reports - 1);  // the first plan is no improvement
    solution.stats.seed = options.seed;
    solution.stats.stop_reason = results[winner].stop_reason;
    solution.stats.solver = ils ? "ils" : "hgs";
    solution.stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return solution;
}

}  // namespace fsd
