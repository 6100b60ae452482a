#pragma once
#include <atomic>
#include <cstdint>
#include <functional>

#include "fsd/model/objective.hpp"

namespace fsd {

/// Reported to the progress callback each time the search finds a new best.
struct Progress {
    double seconds = 0.0;
    std::int64_t iteration = 0;
    ObjectiveParts objective;
    std::int32_t unassigned = 0;
};

/// Options of a solve. Same seed (and threads) give the same answer.
struct SolveOptions {
    double time_limit_seconds = 1.0;
    std::int64_t iteration_limit = -1;   ///< -1: no limit
    std::uint64_t seed = 1;
    int threads = 1;
    std::function<void(const Progress&)> on_progress;  ///< each new best
    const std::atomic<bool>* cancel = nullptr;          ///< set to true to stop early
};

}  // namespace fsd
