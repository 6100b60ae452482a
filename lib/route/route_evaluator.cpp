#include "fsd/route/detail/route_evaluator.hpp"

#include <algorithm>

#include "fsd/model/compatibility.hpp"

namespace fsd::detail {

namespace {
// Half-up rounding of value / divisor for non-negative values.
Cost round_div(Cost value, Cost divisor) { return (value + divisor / 2) / divisor; }
}  // namespace

RouteEvaluator::RouteEvaluator(const Problem& problem) : problem_(problem), distances_(&problem.distances()) {
    for (Index e = 0; e < problem.num_engineers(); ++e) {
        const EngineerCosts& c = problem.engineer(e).costs;
        legs_.push_back(LegCosts{&problem.durations(e), c.per_hour, c.per_km, problem.weights().travel});
    }
    latest_start_.reserve(static_cast<size_t>(problem.num_jobs()));
    for (const Job& job : problem.jobs()) {
        latest_start_.push_back(fsd::latest_start(job));
        const Cost pc = problem.weights().preference * job.preference_cost;
        Index preferred = -1;
        if (job.preferred_engineer && pc != 0) preferred = problem.engineer_index(*job.preferred_engineer).value_or(-1);
        preferred_.push_back(preferred);
        preference_cost_.push_back(preferred < 0 ? 0 : pc);
        has_preferences_ = has_preferences_ || preferred >= 0;
    }
}

bool RouteEvaluator::walk(size_t gap, Index location, Time t, size_t next_break, Duration travel_sum) {
    const Engineer& eng = problem_.engineer(engineer_);
    const DurationMatrix& dur = problem_.durations(engineer_);
    const DistanceMatrix& dist = problem_.distances();
    // The hard limit: overtime may run to shift end + max_overtime.
    const Time shift_end = latest_end_;
    const Duration max_travel = eng.max_travel_time.value_or(kTimeMax);
    const size_t n = jobs_.size();

    // Serves job `gap` from (location, t); false when that breaks a hard rule.
    auto serve = [&](size_t g, Index& loc, Time& now, Duration& travel) {
        const Index j = jobs_[g];
        const Job& job = problem_.job(j);
        const Index to = problem_.job_location(j);
        const Duration d = dur(loc, to);
        travel += d;
        if (travel > max_travel) return false;
        const Time arrival = now + d;
        const Time start = earliest_in(job.time_windows, arrival);
        if (start > latest_start_[static_cast<size_t>(j)] || start > shift_end) return false;
        Duration late = 0;
        if (job.sla && start > job.sla->deadline) late = start - job.sla->deadline;
        const Duration service = problem_.service_duration(engineer_, j);
        trail_.push_back(TimedStep{StepKind::job, j, arrival, start, start + service, d, dist(loc, to), late});
        loc = to;
        now = start + service;
        return now <= shift_end;
    };

    if (next_break >= breaks_.size()) {
        // No break pending: the rest of the route has no choice left.
        for (size_t g = gap; g < n; ++g)
            if (!serve(g, location, t, travel_sum)) return false;
        const Index to = problem_.end_location(engineer_);
        const Duration d = dur(location, to);
        travel_sum += d;
        if (travel_sum > max_travel) return false;
        end_arrival_ = t + d;
        end_travel_ = d;
        end_distance_ = dist(location, to);
        return end_arrival_ <= shift_end;
    }

    if (t > shift_end) return false;
    const Index b = breaks_[next_break];
    const Break& br = eng.breaks[static_cast<size_t>(b)];
    const Time s = earliest_in(br.windows, t);
    if (s == kTimeMax || s + br.duration > shift_end) return false;

    // Prefer the break here when it fits into idle time before the next job or
    // when the window would close during that job; otherwise try later first.
    bool prefer_here = true;
    if (gap < n) {
        const Index j = jobs_[gap];
        const Job& job = problem_.job(j);
        const Duration d = dur(location, problem_.job_location(j));
        const Time start = earliest_in(job.time_windows, t + d);
        const bool idle_fit = start != kTimeMax && s + br.duration + d <= start;
        const bool closes = start == kTimeMax || br.windows.back().end < start + problem_.service_duration(engineer_, j);
        prefer_here = idle_fit || closes;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool here = (attempt == 0) == prefer_here;
        const size_t mark = trail_.size();
        if (here) {
            trail_.push_back(TimedStep{StepKind::break_, b, t, s, s + br.duration, 0, 0, 0});
            if (walk(gap, location, s + br.duration, next_break + 1, travel_sum)) return true;
        } else if (gap < n) {
            Index loc = location;
            Time now = t;
            Duration travel = travel_sum;
            if (serve(gap, loc, now, travel) && walk(gap + 1, loc, now, next_break, travel)) return true;
        }
        trail_.resize(mark);
    }
    return false;
}

bool RouteEvaluator::run(Time departure) {
    trail_.clear();
    return walk(0, problem_.start_location(engineer_), departure, 0, 0);
}

RouteEval RouteEvaluator::evaluate(Index slot, std::span<const Index> jobs, std::vector<TimedStep>* steps) {
    RouteEval ev;
    if (steps) steps->clear();
    if (jobs.empty()) return ev;
    slot_ = &problem_.slots()[static_cast<size_t>(slot)];
    latest_end_ = problem_.latest_end(slot);
    engineer_ = slot_->engineer;
    const Engineer& eng = problem_.engineer(engineer_);
    ev.feasible = false;
    if (eng.max_jobs && static_cast<Index>(jobs.size()) > *eng.max_jobs) return ev;
    const auto& cap = problem_.capacity(engineer_);
    for (size_t k = 0; k < cap.size(); ++k) {
        Amount load = 0;
        for (Index j : jobs) load += problem_.demand(j)[k];
        if (load > cap[k]) return ev;
    }
    jobs_ = jobs;
    breaks_ = slot_->breaks;
    std::sort(breaks_.begin(), breaks_.end(), [&](Index a, Index b) {
        const auto& wa = eng.breaks[static_cast<size_t>(a)].windows.front().start;
        const auto& wb = eng.breaks[static_cast<size_t>(b)].windows.front().start;
        return wa != wb ? wa < wb : a < b;
    });

    Time departure = slot_->window.start;
    if (!run(departure)) return ev;
    // Leave as late as possible without delaying the first step.
    const Duration idle = trail_.front().start - trail_.front().arrival;
    if (idle > 0) {
        if (breaks_.empty()) {
            departure += idle;
            trail_.front().arrival += idle;
        } else if (run(departure + idle)) {
            departure += idle;
        } else {
            run(departure);
        }
    }

    ev.feasible = true;
    ev.departure = departure;
    ev.arrival = end_arrival_;
    ev.end_travel = end_travel_;
    ev.end_distance = end_distance_;
    ev.working = end_arrival_ - departure;
    const EngineerCosts& c = eng.costs;
    Cost travel = c.fixed + round_div(c.per_hour * end_travel_, 3600) + round_div(c.per_km * end_distance_, 1000);
    Cost late = 0;
    for (const TimedStep& st : trail_) {
        if (st.kind != StepKind::job) continue;
        travel += round_div(c.per_hour * st.travel_time, 3600) + round_div(c.per_km * st.travel_distance, 1000);
        if (st.lateness > 0) late += st.lateness * problem_.job(st.index).sla->lateness_cost_per_second;
    }
    ev.travel = problem_.weights().travel * travel;
    ev.lateness = problem_.weights().lateness * late;
    for (Index j : jobs) ev.preference += preference(engineer_, j);
    ev.overtime = overtime_cost(engineer_, slot_->window.end, end_arrival_);
    if (steps) *steps = trail_;
    return ev;
}

}  // namespace fsd::detail
