// Timing of a plan as a dispatcher arranged it. The solver's timing refuses
// infeasible routes and fsd::verify only checks stated times, so this file
// times a route itself with one extension ("time warp"): a visit that misses
// every window starts on arrival and records how late it is, so every later
// step still gets a time. Linked visits make routes wait for each other
// (settle_links). The objective and all other checks come from verify.
#include "fsd/evaluate.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "fsd/core/error.hpp"
#include "fsd/model/route_steps.hpp"
#include "fsd/verify.hpp"

namespace fsd {

std::string clock_text(Time t) {
    constexpr Time day = 86400;
    Time s = t % day;
    if (s < 0) s += day;
    const auto two = [](Time v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    std::string out = two(s / 3600) + ":" + two(s / 60 % 60);
    if (s % 60 != 0) out += ":" + two(s % 60);
    return out;
}

std::string duration_text(Duration d) {
    if (d < 0) return "-" + duration_text(-d);
    if (d < 60) return std::to_string(d) + " s";
    std::string out;
    if (d >= 3600) out = std::to_string(d / 3600) + " h";
    if (d % 3600 / 60 != 0) out += (out.empty() ? "" : " ") + std::to_string(d % 3600 / 60) + " min";
    if (d % 60 != 0) out += " " + std::to_string(d % 60) + " s";
    return out;
}

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string amounts_text(const std::vector<Amount>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + std::to_string(v[i]);
    return out + "]";
}

Cost round_half_up(Cost numerator, Cost denominator) { return (numerator + denominator / 2) / denominator; }

// Where a visit starts given its windows: the earliest moment of the first
// window still open on arrival; on arrival when none is (the excess is the
// window lateness, measured against the last window's close).
struct WindowStart {
    Time start = 0;
    Duration late = 0;
    Time closed = 0;  // close of the last window, when late
};

WindowStart window_start(const std::vector<TimeWindow>& windows, Time arrival) {
    for (const auto& w : windows)
        if (w.end >= arrival) return {std::max(arrival, w.start), 0, 0};
    if (windows.empty()) return {arrival, 0, 0};
    return {arrival, arrival - windows.back().end, windows.back().end};
}

// Throws for what makes a plan unreadable as a plan (rather than merely bad).
void check_indices(const Problem& problem, const Solution& plan) {
    std::vector<std::string> place(static_cast<size_t>(problem.num_jobs()));
    std::set<std::pair<Index, Index>> slots;
    for (size_t r = 0; r < plan.routes.size(); ++r) {
        const Route& route = plan.routes[r];
        const std::string at = "/routes/" + std::to_string(r);
        if (route.engineer < 0 || route.engineer >= problem.num_engineers())
            throw InputError(at + "/engineer", "engineer index " + std::to_string(route.engineer) +
                                                   " does not exist (the problem has " +
                                                   std::to_string(problem.num_engineers()) + " engineers)");
        const Engineer& eng = problem.engineer(route.engineer);
        if (route.shift < 0 || route.shift >= static_cast<Index>(eng.shifts.size()))
            throw InputError(at + "/shift", "engineer " + quoted(eng.id) + " has no shift " +
                                                std::to_string(route.shift) + " (it has " +
                                                std::to_string(eng.shifts.size()) + ")");
        if (!slots.emplace(route.engineer, route.shift).second)
            throw InputError(at + "/shift", "shift " + std::to_string(route.shift) + " of engineer " +
                                                quoted(eng.id) + " is planned in two routes");
        std::set<Index> breaks;
        for (size_t i = 0; i < route.steps.size(); ++i) {
            const Step& s = route.steps[i];
            const std::string sat = at + "/steps/" + std::to_string(i);
            if (s.kind == StepKind::start || s.kind == StepKind::end) {
                const bool ok = s.kind == StepKind::start ? i == 0 : i + 1 == route.steps.size();
                if (!ok) throw InputError(sat + "/type", "a start step must come first and an end step last");
                continue;
            }
            if (s.kind == StepKind::break_) {
                if (s.index < 0 || s.index >= static_cast<Index>(eng.breaks.size()))
                    throw InputError(sat + "/id", "break index " + std::to_string(s.index) +
                                                      " is not one of engineer " + quoted(eng.id) + "'s breaks");
                if (!breaks.insert(s.index).second)
                    throw InputError(sat + "/id", "break " + quoted(eng.breaks[static_cast<size_t>(s.index)].id) +
                                                      " is taken twice in this route");
                continue;
            }
            if (s.kind == StepKind::depot) {
                if (s.index < 0 || s.index >= problem.num_depots())
                    throw InputError(sat + "/id", "depot index " + std::to_string(s.index) +
                                                      " does not exist (the problem has " +
                                                      std::to_string(problem.num_depots()) + " depots)");
                continue;
            }
            if (s.index < 0 || s.index >= problem.num_jobs())
                throw InputError(sat + "/id", "job index " + std::to_string(s.index) + " does not exist (the problem has " +
                                                  std::to_string(problem.num_jobs()) + " jobs)");
            std::string& first = place[static_cast<size_t>(s.index)];
            if (!first.empty())
                throw InputError(sat + "/id", "job " + quoted(problem.job(s.index).id) + " is already planned at " +
                                                  first + "; a job may appear once");
            first = sat;
        }
    }
}

// Earliest start of each job set by its linked visits (kTimeMin: none);
// empty when the problem has no links, so plans without links pay nothing.
using LinkFloors = std::vector<Time>;

Time link_floor(const LinkFloors& floors, Index job) {
    return floors.empty() ? kTimeMin : floors[static_cast<size_t>(job)];
}

class RouteTimer {
public:
    RouteTimer(const Problem& problem, const Route& given, const LinkFloors& floors)
        : problem_(problem), given_(given), eng_(problem.engineer(given.engineer)), floors_(floors) {
        for (const auto& slot : problem.slots())
            if (slot.engineer == given.engineer && slot.shift == given.shift) slot_ = &slot;
        FSD_ASSERT(slot_ != nullptr);
    }

    RouteEvaluation run() {
        RouteEvaluation out;
        out.engineer = given_.engineer;
        out.shift = given_.shift;
        const TimeWindow& shift = slot_->window;

        // Breaks of the shift the plan leaves out are placed by the evaluator.
        std::set<Index> given_breaks;
        for (const Step& s : given_.steps)
            if (s.kind == StepKind::break_) given_breaks.insert(s.index);
        std::vector<Index> pending;
        for (Index b : slot_->breaks)
            if (!given_breaks.count(b)) pending.push_back(b);
        std::sort(pending.begin(), pending.end(), [this](Index a, Index b) {
            return first_open(a) < first_open(b);
        });

        StepEvaluation start;
        start.kind = StepKind::start;
        start.arrival = start.start = start.end = shift.start;
        out.steps.push_back(start);
        place_ = problem_.start_location(given_.engineer);
        now_ = shift.start;
        for (const Step& s : given_.steps) {
            if (s.kind == StepKind::start || s.kind == StepKind::end) continue;
            if (s.kind == StepKind::job) place_pending_breaks(out, pending, s.index);
            if (s.kind == StepKind::break_)
                out.steps.push_back(take_break(s.index, false));
            else if (s.kind == StepKind::depot)
                out.steps.push_back(stop_at_depot(s));
            else
                out.steps.push_back(visit(StepKind::job, s.index));
        }
        place_pending_breaks(out, pending, -1);
        out.steps.push_back(visit(StepKind::end, -1));

        // Leave as late as the first step allows: the same plan, less idle time.
        if (out.steps.size() > 1 && out.steps[1].waiting > 0) {
            StepEvaluation& first = out.steps[1];
            const Duration delay = first.waiting;
            out.steps[0].arrival = out.steps[0].start = out.steps[0].end = shift.start + delay;
            first.arrival += delay;
            first.waiting = 0;
        }

        if (eng_.costs.per_working_hour != 0) leave_for_least_working_time(out);

        fill_load(out);
        Cost legs = 0;
        for (const StepEvaluation& s : out.steps) {
            out.travel_time += s.travel_time;
            out.distance += s.distance;
            out.waiting += s.waiting;
            out.lateness += s.sla_lateness;
            out.window_lateness += s.window_lateness;
            legs += round_half_up(eng_.costs.per_hour * s.travel_time, 3600) +
                    round_half_up(eng_.costs.per_km * s.distance, 1000);
        }
        out.overtime = std::max<Duration>(0, out.steps.back().arrival - shift.end);
        // Paid working time, departure to return, priced per route like the verifier does.
        const Duration working = out.steps.back().arrival - out.steps.front().end;
        const Cost working_cost = round_half_up(eng_.costs.per_working_hour * working, 3600);
        out.cost = problem_.weights().travel * (eng_.costs.fixed + legs + working_cost);
        return out;
    }

private:
    // The window of `windows` a step starting at `start` lies in (its end;
    // kTimeMax without windows), and whether the step has more than one.
    static Time window_end(const std::vector<TimeWindow>& windows, Time start) {
        for (const auto& w : windows)
            if (w.start <= start && start <= w.end) return w.end;
        return windows.empty() ? kTimeMax : start;
    }

    // Hard SLA deadlines cut a job's windows (as the solver states them).
    static std::vector<TimeWindow> job_windows(const Job& jb) {
        std::vector<TimeWindow> w = jb.time_windows;
        if (!jb.sla || !jb.sla->hard) return w;
        if (w.empty()) w.push_back(TimeWindow{kTimeMin, kTimeMax});
        std::erase_if(w, [&](const TimeWindow& x) { return x.start > jb.sla->deadline; });
        if (!w.empty()) w.back().end = std::min(w.back().end, jb.sla->deadline);
        return w;
    }

    // An engineer paid by the working hour leaves as late as the windows allow
    // without returning later (the solver's paid_departure, worked out here
    // on the evaluated steps rather than on segments): the departure moves
    // by the least of the waiting after the first step and each step's room
    // before its window closes, counting the waiting before it. As in the
    // solver, only where every step has one window and no priced lateness
    // (else leaving later could cost more than it saves), nothing is late and
    // balance is off. Only the waiting before the first linked visit is
    // absorbed, so linked starts stay where the links put them.
    void leave_for_least_working_time(RouteEvaluation& out) const {
        auto& steps = out.steps;
        if (steps.size() < 3 || problem_.weights().balance != 0) return;
        const bool priced_lateness = problem_.weights().lateness != 0;
        Duration waited = 0, room = kTimeMax;
        for (size_t i = 1; i + 1 < steps.size(); ++i) {
            const StepEvaluation& s = steps[i];
            if (s.window_lateness > 0) return;
            std::vector<TimeWindow> windows;
            if (s.kind == StepKind::job) {
                const Job& jb = problem_.job(s.index);
                if (jb.sla && !jb.sla->hard && jb.sla->lateness_cost_per_second != 0 && priced_lateness) return;
                windows = job_windows(jb);
            } else if (s.kind == StepKind::break_) {
                windows = eng_.breaks[static_cast<size_t>(s.index)].windows;
            } else if (s.kind == StepKind::depot) {
                windows = problem_.depot(s.index).opening;
            }
            if (windows.size() > 1) return;
            waited += s.waiting;
            // A linked visit keeps its start: moving it would move its
            // partners, and their partners, round after round.
            if (s.kind == StepKind::job && !problem_.links_of(s.index).empty()) room = std::min(room, waited);
            const Time close = window_end(windows, s.start);
            if (close != kTimeMax) room = std::min(room, waited + close - s.start);
        }
        Duration shift = std::min(waited, room);
        if (shift <= 0) return;
        steps[0].arrival = steps[0].start = steps[0].end = steps[0].end + shift;
        for (size_t i = 1; i < steps.size() && shift > 0; ++i) {
            StepEvaluation& s = steps[i];
            s.arrival += shift;
            const Duration absorbed = std::min(shift, s.waiting);
            s.waiting -= absorbed;
            shift -= absorbed;
            s.start += shift;
            s.end += shift;
            if (s.kind == StepKind::job && problem_.job(s.index).sla)
                s.sla_lateness = std::max<Duration>(0, s.start - problem_.job(s.index).sla->deadline);
        }
    }

    Time first_open(Index b) const {
        const auto& w = eng_.breaks[static_cast<size_t>(b)].windows;
        return w.empty() ? kTimeMin : w.front().start;
    }

    Duration travel_to(Index location) const { return problem_.durations(given_.engineer)(place_, location); }

    StepEvaluation take_break(Index b, bool inserted) {
        const Break& br = eng_.breaks[static_cast<size_t>(b)];
        StepEvaluation s;
        s.kind = StepKind::break_;
        s.index = b;
        s.inserted_break = inserted;
        s.arrival = now_;
        const WindowStart ws = window_start(br.windows, now_);
        s.start = ws.start;
        s.window_lateness = ws.late;
        s.waiting = s.start - s.arrival;
        s.end = s.start + br.duration;
        now_ = s.end;
        return s;
    }

    // A depot stop, timed like a job at the depot: the first opening still
    // open on arrival, late on arrival when none is.
    StepEvaluation stop_at_depot(const Step& given) {
        const Depot& depot = problem_.depot(given.index);
        const Index to = problem_.depot_location(given.index);
        StepEvaluation s;
        s.kind = StepKind::depot;
        s.index = given.index;
        s.pickup_tools = given.pickup_tools;
        s.pickup_parts = given.pickup_parts;
        s.travel_time = travel_to(to);
        s.distance = problem_.distances()(place_, to);
        s.arrival = now_ + s.travel_time;
        const WindowStart ws = window_start(depot.opening, s.arrival);
        s.start = ws.start;
        s.window_lateness = ws.late;
        s.waiting = s.start - s.arrival;
        s.end = s.start + depot.duration;
        place_ = to;
        now_ = s.end;
        return s;
    }

    StepEvaluation visit(StepKind kind, Index job) {
        const Index to = kind == StepKind::job ? problem_.job_location(job) : problem_.end_location(given_.engineer);
        StepEvaluation s;
        s.kind = kind;
        s.index = job;
        s.travel_time = travel_to(to);
        s.distance = problem_.distances()(place_, to);
        s.arrival = now_ + s.travel_time;
        s.start = s.arrival;
        if (kind == StepKind::job) {
            const Job& jb = problem_.job(job);
            // Waiting for a linked visit is ordinary waiting: the window is
            // looked up from the moment the link lets the visit start.
            const WindowStart ws = window_start(jb.time_windows, std::max(s.arrival, link_floor(floors_, job)));
            s.start = ws.start;
            s.window_lateness = ws.late;
            if (jb.sla) s.sla_lateness = std::max<Duration>(0, s.start - jb.sla->deadline);
            s.end = s.start + problem_.service_duration(given_.engineer, job);
        } else {
            s.end = s.start;
        }
        s.waiting = s.start - s.arrival;
        place_ = to;
        now_ = s.end;
        return s;
    }

    // The solver's rule for breaks: before the next job (or the end), take a
    // pending break when it fits into the idle time before that job, or when
    // its last window would close before that job ends; before the end, take
    // every break still pending.
    void place_pending_breaks(RouteEvaluation& out, std::vector<Index>& pending, Index next_job) {
        while (!pending.empty()) {
            const Index b = pending.front();
            const Break& br = eng_.breaks[static_cast<size_t>(b)];
            bool take = next_job < 0;
            if (!take) {
                const Job& jb = problem_.job(next_job);
                const Duration travel = travel_to(problem_.job_location(next_job));
                const Time job_start =
                    window_start(jb.time_windows, std::max(now_ + travel, link_floor(floors_, next_job))).start;
                const Time break_start = window_start(br.windows, now_).start;
                const bool fits_idle = break_start + br.duration + travel <= job_start;
                const bool closes = !br.windows.empty() &&
                                    br.windows.back().end < job_start + problem_.service_duration(given_.engineer, next_job);
                take = fits_idle || closes;
            }
            if (!take) return;
            out.steps.push_back(take_break(b, true));
            pending.erase(pending.begin());
        }
    }

    void fill_load(RouteEvaluation& out) const {
        std::vector<Amount> load(static_cast<size_t>(problem_.dimensions()), 0);
        for (const auto& s : out.steps)
            if (s.kind == StepKind::job)
                for (size_t k = 0; k < load.size(); ++k) load[k] += problem_.demand(s.index)[k];
        for (auto& s : out.steps) {
            if (s.kind == StepKind::job)
                for (size_t k = 0; k < load.size(); ++k) load[k] -= problem_.demand(s.index)[k];
            s.load = load;
        }
    }

    const Problem& problem_;
    const Route& given_;
    const Engineer& eng_;
    const LinkFloors& floors_;
    const RouteSlot* slot_ = nullptr;
    Index place_ = 0;
    Time now_ = 0;
};

// Violations of one timed route, each with the reason it happens.
class RouteCauses {
public:
    RouteCauses(const Problem& problem, RouteEvaluation& route, const LinkFloors& floors)
        : problem_(problem), route_(route), eng_(problem.engineer(route.engineer)), floors_(floors) {}

    void run() {
        const auto& steps = route_.steps;
        for (size_t i = 1; i + 1 < steps.size(); ++i) {
            const StepEvaluation& s = steps[i];
            if (s.kind == StepKind::job) job_causes(i);
            if (s.kind == StepKind::depot && s.window_lateness > 0) {
                const Depot& depot = problem_.depot(s.index);
                add("depot_closed", -1,
                    "Engineer " + quoted(eng_.id) + " stops at depot " + quoted(depot.id) + " at " + clock_text(s.start) +
                        ", " + duration_text(s.window_lateness) + " after it closes at " +
                        clock_text(depot.opening.back().end) + ", because " + previous_text(i) + ".");
            }
            if (s.kind == StepKind::break_ && s.window_lateness > 0) {
                const Break& br = eng_.breaks[static_cast<size_t>(s.index)];
                add("break_window", -1,
                    "Engineer " + quoted(eng_.id) + " takes break " + quoted(br.id) + " at " + clock_text(s.start) +
                        ", " + duration_text(s.window_lateness) + " after its last window closes at " +
                        clock_text(br.windows.back().end) + ", because " + previous_text(i) + ".");
            }
        }
        // Overtime up to max_overtime is allowed (and costed); beyond it the route breaks the shift.
        if (route_.overtime > eng_.max_overtime) {
            const StepEvaluation& last = steps.back();
            const TimeWindow& shift = eng_.shifts[static_cast<size_t>(route_.shift)];
            const std::string allowed =
                eng_.max_overtime > 0 ? " (" + duration_text(eng_.max_overtime) + " of overtime allowed)" : "";
            add("shift_end", -1,
                "The route of " + quoted(eng_.id) + " returns at " + clock_text(last.arrival) + ", " +
                    duration_text(route_.overtime) + " after the shift ends at " + clock_text(shift.end) + allowed +
                    ", because " + previous_text(steps.size() - 1) + " (" + duration_text(route_.travel_time) +
                    " of travel and " + duration_text(service_time()) + " of work in the route).");
        }
        capacity_causes();
        resource_causes();
        const auto jobs = std::count_if(steps.begin(), steps.end(),
                                        [](const StepEvaluation& s) { return s.kind == StepKind::job; });
        if (eng_.max_jobs && jobs > *eng_.max_jobs)
            add("max_jobs", -1,
                "Engineer " + quoted(eng_.id) + " has " + std::to_string(jobs) + " jobs in shift " +
                    std::to_string(route_.shift) + ", " + std::to_string(jobs - *eng_.max_jobs) +
                    " more than the limit of " + std::to_string(*eng_.max_jobs) + ".");
        if (eng_.max_travel_time && route_.travel_time > *eng_.max_travel_time)
            add("max_travel_time", -1,
                "Engineer " + quoted(eng_.id) + " drives " + duration_text(route_.travel_time) + " in shift " +
                    std::to_string(route_.shift) + ", " + duration_text(route_.travel_time - *eng_.max_travel_time) +
                    " more than the limit of " + duration_text(*eng_.max_travel_time) + ".");
    }

private:
    void add(const char* kind, Index job, std::string cause) {
        route_.violations.push_back(PlanViolation{kind, route_.engineer, route_.shift, job, std::move(cause)});
    }

    Duration service_time() const {
        Duration total = 0;
        for (const auto& s : route_.steps)
            if (s.kind != StepKind::start && s.kind != StepKind::end) total += s.end - s.start;
        return total;
    }

    std::string step_name(size_t i) const {
        const StepEvaluation& s = route_.steps[i];
        if (s.kind == StepKind::start) return "the start";
        if (s.kind == StepKind::end) return "the end";
        if (s.kind == StepKind::job) return "job " + quoted(problem_.job(s.index).id);
        if (s.kind == StepKind::depot) return "depot " + quoted(problem_.depot(s.index).id);
        return "break " + quoted(eng_.breaks[static_cast<size_t>(s.index)].id);
    }

    // Why step i is reached when it is: what comes before it and the drive.
    std::string previous_text(size_t i) const {
        const StepEvaluation& prev = route_.steps[i - 1];
        const StepEvaluation& s = route_.steps[i];
        // A break is taken where the engineer is: the drive starts at the last place visited.
        size_t from = i - 1;
        while (from > 0 && route_.steps[from].kind == StepKind::break_) --from;
        std::string out = "the engineer leaves " + step_name(i - 1) + " at " + clock_text(prev.end);
        if (s.travel_time > 0) out += " and the drive from " + step_name(from) + " takes " + duration_text(s.travel_time);
        return out;
    }

    void job_causes(size_t i) {
        const StepEvaluation& s = route_.steps[i];
        const Job& jb = problem_.job(s.index);
        const std::string name = "Job " + quoted(jb.id);
        if (!problem_.compatible(route_.engineer, s.index))
            if (std::string why = incompatibility(jb); !why.empty()) add("incompatible", s.index, std::move(why));
        if (s.window_lateness > 0)
            add("time_window", s.index,
                name + " starts at " + clock_text(s.start) + ", " + duration_text(s.window_lateness) +
                    " after its window closes at " + clock_text(jb.time_windows.back().end) + ", because " +
                    previous_text(i) + link_wait_text(s) + ".");
        if (jb.sla && jb.sla->hard && s.sla_lateness > 0)
            add("sla_deadline", s.index,
                name + " starts at " + clock_text(s.start) + ", " + duration_text(s.sla_lateness) +
                    " after its hard SLA deadline at " + clock_text(jb.sla->deadline) + ", because " + previous_text(i) +
                    held_back_text(s) + ".");
    }

    std::string incompatibility(const Job& jb) const {
        const std::string who = "Engineer " + quoted(eng_.id);
        for (const auto& req : jb.skills) {
            int held = 0;
            for (const auto& sk : eng_.skills)
                if (sk.skill == req.skill) held = std::max(held, sk.level);
            if (held < req.min_level)
                return who + " lacks skill " + quoted(req.skill) + " level " + std::to_string(req.min_level) +
                       " for job " + quoted(jb.id) +
                       (held > 0 ? " (holds level " + std::to_string(held) + ")." : " (does not hold it).");
        }
        if (jb.pinned_engineer && *jb.pinned_engineer != eng_.id)
            return "Job " + quoted(jb.id) + " is pinned to " + quoted(*jb.pinned_engineer) + ", not " + quoted(eng_.id) +
                   ".";
        if (std::find(jb.forbidden_engineers.begin(), jb.forbidden_engineers.end(), eng_.id) !=
            jb.forbidden_engineers.end())
            return who + " is forbidden for job " + quoted(jb.id) + ".";
        if (!jb.allowed_engineers.empty() && std::find(jb.allowed_engineers.begin(), jb.allowed_engineers.end(),
                                                       eng_.id) == jb.allowed_engineers.end())
            return who + " is not among the allowed engineers of job " + quoted(jb.id) + ".";
        // Skills and lists admit the engineer: Problem::compatible refused a
        // tool or part no van or depot has, which resource_causes states.
        return {};
    }

    void capacity_causes() {
        const auto& cap = eng_.capacity;
        const auto& load = route_.steps.front().load;
        for (size_t k = 0; k < cap.size() && k < load.size(); ++k) {
            if (load[k] <= cap[k]) continue;
            std::string parts;
            for (const auto& s : route_.steps) {
                if (s.kind != StepKind::job || problem_.demand(s.index)[k] == 0) continue;
                parts += (parts.empty() ? "" : ", ") + quoted(problem_.job(s.index).id) + " " +
                         std::to_string(problem_.demand(s.index)[k]);
            }
            add("capacity", -1,
                "Engineer " + quoted(eng_.id) + " must leave with " + std::to_string(load[k]) + " in dimension " +
                    std::to_string(k) + " (" + parts + "), " + std::to_string(load[k] - cap[k]) +
                    " more than the capacity of " + std::to_string(cap[k]) + "; the load on departure is " +
                    amounts_text(load) + ".");
        }
    }

    // Tools and parts on board along the route: the engineer's own at the
    // start of the shift, plus what each depot stop picks up of what the depot
    // has (a pickup it does not have is fsd::verify's "depot_pickup"), minus
    // the parts each job uses.
    void resource_causes() {
        std::set<std::string> tools(eng_.tools.begin(), eng_.tools.end());
        std::map<std::string, Amount> parts;
        for (const PartCount& p : eng_.stock) parts[p.part] += p.count;
        std::string stops;  // the depot stops so far, for the causes
        for (const StepEvaluation& s : route_.steps) {
            if (s.kind == StepKind::depot) {
                const Depot& depot = problem_.depot(s.index);
                for (const std::string& t : s.pickup_tools)
                    if (std::find(depot.tools.begin(), depot.tools.end(), t) != depot.tools.end()) tools.insert(t);
                for (const PartCount& p : s.pickup_parts)
                    if (p.count > 0 && std::find(depot.parts.begin(), depot.parts.end(), p.part) != depot.parts.end())
                        parts[p.part] += p.count;
                stops += (stops.empty() ? "" : ", ") + quoted(depot.id);
            }
            if (s.kind != StepKind::job) continue;
            const Job& jb = problem_.job(s.index);
            const std::string before = stops.empty() ? "no depot stop comes before it"
                                                     : "the depot stops before it (" + stops + ") pick up too little";
            for (const std::string& t : jb.tools)
                if (!tools.count(t))
                    add("tool_missing", s.index,
                        "Job " + quoted(jb.id) + " needs tool " + quoted(t) + ", which engineer " + quoted(eng_.id) +
                            " does not carry, and " +
                            (stops.empty() ? "no depot stop comes before it"
                                           : "no depot stop before it (" + stops + ") picks it up") +
                            ".");
            for (const PartCount& need : jb.parts) {
                Amount& have = parts[need.part];
                if (have < need.count)
                    add("parts_short", s.index,
                        "Job " + quoted(jb.id) + " needs " + std::to_string(need.count) + " of part " +
                            quoted(need.part) + " but engineer " + quoted(eng_.id) + " has " + std::to_string(have) +
                            " on board on arrival at " + clock_text(s.arrival) + ", " +
                            std::to_string(need.count - have) + " short (the van starts the shift with " +
                            std::to_string(own_stock(need.part)) + ", earlier jobs use some, and " + before + ").");
                have = std::max<Amount>(0, have - need.count);
            }
        }
    }

    Amount own_stock(const std::string& part) const {
        Amount n = 0;
        for (const PartCount& p : eng_.stock)
            if (p.part == part) n += p.count;
        return n;
    }

    // What held a late visit back after the drive: its linked visits, else
    // its time window opening; empty when it started on arrival.
    std::string held_back_text(const StepEvaluation& s) const {
        std::string linked = link_wait_text(s);
        if (!linked.empty()) return linked;
        return s.waiting > 0 ? " and its time window opens at " + clock_text(s.start) : "";
    }

    // " and the visits linked to it hold its start until 10:00" when a link
    // set the start (the departure may have moved so that the engineer
    // arrives just then); empty otherwise.
    std::string link_wait_text(const StepEvaluation& s) const {
        const Time floor = link_floor(floors_, s.index);
        if (floor == kTimeMin || floor != s.start) return {};
        return " and the visits linked to it hold its start until " + clock_text(floor);
    }

    const Problem& problem_;
    RouteEvaluation& route_;
    const Engineer& eng_;
    const LinkFloors& floors_;
};

// The evaluated route as a solver would state it, for fsd::verify.
Route to_route(const Problem& problem, const RouteEvaluation& ev) {
    Route route;
    route.engineer = ev.engineer;
    route.shift = ev.shift;
    for (const auto& s : ev.steps) {
        Step step;
        step.kind = s.kind;
        step.index = s.index;
        step.arrival = s.arrival;
        step.start = s.start;
        step.end = s.end;
        step.travel_time = s.travel_time;
        step.travel_distance = s.distance;
        step.lateness = s.sla_lateness;
        step.pickup_tools = s.pickup_tools;
        step.pickup_parts = s.pickup_parts;
        route.steps.push_back(step);
    }
    complete_route(problem, route);
    route.cost = ev.cost;
    return route;
}

// Verify's kinds that the route causes above already state in their words.
bool stated_by_causes(const std::string& kind) {
    static const char* const kinds[] = {"time_window",  "sla_deadline", "shift",          "break_window",
                                        "incompatible", "capacity",     "max_jobs",       "max_travel_time",
                                        "depot_closed", "tool_missing", "parts_short",    "link_partial",
                                        "link_gap",     "link_engineers"};
    return std::any_of(std::begin(kinds), std::end(kinds), [&](const char* k) { return kind == k; });
}

// Where each job is served in the evaluated routes.
struct VisitPlace {
    Index route = -1;  // index into the evaluated routes, -1 when in none
    Index step = -1;
};

std::vector<VisitPlace> visit_places(const Problem& problem, const std::vector<RouteEvaluation>& routes) {
    std::vector<VisitPlace> at(static_cast<size_t>(problem.num_jobs()));
    for (size_t r = 0; r < routes.size(); ++r)
        for (size_t i = 0; i < routes[r].steps.size(); ++i)
            if (routes[r].steps[i].kind == StepKind::job)
                at[static_cast<size_t>(routes[r].steps[i].index)] = {static_cast<Index>(r), static_cast<Index>(i)};
    return at;
}

// How the links' waiting settled: whether every link holds its gap, and in
// how many rounds of re-timing.
struct LinkTiming {
    bool settled = true;
    int rounds = 0;
};

// Links make routes wait for each other. Every route is first timed alone;
// then, round by round, each linked visit's earliest start is raised from
// its partners' current starts (the second no earlier than the first's start
// plus min_gap, the first no earlier than the second's start minus max_gap)
// and the routes whose visits must move are re-timed. Starts only grow, so a
// plan whose links can hold settles within one round per link; one that is
// still moving after (links + 2) rounds has a cycle of waits that cannot hold,
// and its broken gaps are stated as causes.
LinkTiming settle_links(const Problem& problem, const std::vector<const Route*>& given,
                        std::vector<RouteEvaluation>& routes, LinkFloors& floors) {
    floors.assign(static_cast<size_t>(problem.num_jobs()), kTimeMin);
    const int max_rounds = static_cast<int>(problem.num_links()) + 2;
    LinkTiming timing;
    for (;;) {
        const std::vector<VisitPlace> at = visit_places(problem, routes);
        std::vector<bool> retime(routes.size(), false);
        const auto start_of = [&](Index j) {
            const VisitPlace& p = at[static_cast<size_t>(j)];
            return routes[static_cast<size_t>(p.route)].steps[static_cast<size_t>(p.step)].start;
        };
        const auto raise = [&](Index j, Time earliest) {
            Time& floor = floors[static_cast<size_t>(j)];
            floor = std::max(floor, earliest);
            if (start_of(j) < floor) retime[static_cast<size_t>(at[static_cast<size_t>(j)].route)] = true;
        };
        for (Index k = 0; k < problem.num_links(); ++k) {
            const Index a = problem.link_first(k), b = problem.link_second(k);
            if (at[static_cast<size_t>(a)].route < 0 || at[static_cast<size_t>(b)].route < 0) continue;
            const JobLink& link = problem.links()[static_cast<size_t>(k)];
            const Time sa = start_of(a), sb = start_of(b);
            raise(b, sa + link.min_gap);
            raise(a, sb - link.max_gap);
        }
        if (std::none_of(retime.begin(), retime.end(), [](bool x) { return x; })) return timing;
        if (timing.rounds == max_rounds) {
            timing.settled = false;
            return timing;
        }
        ++timing.rounds;
        for (size_t r = 0; r < routes.size(); ++r)
            if (retime[r]) routes[r] = RouteTimer(problem, *given[r], floors).run();
    }
}

// Each broken link of the timed plan, with its cause.
void link_causes(const Problem& problem, const std::vector<RouteEvaluation>& routes, const LinkTiming& timing,
                 std::vector<PlanViolation>& out) {
    const std::vector<VisitPlace> at = visit_places(problem, routes);
    for (Index k = 0; k < problem.num_links(); ++k) {
        const JobLink& link = problem.links()[static_cast<size_t>(k)];
        const Index a = problem.link_first(k), b = problem.link_second(k);
        const VisitPlace pa = at[static_cast<size_t>(a)], pb = at[static_cast<size_t>(b)];
        const std::string ida = quoted(problem.job(a).id), idb = quoted(problem.job(b).id);
        const std::string which = " (link " + std::to_string(k) + ")";
        if (pa.route < 0 && pb.route < 0) continue;
        if (pa.route < 0 || pb.route < 0) {
            const bool first_in = pa.route >= 0;
            const RouteEvaluation& r = routes[static_cast<size_t>(first_in ? pa.route : pb.route)];
            const StepEvaluation& s = r.steps[static_cast<size_t>(first_in ? pa.step : pb.step)];
            out.push_back(PlanViolation{
                "link_partial", r.engineer, r.shift, first_in ? b : a,
                "Job " + (first_in ? ida : idb) + " is served by " + quoted(problem.engineer(r.engineer).id) + " at " +
                    clock_text(s.start) + " but job " + (first_in ? idb : ida) + ", linked to it" + which +
                    ", is in no route; linked visits are served together or not at all."});
            continue;
        }
        const RouteEvaluation& ra = routes[static_cast<size_t>(pa.route)];
        const RouteEvaluation& rb = routes[static_cast<size_t>(pb.route)];
        const Time sa = ra.steps[static_cast<size_t>(pa.step)].start;
        const Time sb = rb.steps[static_cast<size_t>(pb.step)].start;
        const std::string ea = quoted(problem.engineer(ra.engineer).id), eb = quoted(problem.engineer(rb.engineer).id);
        if (link.engineers == LinkEngineers::same && ra.engineer != rb.engineer)
            out.push_back(PlanViolation{"link_engineers", rb.engineer, rb.shift, b,
                                        "Jobs " + ida + " and " + idb + " are linked for one engineer" + which +
                                            ", but " + ea + " serves " + ida + " and " + eb + " serves " + idb + "."});
        if (link.engineers == LinkEngineers::different && ra.engineer == rb.engineer)
            out.push_back(PlanViolation{"link_engineers", rb.engineer, rb.shift, b,
                                        "Jobs " + ida + " and " + idb + " need two different engineers" + which +
                                            ", but " + ea + " serves both."});
        const Duration gap = sb - sa;
        if (gap >= link.min_gap && gap <= link.max_gap) continue;
        // Settled links always hold their gaps (a visit can always wait), so
        // a broken gap means the waits went round a cycle.
        const std::string bounds =
            link.min_gap == link.max_gap
                ? "exactly " + duration_text(link.min_gap)
                : "between " + duration_text(link.min_gap) + " and " + duration_text(link.max_gap);
        out.push_back(PlanViolation{
            "link_gap", rb.engineer, rb.shift, b,
            "Job " + idb + " starts at " + clock_text(sb) + ", " +
                (gap >= 0 ? duration_text(gap) + " after" : duration_text(-gap) + " before") + " job " + ida + " at " +
                clock_text(sa) + ", but must start " + bounds + " after it" + which +
                (timing.settled ? "."
                                : ", because the waits the links ask for go round in a cycle that cannot hold (still "
                                  "moving after " + std::to_string(timing.rounds) + " rounds of re-timing).")});
    }
}

}  // namespace

PlanEvaluation evaluate_plan(const Problem& problem, const Solution& routes_as_given) {
    check_indices(problem, routes_as_given);
    PlanEvaluation out;
    std::vector<const Route*> given;
    for (const Route& r : routes_as_given.routes) {
        const bool any_job =
            std::any_of(r.steps.begin(), r.steps.end(), [](const Step& s) { return s.kind == StepKind::job; });
        if (any_job) given.push_back(&r);  // an unused shift is not a route
    }
    LinkFloors floors;
    for (const Route* r : given) out.routes.push_back(RouteTimer(problem, *r, floors).run());
    const LinkTiming links = problem.num_links() > 0 ? settle_links(problem, given, out.routes, floors) : LinkTiming{};

    std::vector<bool> served(static_cast<size_t>(problem.num_jobs()), false);
    for (RouteEvaluation& ev : out.routes) {
        RouteCauses(problem, ev, floors).run();
        for (const auto& s : ev.steps)
            if (s.kind == StepKind::job) served[static_cast<size_t>(s.index)] = true;
        out.timed.routes.push_back(to_route(problem, ev));
        out.violations.insert(out.violations.end(), ev.violations.begin(), ev.violations.end());
    }
    if (problem.num_links() > 0) link_causes(problem, out.routes, links, out.violations);
    for (Index j = 0; j < problem.num_jobs(); ++j) {
        if (served[static_cast<size_t>(j)]) continue;
        const Job& jb = problem.job(j);
        Unassigned u;  // field by field: Unassigned may gain members
        u.job = j;
        u.reason = jb.optional ? UnassignedReason::too_costly : UnassignedReason::not_inserted;
        u.detail = "left out of the plan";
        out.timed.unassigned.push_back(std::move(u));
        if (!jb.optional)
            out.violations.push_back(PlanViolation{
                "unserved", -1, -1, j,
                "Job " + quoted(jb.id) + " is mandatory but in no route; leaving it out costs " +
                    std::to_string(problem.unassigned_cost(j)) + "."});
    }

    // The objective, and anything the causes above do not cover (a break taken
    // in another shift's window, ...), come from the independent checker.
    const VerifyReport report = verify(problem, out.timed);
    out.objective = report.objective;
    out.timed.objective = report.objective;
    for (const Violation& v : report.violations) {
        if (stated_by_causes(v.kind) || v.kind == "objective") continue;
        const Route* r = v.route >= 0 ? &out.timed.routes[static_cast<size_t>(v.route)] : nullptr;
        out.violations.push_back(
            PlanViolation{v.kind, r ? r->engineer : -1, r ? r->shift : -1, v.job, v.message});
    }

    PlanFigures& f = out.figures;
    f.objective = out.objective.total();
    for (const auto& r : out.routes) {
        f.travel_time += r.travel_time;
        f.distance += r.distance;
        f.lateness += r.lateness;
        f.overtime += r.overtime;
        f.served += static_cast<int>(std::count_if(r.steps.begin(), r.steps.end(),
                                                   [](const StepEvaluation& s) { return s.kind == StepKind::job; }));
    }
    f.violations = static_cast<int>(out.violations.size());
    return out;
}

}  // namespace fsd
