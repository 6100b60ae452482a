// The week policy: each evening the unstarted work is planned over the
// engineers' shifts of the coming days with the route solver, so that tickets
// that can wait are grouped by area and day instead of served in arrival
// order. Each engineer's next shift becomes its queue; tickets planned for a
// later shift are held back from the day's fallback, cheapest insertion
// (the insertion policy, composed), which serves the tickets that arrive
// during the day. docs/simulation.md, "The week policy".
#include <algorithm>
#include <map>

#include "builtin_policies.hpp"
#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/route/solve.hpp"
#include "sim_shifts.hpp"

namespace fsd::sim_detail {
namespace {

constexpr Duration kDay = 86400;

// The context the insertion fallback sees: the simulator's, with the tickets
// the evening plan keeps for a later shift left out of the waiting list, so
// that the fallback does not pull them into today's queues.
class HeldBack final : public SimContext {
public:
    HeldBack(SimContext& base, const std::vector<char>& held) : base_(base), held_(held) {}

    Time now() const override { return base_.now(); }
    const Scenario& scenario() const override { return base_.scenario(); }
    Index ticket_count() const override { return base_.ticket_count(); }
    const SimTicket& ticket(Index t) const override { return base_.ticket(t); }
    SimTicketStatus ticket_status(Index t) const override { return base_.ticket_status(t); }
    int visits(Index t) const override { return base_.visits(t); }
    const std::vector<Index>& waiting() const override {
        std::vector<Index> shown;
        for (Index t : base_.waiting())
            if (static_cast<size_t>(t) >= held_.size() || !held_[static_cast<size_t>(t)]) shown.push_back(t);
        // Rewritten only when it changed: a caller may still be reading the
        // list it got before (the insertion policy asks for it inside loops).
        if (shown != visible_) visible_ = std::move(shown);
        return visible_;
    }
    Index engineer_count() const override { return base_.engineer_count(); }
    const SimEngineerView& engineer(Index e) const override { return base_.engineer(e); }
    bool can_serve(Index e, Index t) const override { return base_.can_serve(e, t); }
    bool on_shift(Index e) const override { return base_.on_shift(e); }
    GreatCircleLeg travel(const Coordinates& from, const Coordinates& to) const override { return base_.travel(from, to); }
    Duration expected_duration(Index e, Index t) const override { return base_.expected_duration(e, t); }
    void assign(Index t, Index e) override { base_.assign(t, e); }
    void set_queue(Index e, const std::vector<Index>& tickets) override { base_.set_queue(e, tickets); }
    void unassign(Index t) override { base_.unassign(t); }

private:
    SimContext& base_;
    const std::vector<char>& held_;
    mutable std::vector<Index> visible_;
};

// Each skill once, at its highest level: a scenario may list a skill twice
// (skill_level takes the highest), a Problem may not.
std::vector<SkillLevel> merged_skills(const std::vector<SkillLevel>& skills) {
    std::map<std::string, int> best;
    for (const SkillLevel& s : skills) best[s.skill] = std::max(best[s.skill], s.level);
    std::vector<SkillLevel> out;
    for (const auto& [skill, level] : best) out.push_back({skill, level});
    return out;
}

class WeekPolicy final : public Policy {
public:
    explicit WeekPolicy(const WeekPolicyOptions& o) : o_(o), fallback_(make_insertion_policy(o.tick)) {}
    std::string name() const override { return "week:" + std::to_string(o_.horizon_days); }
    Duration tick_interval() const override { return o_.tick; }

    void on_ticket(SimContext& ctx, Index t) override {
        if (static_cast<size_t>(t) < held_.size()) held_[static_cast<size_t>(t)] = 0;
        HeldBack view(ctx, held_);
        fallback_->on_ticket(view, t);
    }
    void on_engineer_free(SimContext& ctx, Index e) override {
        HeldBack view(ctx, held_);
        fallback_->on_engineer_free(view, e);
    }
    void on_tick(SimContext& ctx) override {
        // The evening: the first tick at or after plan_at, once a day.
        const Time day = ctx.now() / kDay;
        if (ctx.now() - day * kDay >= o_.plan_at && day != planned_day_) {
            planned_day_ = day;
            plan(ctx);
            return;
        }
        HeldBack view(ctx, held_);
        fallback_->on_tick(view);
    }

private:
    // The engineer's shifts that start after now and within the horizon, in time order.
    std::vector<TimeWindow> coming_shifts(const SimContext& ctx, Index e) const {
        const Scenario& s = ctx.scenario();
        const SimEngineer& eng = s.engineers[static_cast<size_t>(e)];
        const Time now = ctx.now();
        const Time until = now + o_.horizon_days * kDay;
        std::vector<TimeWindow> out;
        for (Time day = now / kDay; day * kDay < until; ++day)
            for (const TimeWindow& w : sim_shifts_on(s, eng, static_cast<int>(day)))
                if (w.start >= now && w.start < until) out.push_back(w);
        std::sort(out.begin(), out.end(), [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
        return out;
    }

    // Whether the plan is late for a keepable SLA, or leaves such a ticket to
    // the overflow (problem engineer `real` and beyond).
    static bool misses_deadlines(const Solution& sol, const std::vector<char>& keepable, size_t real) {
        for (const Route& r : sol.routes)
            for (const Step& st : r.steps)
                if (st.kind == StepKind::job && keepable[static_cast<size_t>(st.index)] &&
                    (st.lateness > 0 || static_cast<size_t>(r.engineer) >= real))
                    return true;
        return false;
    }

    void plan(SimContext& ctx) {
        const Scenario& s = ctx.scenario();
        const Time now = ctx.now();
        held_.assign(static_cast<size_t>(ctx.ticket_count()), 0);

        // Engineers off shift with a shift ahead; one on shift (shifts round
        // the clock) keeps its queue, and the fallback serves around it.
        std::vector<Index> planned;  // problem engineer -> simulator engineer
        ProblemBuilder b;
        std::vector<Coordinates> points;
        for (Index e = 0; e < ctx.engineer_count(); ++e) {
            if (ctx.on_shift(e)) continue;
            const std::vector<TimeWindow> shifts = coming_shifts(ctx, e);
            if (shifts.empty()) continue;
            const SimEngineer& se = s.engineers[static_cast<size_t>(e)];
            Engineer pe;
            pe.id = "engineer " + std::to_string(e);  // never "overflow"
            pe.start.matrix_index = static_cast<Index>(points.size());
            pe.shifts = shifts;
            pe.skills = merged_skills(se.skills);
            pe.max_overtime = s.rules.max_overtime;
            pe.costs.overtime_per_hour = o_.overtime_per_hour;
            if (se.lunch)
                for (size_t k = 0; k < shifts.size(); ++k) {
                    const Time day = shifts[k].start / kDay * kDay;
                    const Time from = std::max(shifts[k].start, day + se.lunch->earliest);
                    if (from + se.lunch->duration > shifts[k].end) continue;
                    pe.breaks.push_back({"lunch" + std::to_string(k), {{from, shifts[k].end - se.lunch->duration}}, se.lunch->duration});
                }
            points.push_back(se.home);
            planned.push_back(e);
            b.add_engineer(std::move(pe));
        }
        if (planned.empty()) return;
        // The overflow: a virtual engineer with every skill, everywhere at
        // once (a matrix row of zeros), on one long shift a month after the
        // horizon. What does not fit the real shifts goes to it at the price
        // of its lateness (every ticket carries a deadline) instead of being
        // left out, so the solver never spends its time limit explaining left-out
        // jobs, and what it gets is simply not planned.
        {
            Engineer over;
            over.id = "overflow";
            over.start.matrix_index = static_cast<Index>(points.size());
            const Time from = ctx.now() + (o_.horizon_days + 30) * kDay;
            over.shifts = {{from, from + 365 * kDay}};
            std::vector<SkillLevel> all;
            for (const TicketType& type : s.ticket_types) all.push_back({type.skill.skill, kMaxSimLevel});
            over.skills = merged_skills(all);
            over.costs.per_hour = 0;
            points.push_back(s.engineers.front().home);  // its row is zeroed below
            b.add_engineer(std::move(over));
        }
        const Index overflow_point = static_cast<Index>(points.size()) - 1;

        // The pool: waiting tickets and the queues of the engineers planned.
        std::vector<Index> pool = ctx.waiting();
        for (Index e : planned) pool.insert(pool.end(), ctx.engineer(e).queue.begin(), ctx.engineer(e).queue.end());
        std::vector<Index> jobs;      // problem job -> ticket
        std::vector<char> keepable;  // by problem job: has an SLA it can still keep
        for (Index t : pool) {
            // Service time by level, from the engineers who may serve it.
            std::map<int, Duration> by_level;
            Index any = -1;
            const std::string& skill = s.ticket_types[static_cast<size_t>(ctx.ticket(t).type)].skill.skill;
            for (Index e : planned) {
                if (!ctx.can_serve(e, t)) continue;
                by_level.emplace(skill_level(s.engineers[static_cast<size_t>(e)], skill), ctx.expected_duration(e, t));
                if (any < 0) any = e;
            }
            if (any < 0) continue;  // nobody planned may serve it: the fallback's
            Job j;
            j.id = ctx.ticket(t).id;
            j.location.matrix_index = static_cast<Index>(points.size());
            j.skills = {s.ticket_types[static_cast<size_t>(ctx.ticket(t).type)].skill};
            j.duration = by_level.begin()->second;
            for (const auto& [level, d] : by_level) j.durations_by_level.push_back({level, d});
            // An SLA still keepable is a soft deadline on the start, planned
            // `margin` early as the day runs late; lateness outprices travel.
            // A ticket past saving is due now at the price of travel, so that
            // it is not put off to the end of the horizon day after day.
            const Time due = service_deadline(ctx, any, t);
            keepable.push_back(due != kTimeMax);
            if (due != kTimeMax)
                j.sla = SlaDeadline{std::max(now, due - o_.margin), false, o_.lateness};
            else
                j.sla = SlaDeadline{now, false, 1};
            points.push_back(ctx.ticket(t).location);
            jobs.push_back(t);
            b.add_job(std::move(j));
        }
        if (jobs.empty()) return;

        const Index n = static_cast<Index>(points.size());
        TravelMatrices m{DurationMatrix(n, n), DistanceMatrix(n, n)};
        for (Index a = 0; a < n; ++a)
            for (Index c = 0; c < n; ++c) {
                if (a == c || a == overflow_point || c == overflow_point) continue;
                const GreatCircleLeg leg = ctx.travel(points[static_cast<size_t>(a)], points[static_cast<size_t>(c)]);
                m.durations(a, c) = static_cast<TravelValue>(std::min<Duration>(leg.duration, kTravelValueMax));
                m.distances(a, c) = static_cast<TravelValue>(std::min<Distance>(leg.distance, kTravelValueMax));
            }
        b.set_travel(std::move(m));
        const Problem problem = b.build();

        SolveOptions so;
        so.algorithm = SolveAlgorithm::ils;
        so.threads = 1;
        so.time_limit_seconds = o_.time_limit_seconds;
        so.iteration_limit = o_.iteration_limit;
        so.stagnation_limit = o_.stagnation_limit;
        so.seed = o_.seed + static_cast<std::uint64_t>(now / kDay);
        const Solution sol = solve(problem, so);

        // Each engineer's next shift becomes its queue; later shifts are held.
        // Under a backlog that costs SLAs (a pool of two tickets per engineer,
        // and the plan misses a deadline it could keep with more hands) at
        // most backlog_commit visits per route are queued and nothing is held:
        // as the insertion policy found, a queue planned ahead loses there to
        // whoever comes free next to a ticket.
        const bool backlog = in_backlog(ctx) && misses_deadlines(sol, keepable, planned.size());
        std::vector<std::vector<Index>> queues(planned.size());
        for (const Route& r : sol.routes)
            for (const Step& st : r.steps) {
                if (st.kind != StepKind::job || static_cast<size_t>(r.engineer) >= planned.size()) continue;
                const Index t = jobs[static_cast<size_t>(st.index)];
                std::vector<Index>& q = queues[static_cast<size_t>(r.engineer)];
                if (r.shift == 0 && (!backlog || q.size() < o_.backlog_commit))
                    q.push_back(t);
                else if (r.shift > 0 && !backlog)
                    held_[static_cast<size_t>(t)] = 1;
            }
        // Emptied first: a ticket may move to another engineer.
        for (size_t k = 0; k < planned.size(); ++k)
            if (ctx.engineer(planned[k]).queue != queues[k]) ctx.set_queue(planned[k], {});
        for (size_t k = 0; k < planned.size(); ++k)
            if (ctx.engineer(planned[k]).queue != queues[k]) ctx.set_queue(planned[k], queues[k]);
    }

    WeekPolicyOptions o_;
    std::unique_ptr<Policy> fallback_;
    std::vector<char> held_;  // by ticket: planned for a later shift
    Time planned_day_ = -1;
};

}  // namespace

std::unique_ptr<Policy> make_week_policy(const WeekPolicyOptions& options) {
    if (options.horizon_days < 1 || options.horizon_days > kMaxWeekHorizonDays)
        throw InputError("/policy", "the week policy plans 1 to " + std::to_string(kMaxWeekHorizonDays) + " days ahead");
    if (options.plan_at < 0 || options.plan_at >= kDay)
        throw InputError("/policy", "the week policy plans at a time of day, 0 to 86399 seconds");
    if (options.tick <= 0) throw InputError("/policy", "a tick interval must be a positive number of seconds");
    return std::make_unique<WeekPolicy>(options);
}

}  // namespace fsd::sim_detail
