// Insertion into engineers' queues, the way a live plan grows: each ticket
// goes where it adds least to travel, SLA lateness and the delay of the
// tickets behind it (visit_price); every `interval` the queues are improved by relocating
// tickets between them (and waiting tickets are placed again). The weights
// and the backlog rule were tuned on the four presets (docs/simulation.md).
#include <limits>

#include "builtin_policies.hpp"
#include "fsd/core/error.hpp"

namespace fsd::sim_detail {
namespace {

// Under a backlog (in_backlog) tickets are committed only to engineers who can start them within kLookahead; the
// rest stay in the pool for whoever comes free nearby. Committing a whole day
// early is what loses to nearest-free under overload: a freed engineer picking
// from a dense pool drives less than a queue planned hours before.
constexpr Duration kLookahead = 900;
constexpr Cost kInfeasible = std::numeric_limits<Cost>::max() / 4;

class InsertionPolicy final : public Policy {
public:
    explicit InsertionPolicy(Duration interval) : interval_(interval) {}
    std::string name() const override { return "insertion:" + std::to_string(interval_); }
    Duration tick_interval() const override { return interval_; }

    void on_ticket(SimContext& ctx, Index t) override { place(ctx, t); }
    void on_engineer_free(SimContext& ctx, Index e) override {
        place_waiting(ctx);
        // An idle engineer with nothing within the look-ahead drives to the
        // nearest ticket it may start, as nearest-free would: no ticket is
        // stranded for being further than the look-ahead from everyone.
        if (!ctx.engineer(e).queue.empty()) return;
        if (const Index t = nearest_startable_ticket(ctx, e); t >= 0) ctx.assign(t, e);
    }
    void on_tick(SimContext& ctx) override {
        place_waiting(ctx);
        relocate(ctx);
    }

private:
    // Cost of serving `queue` in order after the engineer's current activity;
    // kInfeasible when a visit would end past the allowed overtime, or start
    // beyond the look-ahead under a backlog.
    static Cost route_cost(const SimContext& ctx, Index e, const std::vector<Index>& queue) {
        const SimEngineerView& v = ctx.engineer(e);
        Time time = std::max(ctx.now(), v.free_at);
        const bool backlog = in_backlog(ctx);
        const Time horizon = backlog ? ctx.now() + kLookahead : kTimeMax;
        Coordinates pos = v.position;
        const Time latest = latest_end(ctx, e);
        Cost cost = 0;
        for (size_t i = 0; i < queue.size(); ++i) {
            const Index t = queue[i];
            const SimTicket& tk = ctx.ticket(t);
            const Duration drive = ctx.travel(pos, tk.location).duration;
            const Time start = time + drive;
            time = start + ctx.expected_duration(e, t);
            if (time > latest || start > horizon) return kInfeasible;
            cost += visit_price(ctx, e, t, drive, start, backlog);
            pos = tk.location;
        }
        return cost;
    }

    struct Spot {
        Index engineer = -1;
        size_t position = 0;
        Cost added = kInfeasible;
    };

    // The cheapest feasible place for `t` over engineers on shift; the queue of
    // `owner` is taken to be `owner_queue` (the queue without `t` when relocating).
    static Spot best_spot(const SimContext& ctx, Index t, Index owner = -1, const std::vector<Index>* owner_queue = nullptr) {
        Spot best;
        std::vector<Index> q;
        for (Index e = 0; e < ctx.engineer_count(); ++e) {
            if (!ctx.on_shift(e) || !ctx.can_serve(e, t)) continue;
            const SimEngineerView& v = ctx.engineer(e);
            if (v.status == SimEngineerStatus::going_home) continue;
            const std::vector<Index>& queue = e == owner ? *owner_queue : v.queue;
            const Cost base = route_cost(ctx, e, queue);
            if (base >= kInfeasible) continue;
            for (size_t pos = 0; pos <= queue.size(); ++pos) {
                q = queue;
                q.insert(q.begin() + static_cast<std::ptrdiff_t>(pos), t);
                const Cost c = route_cost(ctx, e, q);
                if (c < kInfeasible && c - base < best.added) best = {e, pos, c - base};
            }
        }
        return best;
    }

    static bool place(SimContext& ctx, Index t) {
        const Spot s = best_spot(ctx, t);
        if (s.engineer < 0) return false;
        std::vector<Index> q = ctx.engineer(s.engineer).queue;
        q.insert(q.begin() + static_cast<std::ptrdiff_t>(s.position), t);
        ctx.set_queue(s.engineer, q);
        return true;
    }

    // Waiting tickets by the SLA deadline they can still keep, the most urgent
    // first and those past saving last, so that lost causes do not take the
    // places that keep an SLA.
    static void place_waiting(SimContext& ctx) {
        std::vector<Index> order = ctx.waiting();
        std::vector<std::pair<Time, Index>> keyed;
        for (Index t : order) keyed.push_back({service_deadline(ctx, 0, t), t});
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
        for (Index t : order) place(ctx, t);
    }

    // One pass: each queued ticket is priced out of its queue and moved where
    // it costs least, on a strict improvement only so that queues do not churn.
    static void relocate(SimContext& ctx) {
        for (Index owner = 0; owner < ctx.engineer_count(); ++owner) {
            const std::vector<Index> tickets = ctx.engineer(owner).queue;
            for (Index t : tickets) {
                const std::vector<Index>& current = ctx.engineer(owner).queue;
                const auto at = std::find(current.begin(), current.end(), t);
                if (at == current.end()) continue;
                std::vector<Index> without = current;
                without.erase(without.begin() + (at - current.begin()));
                const Cost saving = route_cost(ctx, owner, current) - route_cost(ctx, owner, without);
                const Spot s = best_spot(ctx, t, owner, &without);
                if (s.engineer < 0 || s.added >= saving) continue;
                if (s.engineer == owner) {
                    without.insert(without.begin() + static_cast<std::ptrdiff_t>(s.position), t);
                    ctx.set_queue(owner, without);
                } else {
                    std::vector<Index> q = ctx.engineer(s.engineer).queue;
                    ctx.set_queue(owner, without);
                    q.insert(q.begin() + static_cast<std::ptrdiff_t>(s.position), t);
                    ctx.set_queue(s.engineer, q);
                }
            }
        }
    }

    Duration interval_;
};

}  // namespace

std::unique_ptr<Policy> make_insertion_policy(Duration interval) {
    if (interval <= 0) throw InputError("/policy", "a re-optimisation interval must be a positive number of seconds");
    return std::make_unique<InsertionPolicy>(interval);
}

}  // namespace fsd::sim_detail
