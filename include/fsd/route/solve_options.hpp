#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fsd/model/objective.hpp"
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
struct InitialRoute {
    Index engineer = 0;
    Index shift = 0;
    std::vector<Index> jobs;
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
    /// breaks, several windows per job, SLA deadlines, optional jobs, job or
    /// travel limits, balance, different speeds, more than 4 capacity
    /// dimensions or service durations by skill level.
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
    int threads = 1;
    std::function<void(const Progress&)> on_progress;  ///< each new best
    const std::atomic<bool>* cancel = nullptr;          ///< set to true to stop early
    /// Warm start: the search begins from these routes instead of an empty
    /// plan. Jobs an engineer may not serve, or that make the route
    /// infeasible, are dropped (docs/design.md), then the rest is inserted.
    /// Bad indices or a job listed twice throw InputError.
    std::vector<InitialRoute> initial_routes;
};

/// The routes of a solution as a warm start (job steps in their order).
std::vector<InitialRoute> initial_routes_from(const Solution& solution);

}  // namespace fsd
