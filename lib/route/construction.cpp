#include "fsd/route/detail/construction.hpp"

#include <algorithm>
#include <array>
#include <queue>

namespace fsd::detail {

namespace {

constexpr int kRegret = 3;
// Slots a pending job looks at: its nearest ones; fewer on large days, where
// the watchers of a route (the jobs priced again after each insertion into
// it) would otherwise be most of the day.
constexpr std::size_t kLargeDay = 2000;
constexpr std::size_t kLargeDaySlots = 16;

// What a pending job's table row says: its cheapest place and its regret.
struct Summary {
    Placement best;
    Cost regret = 0;
    bool alive = true;
    std::uint32_t version = 0;
};

// A pending job as the queue ranks it: the highest prize first, then, among
// equal prizes, the larger `first` key, then the larger `second` key, then
// the lower index (a deterministic order).
struct Entry {
    Cost prize;
    Cost first;
    Cost second;
    std::size_t job;
    std::uint32_t version;
    bool operator<(const Entry& o) const {
        if (prize != o.prize) return prize < o.prize;
        if (first != o.first) return first < o.first;
        if (second != o.second) return second < o.second;
        return job > o.job;
    }
};

}  // namespace

void construct(Plan& plan, LocalSearch& ls, const StoppingCriterion& stop, InsertionOrder order) {
    const RouteModel& m = plan.model();
    std::vector<Index> pending;
    for (Index j : plan.unserved())
        if (m.servable(j)) pending.push_back(j);
    std::sort(pending.begin(), pending.end());
    const std::size_t p = pending.size();
    if (p == 0) return;
    const std::size_t slots_per_job = p > kLargeDay ? kLargeDaySlots : RouteModel::kSlotCandidates;
    // The fill order applies to the lowest prize only: higher prizes are few
    // enough to serve them all, and regret is what gets them all in.
    Cost lowest = kTimeMax;
    for (Index j : pending) lowest = std::min(lowest, m.prize(j));

    // Per pending job, its cheapest place in each of its near slots; per
    // slot, the table cells that look at it.
    std::vector<std::vector<Placement>> table(p);
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> watchers(static_cast<std::size_t>(m.num_slots()));
    std::vector<Summary> summary(p);
    std::priority_queue<Entry> queue;
    auto summarise = [&](std::size_t i) {
        const Cost cap = m.prize(pending[i]);
        std::array<Cost, kRegret> top;
        top.fill(cap);
        Summary s;
        s.version = summary[i].version + 1;
        for (const Placement& c : table[i]) {
            if (c.slot < 0) continue;
            if (c.delta < s.best.delta) s.best = c;
            for (int k = 0; k < kRegret; ++k)
                if (c.delta < top[static_cast<std::size_t>(k)]) {
                    for (int r = kRegret - 1; r > k; --r) top[static_cast<std::size_t>(r)] = top[static_cast<std::size_t>(r - 1)];
                    top[static_cast<std::size_t>(k)] = c.delta;
                    break;
                }
        }
        s.alive = s.best.slot >= 0 && s.best.delta < cap;
        for (int k = 1; k < kRegret; ++k) s.regret += top[static_cast<std::size_t>(k)] - top[0];
        summary[i] = s;
        if (!s.alive) return;
        // Among equal prizes: the largest regret, or the least time taken (then the cheapest).
        if (order == InsertionOrder::regret || cap != lowest) queue.push({cap, s.regret, 0, i, s.version});
        else queue.push({cap, -s.best.later, -s.best.delta, i, s.version});
    };
    for (std::size_t i = 0; i < p; ++i) {
        if (stop.out_of_time()) return;
        const Index j = pending[i];
        const auto& near = m.near_slots(j);
        // The nearest slots_per_job, and the slots as near as the last of them
        // (alike engineers from one depot): near_slots is ordered so.
        std::size_t take = std::min(near.size(), slots_per_job);
        auto start_of = [&](Index s) { return m.slot(s).start_location; };
        while (take > 0 && take < near.size() && start_of(near[take]) == start_of(near[take - 1])) ++take;
        for (std::size_t k = 0; k < take; ++k) {
            watchers[static_cast<std::size_t>(near[k])].emplace_back(i, table[i].size());
            table[i].push_back(ls.best_place(j, near[k], true));
        }
        summarise(i);
    }
    while (!queue.empty()) {
        if (stop.out_of_time()) return;
        const Entry top = queue.top();
        queue.pop();
        Summary& picked = summary[top.job];
        if (!picked.alive || picked.version != top.version) continue;  // an older entry of a job priced again
        picked.alive = false;
        const Placement place = picked.best;
        ls.insert_at(pending[top.job], place);
        const Index s = place.slot;
        for (const auto& [i, k] : watchers[static_cast<std::size_t>(s)]) {
            if (!summary[i].alive) continue;
            table[i][k] = ls.best_place(pending[i], s, true);
            summarise(i);
        }
    }
}

}  // namespace fsd::detail
