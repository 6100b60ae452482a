// Placing tickets into a live plan: cheapest feasible insertion, ranked
// alternatives, appointment-slot grading, and the reason when nothing fits.
#include <algorithm>
#include <cmath>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/compatibility.hpp"
#include "fsd/model/problem_builder.hpp"
#include "live_rules.hpp"

namespace fsd {

using live_detail::left_out_cost;
using live_detail::overtime_cost;
using live_detail::round_div;

namespace {

std::string at(const std::string& base, size_t i) { return base + "/" + std::to_string(i); }

}  // namespace

namespace {

// Which of two places for a ticket is better: the cheaper one, or with
// `asap` the one that starts service earlier (cost breaks ties); then the
// lower engineer index, so the ranking does not depend on the search order.
bool better_place(const InsertionCandidate& x, const InsertionCandidate& y, bool asap) {
    if (asap && x.start != y.start) return x.start < y.start;
    return x.cost != y.cost ? x.cost < y.cost : x.engineer < y.engineer;
}

}  // namespace

std::optional<InsertionCandidate> LivePlan::best_on(Index e, const Job& job, Index /*job_index*/, bool asap) const {
    if (!compatible(e, job)) return std::nullopt;
    const Engineer& eng = engineers_[static_cast<size_t>(e)];
    const LiveRoute& r = routes_[static_cast<size_t>(e)];
    const Anchor a = anchor(e);
    const Time end_limit = shift_end(e);
    const Time latest = std::min(latest_start(job), end_limit);
    if (a.time >= end_limit || earliest_in(job.time_windows, a.time) > latest) return std::nullopt;

    const size_t n = r.steps.size();
    size_t f = 0;
    while (f < n && r.steps[f].status != StepStatus::planned) ++f;
    bool used = false;
    Index job_steps = 0;
    Duration travel_total = a.travel_used;
    std::vector<Amount> load(static_cast<size_t>(dimensions_), 0);
    for (size_t i = 0; i < n; ++i) {
        const LiveStep& s = r.steps[i];
        if (s.kind != StepKind::job) continue;
        ++job_steps;
        const Job& other = jobs_[static_cast<size_t>(s.index)];
        for (size_t k = 0; k < other.demand.size(); ++k) load[k] += other.demand[k];
        if (i >= f) {
            used = true;
            travel_total += s.travel_time;
        }
    }
    if (used) travel_total += r.end_travel;
    if (eng.max_jobs && job_steps + 1 > *eng.max_jobs) return std::nullopt;
    for (size_t k = 0; k < eng.capacity.size(); ++k) {
        const Amount need = k < job.demand.size() ? job.demand[k] : 0;
        if (load[k] + need > eng.capacity[k]) return std::nullopt;
    }

    const EngineerCosts& c = eng.costs;
    auto leg_cost = [&](Duration t, Distance m) { return round_div(c.per_hour * t, 3600) + round_div(c.per_km * m, 1000); };
    const Cost late_rate = job.sla ? job.sla->lateness_cost_per_second : 0;
    const Location& home = end_location(e);
    const Cost preference =
        job.preferred_engineer && *job.preferred_engineer != eng.id ? weights_.preference * job.preference_cost : 0;

    std::optional<InsertionCandidate> best;
    for (size_t p = f; p <= n; ++p) {
        // Where and when the engineer is just before the new visit.
        const Location* loc = &a.location;
        Time t = a.time;
        if (p > f) {
            t = r.steps[p - 1].end;
            for (size_t i = p; i-- > f;)
                if (r.steps[i].kind == StepKind::job) {
                    loc = &jobs_[static_cast<size_t>(r.steps[i].index)].location;
                    break;
                }
        }
        const Leg in = travel_.leg(e, *loc, job.location);
        const Time arrival = t + in.duration;
        const Time start = earliest_in(job.time_windows, arrival);
        if (start > latest) continue;
        const Time end = start + service_duration(job, eng);
        if (end > end_limit) continue;
        const Duration own_late = job.sla ? std::max<Duration>(0, start - job.sla->deadline) : 0;

        Cost travel_cost = leg_cost(in.duration, in.distance) + (used ? 0 : c.fixed);
        Duration added_travel = in.duration;
        Distance added_distance = in.distance;
        Cost late_cost = own_late * late_rate;
        Cost overtime_change = 0;
        Duration others_late = 0;
        bool ok = true, converged = false, next_job_seen = false;
        Time tt = end;
        for (size_t i = p; i < n && ok; ++i) {
            const LiveStep& s = r.steps[i];
            if (s.kind == StepKind::break_) {
                const Break& br = eng.breaks[static_cast<size_t>(s.index)];
                const Time bs = earliest_in(br.windows, tt);
                if (bs == kTimeMax || bs + br.duration > end_limit) ok = false;
                tt = bs + br.duration;
                continue;
            }
            const Job& other = jobs_[static_cast<size_t>(s.index)];
            Time arr = 0;
            if (!next_job_seen) {
                // The leg into the next visit now starts at the new one.
                next_job_seen = true;
                const Leg out = travel_.leg(e, job.location, other.location);
                added_travel += out.duration - s.travel_time;
                added_distance += out.distance - s.travel_distance;
                travel_cost += leg_cost(out.duration, out.distance) - leg_cost(s.travel_time, s.travel_distance);
                arr = tt + out.duration;
            } else {
                arr = tt + s.travel_time;
            }
            const Time st = earliest_in(other.time_windows, arr);
            if (st > latest_start(other)) {
                ok = false;
                break;
            }
            if (st == s.start) {
                converged = true;  // from here on every time is as before
                break;
            }
            const Duration late = other.sla ? std::max<Duration>(0, st - other.sla->deadline) : 0;
            others_late += late - s.lateness;
            late_cost += (late - s.lateness) * (other.sla ? other.sla->lateness_cost_per_second : 0);
            tt = st + service_duration(other, eng);
            if (tt > end_limit) ok = false;
        }
        if (!ok) continue;
        if (!converged) {
            Time back = 0;
            if (!next_job_seen) {
                const Leg out = travel_.leg(e, job.location, home);
                if (used) {
                    added_travel += out.duration - r.end_travel;
                    added_distance += out.distance - r.end_distance;
                    travel_cost += leg_cost(out.duration, out.distance) - leg_cost(r.end_travel, r.end_distance);
                } else {
                    added_travel += out.duration;
                    added_distance += out.distance;
                    travel_cost += leg_cost(out.duration, out.distance);
                }
                back = tt + out.duration;
            } else {
                back = tt + r.end_travel;
            }
            if (back > end_limit) continue;
            overtime_change = overtime_cost(eng, weights_, back) - (used ? overtime_cost(eng, weights_, r.end_arrival) : 0);
        }
        if (eng.max_travel_time && travel_total + added_travel > *eng.max_travel_time) continue;
        const Cost cost = weights_.travel * travel_cost + weights_.lateness * late_cost + preference + overtime_change;
        const InsertionCandidate here{e, static_cast<Index>(p), arrival, start, cost, added_travel, added_distance, own_late, others_late};
        if (best && !better_place(here, *best, asap)) continue;
        best = here;
    }
    return best;
}

std::vector<InsertionCandidate> LivePlan::rank(const Job& job, Index job_index, int k, bool asap) const {
    std::vector<InsertionCandidate> all;
    for (Index e = 0; e < static_cast<Index>(engineers_.size()); ++e)
        if (auto c = best_on(e, job, job_index, asap)) all.push_back(*c);
    auto better = [asap](const InsertionCandidate& x, const InsertionCandidate& y) { return better_place(x, y, asap); };
    const auto keep = std::min(all.size(), static_cast<size_t>(std::max(k, 0)));
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), better);
    all.resize(keep);
    return all;
}

void LivePlan::place(Index job, const InsertionCandidate& where) {
    touch(where.engineer);
    LiveRoute& r = routes_[static_cast<size_t>(where.engineer)];
    LiveStep step;
    step.kind = StepKind::job;
    step.index = job;
    r.steps.insert(r.steps.begin() + where.position, step);
    FSD_ASSERT(time_route(where.engineer, r) < 0);
    status_[static_cast<size_t>(job)] = TicketStatus::planned;
    engineer_of_[static_cast<size_t>(job)] = where.engineer;
}

void LivePlan::reinsert(std::vector<Index> dropped, ChangeSet& changes) {
    // Most valuable first: mandatory before optional, then priority, then the
    // earliest SLA deadline.
    std::sort(dropped.begin(), dropped.end(), [&](Index x, Index y) {
        const Job& a = jobs_[static_cast<size_t>(x)];
        const Job& b = jobs_[static_cast<size_t>(y)];
        if (a.optional != b.optional) return !a.optional;
        if (a.priority != b.priority) return a.priority > b.priority;
        const Time da = a.sla ? a.sla->deadline : kTimeMax, db = b.sla ? b.sla->deadline : kTimeMax;
        return da != db ? da < db : x < y;
    });
    for (Index j : dropped) {
        const Job& job = jobs_[static_cast<size_t>(j)];
        const auto best = rank(job, j, 1);
        if (!best.empty() && (!job.optional || best.front().cost <= left_out_cost(job, weights_))) {
            place(j, best.front());
            continue;
        }
        LeftOut why = why_not(j);
        if (!best.empty()) {
            why.reason = UnassignedReason::too_costly;
            why.detail = "optional, and serving it (" + std::to_string(best.front().cost) + ") costs more than its penalty (" +
                         std::to_string(job.penalty) + ")";
        }
        changes.left_out.push_back(std::move(why));
    }
}

LeftOut LivePlan::why_not(Index j) const {
    const Job& job = jobs_[static_cast<size_t>(j)];
    LeftOut out{j, UnassignedReason::no_qualified_engineer,
                "no engineer on today's plan has the skills, or the pin and the lists exclude them all"};
    std::vector<Index> qualified;
    for (Index e = 0; e < static_cast<Index>(engineers_.size()); ++e)
        if (compatible(e, job)) qualified.push_back(e);
    if (qualified.empty()) {
        // Name what is missing, so a dispatcher knows whom to call.
        const bool skilled = std::any_of(engineers_.begin(), engineers_.end(),
                                         [&](const Engineer& eng) { return has_skills(eng, job); });
        if (skilled) {
            out.detail = "the pin and the engineer lists exclude everyone on today's plan who has its skills";
        } else {
            std::string needs;
            for (const SkillRequirement& r : job.skills)
                needs += (needs.empty() ? "" : ", ") + r.skill + " (level " + std::to_string(r.min_level) + ")";
            out.detail = "no engineer on today's plan has " + (needs.empty() ? std::string("its skills") : needs);
        }
        return out;
    }
    std::vector<Index> room;
    for (Index e : qualified) {
        const Engineer& eng = engineers_[static_cast<size_t>(e)];
        bool fits = true;
        Index count = 0;
        std::vector<Amount> load(static_cast<size_t>(dimensions_), 0);
        for (const LiveStep& s : routes_[static_cast<size_t>(e)].steps)
            if (s.kind == StepKind::job) {
                ++count;
                const auto& d = jobs_[static_cast<size_t>(s.index)].demand;
                for (size_t k = 0; k < d.size(); ++k) load[k] += d[k];
            }
        for (size_t k = 0; k < eng.capacity.size(); ++k)
            if (load[k] + (k < job.demand.size() ? job.demand[k] : 0) > eng.capacity[k]) fits = false;
        if (!fits) continue;
        if (eng.max_jobs && count + 1 > *eng.max_jobs) {
            out.reason = UnassignedReason::max_jobs;
            out.detail = "every qualified engineer is at their job limit";
            continue;
        }
        room.push_back(e);
    }
    if (room.empty()) {
        if (out.reason != UnassignedReason::max_jobs) {
            out.reason = UnassignedReason::capacity;
            out.detail = "no qualified engineer has the parts (capacity) left for it";
        }
        return out;
    }
    bool reachable = false;
    for (Index e : room) {
        const Time from = anchor(e).time;
        const Time s = earliest_in(job.time_windows, from);
        if (s <= std::min(latest_start(job), shift_end(e))) reachable = true;
    }
    if (!reachable) {
        out.reason = UnassignedReason::window_unreachable;
        out.detail = "no qualified engineer is free within its time window or SLA deadline for the rest of the day";
        return out;
    }
    out.reason = UnassignedReason::not_inserted;
    out.detail = "no qualified engineer's remaining day has room for it next to the visits already planned";
    return out;
}

void LivePlan::check_ticket(const Job& job, const std::string& path) const {
    if (job.id.empty()) throw InputError(path + "/id", "a ticket needs a non-empty id");
    if (job.duration < 0) throw InputError(path + "/duration", "the duration must not be negative");
    if (job.priority < 0 || job.priority > 100) throw InputError(path + "/priority", "the priority must be between 0 and 100");
    check_job_costs(job, path);
    // As for the plan's own tickets (live_plan.cpp): no depot stops yet.
    if (!job.tools.empty()) throw InputError(path + "/tools", "the live plan does not plan depot stops yet; solve the day with fsd solve");
    if (!job.parts.empty()) throw InputError(path + "/parts", "the live plan does not plan depot stops yet; solve the day with fsd solve");
    for (size_t i = 0; i < job.time_windows.size(); ++i) {
        const TimeWindow& w = job.time_windows[i];
        if (w.end <= w.start) throw InputError(at(path + "/time_windows", i), "the window must end after it starts");
        if (i > 0 && w.start < job.time_windows[i - 1].end)
            throw InputError(at(path + "/time_windows", i), "windows must be in time order without overlap");
    }
    for (size_t i = 0; i < job.skills.size(); ++i)
        if (job.skills[i].skill.empty()) throw InputError(at(path + "/skills", i) + "/skill", "a skill needs a name");
    if (static_cast<Index>(job.demand.size()) > dimensions_ && dimensions_ > 0)
        throw InputError(path + "/demand", "the demand has more dimensions than the engineers' capacities");
    for (size_t k = 0; k < job.demand.size(); ++k)
        if (job.demand[k] < 0) throw InputError(at(path + "/demand", k), "a demand must not be negative");
    if (!job.durations_by_level.empty() && job.skills.empty())
        throw InputError(path + "/durations_by_level", "durations by level need a required skill");
    for (size_t i = 0; i < job.durations_by_level.size(); ++i) {
        const LevelDuration& ld = job.durations_by_level[i];
        if (i > 0 && ld.level <= job.durations_by_level[i - 1].level)
            throw InputError(at(path + "/durations_by_level", i) + "/level", "levels must be strictly increasing");
        if (ld.duration < 0)
            throw InputError(at(path + "/durations_by_level", i) + "/duration", "the duration must not be negative");
    }
    if (job.preferred_engineer && !engineer_index(*job.preferred_engineer))
        throw InputError(path + "/preferred_engineer", "no engineer with id '" + *job.preferred_engineer + "'");
    if (job.pinned_engineer && !engineer_index(*job.pinned_engineer))
        throw InputError(path + "/pinned_engineer", "no engineer with id '" + *job.pinned_engineer + "'");
    for (size_t i = 0; i < job.allowed_engineers.size(); ++i)
        if (!engineer_index(job.allowed_engineers[i]))
            throw InputError(at(path + "/allowed_engineers", i), "no engineer with id '" + job.allowed_engineers[i] + "'");
    for (size_t i = 0; i < job.forbidden_engineers.size(); ++i)
        if (!engineer_index(job.forbidden_engineers[i]))
            throw InputError(at(path + "/forbidden_engineers", i), "no engineer with id '" + job.forbidden_engineers[i] + "'");
    travel_.check_location(job.location, path + "/location");
}

Index LivePlan::add_job(Job job) {
    const auto j = static_cast<Index>(jobs_.size());
    job_ids_.emplace(job.id, j);
    jobs_.push_back(std::move(job));
    status_.push_back(TicketStatus::pending);
    engineer_of_.push_back(-1);
    return j;
}

std::vector<InsertionCandidate> LivePlan::candidates(const Job& ticket, int k) const {
    check_ticket(ticket, "/ticket");
    return rank(ticket, -1, k);
}

InsertResult LivePlan::insert(Job ticket, const InsertOptions& options) {
    check_ticket(ticket, "/ticket");
    if (options.alternatives < 0) throw InputError("/options/alternatives", "the number of alternatives must not be negative");
    std::optional<Index> chosen;
    if (options.engineer) chosen = require_engineer(*options.engineer, "/options/engineer");
    const auto known = job_index(ticket.id);
    if (known && status_[static_cast<size_t>(*known)] != TicketStatus::pending)
        throw InputError("/ticket/id", "ticket " + ticket.id + " is already in the plan (" +
                                           to_string(status_[static_cast<size_t>(*known)]) + ")");
    if (options.at) check_within_day(*options.at, "/at");
    if (options.at && *options.at > now_ && !options.commit)
        throw InputError("/at", "a ranking without commit changes nothing, so it cannot move the clock; leave out at");
    // Every check is done: from here on the operation changes the plan. A
    // later arrival instant moves the clock first, so the ticket is ranked
    // against routes that already start no earlier than then.
    ChangeSet changes;
    if (options.at && *options.at > now_) {
        now_ = *options.at;
        std::vector<Index> dropped;
        retime_all(changes, dropped);
        reinsert(std::move(dropped), changes);
    }
    InsertResult result;
    result.alternatives = rank(ticket, known.value_or(-1), std::max(options.alternatives, 1), options.asap);
    std::optional<InsertionCandidate> pick;
    if (chosen) {
        // The dispatcher's engineer: the best place over all of their shifts.
        const auto range = entries_of(*chosen);
        for (Index e = range.first; e < range.second; ++e) {
            const auto here = best_on(e, ticket, known.value_or(-1), options.asap);
            if (here && (!pick || better_place(*here, *pick, options.asap))) pick = here;
        }
    }
    else if (!result.alternatives.empty()) pick = result.alternatives.front();
    result.alternatives.resize(std::min(result.alternatives.size(), static_cast<size_t>(options.alternatives)));
    if (!options.commit) return result;

    Index j = 0;
    if (known) {
        j = *known;
        jobs_[static_cast<size_t>(j)] = std::move(ticket);
    } else {
        j = add_job(std::move(ticket));
    }
    result.job = j;
    const Job& job = jobs_[static_cast<size_t>(j)];
    if (pick && (!job.optional || pick->cost <= left_out_cost(job, weights_))) {
        place(j, *pick);
        result.placed = true;
        // The times as the re-timed route has them (the engineer may leave
        // later than the candidate assumed), not the candidate's.
        const LiveStep& placed = routes_[static_cast<size_t>(pick->engineer)].steps[static_cast<size_t>(pick->position)];
        FSD_ASSERT(placed.kind == StepKind::job && placed.index == j);
        result.engineer = pick->engineer;
        result.arrival = placed.arrival;
        result.start = placed.start;
    } else {
        LeftOut why = why_not(j);
        if (pick) {
            why.reason = UnassignedReason::too_costly;
            why.detail = "optional, and serving it costs more than its penalty";
        } else if (chosen) {
            why.detail = "engineer " + engineers_[static_cast<size_t>(*chosen)].id +
                         " cannot take it (skills, shift, windows, limits or capacity); " + why.detail;
        }
        result.left_out = why;
        changes.left_out.push_back(std::move(why));
    }
    result.changes = finish(std::move(changes));
    return result;
}

std::vector<SlotOffer> LivePlan::offer_slots(const Job& ticket, const std::vector<TimeWindow>& windows) const {
    check_ticket(ticket, "/ticket");
    std::vector<SlotOffer> offers;
    offers.reserve(windows.size());
    Job probe = ticket;
    for (size_t i = 0; i < windows.size(); ++i) {
        const TimeWindow& w = windows[i];
        if (w.end <= w.start) throw InputError(at("/windows", i), "the window must end after it starts");
        probe.time_windows = {w};
        SlotOffer offer;
        offer.window = w;
        auto best = rank(probe, -1, 1);
        if (!best.empty()) {
            offer.feasible = true;
            offer.best = best.front();
        }
        offers.push_back(std::move(offer));
    }
    return offers;
}

InsertResult LivePlan::book_slot(Job ticket, const TimeWindow& window, const InsertOptions& options) {
    if (window.end <= window.start) throw InputError("/window", "the window must end after it starts");
    ticket.time_windows = {window};
    return insert(std::move(ticket), options);
}

ChangeSet LivePlan::place_pending() {
    ChangeSet changes;
    reinsert(pending(), changes);
    return finish(std::move(changes));
}

}  // namespace fsd
