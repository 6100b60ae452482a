// The rule-of-thumb policies dispatchers use by hand: nearest free engineer,
// least-loaded engineer, earliest deadline first.
#include <limits>

#include "builtin_policies.hpp"

namespace fsd::sim_detail {
namespace {

// Whether `e`, idle now at its position, may start `t` under the engine's
// overtime rule; `leg` receives the drive.
bool can_start_now(const SimContext& ctx, Index e, Index t, GreatCircleLeg& leg) {
    const SimEngineerView& v = ctx.engineer(e);
    leg = ctx.travel(v.position, ctx.ticket(t).location);
    return ctx.now() + leg.duration + ctx.expected_duration(e, t) <= latest_end(ctx, e);
}

bool free_now(const SimContext& ctx, Index e) {
    const SimEngineerView& v = ctx.engineer(e);
    return ctx.on_shift(e) && v.status == SimEngineerStatus::idle && v.queue.empty();
}

// The idle qualified engineer with the shortest drive to `t` (ties: lower index).
void give_to_nearest_idle(SimContext& ctx, Index t) {
    Index best = -1;
    Duration best_time = std::numeric_limits<Duration>::max();
    for (Index e = 0; e < ctx.engineer_count(); ++e) {
        if (!free_now(ctx, e) || !ctx.can_serve(e, t)) continue;
        GreatCircleLeg leg;
        if (can_start_now(ctx, e, t, leg) && leg.duration < best_time) best = e, best_time = leg.duration;
    }
    if (best >= 0) ctx.assign(t, best);
}

class NearestPolicy final : public Policy {
public:
    std::string name() const override { return "nearest"; }
    void on_ticket(SimContext& ctx, Index t) override { give_to_nearest_idle(ctx, t); }
    void on_engineer_free(SimContext& ctx, Index e) override {
        if (const Index t = nearest_startable_ticket(ctx, e); t >= 0) ctx.assign(t, e);
    }
};

class EdfPolicy final : public Policy {
public:
    std::string name() const override { return "edf"; }
    void on_ticket(SimContext& ctx, Index t) override { give_to_nearest_idle(ctx, t); }
    void on_engineer_free(SimContext& ctx, Index e) override {
        Index best = -1;
        Time best_due = kTimeMax;
        Duration best_time = 0;
        for (Index t : ctx.waiting()) {
            if (!ctx.can_serve(e, t)) continue;
            GreatCircleLeg leg;
            if (!can_start_now(ctx, e, t, leg)) continue;
            const Time due = service_deadline(ctx, e, t);
            if (best < 0 || due < best_due || (due == best_due && leg.duration < best_time))
                best = t, best_due = due, best_time = leg.duration;
        }
        if (best >= 0) ctx.assign(best, e);
    }
};

// When the engineer's queue (after the current activity) is expected to end,
// and where.
struct QueueEnd {
    Time time;
    Coordinates position;
};

QueueEnd queue_end(const SimContext& ctx, Index e) {
    const SimEngineerView& v = ctx.engineer(e);
    QueueEnd end{std::max(ctx.now(), v.free_at), v.position};
    for (Index q : v.queue) {
        const SimTicket& tk = ctx.ticket(q);
        end.time += ctx.travel(end.position, tk.location).duration + ctx.expected_duration(e, q);
        end.position = tk.location;
    }
    return end;
}

class LeastLoadedPolicy final : public Policy {
public:
    std::string name() const override { return "least_loaded"; }
    void on_ticket(SimContext& ctx, Index t) override {
        Index best = -1;
        Time best_end = kTimeMax;
        Duration best_time = 0;
        for (Index e = 0; e < ctx.engineer_count(); ++e) {
            if (!ctx.on_shift(e) || !ctx.can_serve(e, t)) continue;
            const QueueEnd end = queue_end(ctx, e);
            const Duration drive = ctx.travel(end.position, ctx.ticket(t).location).duration;
            if (end.time + drive + ctx.expected_duration(e, t) > latest_end(ctx, e)) continue;
            if (best < 0 || end.time < best_end || (end.time == best_end && drive < best_time))
                best = e, best_end = end.time, best_time = drive;
        }
        if (best >= 0) ctx.assign(t, best);
    }
    void on_engineer_free(SimContext& ctx, Index e) override {
        // Tickets that found nobody on shift: oldest first.
        for (Index t : ctx.waiting()) {
            if (!ctx.can_serve(e, t)) continue;
            GreatCircleLeg leg;
            if (can_start_now(ctx, e, t, leg)) {
                ctx.assign(t, e);
                return;
            }
        }
    }
};

}  // namespace

Index nearest_startable_ticket(const SimContext& ctx, Index e) {
    Index best = -1;
    Duration best_time = std::numeric_limits<Duration>::max();
    for (Index t : ctx.waiting()) {
        if (!ctx.can_serve(e, t)) continue;
        GreatCircleLeg leg;
        if (can_start_now(ctx, e, t, leg) && leg.duration < best_time) best = t, best_time = leg.duration;
    }
    return best;
}

std::unique_ptr<Policy> make_nearest_policy() { return std::make_unique<NearestPolicy>(); }
std::unique_ptr<Policy> make_least_loaded_policy() { return std::make_unique<LeastLoadedPolicy>(); }
std::unique_ptr<Policy> make_edf_policy() { return std::make_unique<EdfPolicy>(); }

}  // namespace fsd::sim_detail
