#include "fsd/route/detail/explain_unassigned.hpp"

#include <algorithm>
#include <string>

#include "fsd/model/compatibility.hpp"

namespace fsd::detail {

namespace {
std::string quoted(const std::string& id) { return "\"" + id + "\""; }

bool lent_anywhere(const Problem& problem, const std::string& tool) {
    for (const Depot& d : problem.depots())
        if (std::find(d.tools.begin(), d.tools.end(), tool) != d.tools.end()) return true;
    return false;
}

bool stocked_anywhere(const Problem& problem, const std::string& part) {
    for (const Depot& d : problem.depots())
        if (std::find(d.parts.begin(), d.parts.end(), part) != d.parts.end()) return true;
    return false;
}

// "tool "drill"", "2 of part "filter"": what is missing, for the detail.
std::string items_text(const std::vector<MissingItem>& items) {
    std::string s;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) s += i + 1 == items.size() ? " and " : ", ";
        s += items[i].tool ? "tool " + quoted(items[i].item)
                           : std::to_string(items[i].short_by) + " more of part " + quoted(items[i].item);
    }
    return s;
}

// Skilled engineers exist but Problem::compatible admits none of them: the
// tools or parts are the reason. The detail names the nearest skilled
// engineer and what they cannot get.
bool parts_unavailable(Index j, const Problem& problem, Unassigned& out) {
    Index nearest = -1;
    Duration nearest_travel = kTimeMax;
    for (Index e = 0; e < problem.num_engineers(); ++e) {
        if (!skilled_for(problem, e, j)) continue;
        const Duration t = problem.durations(e)(problem.start_location(e), problem.job_location(j));
        if (t < nearest_travel) nearest = e, nearest_travel = t;
    }
    if (nearest < 0) return false;
    out.reason = UnassignedReason::parts_unavailable;
    out.detail = "Engineers with the skills exist, but none can get what it needs: the nearest, " +
                 quoted(problem.engineer(nearest).id) + ", lacks " + items_text(unobtainable(problem, nearest, j)) +
                 (problem.depots().empty() ? ", and there is no depot." : ", and no depot has it.");
    return true;
}

Unassigned explain_reason(Index j, const PlanView& plan, bool quick) {
    const Problem& problem = plan.problem();
    const RouteEvaluator& eval = plan.evaluator();
    const Job& job = problem.job(j);
    Unassigned out;
    out.job = j;
    const auto& engineers = problem.compatible_engineers(j);
    if (engineers.empty() && parts_unavailable(j, problem, out)) return out;
    if (engineers.empty()) {
        out.reason = UnassignedReason::no_qualified_engineer;
        out.detail = job.skills.empty() || problem.engineers().empty()
                         ? "No engineer is allowed to serve this job (pin, allowed and forbidden lists exclude everyone)."
                         : "No engineer both holds the required skills at the required levels and is allowed by the pin and the allowed/forbidden lists.";
        return out;
    }

    std::vector<Index> loadable;
    Index roomiest = -1;
    Amount best_room = -kTimeMax;
    for (Index e : engineers) {
        Amount worst = kTimeMax;  // smallest spare capacity over dimensions
        for (size_t k = 0; k < problem.demand(j).size(); ++k)
            worst = std::min(worst, problem.capacity(e)[k] - problem.demand(j)[k]);
        if (worst >= 0) loadable.push_back(e);
        if (worst > best_room) best_room = worst, roomiest = e;
    }
    if (loadable.empty()) {
        out.reason = UnassignedReason::capacity;
        out.detail = "Its demand exceeds the capacity of every qualified engineer; the closest is " +
                     quoted(problem.engineer(roomiest).id) + ", short by " + std::to_string(-best_room) + " units.";
        return out;
    }
    std::vector<Index> usable;
    for (Index e : loadable)
        if (problem.engineer(e).max_jobs.value_or(1) > 0) usable.push_back(e);
    if (usable.empty()) {
        out.reason = UnassignedReason::max_jobs;
        out.detail = "Every qualified engineer who can carry its demand has a job limit of zero.";
        return out;
    }

    const Time latest = eval.latest_start(j);
    bool reachable = false, alone = false;
    Index closest = -1;
    Time closest_start = kTimeMax;
    Time closest_miss = kTimeMax;
    Cost alone_cost = kTimeMax;
    Index alone_engineer = -1;
    std::vector<char> is_usable(static_cast<size_t>(problem.num_engineers()), 0);
    for (Index e : usable) is_usable[static_cast<size_t>(e)] = 1;
    // The slots judged: all of them, or on a day with more slots than
    // RouteModel::kSlotCandidates the job's nearest ones (a large day leaves
    // many jobs out, and each would cost a pass over every slot).
    std::vector<Index> judged = plan.model().near_slots(j);
    if (judged.empty() || problem.slots().size() <= RouteModel::kSlotCandidates) {
        judged.resize(problem.slots().size());
        for (size_t s = 0; s < judged.size(); ++s) judged[s] = static_cast<Index>(s);
    }
    for (const Index si : judged) {
        const auto s = static_cast<size_t>(si);
        const RouteSlot& slot = problem.slots()[s];
        if (!is_usable[static_cast<size_t>(slot.engineer)]) continue;
        const Time arrival = slot.window.start + problem.durations(slot.engineer)(problem.start_location(slot.engineer),
                                                                                  problem.job_location(j));
        // Earliest start at or after the arrival; past the last window, count
        // the miss from the arrival itself.
        const Time start = earliest_in(job.time_windows, arrival);
        const Time effective = start == kTimeMax ? arrival : start;
        const Time miss = std::max(effective - latest, effective - problem.latest_end(static_cast<Index>(s)));
        if (start != kTimeMax && miss <= 0) {
            reachable = true;
        }
        if (miss < closest_miss) closest_miss = miss, closest = slot.engineer, closest_start = effective;
    }
    if (reachable && quick) {
        out.reason = UnassignedReason::time_limit;
        out.detail = "The time limit ended before the search could try it further; a longer limit may place it.";
        return out;
    }
    // Alone in a shift: the nearest slot that takes it, among the nearest
    // RouteModel::kSlotCandidates (all of them on a day with fewer; a large
    // day has too many slots to try them all, and many jobs to explain).
    const Index one[] = {j};
    auto try_alone = [&](Index s) {
        const Index e = problem.slots()[static_cast<size_t>(s)].engineer;
        if (!is_usable[static_cast<size_t>(e)]) return;
        const RouteEval ev = eval.evaluate(s, one);
        if (ev.feasible && ev.cost() < alone_cost) alone = true, alone_cost = ev.cost(), alone_engineer = e;
    };
    for (Index s : plan.model().near_slots(j))
        if (!alone) try_alone(s);
    if (!reachable) {
        out.reason = UnassignedReason::window_unreachable;
        out.detail = "No qualified engineer's shift reaches its time windows or SLA deadline; the closest is " +
                     quoted(problem.engineer(closest).id) + ", who could start it at " + std::to_string(closest_start) +
                     ", " + std::to_string(closest_miss) + " s too late.";
        return out;
    }
    if (!alone) {
        out.reason = UnassignedReason::shift_too_short;
        out.detail = "A qualified engineer can reach it in time (e.g. " + quoted(problem.engineer(closest).id) +
                     " at " + std::to_string(closest_start) +
                     "), but no shift is long enough to serve it and get back, take the breaks and stay within the travel limit.";
        return out;
    }
    if (job.optional) {
        Placement best;
        for (Index s : plan.model().near_slots(j)) {
            const Placement p = plan.best_insertion(j, s);
            if (p.delta < best.delta) best = p;
        }
        const Cost serve = best.slot >= 0 ? best.delta : alone_cost;
        if (serve >= job.penalty) {
            out.reason = UnassignedReason::too_costly;
            const Index who = best.slot >= 0 ? problem.slots()[static_cast<size_t>(best.slot)].engineer : alone_engineer;
            out.detail = "Serving it would cost " + std::to_string(serve) + " (cheapest with " +
                         quoted(problem.engineer(who).id) + "), not less than its penalty of " +
                         std::to_string(job.penalty) + ".";
            return out;
        }
    }
    out.reason = UnassignedReason::not_inserted;
    out.detail = "It fits alone into the shift of " + quoted(problem.engineer(alone_engineer).id) +
                 ", but not together with the jobs already planned.";
    return out;
}

// Every shift of an engineer who may serve j is fixed whole by the warm
// start: no change to the job would let it in, so no fix is offered.
bool only_fixed_routes(Index j, const PlanView& plan) {
    const RouteLocks& locks = plan.locks();
    const Problem& problem = plan.problem();
    if (!locks.any || problem.compatible_engineers(j).empty()) return false;
    for (size_t s = 0; s < problem.slots().size(); ++s)
        if (problem.compatible(problem.slots()[s].engineer, j) && !locks.closed[s]) return false;
    return true;
}

}  // namespace

bool skilled_for(const Problem& problem, Index e, Index j) {
    return has_skills(problem.engineer(e), problem.job(j)) && admits(problem.job(j), problem.engineer(e));
}

std::vector<MissingItem> unobtainable(const Problem& problem, Index e, Index j) {
    const Engineer& eng = problem.engineer(e);
    const Job& job = problem.job(j);
    std::vector<MissingItem> out;
    for (const std::string& tool : job.tools)
        if (std::find(eng.tools.begin(), eng.tools.end(), tool) == eng.tools.end() && !lent_anywhere(problem, tool))
            out.push_back({tool, true, 1});
    for (const PartCount& need : job.parts) {
        Amount own = 0;
        for (const PartCount& p : eng.stock)
            if (p.part == need.part) own += p.count;
        if (own < need.count && !stocked_anywhere(problem, need.part)) out.push_back({need.part, false, need.count - own});
    }
    return out;
}

std::vector<Index> PlanView::jobs(Index s) const {
    std::vector<Index> out;
    for (Index node : plan_.route(s).nodes())
        if (plan_.model().is_job(node)) out.push_back(node);
    return out;
}

Unassigned explain_unassigned(Index j, const PlanView& plan, bool quick) {
    if (only_fixed_routes(j, plan)) {
        Unassigned out;
        out.job = j;
        out.reason = UnassignedReason::not_inserted;
        out.detail = "Every engineer who may serve it has a route fixed whole by the warm start, so nothing can be added to it.";
        return out;
    }
    Unassigned out = explain_reason(j, plan, quick);
    if (!quick) out.fix = suggest_fix(j, out.reason, plan);
    return out;
}

}  // namespace fsd::detail
