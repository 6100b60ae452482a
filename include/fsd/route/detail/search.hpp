#pragma once
#include <chrono>
#include <random>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"
#include "fsd/route/detail/best_exchange.hpp"
#include "fsd/route/detail/route_evaluator.hpp"
#include "fsd/route/detail/route_locks.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd::detail {

/// The search state: an ordered job list per route slot and its evaluation.
struct Plan {
    std::vector<std::vector<Index>> routes;  ///< per slot
    std::vector<RouteEval> evals;            ///< per slot
    std::vector<Index> slot_of;              ///< per job; -1 when unassigned
};

/// A candidate place for a job: route slot, position and cost increase.
struct Insertion {
    Cost delta = kTimeMax;
    Index slot = -1;
    Index position = -1;
};

/// Regret insertion plus local search with ruin-and-recreate perturbation.
/// Owns its random generator (seeded from the options) and the clock.
class Search {
public:
    Search(const Problem& problem, const SolveOptions& options);

    /// Builds a plan and improves it until a limit; fills the stats it knows.
    Plan run(SolveStats& stats);
    /// Meet the other threads' searches at `exchange` as thread `thread`
    /// while iterating (set before run).
    void share_through(BestExchange* exchange, std::size_t thread) noexcept {
        exchange_ = exchange;
        thread_ = thread;
    }

    /// Objective parts of a plan.
    ObjectiveParts objective(const Plan& plan) const;

    /// Cheapest feasible insertion of unassigned job j into `slot`, cheaper
    /// than `bound`; slot -1 when none.
    Insertion best_insertion(Index j, Index slot, Cost bound);

    RouteEvaluator& evaluator() noexcept { return eval_; }
    const Plan& plan() const noexcept { return plan_; }
    /// Per job: the nearest jobs (up to 20) some engineer could serve with it.
    const std::vector<std::vector<Index>>& neighbours() const noexcept { return neighbours_; }
    /// The fixed parts of the warm start (known once run() has begun).
    const RouteLocks& locks() const noexcept { return locks_; }

private:
    // initial_routes.cpp
    /// Validates options.initial_routes (InputError at
    /// /options/initial_routes/K/...) and makes them the current plan,
    /// dropping jobs that are incompatible or make their route infeasible.
    void seed_initial_routes();
    // regret_insertion.cpp
    void regret_insert(std::vector<Index> pending);
    // local_search.cpp
    /// Descends until no move improves. Only jobs whose route, or a
    /// neighbour's route, changed since the last look are examined; `all`
    /// examines every job in the first pass.
    bool local_search(bool all);
    bool improve_job(Index u);
    bool insert_unassigned(Index u);
    /// False when the changed routes cannot be cheaper: neither is late (so
    /// lateness cannot fall), balance is off, and their travel plus
    /// preference cost does not drop.
    bool travel_may_improve(Index s1, const std::vector<Index>& r1, Index s2, const std::vector<Index>& r2) const;
    /// Weighted engineer cost of a job sequence on a slot (fixed and legs).
    Cost sequence_travel(Index slot, const std::vector<Index>& route) const;
    /// Weighted preference cost of a job sequence on a slot.
    Cost sequence_preference(Index slot, const std::vector<Index>& route) const;
    bool try_routes(Index s1, const std::vector<Index>& r1, Index s2, const std::vector<Index>& r2);
    bool perturb();
    // search.cpp
    void set_route(Index slot, const std::vector<Index>& jobs, const RouteEval& ev);
    void reset(const Plan& plan);
    Cost total(const Plan& plan) const;
    Cost balance_with(Index s1, Duration w1, Index s2, Duration w2) const;
    bool should_stop();
    void report_if_best();
    /// Offers the best plan at the exchange and continues from the shared one when it is better.
    void share();

    const Problem& problem_;
    const SolveOptions& options_;
    RouteEvaluator eval_;
    std::mt19937_64 rng_;
    std::chrono::steady_clock::time_point started_;
    RouteLocks locks_;
    BestExchange* exchange_ = nullptr;
    std::size_t thread_ = 0;
    Plan plan_;
    Plan best_;
    Cost best_total_ = 0;
    std::int64_t iterations_ = 0;
    std::int64_t improvements_ = 0;
    bool stopped_ = false;
    std::vector<std::vector<Index>> neighbours_;    ///< per job: nearest jobs sharing an engineer
    std::vector<std::vector<Index>> job_slots_;     ///< per job: compatible slots
    std::vector<std::vector<Time>> ends_;           ///< per slot: end of each job step
    std::vector<std::vector<Amount>> loads_;        ///< per slot: total demand
    std::vector<char> touched_;                     ///< per slot: changed since last cleared
    std::vector<Index> buffer_, buffer2_;
    std::vector<TimedStep> steps_;
};

}  // namespace fsd::detail
