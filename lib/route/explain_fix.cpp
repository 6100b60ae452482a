// The smallest change that would let a left-out job in (docs/unassigned.md).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/route/detail/explain_unassigned.hpp"

namespace fsd::detail {

namespace {

// Time changes beyond a working day are not advice a dispatcher can use.
constexpr Duration kMaxMinutes = 8 * 60;

std::string quoted(const std::string& id) { return "\"" + id + "\""; }

Duration ceil_minutes(Duration seconds) { return seconds <= 0 ? 0 : (seconds + 59) / 60; }

std::string minutes_text(Duration m) { return std::to_string(m) + (m == 1 ? " minute" : " minutes"); }

std::string skills_text(const std::vector<FixSkill>& skills) {
    std::string s;
    for (size_t i = 0; i < skills.size(); ++i) {
        if (i > 0) s += i + 1 == skills.size() ? " and " : ", ";
        s += quoted(skills[i].skill) + " at level " + std::to_string(skills[i].level);
    }
    return s;
}

// Merges windows that a widening made touch or overlap (they stay sorted).
std::vector<TimeWindow> merged(std::vector<TimeWindow> w) {
    std::vector<TimeWindow> out;
    for (const TimeWindow& x : w) {
        if (!out.empty() && x.start <= out.back().end) out.back().end = std::max(out.back().end, x.end);
        else out.push_back(x);
    }
    return out;
}

/// What inserting the job into a changed copy of one route gives.
struct Probe {
    bool feasible = false;
    Cost delta = kTimeMax;       ///< cheapest cost increase over feasible positions
    Time earliest_end = kTimeMax;  ///< earliest arrival at the end location over feasible positions
    Cost delta_at_earliest = kTimeMax;
};

// Re-checks one route slot with a changed shift or job windows. It builds a
// one-engineer problem holding only this slot (its shift and breaks), the
// route's jobs and the left-out job, on a matrix cut from the engineer's own
// travel, so the solver's evaluator applies every rule of the route while a
// rebuild of the whole problem is avoided.
class SlotProbe {
public:
    SlotProbe(const Problem& problem, const RouteEvaluator& eval, Index slot, std::vector<Index> route, Index j)
        : problem_(problem), eval_(eval), slot_(slot), route_(std::move(route)), job_(j) {}

    const RouteSlot& slot() const { return problem_.slots()[static_cast<size_t>(slot_)]; }

    // `extra_overtime` lengthens the engineer's max_overtime: the shift end
    // stays, so the extra time is costed as overtime.
    Probe run(const TimeWindow& shift, const std::vector<TimeWindow>& windows, bool lift_job_limit,
              Duration extra_overtime = 0) const {
        Probe out;
        try {
            const Problem mini = build(shift, windows, lift_job_limit, extra_overtime);
            RouteEvaluator ev(mini);
            const Index n = static_cast<Index>(route_.size());
            std::vector<Index> order(route_.size());
            for (Index k = 0; k < n; ++k) order[static_cast<size_t>(k)] = k;
            const RouteEval base = ev.evaluate(0, order);
            const Cost base_cost = n == 0 ? 0 : base.cost();
            const Cost preference = eval_.preference(slot().engineer, job_);
            order.push_back(n);
            for (Index pos = n; pos >= 0; --pos) {
                const RouteEval r = ev.evaluate(0, order);
                if (r.feasible) {
                    const Cost delta = r.cost() - base_cost + preference;
                    out.feasible = true;
                    out.delta = std::min(out.delta, delta);
                    if (r.arrival < out.earliest_end || (r.arrival == out.earliest_end && delta < out.delta_at_earliest))
                        out.earliest_end = r.arrival, out.delta_at_earliest = delta;
                }
                if (pos > 0) std::swap(order[static_cast<size_t>(pos)], order[static_cast<size_t>(pos - 1)]);
            }
        } catch (const InputError&) {
            // A change the model cannot express (e.g. an instant out of range) is no fix.
            out = Probe{};
        }
        return out;
    }

private:
    Problem build(const TimeWindow& shift, const std::vector<TimeWindow>& windows, bool lift_job_limit,
                  Duration extra_overtime) const {
        const RouteSlot& rs = slot();
        const Index e = rs.engineer;
        const Engineer& source = problem_.engineer(e);
        std::vector<Index> rows;
        ProblemBuilder b;
        const size_t n = route_.size() + 1;
        for (size_t k = 0; k < n; ++k) {
            const Index jj = k < route_.size() ? route_[k] : job_;
            Job c = problem_.job(jj);
            c.location = Location{std::nullopt, static_cast<Index>(k)};
            // Compatibility was checked on the real problem; the preference
            // cost is added by the caller, since the other engineers are absent.
            c.skills.clear();
            c.pinned_engineer.reset();
            c.allowed_engineers.clear();
            c.forbidden_engineers.clear();
            c.preferred_engineer.reset();
            c.preference_cost = 0;
            // The skills are gone, so the level rule is applied here, for this engineer.
            c.duration = problem_.service_duration(e, jj);
            c.durations_by_level.clear();
            if (jj == job_) c.time_windows = windows;
            rows.push_back(problem_.job_location(jj));
            b.add_job(std::move(c));
        }
        Engineer c = source;
        c.start = Location{std::nullopt, static_cast<Index>(n)};
        c.end = Location{std::nullopt, static_cast<Index>(n + 1)};
        c.shifts = {shift};
        c.breaks.clear();
        for (Index bi : rs.breaks) c.breaks.push_back(source.breaks[static_cast<size_t>(bi)]);
        c.skills.clear();
        c.speed_factor = 1.0;  // the matrix below is already the engineer's own
        if (lift_job_limit) c.max_jobs.reset();
        c.max_overtime += extra_overtime;
        b.add_engineer(std::move(c));
        rows.push_back(problem_.start_location(e));
        rows.push_back(problem_.end_location(e));
        // The depots come along, so a route that needs a stop is priced with it.
        for (Index d = 0; d < problem_.num_depots(); ++d) {
            Depot depot = problem_.depot(d);
            depot.location = Location{std::nullopt, static_cast<Index>(rows.size())};
            rows.push_back(problem_.depot_location(d));
            b.add_depot(std::move(depot));
        }
        const auto size = static_cast<std::ptrdiff_t>(rows.size());
        TravelMatrices m{DurationMatrix(size, size), DistanceMatrix(size, size)};
        const DurationMatrix& dur = problem_.durations(e);
        const DistanceMatrix& dist = problem_.distances();
        for (std::ptrdiff_t a = 0; a < size; ++a)
            for (std::ptrdiff_t z = 0; z < size; ++z) {
                m.durations(a, z) = dur(rows[static_cast<size_t>(a)], rows[static_cast<size_t>(z)]);
                m.distances(a, z) = dist(rows[static_cast<size_t>(a)], rows[static_cast<size_t>(z)]);
            }
        b.set_travel(std::move(m));
        b.set_weights(problem_.weights());
        return b.build();
    }

    const Problem& problem_;
    const RouteEvaluator& eval_;
    Index slot_;
    std::vector<Index> route_;
    Index job_;
};

/// One way of changing time, tried on one slot.
enum class Change { window_later, window_earlier, shift_later, shift_earlier, overtime };

struct TimeCandidate {
    Change change = Change::window_later;
    Index slot = -1;
    Duration lower = 1;     ///< no smaller number of minutes can work
    bool direct = false;    ///< `lower` comes from travel and windows, and is usually the answer
    size_t window = 0;      ///< the window a widening changes
};

// The job's windows with window k widened by m minutes in the candidate's direction.
std::vector<TimeWindow> widened(const std::vector<TimeWindow>& windows, const TimeCandidate& c, Duration m) {
    std::vector<TimeWindow> w = windows;
    if (c.change == Change::window_later) w[c.window].end += m * 60;
    if (c.change == Change::window_earlier) w[c.window].start -= m * 60;
    return merged(std::move(w));
}

class TimeFixer {
public:
    TimeFixer(const Problem& problem, const RouteEvaluator& eval, Index j) : problem_(problem), eval_(eval), j_(j) {}

    // Adds the candidates for a slot. `alone`: the job would be the route's
    // only job, so direct lower bounds from travel and windows apply.
    void add_slot(Index slot, std::vector<Index> route, bool alone, bool windows, bool shifts, bool overtime) {
        const RouteSlot& rs = problem_.slots()[static_cast<size_t>(slot)];
        const Job& job = problem_.job(j_);
        const Index e = rs.engineer;
        const Duration out = problem_.durations(e)(problem_.start_location(e), problem_.job_location(j_));
        const Duration back = problem_.durations(e)(problem_.job_location(j_), problem_.end_location(e));
        const Time hard_end = problem_.latest_end(slot);                      // shift end + max_overtime
        const Time arrival = rs.window.start + out;                           // earliest arrival
        const Time last_start = hard_end - problem_.service_duration(e, j_) - back;  // latest start that gets back
        const Time latest = eval_.latest_start(j_);
        const size_t index = probes_.size();
        probes_.emplace_back(problem_, eval_, slot, std::move(route), j_);
        auto add = [&](Change change, Duration lower, size_t window, bool direct) {
            lower = std::max<Duration>(1, lower);
            if (lower <= kMaxMinutes) candidates_.push_back({change, static_cast<Index>(index), lower, direct, window});
        };
        const auto& w = job.time_windows;
        if (windows && !w.empty()) {
            // Close later the last window that opens before the shift ends.
            for (size_t k = w.size(); k-- > 0;)
                if (w[k].start <= hard_end) {
                    add(Change::window_later, alone ? ceil_minutes(arrival - w[k].end) : 1, k, alone);
                    break;
                }
            // Open earlier the first window the engineer can still arrive in.
            for (size_t k = 0; k < w.size(); ++k)
                if (w[k].end >= arrival) {
                    add(Change::window_earlier, alone ? ceil_minutes(w[k].start - last_start) : 1, k, alone);
                    break;
                }
        }
        if (shifts) {
            const Time start = earliest_in(w, arrival);
            if (start != kTimeMax)
                add(Change::shift_later, alone ? ceil_minutes(start + problem_.service_duration(e, j_) + back - hard_end) : 1, 0, alone);
            add(Change::shift_earlier, alone ? ceil_minutes(arrival - latest) : 1, 0, alone);
        }
        if (overtime) {
            const Probe p = probes_[index].run(rs.window, job.time_windows, false, kMaxMinutes * 60);
            // Counted from the current hard limit (the engineer's max_overtime
            // already allowed): zero would mean it fits already, no change to suggest.
            if (p.feasible && p.earliest_end > hard_end)
                add(Change::overtime, ceil_minutes(p.earliest_end - hard_end), 0, true);
        }
    }

    // The candidate with the fewest minutes, with those minutes. Ties go to
    // the candidates with direct bounds (overtime), then to the order they
    // were added (windows before shifts).
    std::optional<std::pair<TimeCandidate, Duration>> best() const {
        std::vector<TimeCandidate> sorted = candidates_;
        // Direct bounds first, smallest first: they are usually exact and
        // leave a small limit for the candidates that need a search.
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
            return a.direct != b.direct ? a.direct : a.lower < b.lower;
        });
        std::optional<std::pair<TimeCandidate, Duration>> found;
        Duration limit = kMaxMinutes;  // the most minutes still worth trying
        for (const TimeCandidate& c : sorted) {
            if (c.lower > limit) continue;
            Duration lo = c.lower, hi = c.lower;
            if (c.direct && works(c, c.lower)) {
                // One check settled it.
            } else {
                if (!works(c, limit)) continue;
                hi = limit;
            }
            while (lo < hi) {
                const Duration mid = lo + (hi - lo) / 2;
                if (works(c, mid)) hi = mid;
                else lo = mid + 1;
            }
            if (!found || lo < found->second) found = std::make_pair(c, lo);
            limit = lo - 1;
        }
        return found;
    }

    const RouteSlot& slot_of(const TimeCandidate& c) const { return probes_[static_cast<size_t>(c.slot)].slot(); }
    Cost delta(const TimeCandidate& c, Duration m) const { return run(c, m).delta; }

private:
    Probe run(const TimeCandidate& c, Duration m) const {
        const SlotProbe& probe = probes_[static_cast<size_t>(c.slot)];
        TimeWindow shift = probe.slot().window;
        const Job& job = problem_.job(j_);
        switch (c.change) {
        case Change::window_later:
        case Change::window_earlier: return probe.run(shift, widened(job.time_windows, c, m), false);
        case Change::shift_later: shift.end += m * 60; break;
        case Change::overtime: return probe.run(shift, job.time_windows, false, m * 60);
        case Change::shift_earlier: shift.start -= m * 60; break;
        }
        return probe.run(shift, job.time_windows, false);
    }
    bool works(const TimeCandidate& c, Duration m) const { return run(c, m).feasible; }

    const Problem& problem_;
    const RouteEvaluator& eval_;
    Index j_;
    std::vector<SlotProbe> probes_;
    std::vector<TimeCandidate> candidates_;
};

UnassignedFix time_fix(const Problem& problem, const TimeFixer& fixer, const TimeCandidate& c, Duration m) {
    UnassignedFix f;
    f.minutes = m;
    const std::string who = problem.engineer(fixer.slot_of(c).engineer).id;
    const std::string n = minutes_text(m);
    switch (c.change) {
    case Change::window_later:
        f.kind = "widen_window", f.amount = 1;
        f.sentence = "Widen its time window by " + n + " (close it later) and " + quoted(who) + " can serve it.";
        break;
    case Change::window_earlier:
        f.kind = "widen_window", f.amount = -1;
        f.sentence = "Widen its time window by " + n + " (open it earlier) and " + quoted(who) + " can serve it.";
        break;
    case Change::shift_later:
        f.kind = "extend_shift", f.amount = 1, f.engineer = who;
        f.sentence = "Extend the shift of " + quoted(who) + " by " + n + " (end it later).";
        break;
    case Change::shift_earlier:
        f.kind = "extend_shift", f.amount = -1, f.engineer = who;
        f.sentence = "Extend the shift of " + quoted(who) + " by " + n + " (start it earlier).";
        break;
    case Change::overtime:
        f.kind = "overtime", f.engineer = who;
        if (const Duration allowed = problem.engineer(fixer.slot_of(c).engineer).max_overtime; allowed > 0)
            f.sentence = n + " more overtime for " + quoted(who) + " (beyond the " +
                         (allowed % 60 == 0 ? minutes_text(allowed / 60) : std::to_string(allowed) + " s") +
                         " allowed) would let it in.";
        else
            f.sentence = "Overtime of " + n + " for " + quoted(who) + " would let it in.";
        break;
    }
    if (c.change == Change::window_later || c.change == Change::window_earlier) f.engineer = who;
    f.cost = fixer.delta(c, m);
    return f;
}

bool admitted(const Job& job, const Engineer& e) {
    if (job.pinned_engineer && *job.pinned_engineer != e.id) return false;
    if (!job.allowed_engineers.empty() &&
        std::find(job.allowed_engineers.begin(), job.allowed_engineers.end(), e.id) == job.allowed_engineers.end())
        return false;
    return std::find(job.forbidden_engineers.begin(), job.forbidden_engineers.end(), e.id) == job.forbidden_engineers.end();
}

std::vector<FixSkill> missing_skills(const Job& job, const Engineer& e) {
    std::vector<FixSkill> out;
    for (const SkillRequirement& r : job.skills) {
        const auto held = std::find_if(e.skills.begin(), e.skills.end(), [&](const SkillLevel& s) { return s.skill == r.skill; });
        if (held == e.skills.end() || held->level < r.min_level) out.push_back({r.skill, r.min_level});
    }
    return out;
}

std::optional<UnassignedFix> skill_fix(const Problem& problem, const Job& job) {
    Index best = -1;
    std::vector<FixSkill> best_missing;
    for (Index e = 0; e < problem.num_engineers(); ++e) {
        const Engineer& eng = problem.engineer(e);
        if (!admitted(job, eng)) continue;
        std::vector<FixSkill> missing = missing_skills(job, eng);
        if (missing.empty()) continue;
        if (best < 0 || missing.size() < best_missing.size()) best = e, best_missing = std::move(missing);
    }
    const bool anyone = !job.pinned_engineer && job.allowed_engineers.empty();
    UnassignedFix f;
    // One skill for someone already there beats hiring; so does any skill
    // change when the lists admit only named engineers.
    if (best >= 0 && (best_missing.size() == 1 || !anyone)) {
        f.kind = "add_skill";
        f.engineer = problem.engineer(best).id;
        f.skills = best_missing;
        f.sentence = "Give " + quoted(f.engineer) + " skill " + skills_text(f.skills) + ".";
        return f;
    }
    if (!anyone) return std::nullopt;
    f.kind = "new_engineer";
    for (const SkillRequirement& r : job.skills) f.skills.push_back({r.skill, r.min_level});
    f.sentence = f.skills.empty() ? "One more engineer the forbidden list does not exclude would let it in."
                                  : "One more engineer with skill " + skills_text(f.skills) + " would let it in.";
    return f;
}

std::optional<UnassignedFix> capacity_fix(const Problem& problem, Index j) {
    Index best = -1;
    size_t best_count = 0;
    Amount best_total = 0;
    int best_dimension = -1;
    for (Index e : problem.compatible_engineers(j)) {
        size_t count = 0;
        Amount total = 0;
        int dimension = -1;
        for (size_t k = 0; k < problem.demand(j).size(); ++k) {
            const Amount short_by = problem.demand(j)[k] - problem.capacity(e)[k];
            if (short_by > 0) ++count, total += short_by, dimension = static_cast<int>(k);
        }
        if (count == 0) continue;
        if (best < 0 || count < best_count || (count == best_count && total < best_total))
            best = e, best_count = count, best_total = total, best_dimension = count == 1 ? dimension : -1;
    }
    if (best < 0) return std::nullopt;
    UnassignedFix f;
    f.kind = "capacity";
    f.engineer = problem.engineer(best).id;
    f.amount = best_total;
    f.dimension = best_dimension;
    f.sentence = best_dimension >= 0 ? std::to_string(best_total) + " more units of dimension " +
                                           std::to_string(best_dimension) + " on " + quoted(f.engineer) + " would let it in."
                                     : std::to_string(best_total) + " more units over several dimensions on " +
                                           quoted(f.engineer) + " would let it in.";
    return f;
}

bool can_carry(const Problem& problem, Index e, Index j) {
    for (size_t k = 0; k < problem.demand(j).size(); ++k)
        if (problem.demand(j)[k] > problem.capacity(e)[k]) return false;
    return true;
}

std::optional<UnassignedFix> job_limit_fix(const Problem& problem, const RouteEvaluator& eval, Index j) {
    Cost best = kTimeMax;
    Index who = -1;
    for (size_t s = 0; s < problem.slots().size(); ++s) {
        const RouteSlot& rs = problem.slots()[s];
        if (!problem.compatible(rs.engineer, j) || !can_carry(problem, rs.engineer, j)) continue;
        const Probe p = SlotProbe(problem, eval, static_cast<Index>(s), {}, j).run(rs.window, problem.job(j).time_windows, true);
        if (p.feasible && p.delta < best) best = p.delta, who = rs.engineer;
    }
    if (who < 0) return std::nullopt;
    UnassignedFix f;
    f.kind = "max_jobs";
    f.engineer = problem.engineer(who).id;
    f.amount = 1;
    f.cost = best;
    f.sentence = "Allow " + quoted(f.engineer) + " one more job.";
    return f;
}

// The one tool or part that, stocked, lets the job in: at the depot nearest
// to the job when there are depots (a depot's stock reaches every engineer),
// else in the van of the nearest skilled engineer. Only an engineer who lacks
// exactly one item can be helped by one change; none such, no fix.
std::optional<UnassignedFix> stock_fix(const Problem& problem, Index j) {
    const Index at = problem.job_location(j);
    Index who = -1;
    Duration who_travel = kTimeMax;
    MissingItem item;
    for (Index e = 0; e < problem.num_engineers(); ++e) {
        if (!skilled_for(problem, e, j)) continue;
        const std::vector<MissingItem> missing = unobtainable(problem, e, j);
        if (missing.size() != 1) continue;
        const Duration t = problem.durations(e)(problem.start_location(e), at);
        if (t < who_travel) who = e, who_travel = t, item = missing.front();
    }
    if (who < 0) return std::nullopt;
    UnassignedFix f;
    f.kind = "stock";
    f.item = item.item;
    if (problem.num_depots() > 0) {
        Index nearest = 0;
        for (Index d = 1; d < problem.num_depots(); ++d)
            if (problem.base_durations()(problem.depot_location(d), at) <
                problem.base_durations()(problem.depot_location(nearest), at))
                nearest = d;
        f.depot = problem.depot(nearest).id;
        // Depot stock is not counted: the job's whole need, so one stop covers it.
        Amount need = 1;
        for (const PartCount& p : problem.job(j).parts)
            if (!item.tool && p.part == item.item) need = p.count;
        f.amount = need;
        f.sentence = item.tool ? "Tool " + quoted(item.item) + " at depot " + quoted(f.depot) + " would let it in."
                               : std::to_string(need) + " × " + quoted(item.item) + " at depot " + quoted(f.depot) +
                                     " would let it in.";
        return f;
    }
    f.engineer = problem.engineer(who).id;
    f.amount = item.short_by;
    f.sentence = item.tool ? "Tool " + quoted(item.item) + " in the van of " + quoted(f.engineer) + " would let it in."
                           : std::to_string(item.short_by) + " more × " + quoted(item.item) + " in the van of " +
                                 quoted(f.engineer) + " would let it in.";
    return f;
}

std::optional<UnassignedFix> penalty_fix(const Problem& problem, const PlanView& plan, Index j) {
    // The nearest slots, as explain_unassigned prices it.
    Placement best;
    for (Index s : plan.model().near_slots(j)) {
        const Placement p = plan.best_insertion(j, s);
        if (p.delta < best.delta) best = p;
    }
    if (best.slot < 0) return std::nullopt;
    UnassignedFix f;
    f.kind = "penalty";
    f.engineer = problem.engineer(problem.slots()[static_cast<size_t>(best.slot)].engineer).id;
    f.cost = best.delta;
    f.sentence = "Raise its penalty above " + std::to_string(best.delta) + " (its cheapest insertion, with " +
                 quoted(f.engineer) + ").";
    return f;
}

}  // namespace

std::optional<UnassignedFix> suggest_fix(Index j, UnassignedReason reason, const PlanView& plan) {
    const RouteEvaluator& eval = plan.evaluator();
    const Problem& problem = eval.problem();
    const Job& job = problem.job(j);
    switch (reason) {
    case UnassignedReason::no_qualified_engineer: return skill_fix(problem, job);
    case UnassignedReason::capacity: return capacity_fix(problem, j);
    case UnassignedReason::max_jobs: return job_limit_fix(problem, eval, j);
    case UnassignedReason::too_costly: return penalty_fix(problem, plan, j);
    case UnassignedReason::window_unreachable:
    case UnassignedReason::shift_too_short:
    case UnassignedReason::not_inserted: break;
    case UnassignedReason::time_limit: return std::nullopt;
    // The partner that kept it out has its own reason and fix.
    case UnassignedReason::linked_visit_out: return std::nullopt;
    case UnassignedReason::parts_unavailable: return stock_fix(problem, j);
    }
    const bool unreachable = reason == UnassignedReason::window_unreachable;
    TimeFixer fixer(problem, eval, j);
    // A job no shift reaches is rare: every slot is tried. One left out of
    // the plan is tried on its nearest slots (a large day has too many).
    std::vector<Index> slots = plan.model().near_slots(j);
    if (unreachable || slots.empty()) {
        slots.clear();
        for (size_t s = 0; s < problem.slots().size(); ++s) slots.push_back(static_cast<Index>(s));
    }
    for (const Index s : slots) {
        const RouteSlot& rs = problem.slots()[static_cast<size_t>(s)];
        if (!problem.compatible(rs.engineer, j) || !can_carry(problem, rs.engineer, j)) continue;
        if (problem.engineer(rs.engineer).max_jobs.value_or(1) == 0) continue;
        if (unreachable) {
            fixer.add_slot(s, {}, true, true, true, false);
        } else {
            const std::vector<Index> route = plan.jobs(s);
            fixer.add_slot(s, route, route.empty(), true, false, true);
        }
    }
    const auto found = fixer.best();
    if (!found) return std::nullopt;
    return time_fix(problem, fixer, found->first, found->second);
}

}  // namespace fsd::detail
