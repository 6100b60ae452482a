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

/// Which search plans the day.
enum class SolveAlgorithm {
    /// Where the problem allows it (segment_search_obstacle): hgs when the
    /// time limit gives at least 2 s per 100 jobs, segment_ils below that;
    /// else regret_ls.
    automatic,
    /// Regret insertion plus local search on exact route timing (every constraint).
    regret_ls,
    /// regret_ls for a first plan, then iterated local search on time-window
    /// segments (moves priced in O(1), penalised infeasibility), then regret_ls's
    /// local search from the best plan. Refused (InputError) for problems with
    /// breaks, several windows per job, priced soft SLA deadlines, balance,
    /// preferred engineers, different speeds, more than 4 capacity dimensions
    /// (3 with job limits) or service durations by skill level.
    segment_ils,
    /// As segment_ils, with hybrid genetic search (a population of plans,
    /// route-exchange crossover, diversity-aware survivors) in place of the
    /// iterated local search. Refused for the same problems.
    hgs,
};

/// "auto", "regret-ls", "segment-ils", "hgs".
const char* to_string(SolveAlgorithm algorithm) noexcept;
/// Inverse of to_string; InputError at `path` otherwise.
SolveAlgorithm parse_solve_algorithm(const std::string& name, const std::string& path);

/// Options of a solve. Same seed (and threads) give the same answer.
struct SolveOptions {
    SolveAlgorithm algorithm = SolveAlgorithm::automatic;
    double time_limit_seconds = 1.0;
    std::int64_t iteration_limit = -1;   ///< -1: no limit
    std::uint64_t seed = 1;
    int threads = 1;  ///< searches that share their best plan now and then (docs/design.md)
    std::function<void(const Progress&)> on_progress;  ///< each new best
    const std::atomic<bool>* cancel = nullptr;          ///< set to true to stop early
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
