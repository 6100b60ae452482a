// Events of a running day: what engineers and customers report. Each one
// updates the frozen part, moves the clock, re-times and repairs the routes
// it affects, and re-places tickets that lost their place.
#include <algorithm>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/service_duration.hpp"

namespace fsd {

namespace {

// Index of the first planned step of a route.
size_t first_planned(const LiveRoute& r) {
    size_t f = 0;
    while (f < r.steps.size() && r.steps[f].status != StepStatus::planned) ++f;
    return f;
}

size_t step_of(const LiveRoute& r, Index job) {
    for (size_t i = 0; i < r.steps.size(); ++i)
        if (r.steps[i].kind == StepKind::job && r.steps[i].index == job) return i;
    return r.steps.size();
}

// Moves step i to the first planned position and returns that position.
size_t to_front(LiveRoute& r, size_t i) {
    const size_t f = first_planned(r);
    if (i > f) std::rotate(r.steps.begin() + static_cast<std::ptrdiff_t>(f), r.steps.begin() + static_cast<std::ptrdiff_t>(i),
                           r.steps.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    return f;
}

// A step on site is over once the engineer moves on: its ticket is done
// too (the live plan's reader refuses a done step whose ticket is not).
void close_on_site(LiveRoute& r, Time at, std::vector<TicketStatus>& tickets) {
    for (LiveStep& s : r.steps)
        if (s.status == StepStatus::on_site) {
            s.status = StepStatus::done;
            s.end = std::max(s.start, std::min(s.end, at));
            if (s.kind == StepKind::job) tickets[static_cast<size_t>(s.index)] = TicketStatus::done;
        }
}

}  // namespace

ChangeSet LivePlan::advance_time(Time now) {
    check_within_day(now, "/at");
    if (now < now_)
        throw InputError("/at", "the clock cannot go back (the plan is at " + std::to_string(now_) + ", got " +
                                    std::to_string(now) + ")");
    now_ = now;
    ChangeSet changes;
    std::vector<Index> dropped;
    retime_all(changes, dropped);
    reinsert(std::move(dropped), changes);
    return finish(std::move(changes));
}

ChangeSet LivePlan::cancel(std::string_view ticket, Time at_time) {
    const Index j = require_job(ticket, "/ticket");
    const TicketStatus s = status_[static_cast<size_t>(j)];
    if (s != TicketStatus::pending && s != TicketStatus::planned)
        throw InputError("/ticket", "ticket " + std::string(ticket) + " is " + to_string(s) +
                                        "; only a pending or planned ticket can be cancelled");
    check_within_day(at_time, "/at");
    const bool clock_moves = at_time > now_;
    now_ = std::max(now_, at_time);
    ChangeSet changes;
    std::vector<Index> dropped;
    const Index e = engineer_of_[static_cast<size_t>(j)];
    status_[static_cast<size_t>(j)] = TicketStatus::cancelled;
    engineer_of_[static_cast<size_t>(j)] = -1;
    if (e >= 0) {
        touch(e);
        LiveRoute& r = routes_[static_cast<size_t>(e)];
        r.steps.erase(r.steps.begin() + static_cast<std::ptrdiff_t>(step_of(r, j)));
        if (!clock_moves) repair(e, dropped, changes);
    }
    if (clock_moves) retime_all(changes, dropped);
    reinsert(std::move(dropped), changes);
    return finish(std::move(changes));
}

ChangeSet LivePlan::delay(std::string_view engineer, Duration seconds, Time at_time) {
    const Index e = entry_at(require_engineer(engineer, "/engineer"), at_time);
    if (seconds < 0) throw InputError("/seconds", "a delay must not be negative");
    if (seconds > 86'400)
        throw InputError("/seconds", "a delay of more than a day (86400 s): report the engineer unavailable instead");
    check_event_time(e, at_time, "/at");
    LiveRoute& r = routes_[static_cast<size_t>(e)];
    const size_t f = first_planned(r);
    touch(e);
    if (f > 0 && r.steps[f - 1].status != StepStatus::done) {
        r.steps[f - 1].extra += seconds;
    } else {
        EngineerState& st = states_[static_cast<size_t>(e)];
        st.ready_at = std::max(anchor(e).time, at_time) + seconds;
    }
    return after_event(e, at_time);
}

ChangeSet LivePlan::engineer_unavailable(std::string_view engineer, Time from) {
    // Every shift of the engineer: from `from` on, none of them can be worked.
    const auto range = entries_of(require_engineer(engineer, "/engineer"));
    ChangeSet changes;
    std::vector<Index> dropped;
    for (Index e = range.first; e < range.second; ++e) {
        touch(e);
        states_[static_cast<size_t>(e)].unavailable_from = from;
        repair(e, dropped, changes);
    }
    reinsert(std::move(dropped), changes);
    return finish(std::move(changes));
}

ChangeSet LivePlan::start_travel(std::string_view ticket, Time at_time) {
    const Index j = require_job(ticket, "/ticket");
    if (status_[static_cast<size_t>(j)] != TicketStatus::planned)
        throw InputError("/ticket", "ticket " + std::string(ticket) + " is " + to_string(status_[static_cast<size_t>(j)]) +
                                        "; only a planned ticket can be set off to");
    const Index e = engineer_of_[static_cast<size_t>(j)];
    check_event_time(e, at_time, "/at");
    LiveRoute& r = routes_[static_cast<size_t>(e)];
    for (const LiveStep& s : r.steps)
        if (s.status == StepStatus::en_route)
            throw InputError("/ticket", "engineer " + engineers_[static_cast<size_t>(e)].id + " is already on the way to " +
                                            jobs_[static_cast<size_t>(s.index)].id + "; report the arrival first");
    touch(e);
    close_on_site(r, at_time, status_);
    const Anchor a = anchor_of(e, r);
    const size_t i = to_front(r, step_of(r, j));
    LiveStep& s = r.steps[i];
    const Leg leg = travel_.leg(e, a.location, jobs_[static_cast<size_t>(j)].location);
    s.status = StepStatus::en_route;
    s.departed = at_time;
    s.travel_time = leg.duration;
    s.travel_distance = leg.distance;
    s.extra = 0;
    status_[static_cast<size_t>(j)] = TicketStatus::en_route;
    return after_event(e, at_time);
}

ChangeSet LivePlan::arrive(std::string_view ticket, Time at_time) {
    const Index j = require_job(ticket, "/ticket");
    const TicketStatus ts = status_[static_cast<size_t>(j)];
    if (ts != TicketStatus::planned && ts != TicketStatus::en_route)
        throw InputError("/ticket", "ticket " + std::string(ticket) + " is " + to_string(ts) +
                                        "; only a planned or en_route ticket can be arrived at");
    const Index e = engineer_of_[static_cast<size_t>(j)];
    check_event_time(e, at_time, "/at");
    touch(e);
    LiveRoute& r = routes_[static_cast<size_t>(e)];
    close_on_site(r, at_time, status_);
    const Job& job = jobs_[static_cast<size_t>(j)];
    if (ts == TicketStatus::planned) {
        const Anchor a = anchor_of(e, r);
        const size_t i = to_front(r, step_of(r, j));
        const Leg leg = travel_.leg(e, a.location, job.location);
        r.steps[i].travel_time = leg.duration;
        r.steps[i].travel_distance = leg.distance;
        r.steps[i].departed = at_time - leg.duration;
    }
    LiveStep& s = r.steps[step_of(r, j)];
    s.status = StepStatus::on_site;
    s.arrival = at_time;
    const Time start = earliest_in(job.time_windows, at_time);
    s.start = start == kTimeMax ? at_time : start;
    s.end = s.start + service_duration(job, engineers_[static_cast<size_t>(e)]);
    s.extra = 0;
    s.lateness = job.sla ? std::max<Duration>(0, s.start - job.sla->deadline) : 0;
    status_[static_cast<size_t>(j)] = TicketStatus::on_site;
    return after_event(e, at_time);
}

ChangeSet LivePlan::job_finished(std::string_view ticket, Time at_time) {
    const Index j = require_job(ticket, "/ticket");
    const TicketStatus ts = status_[static_cast<size_t>(j)];
    if (ts != TicketStatus::planned && ts != TicketStatus::en_route && ts != TicketStatus::on_site)
        throw InputError("/ticket", "ticket " + std::string(ticket) + " is " + to_string(ts) +
                                        "; only a planned, en_route or on_site ticket can be finished");
    const Index e = engineer_of_[static_cast<size_t>(j)];
    check_event_time(e, at_time, "/at");
    touch(e);
    LiveRoute& r = routes_[static_cast<size_t>(e)];
    const Job& job = jobs_[static_cast<size_t>(j)];
    if (ts != TicketStatus::on_site) {
        // Not reported on site: the visit took its planned duration and ended now.
        for (LiveStep& other : r.steps)
            if (other.status == StepStatus::en_route && other.index != j)
                throw InputError("/ticket", "engineer " + engineers_[static_cast<size_t>(e)].id + " is on the way to " +
                                                jobs_[static_cast<size_t>(other.index)].id + "; report that visit first");
        close_on_site(r, at_time, status_);
        const Anchor a = anchor_of(e, r);
        if (ts == TicketStatus::planned) {
            const size_t i = to_front(r, step_of(r, j));
            const Leg leg = travel_.leg(e, a.location, job.location);
            r.steps[i].travel_time = leg.duration;
            r.steps[i].travel_distance = leg.distance;
        }
        LiveStep& s = r.steps[step_of(r, j)];
        s.start = std::max(std::min(a.time, at_time), at_time - service_duration(job, engineers_[static_cast<size_t>(e)]));
        s.arrival = s.start;
        s.lateness = job.sla ? std::max<Duration>(0, s.start - job.sla->deadline) : 0;
    }
    LiveStep& s = r.steps[step_of(r, j)];
    s.status = StepStatus::done;
    s.end = at_time;
    s.extra = 0;
    status_[static_cast<size_t>(j)] = TicketStatus::done;
    return after_event(e, at_time);
}

ChangeSet LivePlan::break_started(std::string_view engineer, Time at_time) {
    const Index e = entry_at(require_engineer(engineer, "/engineer"), at_time);
    check_event_time(e, at_time, "/at");
    LiveRoute& r = routes_[static_cast<size_t>(e)];
    size_t i = first_planned(r);
    while (i < r.steps.size() && r.steps[i].kind != StepKind::break_) ++i;
    if (i == r.steps.size())
        throw InputError("/engineer", "engineer " + std::string(engineer) + " has no planned break left");
    for (const LiveStep& s : r.steps)
        if (s.status == StepStatus::en_route)
            throw InputError("/engineer", "engineer " + std::string(engineer) + " is on the way to " +
                                              jobs_[static_cast<size_t>(s.index)].id + "; report the arrival first");
    touch(e);
    close_on_site(r, at_time, status_);
    const size_t k = to_front(r, i);
    LiveStep& s = r.steps[k];
    s.status = StepStatus::on_site;
    s.arrival = s.start = at_time;
    s.end = at_time + engineers_[static_cast<size_t>(e)].breaks[static_cast<size_t>(s.index)].duration;
    s.extra = 0;
    return after_event(e, at_time);
}

ChangeSet LivePlan::engineer_position(std::string_view engineer, const Location& location, Time at_time) {
    const Index e = entry_at(require_engineer(engineer, "/engineer"), at_time);
    travel_.check_location(location, "/location");
    check_event_time(e, at_time, "/at");
    touch(e);
    EngineerState& st = states_[static_cast<size_t>(e)];
    st.position = location;
    st.position_at = at_time;
    return after_event(e, at_time);
}

ChangeSet LivePlan::after_event(Index e, Time at_time) {
    ChangeSet changes;
    std::vector<Index> dropped;
    if (at_time > now_) {
        now_ = at_time;
        retime_all(changes, dropped);
    } else {
        repair(e, dropped, changes);
    }
    reinsert(std::move(dropped), changes);
    return finish(std::move(changes));
}

}  // namespace fsd
