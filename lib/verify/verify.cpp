// The independent checker. Every figure is recomputed here from the Problem's
// raw data (engineers, jobs, matrices); nothing is borrowed from lib/route, so
// a bug in the solver's evaluation cannot hide itself.
#include "fsd/verify.hpp"

#include "fsd/model/service_duration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace fsd {
namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }
std::string num(long long v) { return std::to_string(v); }
std::string amounts(const std::vector<Amount>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + num(v[i]);
    return out + "]";
}

// Saturating arithmetic: a solution read from outside may hold absurd values,
// and checking it must report them, not overflow.
std::int64_t sat_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    return r;
}
std::int64_t sat_sub(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r))
        return b < 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    return r;
}
std::int64_t sat_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        return (a < 0) != (b < 0) ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    return r;
}

// Integer division rounding half up; costs and travel are never negative.
Cost div_round_half_up(Cost numerator, Cost denominator) { return sat_add(numerator, denominator / 2) / denominator; }

// Travel time as engineer `eng` drives it, straight from the design's rule:
// the base duration divided by the speed factor, rounded to the nearest second.
Duration engineer_travel(const Problem& problem, const Engineer& eng, Index from, Index to) {
    const Duration base = problem.base_durations()(from, to);
    if (eng.speed_factor == 1.0) return base;
    return static_cast<Duration>(std::llround(static_cast<double>(base) / eng.speed_factor));
}

// Figures of one route as recomputed, compared against what the route states.
struct RouteFigures {
    Duration travel_time = 0;
    Distance distance = 0;
    Duration service_time = 0;
    Duration waiting_time = 0;
    Duration working_time = 0;
    Duration lateness = 0;
    Cost cost = 0;
};

class Checker {
public:
    Checker(const Problem& problem, const Solution& solution)
        : problem_(problem),
          solution_(solution),
          places_(static_cast<size_t>(problem.num_jobs()), 0),
          working_(static_cast<size_t>(problem.num_engineers()), 0) {}

    VerifyReport run() {
        find_served();
        for (size_t r = 0; r < solution_.routes.size(); ++r) check_route(static_cast<Index>(r));
        check_links();
        check_unassigned();
        check_job_places();
        check_objective();
        return std::move(report_);
    }

private:
    void add(const char* kind, Index route, Index step, Index job, std::string message) {
        report_.violations.push_back(Violation{kind, route, step, job, std::move(message)});
    }

    std::string job_name(Index j) const { return "job " + quoted(problem_.job(j).id); }
    std::string route_name(const Route& route) const {
        return "Engineer " + quoted(problem_.engineer(route.engineer).id) + ", shift " + num(route.shift);
    }

    // Like route_name, but usable before the engineer index is checked.
    std::string safe_route_name(Index r, const Route& route) const {
        if (route.engineer >= 0 && route.engineer < problem_.num_engineers()) return route_name(route);
        return "Route " + num(r);
    }

    // Skills with levels, pin, allowed and forbidden lists, read from the raw
    // engineer and job rather than Problem::compatible.
    bool may_serve(Index e, Index j) const {
        const Engineer& eng = problem_.engineer(e);
        const Job& job = problem_.job(j);
        for (const auto& req : job.skills) {
            bool held = false;
            for (const auto& s : eng.skills) held = held || (s.skill == req.skill && s.level >= req.min_level);
            if (!held) return false;
        }
        if (job.pinned_engineer && *job.pinned_engineer != eng.id) return false;
        if (!job.allowed_engineers.empty() && std::find(job.allowed_engineers.begin(), job.allowed_engineers.end(),
                                                        eng.id) == job.allowed_engineers.end())
            return false;
        return std::find(job.forbidden_engineers.begin(), job.forbidden_engineers.end(), eng.id) ==
               job.forbidden_engineers.end();
    }

    // Why engineer e may not serve job j, as a phrase; empty when it may.
    std::string incompatibility(Index e, Index j) const {
        const Engineer& eng = problem_.engineer(e);
        const Job& job = problem_.job(j);
        for (const auto& req : job.skills) {
            bool held = false;
            for (const auto& s : eng.skills) held = held || (s.skill == req.skill && s.level >= req.min_level);
            if (!held) return "lacks skill " + quoted(req.skill) + " at level " + num(req.min_level);
        }
        if (job.pinned_engineer && *job.pinned_engineer != eng.id)
            return "is not the engineer the job is pinned to (" + quoted(*job.pinned_engineer) + ")";
        if (!job.allowed_engineers.empty() && std::find(job.allowed_engineers.begin(), job.allowed_engineers.end(),
                                                        eng.id) == job.allowed_engineers.end())
            return "is not in the job's allowed engineers";
        if (std::find(job.forbidden_engineers.begin(), job.forbidden_engineers.end(), eng.id) !=
            job.forbidden_engineers.end())
            return "is in the job's forbidden engineers";
        return {};
    }

    static bool in_windows(const std::vector<TimeWindow>& windows, Time t) {
        if (windows.empty()) return true;
        return std::any_of(windows.begin(), windows.end(), [t](const TimeWindow& w) { return w.contains(t); });
    }

    // Whether engineer e could get every tool and part job j needs: on the
    // van at the start of the shift, or at some depot of the problem.
    bool obtainable(Index e, Index j) const {
        const Engineer& eng = problem_.engineer(e);
        const Job& job = problem_.job(j);
        const auto lent = [this](const std::string& tool) {
            for (const Depot& d : problem_.depots())
                if (std::find(d.tools.begin(), d.tools.end(), tool) != d.tools.end()) return true;
            return false;
        };
        const auto stocked = [this](const std::string& part) {
            for (const Depot& d : problem_.depots())
                if (std::find(d.parts.begin(), d.parts.end(), part) != d.parts.end()) return true;
            return false;
        };
        for (const std::string& tool : job.tools)
            if (std::find(eng.tools.begin(), eng.tools.end(), tool) == eng.tools.end() && !lent(tool)) return false;
        for (const PartCount& need : job.parts) {
            Amount own = 0;
            for (const PartCount& p : eng.stock)
                if (p.part == need.part) own = sat_add(own, p.count);
            if (own < need.count && !stocked(need.part)) return false;
        }
        return true;
    }

    // Demand of job j padded to the problem's dimensions (empty = zero).
    std::vector<Amount> demand_of(Index j) const {
        const auto& d = problem_.job(j).demand;
        return d.empty() ? std::vector<Amount>(static_cast<size_t>(problem_.dimensions()), 0) : d;
    }

    void check_route(Index r) {
        const Route& route = solution_.routes[static_cast<size_t>(r)];
        const auto& steps = route.steps;

        // Jobs are accounted for whatever else is wrong with the route, so a
        // broken route does not also make its jobs look missing.
        bool indices_ok = true;
        for (size_t i = 0; i < steps.size(); ++i) {
            if (steps[i].kind != StepKind::job) continue;
            const Index j = steps[i].index;
            if (j < 0 || j >= problem_.num_jobs()) {
                add("job_unknown", r, static_cast<Index>(i), j,
                    safe_route_name(r, route) + ", step " + num(static_cast<long long>(i)) + ": job index " + num(j) +
                        " does not exist (the problem has " + num(problem_.num_jobs()) + " jobs).");
                indices_ok = false;
            } else {
                ++places_[static_cast<size_t>(j)];
            }
        }

        for (size_t i = 0; i < steps.size(); ++i) {
            const Step& s = steps[i];
            const std::string at = safe_route_name(r, route) + ", step " + num(static_cast<long long>(i));
            if (s.kind == StepKind::depot && (s.index < 0 || s.index >= problem_.num_depots())) {
                add("depot_unknown", r, static_cast<Index>(i), -1,
                    at + ": depot index " + num(s.index) + " does not exist (the problem has " +
                        num(problem_.num_depots()) + " depots).");
                indices_ok = false;
            }
            if (s.kind != StepKind::depot && (!s.pickup_tools.empty() || !s.pickup_parts.empty()))
                add("depot_pickup", r, static_cast<Index>(i), -1,
                    at + ": only a depot step may pick up tools or parts.");
        }

        if (route.engineer < 0 || route.engineer >= problem_.num_engineers()) {
            add("unknown_route", r, -1, -1,
                "Route " + num(r) + " names engineer index " + num(route.engineer) +
                    ", which does not exist (the problem has " + num(problem_.num_engineers()) + " engineers).");
            return;
        }
        const Engineer& eng = problem_.engineer(route.engineer);
        if (route.shift < 0 || route.shift >= static_cast<Index>(eng.shifts.size())) {
            add("unknown_route", r, -1, -1,
                "Route " + num(r) + " names shift " + num(route.shift) + " of engineer " + quoted(eng.id) +
                    ", who has " + num(static_cast<long long>(eng.shifts.size())) + " shifts.");
            return;
        }
        const std::string where = route_name(route);
        if (!seen_slots_.emplace(std::make_pair(route.engineer, route.shift), r).second)
            add("duplicate_route", r, -1, -1,
                where + " is planned twice (routes " + num(seen_slots_[{route.engineer, route.shift}]) + " and " +
                    num(r) + ").");

        // Shape: start, (job|break|depot)*, end, with at least one job.
        bool shape_ok =
            steps.size() >= 2 && steps.front().kind == StepKind::start && steps.back().kind == StepKind::end;
        for (size_t i = 1; shape_ok && i + 1 < steps.size(); ++i)
            shape_ok = steps[i].kind == StepKind::job || steps[i].kind == StepKind::break_ ||
                       steps[i].kind == StepKind::depot;
        if (!shape_ok)
            add("route_shape", r, -1, -1,
                where + ": the steps are not a start, then jobs, breaks and depot stops, then an end.");
        const auto job_steps =
            std::count_if(steps.begin(), steps.end(), [](const Step& s) { return s.kind == StepKind::job; });
        if (job_steps == 0)
            add("route_shape", r, -1, -1, where + " serves no job; an unused shift must be left out of the solution.");

        // Breaks: each index must be one of this slot's breaks, each taken once.
        const RouteSlot* slot = nullptr;
        for (const auto& s : problem_.slots())
            if (s.engineer == route.engineer && s.shift == route.shift) slot = &s;
        const std::vector<Index> slot_breaks = slot ? slot->breaks : std::vector<Index>{};
        std::map<Index, int> break_count;
        for (size_t i = 0; i < steps.size(); ++i) {
            if (steps[i].kind != StepKind::break_) continue;
            const Index b = steps[i].index;
            if (b < 0 || b >= static_cast<Index>(eng.breaks.size())) {
                add("break_unknown", r, static_cast<Index>(i), -1,
                    where + ", step " + num(static_cast<long long>(i)) + ": break index " + num(b) +
                        " is not one of the engineer's breaks.");
                indices_ok = false;
            } else if (std::find(slot_breaks.begin(), slot_breaks.end(), b) == slot_breaks.end()) {
                add("break_unknown", r, static_cast<Index>(i), -1,
                    where + ", step " + num(static_cast<long long>(i)) + ": break " +
                        quoted(eng.breaks[static_cast<size_t>(b)].id) + " does not belong to this shift.");
            } else {
                ++break_count[b];
            }
        }
        for (Index b : slot_breaks) {
            const int n = break_count[b];
            const std::string bname = quoted(eng.breaks[static_cast<size_t>(b)].id);
            if (n == 0) add("break_missing", r, -1, -1, where + ": break " + bname + " is not taken.");
            if (n > 1) add("break_twice", r, -1, -1, where + ": break " + bname + " is taken " + num(n) + " times.");
        }

        // Compatibility of every job with this engineer.
        for (size_t i = 0; i < steps.size(); ++i) {
            const Index j = steps[i].index;
            if (steps[i].kind != StepKind::job || j < 0 || j >= problem_.num_jobs()) continue;
            const std::string why = incompatibility(route.engineer, j);
            if (!why.empty())
                add("incompatible", r, static_cast<Index>(i), j,
                    where + ": " + job_name(j) + " is assigned to " + quoted(eng.id) + ", who " + why + ".");
        }

        if (eng.max_jobs && job_steps > *eng.max_jobs)
            add("max_jobs", r, -1, -1,
                where + ": " + num(static_cast<long long>(job_steps)) + " jobs exceed the limit of " +
                    num(*eng.max_jobs) + ".");

        // Timing, load and figures need a well-formed route with known indices.
        if (!shape_ok || !indices_ok) return;
        check_route_timing(r, route, eng, where);
    }

    void check_route_timing(Index r, const Route& route, const Engineer& eng, const std::string& where) {
        const auto& steps = route.steps;
        const Index e = route.engineer;
        const DistanceMatrix& distances = problem_.distances();
        const size_t dims = static_cast<size_t>(problem_.dimensions());
        const TimeWindow& shift = eng.shifts[static_cast<size_t>(route.shift)];

        // Load on departure: every demand of the route, consumed on site.
        std::vector<Amount> load(dims, 0);
        for (const auto& s : steps)
            if (s.kind == StepKind::job) {
                const auto d = demand_of(s.index);
                for (size_t k = 0; k < dims && k < d.size(); ++k) load[k] = sat_add(load[k], d[k]);
            }
        for (size_t k = 0; k < dims && k < eng.capacity.size(); ++k)
            if (load[k] > eng.capacity[k])
                add("capacity", r, 0, -1,
                    where + ": the load on departure in dimension " + num(static_cast<long long>(k)) + " is " +
                        num(load[k]) + ", above the capacity of " + num(eng.capacity[k]) + ".");

        RouteFigures fig;
        const Step& first = steps.front();
        if (first.arrival != first.start || first.end != first.start || first.waiting != 0 || first.travel_time != 0 ||
            first.travel_distance != 0)
            add("timing", r, 0, -1,
                where + ": the start step must have arrival = start = end and no waiting or travel.");
        if (first.lateness != 0)
            add("step_lateness", r, 0, -1,
                where + ": the start step states lateness " + num(first.lateness) + " instead of 0.");
        if (first.load != load)
            add("capacity", r, 0, -1,
                where + ": the start step states the load " + amounts(first.load) + " but " + amounts(load) +
                    " is on board.");
        if (first.end < shift.start)
            add("shift", r, 0, -1,
                where + ": departure at " + num(first.end) + " is before the shift starts at " + num(shift.start) +
                    ".");

        // Tools and parts on board: the engineer's own at the start of every
        // shift, plus what depot stops pick up, minus the parts jobs use.
        std::set<std::string> tools(eng.tools.begin(), eng.tools.end());
        std::map<std::string, Amount> parts;
        for (const PartCount& p : eng.stock) parts[p.part] = sat_add(parts[p.part], p.count);

        Index place = problem_.start_location(e);
        Cost leg_costs = 0;
        for (size_t i = 1; i < steps.size(); ++i) {
            const Step& prev = steps[i - 1];
            const Step& s = steps[i];
            const Index si = static_cast<Index>(i);
            Index next_place = place;
            Duration duration = 0;
            std::string what;
            Index job = -1;
            if (s.kind == StepKind::job) {
                job = s.index;
                next_place = problem_.job_location(job);
                duration = service_duration(problem_.job(job), eng);
                what = job_name(job);
            } else if (s.kind == StepKind::break_) {
                duration = eng.breaks[static_cast<size_t>(s.index)].duration;
                what = "break " + quoted(eng.breaks[static_cast<size_t>(s.index)].id);
            } else if (s.kind == StepKind::depot) {
                next_place = problem_.depot_location(s.index);
                duration = problem_.depot(s.index).duration;
                what = "depot " + quoted(problem_.depot(s.index).id);
            } else {
                next_place = problem_.end_location(e);
                what = "the end step";
            }
            const std::string at = where + ", " + what + " (step " + num(si) + ")";
            // A break is taken where the engineer is: no travel to it.
            const bool moves = s.kind != StepKind::break_;
            const Duration travel = moves ? engineer_travel(problem_, eng, place, next_place) : 0;
            const Distance dist = moves ? distances(place, next_place) : 0;
            place = next_place;
            fig.travel_time = sat_add(fig.travel_time, travel);
            fig.distance = sat_add(fig.distance, dist);
            leg_costs = sat_add(leg_costs, sat_add(div_round_half_up(sat_mul(eng.costs.per_hour, travel), 3600),
                                                   div_round_half_up(sat_mul(eng.costs.per_km, dist), 1000)));

            if (s.travel_time != travel)
                add("timing", r, si, job,
                    at + ": travel time is stated " + num(s.travel_time) + " but the matrix gives " + num(travel) +
                        ".");
            if (s.travel_distance != dist)
                add("timing", r, si, job,
                    at + ": travel distance is stated " + num(s.travel_distance) + " but the matrix gives " +
                        num(dist) + ".");
            if (s.arrival != sat_add(prev.end, travel))
                add("timing", r, si, job,
                    at + ": arrival " + num(s.arrival) + " differs from the previous end plus travel (" +
                        num(sat_add(prev.end, travel)) + ").");
            if (s.start < s.arrival)
                add("timing", r, si, job,
                    at + ": starts at " + num(s.start) + ", before arriving at " + num(s.arrival) + ".");
            if (s.waiting != sat_sub(s.start, s.arrival))
                add("timing", r, si, job,
                    at + ": waiting is stated " + num(s.waiting) + " but start minus arrival is " +
                        num(sat_sub(s.start, s.arrival)) + ".");
            if (s.end != sat_add(s.start, duration))
                add("timing", r, si, job,
                    at + ": ends at " + num(s.end) + " instead of start plus duration (" +
                        num(sat_add(s.start, duration)) + ").");
            if (s.kind == StepKind::end && s.start != s.arrival)
                add("timing", r, si, job, at + ": the end step must start when it arrives.");
            fig.waiting_time = sat_add(fig.waiting_time, sat_sub(s.start, s.arrival));

            Duration lateness = 0;
            if (s.kind == StepKind::job) {
                const Job& jb = problem_.job(job);
                fig.service_time = sat_add(fig.service_time, duration);
                // Compared by id, not through Problem's index, like compatibility.
                if (jb.preferred_engineer && *jb.preferred_engineer != eng.id)
                    preference_cost_ = sat_add(preference_cost_, jb.preference_cost);
                if (!in_windows(jb.time_windows, s.start))
                    add("time_window", r, si, job,
                        at + ": service starts at " + num(s.start) + ", outside all of its time windows.");
                if (jb.sla) {
                    lateness = std::max<Duration>(0, sat_sub(s.start, jb.sla->deadline));
                    lateness_cost_ = sat_add(lateness_cost_, sat_mul(lateness, jb.sla->lateness_cost_per_second));
                    // The max_lateness part looks at soft deadlines only: a hard one may not be missed at all.
                    if (!jb.sla->hard) max_soft_lateness_ = std::max(max_soft_lateness_, lateness);
                    if (jb.sla->hard && lateness > 0)
                        add("sla_deadline", r, si, job,
                            at + ": service starts at " + num(s.start) + ", after the hard SLA deadline " +
                                num(jb.sla->deadline) + ".");
                }
                const auto d = demand_of(job);
                for (size_t k = 0; k < dims && k < d.size(); ++k) load[k] = sat_sub(load[k], d[k]);
            } else if (s.kind == StepKind::break_) {
                if (!in_windows(eng.breaks[static_cast<size_t>(s.index)].windows, s.start))
                    add("break_window", r, si, -1,
                        at + ": the break starts at " + num(s.start) + ", outside all of its windows.");
            } else if (s.kind == StepKind::depot) {
                check_depot_stop(r, si, s, at, tools, parts);
            }
            if (s.kind == StepKind::job) check_job_resources(r, si, job, at, tools, parts);
            fig.lateness = sat_add(fig.lateness, lateness);
            if (s.lateness != lateness)
                add("step_lateness", r, si, job,
                    at + ": lateness is stated " + num(s.lateness) + " but is " + num(lateness) + ".");
            if (s.load != load)
                add("capacity", r, si, job,
                    at + ": the load after the step is stated " + amounts(s.load) + " but is " + amounts(load) + ".");
        }

        const Step& last = steps.back();
        const Time hard_end = sat_add(shift.end, eng.max_overtime);
        if (last.arrival > hard_end) {
            if (eng.max_overtime > 0)
                add("shift", r, static_cast<Index>(steps.size() - 1), -1,
                    where + ": the route ends at " + num(last.arrival) + ", after the limit of " + num(hard_end) +
                        " (the shift ends at " + num(shift.end) + ", plus " + num(eng.max_overtime) +
                        " s of overtime allowed).");
            else
                add("shift", r, static_cast<Index>(steps.size() - 1), -1,
                    where + ": the route ends at " + num(last.arrival) + ", after the shift ends at " + num(shift.end) +
                        ".");
        }
        // Overtime is costed even beyond the limit, like lateness past a hard deadline.
        const Duration overtime = std::max<Duration>(0, sat_sub(last.arrival, shift.end));
        overtime_cost_ = sat_add(overtime_cost_, div_round_half_up(sat_mul(eng.costs.overtime_per_hour, overtime), 3600));
        if (eng.max_travel_time && fig.travel_time > *eng.max_travel_time)
            add("max_travel_time", r, -1, -1,
                where + ": travel time " + num(fig.travel_time) + " exceeds the limit of " + num(*eng.max_travel_time) +
                    ".");

        fig.working_time = sat_sub(last.arrival, first.end);
        // Paid working time is priced per route, rounded half up, in the travel part.
        const Cost working_cost = div_round_half_up(sat_mul(eng.costs.per_working_hour, fig.working_time), 3600);
        fig.cost = sat_mul(problem_.weights().travel, sat_add(sat_add(eng.costs.fixed, leg_costs), working_cost));
        compare_figure(r, where, "travel_time", route.travel_time, fig.travel_time);
        compare_figure(r, where, "distance", route.distance, fig.distance);
        compare_figure(r, where, "service_time", route.service_time, fig.service_time);
        compare_figure(r, where, "waiting_time", route.waiting_time, fig.waiting_time);
        compare_figure(r, where, "working_time", route.working_time, fig.working_time);
        compare_figure(r, where, "lateness", route.lateness, fig.lateness);
        compare_figure(r, where, "cost", route.cost, fig.cost);

        travel_cost_ = sat_add(travel_cost_, fig.cost);
        working_[static_cast<size_t>(e)] = sat_add(working_[static_cast<size_t>(e)], fig.working_time);
    }

    // A depot stop: open when it starts, and picking up only what the depot
    // lends or stocks; what it picks up goes on board.
    void check_depot_stop(Index r, Index si, const Step& s, const std::string& at, std::set<std::string>& tools,
                          std::map<std::string, Amount>& parts) {
        const Depot& depot = problem_.depot(s.index);
        if (!in_windows(depot.opening, s.start))
            add("depot_closed", r, si, -1, at + ": the stop starts at " + num(s.start) + ", when the depot is closed.");
        for (const std::string& tool : s.pickup_tools) {
            if (std::find(depot.tools.begin(), depot.tools.end(), tool) == depot.tools.end())
                add("depot_pickup", r, si, -1, at + ": picks up tool " + quoted(tool) + ", which the depot does not lend.");
            else
                tools.insert(tool);
        }
        for (const PartCount& p : s.pickup_parts) {
            if (std::find(depot.parts.begin(), depot.parts.end(), p.part) == depot.parts.end())
                add("depot_pickup", r, si, -1,
                    at + ": picks up part " + quoted(p.part) + ", which the depot does not stock.");
            else if (p.count <= 0)
                add("depot_pickup", r, si, -1,
                    at + ": picks up " + num(p.count) + " of part " + quoted(p.part) + "; a count must be above 0.");
            else
                parts[p.part] = sat_add(parts[p.part], p.count);
        }
    }

    // A job step: every tool on board, every part's count on board covering
    // the need (then used up; a shortfall is reported once and empties it).
    void check_job_resources(Index r, Index si, Index j, const std::string& at, const std::set<std::string>& tools,
                             std::map<std::string, Amount>& parts) {
        const Job& job = problem_.job(j);
        for (const std::string& tool : job.tools)
            if (!tools.count(tool))
                add("tool_missing", r, si, j,
                    at + ": needs tool " + quoted(tool) + ", which is neither in the van nor picked up before.");
        for (const PartCount& need : job.parts) {
            Amount& have = parts[need.part];
            if (have < need.count)
                add("parts_short", r, si, j,
                    at + ": needs " + num(need.count) + " of part " + quoted(need.part) + " but " + num(have) +
                        " are on board.");
            have = std::max<Amount>(0, sat_sub(have, need.count));
        }
    }

    void compare_figure(Index r, const std::string& where, const char* name, long long stated, long long actual) {
        if (stated != actual)
            add("route_figures", r, -1, -1,
                where + ": the route's " + name + " is stated " + num(stated) + " but is " + num(actual) + ".");
    }

    void check_unassigned() {
        for (const auto& u : solution_.unassigned) {
            if (u.job < 0 || u.job >= problem_.num_jobs()) {
                add("job_unknown", -1, -1, u.job,
                    "An unassigned entry names job index " + num(u.job) + ", which does not exist (the problem has " +
                        num(problem_.num_jobs()) + " jobs).");
                continue;
            }
            ++places_[static_cast<size_t>(u.job)];
            if (u.reason == UnassignedReason::linked_visit_out) {
                check_linked_visit_out(u.job);
                continue;
            }
            if (u.reason == UnassignedReason::parts_unavailable) {
                for (Index e = 0; e < problem_.num_engineers(); ++e) {
                    if (!may_serve(e, u.job) || !obtainable(e, u.job)) continue;
                    add("unassigned_reason", -1, -1, u.job,
                        job_name(u.job) + " is reported as needing a tool or part nobody can get, but engineer " +
                            quoted(problem_.engineer(e).id) + " can get them all.");
                    break;
                }
                continue;
            }
            if (u.reason != UnassignedReason::no_qualified_engineer) continue;
            for (Index e = 0; e < problem_.num_engineers(); ++e) {
                if (!may_serve(e, u.job)) continue;
                add("unassigned_reason", -1, -1, u.job,
                    job_name(u.job) + " is reported as having no qualified engineer, but engineer " +
                        quoted(problem_.engineer(e).id) + " may serve it.");
                break;
            }
        }
    }

    void check_job_places() {
        for (Index j = 0; j < problem_.num_jobs(); ++j) {
            const int n = places_[static_cast<size_t>(j)];
            if (n == 0)
                add("job_missing", -1, -1, j, job_name(j) + " is neither in a route nor in the unassigned list.");
            else if (n > 1)
                add("job_twice", -1, -1, j,
                    job_name(j) + " appears " + num(n) + " times across the routes and the unassigned list.");
            // A job served nowhere costs its unassigned price, whatever else is wrong.
            if (!served_at_[static_cast<size_t>(j)]) {
                const Job& jb = problem_.job(j);
                unassigned_cost_ =
                    sat_add(unassigned_cost_,
                            jb.optional ? jb.penalty : sat_mul(problem_.weights().unassigned, 1 + jb.priority));
            }
        }
    }

    void check_objective() {
        const ObjectiveWeights& w = problem_.weights();
        ObjectiveParts& obj = report_.objective;
        obj.unassigned = unassigned_cost_;
        obj.lateness = sat_mul(w.lateness, lateness_cost_);
        obj.travel = travel_cost_;
        obj.preference = sat_mul(w.preference, preference_cost_);
        obj.overtime = sat_mul(w.overtime, overtime_cost_);
        obj.max_lateness = sat_mul(w.max_lateness, max_soft_lateness_);
        if (!working_.empty()) {
            const auto [lo, hi] = std::minmax_element(working_.begin(), working_.end());
            obj.balance = sat_mul(w.balance, sat_sub(*hi, *lo));
        }
        const ObjectiveParts& stated = solution_.objective;
        const std::pair<const char*, std::pair<Cost, Cost>> parts[] = {
            {"unassigned", {stated.unassigned, obj.unassigned}},
            {"lateness", {stated.lateness, obj.lateness}},
            {"travel", {stated.travel, obj.travel}},
            {"balance", {stated.balance, obj.balance}},
            {"preference", {stated.preference, obj.preference}},
            {"overtime", {stated.overtime, obj.overtime}},
            {"max_lateness", {stated.max_lateness, obj.max_lateness}},
        };
        for (const auto& [name, values] : parts)
            if (values.first != values.second)
                add("objective", -1, -1, -1,
                    std::string("The objective's ") + name + " part is stated " + num(values.first) + " but is " +
                        num(values.second) + ".");
    }

    // Where each job is served: its first job step in the routes (a second
    // one is "job_twice"); none when no route serves it.
    struct Place {
        Index route = -1;
        Index step = -1;
    };
    void find_served() {
        served_at_.assign(static_cast<size_t>(problem_.num_jobs()), std::nullopt);
        for (size_t r = 0; r < solution_.routes.size(); ++r) {
            const auto& steps = solution_.routes[r].steps;
            for (size_t i = 0; i < steps.size(); ++i) {
                const Index j = steps[i].index;
                if (steps[i].kind != StepKind::job || j < 0 || j >= problem_.num_jobs()) continue;
                auto& at = served_at_[static_cast<size_t>(j)];
                if (!at) at = Place{static_cast<Index>(r), static_cast<Index>(i)};
            }
        }
    }

    std::string link_name(Index k) const {
        return "The link of " + job_name(problem_.link_first(k)) + " to " + job_name(problem_.link_second(k)) +
               " (link " + num(k) + ")";
    }

    // Every link on the stated times: both visits served or neither, the
    // second starting min_gap..max_gap after the first, by the engineers the
    // link asks for.
    void check_links() {
        for (Index k = 0; k < problem_.num_links(); ++k) {
            const JobLink& link = problem_.links()[static_cast<size_t>(k)];
            const Index a = problem_.link_first(k), b = problem_.link_second(k);
            const auto& pa = served_at_[static_cast<size_t>(a)];
            const auto& pb = served_at_[static_cast<size_t>(b)];
            if (!pa && !pb) continue;
            if (!pa || !pb) {
                const Index in = pa ? a : b, out = pa ? b : a;
                const Place& p = pa ? *pa : *pb;
                add("link_partial", p.route, p.step, out,
                    link_name(k) + ": " + job_name(in) + " is served but " + job_name(out) +
                        " is not; linked visits are served together or not at all.");
                continue;
            }
            const Route& ra = solution_.routes[static_cast<size_t>(pa->route)];
            const Route& rb = solution_.routes[static_cast<size_t>(pb->route)];
            const Time sa = ra.steps[static_cast<size_t>(pa->step)].start;
            const Time sb = rb.steps[static_cast<size_t>(pb->step)].start;
            const Duration gap = sat_sub(sb, sa);
            if (gap < link.min_gap || gap > link.max_gap)
                add("link_gap", pb->route, pb->step, b,
                    link_name(k) + ": " + job_name(a) + " starts at " + num(sa) + " and " + job_name(b) + " at " +
                        num(sb) + ", a gap of " + num(gap) + " s outside " + num(link.min_gap) + ".." +
                        num(link.max_gap) + " s.");
            // An unknown engineer index is already "unknown_route".
            const auto known = [this](const Route& r) {
                return r.engineer >= 0 && r.engineer < problem_.num_engineers();
            };
            if (link.engineers == LinkEngineers::any || !known(ra) || !known(rb)) continue;
            const std::string& ea = problem_.engineer(ra.engineer).id;
            const std::string& eb = problem_.engineer(rb.engineer).id;
            if (link.engineers == LinkEngineers::same && ra.engineer != rb.engineer)
                add("link_engineers", pb->route, pb->step, b,
                    link_name(k) + " asks for one engineer, but " + quoted(ea) + " serves " + job_name(a) + " and " +
                        quoted(eb) + " serves " + job_name(b) + ".");
            if (link.engineers == LinkEngineers::different && ra.engineer == rb.engineer)
                add("link_engineers", pb->route, pb->step, b,
                    link_name(k) + " asks for two different engineers, but " + quoted(ea) + " serves both.");
        }
    }

    // "linked_visit_out" holds only when some visit linked to the job is left
    // out as well; a visit left out for any other cause keeps its own reason.
    void check_linked_visit_out(Index j) {
        for (Index k : problem_.links_of(j)) {
            const Index partner = problem_.link_first(k) == j ? problem_.link_second(k) : problem_.link_first(k);
            if (!served_at_[static_cast<size_t>(partner)]) return;
        }
        add("unassigned_reason", -1, -1, j,
            job_name(j) + " is reported as left out because a linked visit is, but " +
                (problem_.links_of(j).empty() ? std::string("it has no link.")
                                              : std::string("every visit linked to it is served.")));
    }

    const Problem& problem_;
    const Solution& solution_;
    VerifyReport report_;
    std::vector<std::optional<Place>> served_at_;  // per job
    std::vector<int> places_;        // per job: route steps plus unassigned entries
    std::vector<Duration> working_;  // per engineer, summed over its shifts
    std::map<std::pair<Index, Index>, Index> seen_slots_;
    Cost unassigned_cost_ = 0, lateness_cost_ = 0, travel_cost_ = 0, preference_cost_ = 0, overtime_cost_ = 0;
    Duration max_soft_lateness_ = 0;  // largest lateness of a served job with a soft SLA deadline
};

}  // namespace

VerifyReport verify(const Problem& problem, const Solution& solution) { return Checker(problem, solution).run(); }

}  // namespace fsd
