#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fsd/model/objective.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// Reported to the progress callback each time the search finds a new best.
struct Progress {
    double seconds = 0.0;
    std::int64_t iteration = 0;
    ObjectiveParts objective;
    std::int32_t unassigned = 0;
};

/// One route of a warm start: the jobs of an engineer's shift, in order.
/// Indices as in Problem (engineer, shift within the engineer, job).
/// Parts of it may be fixed: the search never moves, removes or reorders a
/// fixed job and never inserts a job before one.
struct InitialRoute {
    Index engineer = 0;
    Index shift = 0;
    std::vector<Index> jobs;
    /// The whole route as given: no job added, removed or moved; with no
    /// jobs, the shift stays unused. fixed_jobs is then ignored.
    bool fixed = false;
    /// The first fixed_jobs jobs stay first, in this order (work under way or
    /// promised); the search may re-plan the rest and add jobs after them.
    Index fixed_jobs = 0;
};

/// How the improving stage of the search works (docs/design.md, "The search").
/// Every choice builds the same first plan, searches the same route model
/// and ends with the same polish.
enum class SolveAlgorithm {
    /// hgs when the time limit gives at least 2 s per 100 jobs (and there
    /// are 100 jobs or more), ils otherwise.
    automatic,
    /// Iterated local search: ruin and recreate around a random job, then descend.
    ils,
    /// Hybrid genetic search: a population of plans, route-exchange
    /// crossover, diversity-aware survivors.
    hgs,
};

/// "auto", "ils", "hgs".
const char* to_string(SolveAlgorithm algorithm) noexcept;
/// Inverse of to_string ("segment-ils" is read as "ils"); InputError at `path` otherwise.
SolveAlgorithm parse_solve_algorithm(const std::string& name, const std::string& path);

/// Options of a solve. The same seed (and threads) gives the same answer when
/// an iteration or stagnation limit ends the search before the time limit;
/// the time limit counts from the call.
struct SolveOptions {
    SolveAlgorithm algorithm = SolveAlgorithm::automatic;
    double time_limit_seconds = 1.0;
    std::int64_t iteration_limit = -1;   ///< -1: no limit
    /// Stop after this many iterations without a new best plan: -1 automatic
    /// (500 + 5 per job, so a small day returns in milliseconds), 0 never.
    std::int64_t stagnation_limit = -1;
    std::uint64_t seed = 1;
    int threads = 1;  ///< searches that share their best plan now and then (docs/design.md)
    /// The genetic search on plans of 400 served jobs or more also searches
    /// groups of nearby routes on their own now and then (docs/design.md,
    /// "Decomposition"); false: always the whole plan.
    bool decompose = true;
    std::function<void(const Progress&)> on_progress;  ///< each new best
    /// Set to true to stop early: the best plan so far comes back (during the
    /// first plan's construction, the jobs not yet placed come back unassigned).
    const std::atomic<bool>* cancel = nullptr;
    /// Warm start: the search begins from these routes instead of an empty
    /// plan. Jobs an engineer may not serve, or that make the route
    /// infeasible, are dropped (docs/design.md), then the rest is inserted.
    /// Bad indices, a job listed twice, a fixed count beyond the route, or
    /// fixed jobs the engineer may not serve or cannot serve in the given
    /// order throw InputError.
    std::vector<InitialRoute> initial_routes;
};

/// The routes of a solution as a warm start (job steps in their order).
std::vector<InitialRoute> initial_routes_from(const Solution& solution);

/// Fixes the warm-start routes of the engineer with id `engineer_id`: whole
/// (`first_jobs` empty) or their first `first_jobs` jobs. Fixed whole, an
/// engineer without a route gets an empty fixed route per shift (kept off
/// the plan). InputError at `path` for an unknown engineer or a count below
/// zero or beyond one of the engineer's routes.
void fix_engineer_routes(const Problem& problem, std::vector<InitialRoute>& routes, const std::string& engineer_id,
                         std::optional<Index> first_jobs, const std::string& path);

}  // namespace fsd
