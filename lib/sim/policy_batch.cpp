// Periodic batch assignment: every interval the unstarted work (waiting
// tickets and engineers' queues) is planned again, one exact minimum-cost
// assignment per round: round 1 gives each engineer its next ticket, round 2
// the one after, and so on while the planned starts stay within the
// planning horizon. Prices are the optimising policies' visit price.
#include "builtin_policies.hpp"
#include "fsd/assign/linear_assignment.hpp"
#include "fsd/core/error.hpp"

namespace fsd::sim_detail {
namespace {

// Leaving a ticket for a later batch costs more than any visit, so each
// round serves as many tickets as it can; among tickets competing for too
// few engineers it keeps those whose SLAs a deferral of kDeferral would cost
// (priced as visit_price prices a late start).
constexpr Cost kLeaveOut = 1'000'000'000;
constexpr Duration kDeferral = 3600;
// An engineer idle now may still go beyond the planning horizon when nothing
// nearer is left, as nearest-free would: no ticket is stranded for being far.
constexpr Cost kFar = 100'000'000;
// How far ahead the rounds plan: 1.5 h, or 30 minutes under a backlog, where
// a queue planned far ahead loses to whoever comes free next to a ticket
// (the same lesson as the insertion policy's look-ahead).
constexpr Duration kHorizon = 5400;
constexpr Duration kBacklogHorizon = 1800;

class BatchPolicy final : public Policy {
public:
    explicit BatchPolicy(Duration interval) : interval_(interval) {}
    std::string name() const override { return "batch:" + std::to_string(interval_); }
    Duration tick_interval() const override { return interval_; }

    void on_tick(SimContext& ctx) override { plan(ctx); }

private:
    struct Slot {
        Index engineer;
        Coordinates position;
        Time free_at;
        std::vector<Index> queue;
    };

    void plan(SimContext& ctx) {
        const bool backlog = in_backlog(ctx);
        const Duration horizon = backlog ? kBacklogHorizon : kHorizon;
        // Engineers on shift, and the pool: waiting tickets and unstarted queues.
        std::vector<Slot> slots;
        std::vector<Index> pool = ctx.waiting();
        for (Index e = 0; e < ctx.engineer_count(); ++e) {
            const SimEngineerView& v = ctx.engineer(e);
            if (!ctx.on_shift(e)) continue;
            if (v.status == SimEngineerStatus::going_home || v.status == SimEngineerStatus::off_shift) continue;
            pool.insert(pool.end(), v.queue.begin(), v.queue.end());
            slots.push_back({e, v.position, std::max(ctx.now(), v.free_at), {}});
        }
        if (slots.empty() || pool.empty()) return;
        const VisitPrice w;
        std::vector<char> taken(pool.size(), 0);
        for (int round = 0;; ++round) {
            // Engineers free within the horizon take part; an engineer's next
            // ticket (round 0) may start up to twice the horizon ahead (a long
            // drive), later ones within the horizon.
            const Time latest_start = ctx.now() + (round == 0 ? 2 * horizon : horizon);
            std::vector<size_t> cols;
            for (size_t c = 0; c < slots.size(); ++c)
                if (slots[c].free_at <= ctx.now() + std::max(interval_, horizon)) cols.push_back(c);
            std::vector<size_t> rows;
            for (size_t i = 0; i < pool.size(); ++i)
                if (!taken[i]) rows.push_back(i);
            if (cols.empty() || rows.empty()) break;
            SparseAssignmentInput in;
            in.rows = static_cast<Index>(rows.size());
            in.columns = static_cast<Index>(cols.size());
            for (size_t i : rows) {
                const Index t = pool[i];
                Index any = -1;
                for (size_t k = 0; k < cols.size(); ++k) {
                    const Slot& sl = slots[cols[k]];
                    const Index e = sl.engineer;
                    if (!ctx.can_serve(e, t)) continue;
                    const Duration drive = ctx.travel(sl.position, ctx.ticket(t).location).duration;
                    const Time start = sl.free_at + drive;
                    // The engine's overtime rule: the visit must be expected to end in time.
                    if (start + ctx.expected_duration(e, t) > latest_end(ctx, e)) continue;
                    const bool beyond = start > latest_start;
                    if (beyond && (round > 0 || sl.free_at > ctx.now())) continue;
                    in.column.push_back(static_cast<Index>(k));
                    in.cost.push_back(visit_price(ctx, e, t, drive, start, backlog, w) + (beyond ? kFar : 0));
                    any = e;
                }
                in.row_start.push_back(static_cast<std::int64_t>(in.column.size()));
                Cost leave = kLeaveOut;
                if (any >= 0) {
                    const Time later = ctx.now() + kDeferral + w.margin;
                    leave += w.lateness * std::max<Duration>(0, later - service_deadline(ctx, any, t)) +
                             w.breach * breaches(ctx, any, t, later);
                }
                in.leave.push_back(leave);
            }
            const LinearAssignment r = solve_linear_assignment(in);
            bool any_pair = false;
            for (size_t j = 0; j < rows.size(); ++j) {
                const Index k = r.column_of_row[j];
                if (k < 0) continue;
                any_pair = true;
                Slot& sl = slots[cols[static_cast<size_t>(k)]];
                const Index t = pool[rows[j]];
                sl.free_at += ctx.travel(sl.position, ctx.ticket(t).location).duration + ctx.expected_duration(sl.engineer, t);
                sl.position = ctx.ticket(t).location;
                sl.queue.push_back(t);
                taken[rows[j]] = 1;
            }
            if (!any_pair) break;
        }
        // Changed queues are emptied first: their tickets may move to another engineer.
        for (const Slot& sl : slots)
            if (ctx.engineer(sl.engineer).queue != sl.queue) ctx.set_queue(sl.engineer, {});
        for (const Slot& sl : slots)
            if (ctx.engineer(sl.engineer).queue != sl.queue) ctx.set_queue(sl.engineer, sl.queue);
    }

    Duration interval_;
};

}  // namespace

std::unique_ptr<Policy> make_batch_policy(Duration interval) {
    if (interval <= 0) throw InputError("/policy", "a batch interval must be a positive number of seconds");
    return std::make_unique<BatchPolicy>(interval);
}

}  // namespace fsd::sim_detail
