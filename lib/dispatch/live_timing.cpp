// Timing and repair of live routes: expected times of the steps under way,
// planned times of the rest, and dropping what no longer fits after an event.
#include <algorithm>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/compatibility.hpp"
#include "fsd/model/visit_timing.hpp"
#include "live_rules.hpp"

namespace fsd {

using live_detail::left_out_cost;
using live_detail::round_div;

namespace {

bool has_planned_job(const LiveRoute& route) {
    return std::any_of(route.steps.begin(), route.steps.end(), [](const LiveStep& s) {
        return s.kind == StepKind::job && s.status == StepStatus::planned;
    });
}

}  // namespace

Index LivePlan::time_route(Index e, LiveRoute& route) const {
    const Engineer& eng = engineers_[static_cast<size_t>(e)];
    const EngineerState& st = states_[static_cast<size_t>(e)];
    auto& steps = route.steps;
    const size_t n = steps.size();

    // Steps under way: their expected ends follow from what was reported.
    size_t f = 0;
    for (; f < n && steps[f].status != StepStatus::planned; ++f) {
        LiveStep& s = steps[f];
        if (s.kind == StepKind::job) {
            const Job& job = jobs_[static_cast<size_t>(s.index)];
            if (s.status == StepStatus::en_route) {
                // The reported position, when newer than the departure, gives the ETA.
                Time dep = s.departed;
                Duration d = s.travel_time;
                if (st.position && st.position_at >= s.departed) {
                    dep = st.position_at;
                    d = travel_.leg(e, *st.position, job.location).duration;
                }
                const VisitTiming v = time_visit(dep, d + s.extra, job.time_windows, service_duration(job, eng));
                s.arrival = v.arrival;
                s.start = v.start == kTimeMax ? s.arrival : v.start;
                s.end = s.start + service_duration(job, eng);
            } else if (s.status == StepStatus::on_site) {
                s.end = s.start + service_duration(job, eng) + s.extra;
            }
        } else if (s.status == StepStatus::on_site) {
            s.end = s.start + eng.breaks[static_cast<size_t>(s.index)].duration + s.extra;
        }
    }

    const Anchor a = anchor_of(e, route);
    const Time end_limit = shift_end(e);
    const bool used = has_planned_job(route);
    Location loc = a.location;
    Time t = a.time;
    Duration travel = a.travel_used;
    Index jobs = a.jobs_used;
    std::vector<Amount> load = a.load_used;
    Index bad = -1;
    for (size_t i = f; i < n; ++i) {
        LiveStep& s = steps[i];
        if (s.kind == StepKind::job) {
            const Job& job = jobs_[static_cast<size_t>(s.index)];
            const Leg leg = travel_.leg(e, loc, job.location);
            s.travel_time = leg.duration;
            s.travel_distance = leg.distance;
            const VisitTiming v = time_visit(t, leg.duration, job.time_windows, service_duration(job, eng));
            s.arrival = v.arrival;
            Time start = v.start;
            if (start == kTimeMax || start > latest_start(job)) {
                if (bad < 0) bad = static_cast<Index>(i);
                if (start == kTimeMax) start = s.arrival;
            }
            s.start = start;
            s.end = start + service_duration(job, eng);
            s.lateness = job.sla ? std::max<Duration>(0, start - job.sla->deadline) : 0;
            if (s.end > end_limit && bad < 0) bad = static_cast<Index>(i);
            travel += leg.duration;
            ++jobs;
            for (size_t k = 0; k < job.demand.size(); ++k) load[k] += job.demand[k];
            loc = job.location;
        } else {
            const Break& br = eng.breaks[static_cast<size_t>(s.index)];
            s.travel_time = 0;
            s.travel_distance = 0;
            s.lateness = 0;
            const VisitTiming v = time_visit(t, 0, br.windows, br.duration);
            s.arrival = v.arrival;
            Time start = v.start;
            if (start == kTimeMax) {
                if (bad < 0) bad = static_cast<Index>(i);
                start = t;
            }
            s.start = start;
            s.end = start + br.duration;
            if (s.end > end_limit && bad < 0) bad = static_cast<Index>(i);
        }
        t = s.end;
    }
    const Leg home = travel_.leg(e, loc, end_location(e));
    route.end_travel = home.duration;
    route.end_distance = home.distance;
    route.end_arrival = t + home.duration;
    // Leave the anchor as late as the first visit allows rather than wait on site.
    route.departure = a.time;
    if (f < n && steps[f].kind == StepKind::job && steps[f].start > steps[f].arrival) {
        const Duration wait = steps[f].start - steps[f].arrival;
        route.departure += wait;
        steps[f].arrival += wait;
    }
    if (!used) return -1;  // nothing to plan: the frozen part is what happened
    if (bad >= 0) return bad;
    const auto nsteps = static_cast<Index>(n);
    if (route.end_arrival > end_limit) return nsteps;
    if (eng.max_travel_time && travel + home.duration > *eng.max_travel_time) return nsteps;
    if (eng.max_jobs && jobs > *eng.max_jobs) return nsteps;
    for (size_t k = 0; k < eng.capacity.size(); ++k)
        if (load[k] > eng.capacity[k]) return nsteps;
    return -1;
}

void LivePlan::repair(Index e, std::vector<Index>& dropped, ChangeSet& changes) {
    LiveRoute r = routes_[static_cast<size_t>(e)];
    const Engineer& eng = engineers_[static_cast<size_t>(e)];
    std::vector<Index> removed;
    bool missed = false;
    // A planned break whose windows have all closed can no longer be taken.
    // The anchor is read after the steps under way are timed: a delay or a
    // new position moves their ends, and a plan read back from its JSON
    // starts from the moved ends, so this must too.
    (void)time_route(e, r);
    const Time from = anchor_of(e, r).time;
    auto closed = [&](const LiveStep& s) {
        return s.kind == StepKind::break_ && s.status == StepStatus::planned &&
               earliest_in(eng.breaks[static_cast<size_t>(s.index)].windows, from) == kTimeMax;
    };
    missed = std::erase_if(r.steps, closed) > 0;
    const bool used_before = has_planned_job(routes_[static_cast<size_t>(e)]);
    // A planned ticket the engineer may not serve (a plan read from outside)
    // goes back to be placed again.
    std::erase_if(r.steps, [&](const LiveStep& s) {
        if (s.kind != StepKind::job || s.status != StepStatus::planned) return false;
        if (compatible(e, jobs_[static_cast<size_t>(s.index)])) return false;
        removed.push_back(s.index);
        return true;
    });
    for (;;) {
        const Index bad = time_route(e, r);
        if (bad < 0) break;
        const auto n = static_cast<Index>(r.steps.size());
        // Drop the offending visit; at a break, the visit before it (the break
        // stays when it can), else the break; at the end, the last visit.
        Index victim = -1;
        const Index scan_from = bad < n && r.steps[static_cast<size_t>(bad)].kind == StepKind::job ? bad : std::min(bad, n - 1);
        for (Index i = scan_from; i >= 0 && r.steps[static_cast<size_t>(i)].status == StepStatus::planned; --i)
            if (r.steps[static_cast<size_t>(i)].kind == StepKind::job) {
                victim = i;
                break;
            }
        if (victim < 0 && bad < n && r.steps[static_cast<size_t>(bad)].kind == StepKind::break_) {
            r.steps.erase(r.steps.begin() + bad);
            missed = true;
            continue;
        }
        FSD_ASSERT(victim >= 0);
        removed.push_back(r.steps[static_cast<size_t>(victim)].index);
        r.steps.erase(r.steps.begin() + victim);
    }
    // A route left without work holds the breaks still open, as one read
    // back from its JSON does (the plan's constructor gives idle routes
    // their breaks).
    if (live_detail::idle(r)) {
        r.steps = live_detail::idle_route(eng);
        std::erase_if(r.steps, closed);
        (void)time_route(e, r);  // an idle route is never refused
    }
    if (missed && (used_before || has_planned_job(r))) changes.missed_breaks.push_back(e);
    if (r == routes_[static_cast<size_t>(e)]) return;
    touch(e);
    routes_[static_cast<size_t>(e)] = std::move(r);
    for (Index j : removed) {
        status_[static_cast<size_t>(j)] = TicketStatus::pending;
        engineer_of_[static_cast<size_t>(j)] = -1;
        dropped.push_back(j);
    }
}

void LivePlan::retime_all(ChangeSet& changes, std::vector<Index>& dropped) {
    for (Index e = 0; e < static_cast<Index>(engineers_.size()); ++e) repair(e, dropped, changes);
}

Cost LivePlan::route_cost(Index e, const LiveRoute& route) const {
    if (!has_planned_job(route)) return 0;
    const EngineerCosts& c = engineers_[static_cast<size_t>(e)].costs;
    auto leg = [&](Duration t, Distance m) { return round_div(c.per_hour * t, 3600) + round_div(c.per_km * m, 1000); };
    Cost cost = c.fixed + leg(route.end_travel, route.end_distance);
    for (const LiveStep& s : route.steps)
        if (s.kind == StepKind::job && s.status == StepStatus::planned) cost += leg(s.travel_time, s.travel_distance);
    return weights_.travel * cost;
}

}  // namespace fsd
