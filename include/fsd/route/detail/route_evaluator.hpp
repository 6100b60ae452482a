#pragma once
#include <span>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd::detail {

/// One timed step found by the evaluator (jobs and breaks; the start and end
/// steps are described by RouteEval::departure and RouteEval::arrival).
struct TimedStep {
    StepKind kind = StepKind::job;
    Index index = -1;         ///< job index, or engineer break index
    Time arrival = 0;
    Time start = 0;
    Time end = 0;
    Duration travel_time = 0;
    Distance travel_distance = 0;
    Duration lateness = 0;
};

/// What one route (a slot and an ordered list of jobs) costs, if feasible.
struct RouteEval {
    bool feasible = true;
    Cost travel = 0;          ///< weighted engineer cost (fixed + legs), 0 for an empty route
    Cost lateness = 0;        ///< weighted SLA lateness cost
    Cost preference = 0;      ///< weighted cost of jobs served by someone other than their preferred engineer
    Cost overtime = 0;        ///< weighted cost of arriving at the end location after the shift end
    Duration working = 0;     ///< end arrival - departure, 0 for an empty route
    Time departure = 0;
    Time arrival = 0;         ///< at the end location
    Duration end_travel = 0;  ///< last leg into the end location
    Distance end_distance = 0;
    Cost cost() const noexcept { return travel + lateness + preference + overtime; }
};

/// Times a route exactly per docs/design.md: departure as late as possible
/// without delaying the first step, breaks placed greedily where they fit,
/// hard limits (windows, hard SLA, shift end plus max_overtime, capacity,
/// max_jobs, max_travel_time) checked. Visits last the engineer's service
/// time (Problem::service_duration). Overtime is measured on this timing:
/// every visit as early as it can be, so the end arrival is the earliest the
/// greedy break rule allows. Does not check compatibility: callers only
/// propose compatible jobs. Not thread-safe (keeps scratch buffers).
class RouteEvaluator {
public:
    explicit RouteEvaluator(const Problem& problem);

    /// Evaluates `jobs` in this order on `slot`. When `steps` is given and the
    /// route is feasible, it receives the job and break steps in order.
    RouteEval evaluate(Index slot, std::span<const Index> jobs, std::vector<TimedStep>* steps = nullptr);

    /// Weighted engineer cost of one leg (rounded half up per part, as in the
    /// objective).
    Cost leg_cost(Index engineer, Index from_location, Index to_location) const {
        const LegCosts& c = legs_[static_cast<size_t>(engineer)];
        const Duration t = (*c.durations)(from_location, to_location);
        const Distance m = (*distances_)(from_location, to_location);
        return c.weight * ((c.per_hour * t + 1800) / 3600 + (c.per_km * m + 500) / 1000);
    }

    /// Weighted preference cost of engineer e serving job j (0 for the
    /// preferred engineer and for jobs without one).
    Cost preference(Index engineer, Index j) const {
        const size_t k = static_cast<size_t>(j);
        return preferred_[k] < 0 || preferred_[k] == engineer ? 0 : preference_cost_[k];
    }
    /// Whether some job has a preferred engineer and a non-zero weighted cost.
    bool has_preferences() const noexcept { return has_preferences_; }

    /// Weighted overtime cost of a route of `engineer` on a shift ending at
    /// `shift_end` that reaches its end location at `arrival`.
    Cost overtime_cost(Index engineer, Time shift_end, Time arrival) const {
        if (arrival <= shift_end) return 0;
        const Cost per_hour = problem_.engineer(engineer).costs.overtime_per_hour;
        return problem_.weights().overtime * ((per_hour * (arrival - shift_end) + 1800) / 3600);
    }

    /// Latest instant job j may start (last window end, bounded by a hard SLA).
    Time latest_start(Index j) const { return latest_start_[static_cast<size_t>(j)]; }

    const Problem& problem() const noexcept { return problem_; }

private:
    bool walk(size_t gap, Index location, Time t, size_t next_break, Duration travel_sum);
    bool run(Time departure);

    // What leg_cost needs per engineer, looked up once.
    struct LegCosts {
        const DurationMatrix* durations = nullptr;
        Cost per_hour = 0;
        Cost per_km = 0;
        Cost weight = 1;
    };

    const Problem& problem_;
    const DistanceMatrix* distances_ = nullptr;
    std::vector<LegCosts> legs_;
    std::vector<Time> latest_start_;
    std::vector<Index> preferred_;        // per job: preferred engineer, -1 none
    std::vector<Cost> preference_cost_;   // per job: weighted preference cost
    bool has_preferences_ = false;
    // Scratch of the current evaluation.
    const RouteSlot* slot_ = nullptr;
    Time latest_end_ = 0;  // of slot_: shift end + max_overtime
    Index engineer_ = 0;
    std::span<const Index> jobs_;
    std::vector<Index> breaks_;   // the slot's breaks, by first window start
    std::vector<TimedStep> trail_;
    Time end_arrival_ = 0;
    Duration end_travel_ = 0;
    Distance end_distance_ = 0;
};

}  // namespace fsd::detail
