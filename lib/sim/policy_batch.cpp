// Periodic batch assignment: every interval, the waiting tickets are matched
// to the engineers who are (or will be before the next batch) free, by the
// exact minimum-cost assignment of the assign layer.
#include "builtin_policies.hpp"
#include "fsd/assign/assign.hpp"
#include "fsd/core/error.hpp"

namespace fsd::sim_detail {
namespace {

class BatchPolicy final : public Policy {
public:
    explicit BatchPolicy(Duration interval) : interval_(interval) {}
    std::string name() const override { return "batch:" + std::to_string(interval_); }
    Duration tick_interval() const override { return interval_; }

    void on_tick(SimContext& ctx) override {
        if (ctx.waiting().empty()) return;
        const Scenario& s = ctx.scenario();
        AssignProblem p;
        p.now = ctx.now();
        p.great_circle = s.travel.great_circle;
        std::vector<Index> engineers;
        for (Index e = 0; e < ctx.engineer_count(); ++e) {
            const SimEngineerView& v = ctx.engineer(e);
            if (!ctx.on_shift(e) || !v.queue.empty() || v.free_at > ctx.now() + interval_) continue;
            if (v.status == SimEngineerStatus::going_home || v.status == SimEngineerStatus::off_shift) continue;
            AssignEngineer a;
            a.id = s.engineers[static_cast<size_t>(e)].id;
            a.position.coords = v.position;
            a.available_from = v.free_at;
            a.skills = s.engineers[static_cast<size_t>(e)].skills;
            p.engineers.push_back(std::move(a));
            engineers.push_back(e);
        }
        if (engineers.empty()) return;
        int lowest = 1;
        for (const TicketType& type : s.ticket_types) lowest = std::max(lowest, static_cast<int>(type.priority_mix.size()));
        const std::vector<Index> tickets = ctx.waiting();
        for (Index t : tickets) {
            const SimTicket& tk = ctx.ticket(t);
            const TicketType& type = s.ticket_types[static_cast<size_t>(tk.type)];
            AssignTicket a;
            a.id = tk.id;
            a.location.coords = tk.location;
            a.skills = {type.skill};
            // 1 (most urgent) .. lowest mapped onto the assign layer's 100 .. 0.
            a.priority = lowest == 1 ? 50 : 100 * (lowest - std::min(tk.priority, lowest)) / (lowest - 1);
            // The deadline with the first engineer's expected duration: the
            // matching takes one deadline per ticket, and levels shift it by minutes.
            const Time due = service_deadline(ctx, engineers.front(), t);
            if (due != kTimeMax) a.sla_deadline = due;
            a.duration = ctx.expected_duration(engineers.front(), t);
            p.tickets.push_back(std::move(a));
        }
        if (s.travel.road_network) {
            // The matching's own travel is great-circle; on a road network it
            // gets the simulation's legs instead.
            AssignTravelMatrix m;
            for (Index t : tickets)
                for (Index e : engineers) {
                    const GreatCircleLeg leg = ctx.travel(ctx.engineer(e).position, ctx.ticket(t).location);
                    m.durations.push_back(leg.duration);
                    m.distances.push_back(leg.distance);
                }
            p.travel_matrix = std::move(m);
        }
        const AssignResult r = fsd::assign(p, options_);
        for (const AssignPair& pair : r.pairs) {
            const Index t = tickets[static_cast<size_t>(pair.ticket)];
            const Index e = engineers[static_cast<size_t>(pair.engineer)];
            // The matching knows no shift ends: keep the engine's overtime rule here.
            if (ctx.now() + pair.eta + ctx.expected_duration(e, t) > latest_end(ctx, e)) continue;
            ctx.assign(t, e);
        }
    }

private:
    Duration interval_;
    AssignOptions options_ = [] {
        // Leaving a ticket out only defers it to the next batch, so it costs
        // more than any drive; no priority premium (every SLA counts the same
        // in attainment), a bonus of up to 1.5 h of driving for a deadline that
        // can still be kept within 1.5 h, and lateness at the price of travel.
        AssignOptions o;
        o.lateness_weight = 1;
        o.leave_out_base = 24 * 3600;
        o.leave_out_per_priority = 0;
        o.leave_out_urgency_weight = 1;
        o.urgency_horizon = 5400;
        return o;
    }();
};

}  // namespace

std::unique_ptr<Policy> make_batch_policy(Duration interval) {
    if (interval <= 0) throw InputError("/policy", "a batch interval must be a positive number of seconds");
    return std::make_unique<BatchPolicy>(interval);
}

}  // namespace fsd::sim_detail
