#pragma once
// What the improving stages share: how they report a new best plan, and
// what they hand back.
#include <chrono>
#include <cstdint>

#include "fsd/route/detail/plan.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsd::detail {

/// Tells options.on_progress (if set) of a new best plan, with the seconds
/// since the solve began.
class ProgressReporter {
public:
    ProgressReporter(const SolveOptions& options, std::chrono::steady_clock::time_point started)
        : options_(options), started_(started) {}
    void best(const Plan& plan, std::int64_t iteration) const {
        ++reports_;
        if (!options_.on_progress) return;
        Progress p;
        p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        p.iteration = iteration;
        p.objective = plan.parts();
        p.unassigned = static_cast<std::int32_t>(plan.unserved().size());
        options_.on_progress(p);
    }

    /// How many bests were reported (the first plan included).
    std::int64_t reports() const noexcept { return reports_; }

private:
    mutable std::int64_t reports_ = 0;
    const SolveOptions& options_;
    std::chrono::steady_clock::time_point started_;
};

/// The best feasible plan an improving stage found.
struct SearchResult {
    PlanRoutes routes;
    Cost objective = 0;
    std::int64_t iterations = 0;
    std::int64_t since_best = 0;   ///< iterations after the last new best
};

}  // namespace fsd::detail
