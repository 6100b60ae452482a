#include "fsd/dispatch/live_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "fsd/core/error.hpp"
#include "fsd/model/compatibility.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/model/route_steps.hpp"
#include "live_rules.hpp"

namespace fsd {

namespace {

constexpr std::pair<StepStatus, const char*> kStepNames[] = {
    {StepStatus::planned, "planned"}, {StepStatus::en_route, "en_route"},
    {StepStatus::on_site, "on_site"}, {StepStatus::done, "done"}};
constexpr std::pair<TicketStatus, const char*> kTicketNames[] = {
    {TicketStatus::pending, "pending"}, {TicketStatus::planned, "planned"},
    {TicketStatus::en_route, "en_route"}, {TicketStatus::on_site, "on_site"},
    {TicketStatus::done, "done"}, {TicketStatus::cancelled, "cancelled"}};

std::string at(const std::string& base, size_t i) { return base + "/" + std::to_string(i); }

TicketStatus ticket_status_of(StepStatus s) {
    switch (s) {
        case StepStatus::planned: return TicketStatus::planned;
        case StepStatus::en_route: return TicketStatus::en_route;
        case StepStatus::on_site: return TicketStatus::on_site;
        case StepStatus::done: return TicketStatus::done;
    }
    return TicketStatus::planned;
}

}  // namespace

const char* to_string(StepStatus status) noexcept {
    for (const auto& [s, name] : kStepNames)
        if (s == status) return name;
    return "planned";
}

const char* to_string(TicketStatus status) noexcept {
    for (const auto& [s, name] : kTicketNames)
        if (s == status) return name;
    return "pending";
}

StepStatus step_status_from_string(const std::string& name, const std::string& path) {
    for (const auto& [s, n] : kStepNames)
        if (name == n) return s;
    throw InputError(path, "unknown step status '" + name + "' (planned, en_route, on_site, done)");
}

TicketStatus ticket_status_from_string(const std::string& name, const std::string& path) {
    for (const auto& [s, n] : kTicketNames)
        if (name == n) return s;
    throw InputError(path, "unknown ticket status '" + name + "' (pending, planned, en_route, on_site, done, cancelled)");
}

// ---------------------------------------------------------------- construction

namespace {

// The live plan does not plan depot stops yet (its insertion and repair know
// nothing of tools and stock), so a day that needs them is refused rather
// than planned as if tools and parts did not matter; nor paid working hours. The first such field is
// named: engineers before tickets, as a problem lists them.
constexpr const char* kNoDepotStops = "the live plan does not plan depot stops yet; solve the day with fsd solve";

void refuse_resources(const std::vector<Engineer>& engineers, const std::vector<Job>& jobs) {
    for (size_t e = 0; e < engineers.size(); ++e) {
        if (!engineers[e].tools.empty()) throw InputError(at("/engineers", e) + "/tools", kNoDepotStops);
        if (!engineers[e].stock.empty()) throw InputError(at("/engineers", e) + "/stock", kNoDepotStops);
        // Its insertion and route costs price the drive, not paid hours.
        if (engineers[e].costs.per_working_hour != 0)
            throw InputError(at("/engineers", e) + "/costs/per_working_hour",
                             "the live plan does not price working hours yet; solve the day with fsd solve");
    }
    for (size_t j = 0; j < jobs.size(); ++j) {
        if (!jobs[j].tools.empty()) throw InputError(at("/jobs", j) + "/tools", kNoDepotStops);
        if (!jobs[j].parts.empty()) throw InputError(at("/jobs", j) + "/parts", kNoDepotStops);
    }
}

// Nor does it plan linked visits (its insertion moves one route at a time
// and cannot keep two routes' starts in step), nor price the largest
// lateness (its costs are per route).
constexpr const char* kNoLinks = "the live plan does not plan linked visits yet; solve the day with fsd solve";
constexpr const char* kNoMaxLateness = "the live plan does not price the largest lateness yet; solve the day with fsd solve";

void refuse_max_lateness(const ObjectiveWeights& weights) {
    if (weights.max_lateness != 0) throw InputError("/weights/max_lateness", kNoMaxLateness);
}

const Problem& without_depots_or_links(const Problem& problem) {
    if (problem.num_depots() > 0) throw InputError("/depots", kNoDepotStops);
    if (problem.num_links() > 0) throw InputError("/links", kNoLinks);
    return problem;
}

// A live plan holds one route per (engineer, shift): an engineer with
// several shifts (a week) becomes one entry per shift, in shift order, each a
// copy of the engineer with that shift alone and the breaks the shift takes
// (Problem::slots()). The copies keep the engineer's id, so pins and lists
// still name them, and every route still has one shift as before.
LivePlan::Parts parts_from(const Problem& problem, const Solution& solution, Time now) {
    LivePlan::Parts parts;
    parts.jobs = problem.jobs();
    parts.travel = problem.travel_spec();
    parts.weights = problem.weights();
    parts.now = now;
    parts.status.assign(problem.jobs().size(), TicketStatus::pending);
    parts.engineers = split_shift_entries(problem);
    // first_entry[engineer] = the plan entry of the engineer's first shift;
    // break_at[entry][the engineer's break] = the entry's break (-1: another
    // shift's), in the order split_shift_entries gives the entry its breaks.
    std::vector<Index> first_entry(problem.engineers().size(), -1);
    std::vector<std::vector<Index>> break_at;
    for (const RouteSlot& slot : problem.slots()) {
        const Engineer& eng = problem.engineer(slot.engineer);
        if (first_entry[static_cast<size_t>(slot.engineer)] < 0)
            first_entry[static_cast<size_t>(slot.engineer)] = static_cast<Index>(break_at.size());
        std::vector<Index> map(eng.breaks.size(), -1);
        if (eng.shifts.size() > 1) {
            for (size_t k = 0; k < slot.breaks.size(); ++k) map[static_cast<size_t>(slot.breaks[k])] = static_cast<Index>(k);
        } else {
            for (size_t b = 0; b < map.size(); ++b) map[b] = static_cast<Index>(b);
        }
        break_at.push_back(std::move(map));
    }
    parts.routes.resize(parts.engineers.size());
    parts.states.resize(parts.engineers.size());
    std::vector<char> has_route(parts.engineers.size(), 0);
    for (size_t r = 0; r < solution.routes.size(); ++r) {
        const Route& route = solution.routes[r];
        const std::string path = at("/solution/routes", r);
        if (route.engineer < 0 || route.engineer >= problem.num_engineers())
            throw InputError(path + "/engineer", "no engineer with index " + std::to_string(route.engineer));
        const Engineer& eng = problem.engineer(route.engineer);
        if (route.shift < 0 || static_cast<size_t>(route.shift) >= eng.shifts.size())
            throw InputError(path + "/shift", "engineer " + eng.id + " has no shift with index " + std::to_string(route.shift));
        const auto entry = static_cast<size_t>(first_entry[static_cast<size_t>(route.engineer)] + route.shift);
        if (has_route[entry])
            throw InputError(path + "/engineer", "engineer " + eng.id + " has two routes in shift " + std::to_string(route.shift));
        has_route[entry] = 1;
        LiveRoute& live = parts.routes[entry];
        for (size_t s = 0; s < route.steps.size(); ++s) {
            const Step& step = route.steps[s];
            if (step.kind != StepKind::job && step.kind != StepKind::break_) continue;
            LiveStep ls;
            ls.kind = step.kind;
            ls.index = step.index;
            if (step.kind == StepKind::job) {
                if (step.index < 0 || step.index >= problem.num_jobs())
                    throw InputError(at(path + "/steps", s) + "/job", "no job with index " + std::to_string(step.index));
                if (parts.status[static_cast<size_t>(step.index)] != TicketStatus::pending)
                    throw InputError(at(path + "/steps", s) + "/job", "job " + problem.job(step.index).id + " is served twice");
                parts.status[static_cast<size_t>(step.index)] = TicketStatus::planned;
            } else {
                const auto& map = break_at[entry];
                if (step.index < 0 || static_cast<size_t>(step.index) >= map.size() || map[static_cast<size_t>(step.index)] < 0)
                    throw InputError(at(path + "/steps", s) + "/break",
                                     "no break with index " + std::to_string(step.index) + " in this shift");
                ls.index = map[static_cast<size_t>(step.index)];
            }
            ls.arrival = step.arrival;
            ls.start = step.start;
            ls.end = step.end;
            live.steps.push_back(ls);
        }
    }
    return parts;
}

}  // namespace

std::vector<Engineer> split_shift_entries(const Problem& problem) {
    std::vector<Engineer> entries;
    for (const RouteSlot& slot : problem.slots()) {
        const Engineer& eng = problem.engineer(slot.engineer);
        Engineer entry = eng;
        // One shift: the engineer as stated (breaks outside the shift too), so
        // that a one-day plan holds its problem's engineers unchanged.
        if (eng.shifts.size() > 1) {
            entry.shifts = {slot.window};
            entry.breaks.clear();
            for (Index b : slot.breaks) entry.breaks.push_back(eng.breaks[static_cast<size_t>(b)]);
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<Engineer> merge_shift_entries(const std::vector<Engineer>& entries) {
    std::vector<Engineer> out;
    for (const Engineer& e : entries) {
        if (!out.empty() && out.back().id == e.id) {
            out.back().shifts.insert(out.back().shifts.end(), e.shifts.begin(), e.shifts.end());
            out.back().breaks.insert(out.back().breaks.end(), e.breaks.begin(), e.breaks.end());
        } else {
            out.push_back(e);
        }
    }
    return out;
}

Time earliest_shift_start(const Problem& problem) {
    Time now = kTimeMax;
    for (const Engineer& e : problem.engineers())
        for (const auto& s : e.shifts) now = std::min(now, s.start);
    return now;
}

LivePlan::LivePlan(const Problem& problem, const Solution& solution, Time now)
    : LivePlan(parts_from(without_depots_or_links(problem), solution, now), false) {}

LivePlan LivePlan::from_parts(Parts parts) { return LivePlan(std::move(parts), true); }

LivePlan::LivePlan(Parts parts, bool check)
    : engineers_(std::move(parts.engineers)),
      jobs_(std::move(parts.jobs)),
      weights_(parts.weights),
      travel_(parts.travel, engineers_),
      now_(parts.now),
      status_(std::move(parts.status)),
      routes_(std::move(parts.routes)),
      states_(std::move(parts.states)) {
    refuse_resources(engineers_, jobs_);
    refuse_max_lateness(weights_);
    if (now_ < kTimeMin || now_ > kTimeMax)
        throw InputError("/now", "the clock " + std::to_string(now_) + " lies outside the instants a plan can hold (±" +
                                     std::to_string(kTimeMax) + " s)");
    // An engineer with several shifts comes once per shift: the entries
    // follow each other in shift order (before the check below, which sees
    // them merged into one engineer and would name the wrong path).
    std::set<std::string> seen_ids;
    for (size_t e = 0; e < engineers_.size(); ++e) {
        if (seen_ids.insert(engineers_[e].id).second) continue;
        if (engineers_[e - 1].id != engineers_[e].id || engineers_[e].shifts.empty() || engineers_[e - 1].shifts.empty() ||
            engineers_[e].shifts.front().start < engineers_[e - 1].shifts.back().end)
            throw InputError(at("/engineers", e) + "/id", "the entries of engineer " + engineers_[e].id +
                                                              " (one per shift) must be consecutive and in shift order");
    }
    if (check) {
        // Engineers and tickets are checked the way a Problem checks them (a
        // Problem of the plan's engineers and tickets is built once, not kept).
        ProblemBuilder builder;
        for (const Engineer& e : merge_shift_entries(engineers_)) builder.add_engineer(e);
        for (const Job& j : jobs_) builder.add_job(j);
        builder.set_travel(travel_.spec());
        builder.set_weights(weights_);
        (void)builder.build();
    }
    for (size_t e = 0; e < engineers_.size(); ++e) {
        if (engineers_[e].shifts.size() != 1)
            throw InputError(at("/engineers", e) + "/shifts",
                             "a live plan holds one shift per engineer entry; an engineer with several shifts comes once "
                             "per shift, in shift order (engineer " +
                                 engineers_[e].id + " has " + std::to_string(engineers_[e].shifts.size()) + ")");
        engineer_ids_.emplace(engineers_[e].id, static_cast<Index>(e));
        travel_.check_location(engineers_[e].start, at("/engineers", e) + "/start");
        if (engineers_[e].end) travel_.check_location(*engineers_[e].end, at("/engineers", e) + "/end");
        dimensions_ = std::max(dimensions_, static_cast<Index>(engineers_[e].capacity.size()));
    }
    for (size_t j = 0; j < jobs_.size(); ++j) {
        job_ids_.emplace(jobs_[j].id, static_cast<Index>(j));
        travel_.check_location(jobs_[j].location, at("/jobs", j) + "/location");
        dimensions_ = std::max(dimensions_, static_cast<Index>(jobs_[j].demand.size()));
    }
    if (status_.size() != jobs_.size())
        throw InputError("/status", "one status per ticket is needed (" + std::to_string(jobs_.size()) + "), got " +
                                        std::to_string(status_.size()));
    if (routes_.size() != engineers_.size())
        throw InputError("/routes", "one route per engineer is needed (" + std::to_string(engineers_.size()) + "), got " +
                                        std::to_string(routes_.size()));
    if (states_.size() != engineers_.size())
        throw InputError("/engineer_states", "one state per engineer is needed (" + std::to_string(engineers_.size()) +
                                                 "), got " + std::to_string(states_.size()));

    // Statuses of tickets and steps must agree, frozen steps must lead, and
    // every break must be a break of its engineer and appear at most once.
    engineer_of_.assign(jobs_.size(), -1);
    for (size_t e = 0; e < routes_.size(); ++e) {
        const std::string rpath = at("/routes", e);
        bool movable_seen = false;
        std::set<Index> breaks_seen;
        for (size_t s = 0; s < routes_[e].steps.size(); ++s) {
            const LiveStep& st = routes_[e].steps[s];
            const std::string spath = at(rpath + "/steps", s);
            if (st.status == StepStatus::planned) movable_seen = true;
            else if (movable_seen)
                throw InputError(spath + "/status", "a frozen step (" + std::string(to_string(st.status)) +
                                                        ") follows a planned one; frozen steps come first");
            if (st.kind == StepKind::job) {
                if (st.index < 0 || static_cast<size_t>(st.index) >= jobs_.size())
                    throw InputError(spath + "/job", "no ticket with index " + std::to_string(st.index));
                if (engineer_of_[static_cast<size_t>(st.index)] != -1)
                    throw InputError(spath + "/job", "ticket " + jobs_[static_cast<size_t>(st.index)].id +
                                                         " is on two routes");
                if (status_[static_cast<size_t>(st.index)] != ticket_status_of(st.status))
                    throw InputError(spath + "/status", "ticket " + jobs_[static_cast<size_t>(st.index)].id + " is " +
                                                            to_string(status_[static_cast<size_t>(st.index)]) +
                                                            " but its step is " + to_string(st.status));
                engineer_of_[static_cast<size_t>(st.index)] = static_cast<Index>(e);
            } else if (st.kind == StepKind::break_) {
                if (st.index < 0 || static_cast<size_t>(st.index) >= engineers_[e].breaks.size())
                    throw InputError(spath + "/break", "engineer " + engineers_[e].id + " has no break with index " +
                                                           std::to_string(st.index));
                if (!breaks_seen.insert(st.index).second)
                    throw InputError(spath + "/break", "the break appears twice on the route");
                if (st.status == StepStatus::en_route)
                    throw InputError(spath + "/status", "a break cannot be en_route");
            } else {
                throw InputError(spath, "a live route holds job and break steps only");
            }
        }
    }
    for (size_t j = 0; j < jobs_.size(); ++j) {
        const TicketStatus s = status_[j];
        const bool on_route = engineer_of_[j] != -1;
        if (on_route != (s != TicketStatus::pending && s != TicketStatus::cancelled))
            throw InputError(at("/status", j), "ticket " + jobs_[j].id + " is " + to_string(s) + " but " +
                                                   (on_route ? "is on a route" : "is on no route"));
    }

    // Engineers without a route hold their breaks (live_detail::idle_route).
    for (size_t e = 0; e < routes_.size(); ++e)
        if (live_detail::idle(routes_[e])) routes_[e].steps = live_detail::idle_route(engineers_[e]);

    ChangeSet ignored;
    std::vector<Index> dropped;
    retime_all(ignored, dropped);
    reinsert(std::move(dropped), ignored);
    before_.clear();
}

LivePlan::Parts LivePlan::parts() const {
    Parts p;
    p.engineers = engineers_;
    p.jobs = jobs_;
    p.travel = travel_.spec();
    p.weights = weights_;
    p.now = now_;
    p.status = status_;
    p.routes = routes_;
    p.states = states_;
    return p;
}

// ---------------------------------------------------------------- queries

std::optional<Index> LivePlan::engineer_of(Index job) const {
    const Index e = engineer_of_.at(static_cast<size_t>(job));
    if (e < 0) return std::nullopt;
    return e;
}

std::optional<Index> LivePlan::job_index(std::string_view id) const {
    auto it = job_ids_.find(std::string(id));
    if (it == job_ids_.end()) return std::nullopt;
    return it->second;
}

std::optional<Index> LivePlan::engineer_index(std::string_view id) const {
    auto it = engineer_ids_.find(std::string(id));
    if (it == engineer_ids_.end()) return std::nullopt;
    return it->second;
}

std::vector<Index> LivePlan::pending() const {
    std::vector<Index> out;
    for (size_t j = 0; j < status_.size(); ++j)
        if (status_[j] == TicketStatus::pending) out.push_back(static_cast<Index>(j));
    return out;
}

Index LivePlan::frozen_steps(Index engineer) const {
    const auto& steps = route(engineer).steps;
    Index f = 0;
    while (static_cast<size_t>(f) < steps.size() && steps[static_cast<size_t>(f)].status != StepStatus::planned) ++f;
    return f;
}

std::pair<Index, Index> LivePlan::entries_of(Index e) const {
    const std::string& id = engineers_[static_cast<size_t>(e)].id;
    Index first = e, last = e + 1;
    while (first > 0 && engineers_[static_cast<size_t>(first - 1)].id == id) --first;
    while (static_cast<size_t>(last) < engineers_.size() && engineers_[static_cast<size_t>(last)].id == id) ++last;
    return {first, last};
}

Index LivePlan::entry_at(Index e, Time at_time) const {
    const auto [first, last] = entries_of(e);
    // A step under way says which shift the engineer is in (a visit may run
    // into overtime) until that shift's hard end; a lunch left on site on
    // the evening before says nothing about the next morning. Otherwise the
    // first shift not yet over.
    for (Index k = first; k < last; ++k)
        for (const LiveStep& s : routes_[static_cast<size_t>(k)].steps)
            if ((s.status == StepStatus::en_route || s.status == StepStatus::on_site) && at_time < shift_end(k)) return k;
    for (Index k = first; k < last; ++k)
        if (at_time < shift_end(k)) return k;
    return last - 1;
}

bool LivePlan::compatible(Index engineer, const Job& job) const {
    const Engineer& eng = engineers_.at(static_cast<size_t>(engineer));
    return has_skills(eng, job) && admits(job, eng);
}

Index LivePlan::require_job(std::string_view id, const char* path) const {
    const auto j = job_index(id);
    if (!j) throw InputError(path, "no ticket with id '" + std::string(id) + "' in the plan");
    return *j;
}

Index LivePlan::require_engineer(std::string_view id, const char* path) const {
    const auto e = engineer_index(id);
    if (!e) throw InputError(path, "no engineer with id '" + std::string(id) + "' in the plan");
    return *e;
}

const Location& LivePlan::end_location(Index e) const {
    const Engineer& eng = engineers_[static_cast<size_t>(e)];
    return eng.end ? *eng.end : eng.start;
}

// The hard end: overtime may run to shift end + max_overtime, as in the
// solver, unless the engineer is unavailable before that.
Time LivePlan::shift_end(Index e) const {
    const Engineer& eng = engineers_[static_cast<size_t>(e)];
    return std::min(eng.shifts.front().end + eng.max_overtime, states_[static_cast<size_t>(e)].unavailable_from);
}

LivePlan::Anchor LivePlan::anchor_of(Index e, const LiveRoute& route) const {
    const Engineer& eng = engineers_[static_cast<size_t>(e)];
    const EngineerState& st = states_[static_cast<size_t>(e)];
    Anchor a;
    a.location = eng.start;
    a.time = eng.shifts.front().start;
    a.load_used.assign(static_cast<size_t>(dimensions_), 0);
    bool busy = false;
    for (const LiveStep& s : route.steps) {
        if (s.status == StepStatus::planned) break;
        if (s.kind == StepKind::job) {
            const Job& job = jobs_[static_cast<size_t>(s.index)];
            a.location = job.location;
            a.travel_used += s.travel_time;
            ++a.jobs_used;
            for (size_t k = 0; k < job.demand.size(); ++k) a.load_used[k] += job.demand[k];
        }
        a.time = s.end;
        busy = s.status != StepStatus::done;
    }
    // A position report after the last frozen step says where an idle
    // engineer is now.
    if (!busy && st.position && st.position_at >= a.time) {
        a.location = *st.position;
        a.time = st.position_at;
    }
    a.time = std::max({a.time, now_, st.ready_at});
    return a;
}

void LivePlan::check_within_day(Time at_time, const char* path) const {
    constexpr Duration kDay = 86'400;
    Time last = kTimeMin;
    for (const Engineer& e : engineers_)
        for (const TimeWindow& shift : e.shifts) last = std::max(last, shift.end + e.max_overtime);
    if (at_time > last + kDay)
        throw InputError(path, "the time " + std::to_string(at_time) + " lies more than a day after the last shift of the plan ends (" +
                                   std::to_string(last) + "); a live plan covers its shifts' days: start a new plan with dispatch-init");
}

void LivePlan::check_event_time(Index e, Time at_time, const char* path) const {
    check_within_day(at_time, path);
    for (const LiveStep& s : routes_[static_cast<size_t>(e)].steps) {
        if (s.status == StepStatus::planned) break;
        // Nothing the engineer reports can happen before a step of theirs
        // under way began, or before a finished one ended.
        const Time known = s.status == StepStatus::en_route ? s.departed
                           : s.status == StepStatus::done   ? s.end
                                                            : s.start;
        if (at_time < known)
            throw InputError(path, "the time lies before a step already under way or done for engineer " +
                                       engineers_[static_cast<size_t>(e)].id + " (" + std::to_string(at_time) + " < " +
                                       std::to_string(known) + ")");
    }
}

// ---------------------------------------------------------------- change tracking

void LivePlan::touch(Index e) {
    for (const auto& [engineer, route] : before_)
        if (engineer == e) return;
    before_.emplace_back(e, routes_[static_cast<size_t>(e)]);
}

ChangeSet LivePlan::finish(ChangeSet changes) {
    std::sort(before_.begin(), before_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [e, old] : before_) {
        const LiveRoute& now_route = routes_[static_cast<size_t>(e)];
        if (old == now_route) continue;
        RouteChange rc;
        rc.engineer = e;
        std::vector<Index> old_jobs, new_jobs;
        std::map<Index, const LiveStep*> old_step;
        for (const LiveStep& s : old.steps)
            if (s.kind == StepKind::job) {
                old_jobs.push_back(s.index);
                old_step[s.index] = &s;
            }
        for (const LiveStep& s : now_route.steps)
            if (s.kind == StepKind::job) new_jobs.push_back(s.index);
        for (Index j : new_jobs)
            if (std::find(old_jobs.begin(), old_jobs.end(), j) == old_jobs.end()) rc.added.push_back(j);
        for (Index j : old_jobs)
            if (std::find(new_jobs.begin(), new_jobs.end(), j) == new_jobs.end()) rc.removed.push_back(j);
        std::vector<Index> kept_old, kept_new;
        for (Index j : old_jobs)
            if (std::find(new_jobs.begin(), new_jobs.end(), j) != new_jobs.end()) kept_old.push_back(j);
        for (Index j : new_jobs)
            if (std::find(old_jobs.begin(), old_jobs.end(), j) != old_jobs.end()) kept_new.push_back(j);
        rc.reordered = kept_old != kept_new;
        for (const LiveStep& s : now_route.steps) {
            if (s.kind != StepKind::job) continue;
            auto it = old_step.find(s.index);
            if (it != old_step.end() && (it->second->arrival != s.arrival || it->second->start != s.start)) rc.retimed = true;
        }
        if (rc.added.empty() && rc.removed.empty() && !rc.reordered && !rc.retimed) {
            // Only breaks or the way home moved; still worth telling the engineer.
            rc.retimed = true;
        }
        changes.routes.push_back(std::move(rc));
    }
    before_.clear();
    std::sort(changes.missed_breaks.begin(), changes.missed_breaks.end());
    changes.missed_breaks.erase(std::unique(changes.missed_breaks.begin(), changes.missed_breaks.end()),
                                changes.missed_breaks.end());
    return changes;
}

// ---------------------------------------------------------------- residual problem

ResidualProblem LivePlan::residual_with(Cost churn) const {
    std::vector<Index> engineer_of, job_of;
    ProblemBuilder builder;
    std::vector<Index> residual_engineer(engineers_.size(), -1);
    std::vector<std::vector<Index>> break_map(engineers_.size());  // residual break -> live break
    std::vector<Anchor> anchors;
    // The shifts of an engineer with several are distinct engineers of the
    // residual problem ("A#2" is A's second shift); pins and lists that name
    // the engineer name each of those shifts still to come.
    std::vector<std::string> residual_id(engineers_.size());
    for (size_t e = 0; e < engineers_.size(); ++e) {
        const auto range = entries_of(static_cast<Index>(e));
        residual_id[e] = engineers_[e].id;
        if (range.second - range.first > 1) residual_id[e] += "#" + std::to_string(static_cast<Index>(e) - range.first + 1);
    }
    for (size_t e = 0; e < engineers_.size(); ++e) {
        const Anchor a = anchor(static_cast<Index>(e));
        const Time end = shift_end(static_cast<Index>(e));
        anchors.push_back(a);
        if (a.time >= end) continue;
        const Engineer& orig = engineers_[e];
        Engineer eng = orig;
        eng.id = residual_id[e];
        eng.start = a.location;
        eng.end = orig.end ? *orig.end : orig.start;
        // The residual shift keeps the real shift end, so that overtime is
        // costed as in the live plan. An engineer already past it gets a
        // one-second shift and the rest of the allowance as overtime: the
        // overtime still to come is costed, the part already worked is not.
        const Time soft_end = std::min(orig.shifts.front().end, states_[e].unavailable_from);
        const Time residual_end = a.time < soft_end ? soft_end : std::min(a.time + 1, end);
        eng.shifts = {TimeWindow{a.time, residual_end}};
        eng.max_overtime = end - residual_end;
        eng.breaks.clear();
        for (const LiveStep& s : routes_[e].steps)
            if (s.kind == StepKind::break_ && s.status == StepStatus::planned) {
                eng.breaks.push_back(orig.breaks[static_cast<size_t>(s.index)]);
                break_map[e].push_back(s.index);
            }
        if (eng.max_jobs) eng.max_jobs = std::max(0, *eng.max_jobs - static_cast<int>(a.jobs_used));
        if (eng.max_travel_time) eng.max_travel_time = std::max<Duration>(0, *eng.max_travel_time - a.travel_used);
        for (size_t k = 0; k < eng.capacity.size(); ++k)
            eng.capacity[k] = std::max<Amount>(0, eng.capacity[k] - a.load_used[k]);
        residual_engineer[e] = static_cast<Index>(engineer_of.size());
        engineer_of.push_back(static_cast<Index>(e));
        builder.add_engineer(std::move(eng));
    }
    auto present_ids = [&](const std::string& id) {
        std::vector<std::string> out;
        const auto e = engineer_index(id);
        if (!e) return out;
        const auto range = entries_of(*e);
        for (Index k = range.first; k < range.second; ++k)
            if (residual_engineer[static_cast<size_t>(k)] >= 0) out.push_back(residual_id[static_cast<size_t>(k)]);
        return out;
    };
    auto expand = [&](const std::vector<std::string>& ids) {
        std::vector<std::string> out;
        for (const std::string& id : ids)
            for (std::string& r : present_ids(id)) out.push_back(std::move(r));
        return out;
    };
    std::vector<Index> residual_job(jobs_.size(), -1);
    for (size_t j = 0; j < jobs_.size(); ++j) {
        if (status_[j] != TicketStatus::pending && status_[j] != TicketStatus::planned) continue;
        Job job = jobs_[j];
        // References to engineers who are gone for the day are dropped; a
        // ticket that only they could take stays out of the residual problem.
        if (!job.allowed_engineers.empty()) {
            job.allowed_engineers = expand(job.allowed_engineers);
            if (job.allowed_engineers.empty()) continue;
        }
        if (job.pinned_engineer) {
            const std::vector<std::string> shifts = present_ids(*job.pinned_engineer);
            if (shifts.empty()) continue;
            if (shifts.size() > 1 || shifts.front() != *job.pinned_engineer) {
                // Pinned to an engineer with several shifts: any of them.
                std::vector<std::string> allowed;
                for (const std::string& id : shifts)
                    if (job.allowed_engineers.empty() ||
                        std::find(job.allowed_engineers.begin(), job.allowed_engineers.end(), id) != job.allowed_engineers.end())
                        allowed.push_back(id);
                if (allowed.empty()) continue;
                job.pinned_engineer.reset();
                job.allowed_engineers = std::move(allowed);
            }
        }
        job.forbidden_engineers = expand(job.forbidden_engineers);
        if (job.preferred_engineer) {
            const std::vector<std::string> shifts = present_ids(*job.preferred_engineer);
            if (shifts.empty()) {
                job.preferred_engineer.reset();
                job.preference_cost = 0;
            } else {
                // One shift can carry the preference: the one the ticket is on, else the first.
                const Index on = engineer_of_[j];
                const bool on_theirs = on >= 0 && engineers_[static_cast<size_t>(on)].id == *job.preferred_engineer &&
                                       residual_engineer[static_cast<size_t>(on)] >= 0;
                job.preferred_engineer = on_theirs ? residual_id[static_cast<size_t>(on)] : shifts.front();
            }
        }
        if (churn > 0 && !job.preferred_engineer && engineer_of_[j] >= 0 &&
            residual_engineer[static_cast<size_t>(engineer_of_[j])] >= 0) {
            job.preferred_engineer = residual_id[static_cast<size_t>(engineer_of_[j])];
            job.preference_cost = churn;
        }
        residual_job[j] = static_cast<Index>(job_of.size());
        job_of.push_back(static_cast<Index>(j));
        builder.add_job(std::move(job));
    }
    builder.set_travel(travel_.spec());
    builder.set_weights(weights_);
    std::vector<std::vector<Index>> break_of;
    for (Index e : engineer_of) break_of.push_back(break_map[static_cast<size_t>(e)]);
    ResidualProblem res{builder.build(), Solution{}, std::move(engineer_of), std::move(job_of), std::move(break_of)};

    // The movable routes as a solution of it.
    Solution& sol = res.solution;
    for (size_t e = 0; e < engineers_.size(); ++e) {
        const LiveRoute& lr = routes_[e];
        const Index f = frozen_steps(static_cast<Index>(e));
        const bool used = std::any_of(lr.steps.begin() + f, lr.steps.end(),
                                      [](const LiveStep& s) { return s.kind == StepKind::job; });
        if (!used) continue;
        FSD_ASSERT(residual_engineer[e] >= 0);
        Route route;
        route.engineer = residual_engineer[e];
        route.shift = 0;
        Step start;
        start.kind = StepKind::start;
        start.arrival = start.start = start.end = lr.departure;
        route.steps.push_back(start);
        for (size_t s = static_cast<size_t>(f); s < lr.steps.size(); ++s) {
            const LiveStep& ls = lr.steps[s];
            Step step;
            step.kind = ls.kind;
            if (ls.kind == StepKind::job) {
                step.index = residual_job[static_cast<size_t>(ls.index)];
                FSD_ASSERT(step.index >= 0);
            } else {
                const auto& bm = break_map[e];
                step.index = static_cast<Index>(std::find(bm.begin(), bm.end(), ls.index) - bm.begin());
            }
            step.arrival = ls.arrival;
            step.start = ls.start;
            step.end = ls.end;
            step.travel_time = ls.travel_time;
            step.travel_distance = ls.travel_distance;
            step.lateness = ls.lateness;
            route.steps.push_back(std::move(step));
        }
        Step end;
        end.kind = StepKind::end;
        end.arrival = end.start = end.end = lr.end_arrival;
        end.travel_time = lr.end_travel;
        end.travel_distance = lr.end_distance;
        route.steps.push_back(std::move(end));
        complete_route(res.problem, route);
        route.cost = route_cost(static_cast<Index>(e), lr);
        sol.routes.push_back(std::move(route));
    }
    for (size_t k = 0; k < res.job_of.size(); ++k) {
        const Index j = res.job_of[k];
        if (status_[static_cast<size_t>(j)] != TicketStatus::pending) continue;
        const LeftOut why = why_not(j);
        sol.unassigned.push_back(Unassigned{static_cast<Index>(k), why.reason, why.detail});
    }
    sol.objective = objective();
    // Tickets outside the residual problem are not in its objective.
    for (size_t j = 0; j < jobs_.size(); ++j)
        if (status_[j] == TicketStatus::pending && residual_job[j] < 0)
            sol.objective.unassigned -= live_detail::left_out_cost(jobs_[j], weights_);
    // Overtime is measured against the residual shifts (see above).
    sol.objective.overtime = 0;
    for (const Route& route : sol.routes)
        sol.objective.overtime +=
            live_detail::overtime_cost(res.problem.engineer(route.engineer), weights_, route.steps.back().arrival);
    sol.stats.solver = "live";
    return res;
}

ObjectiveParts LivePlan::objective() const {
    ObjectiveParts parts;
    // Per entry, i.e. per (engineer, shift) still to work, as the residual
    // problem (one engineer per shift) measures it, so that verifying the
    // residual plan agrees with this objective.
    std::vector<Duration> working;
    for (size_t e = 0; e < engineers_.size(); ++e) {
        const LiveRoute& lr = routes_[e];
        const Index f = frozen_steps(static_cast<Index>(e));
        bool used = false;
        Cost late = 0;
        for (size_t s = static_cast<size_t>(f); s < lr.steps.size(); ++s) {
            const LiveStep& st = lr.steps[s];
            if (st.kind != StepKind::job) continue;
            used = true;
            const Job& job = jobs_[static_cast<size_t>(st.index)];
            if (st.lateness > 0) late += st.lateness * job.sla->lateness_cost_per_second;
            if (job.preferred_engineer && *job.preferred_engineer != engineers_[e].id)
                parts.preference += weights_.preference * job.preference_cost;
        }
        if (anchor(static_cast<Index>(e)).time < shift_end(static_cast<Index>(e)))
            working.push_back(used ? lr.end_arrival - lr.departure : 0);
        if (!used) continue;
        parts.travel += route_cost(static_cast<Index>(e), lr);
        parts.lateness += weights_.lateness * late;
        parts.overtime += live_detail::overtime_cost(engineers_[e], weights_, lr.end_arrival);
    }
    for (size_t j = 0; j < jobs_.size(); ++j) {
        if (status_[j] == TicketStatus::pending) parts.unassigned += live_detail::left_out_cost(jobs_[j], weights_);
    }
    if (weights_.balance != 0 && !working.empty()) {
        const auto [lo, hi] = std::minmax_element(working.begin(), working.end());
        parts.balance = weights_.balance * (*hi - *lo);
    }
    return parts;
}

}  // namespace fsd
