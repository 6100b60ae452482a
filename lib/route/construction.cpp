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

// A pending job's view of one slot: its cheapest place there, or (not
// exact) a lower bound of every place, when that could not enter the job's
// three cheapest at the time.
struct Cell {
    Index slot = -1;
    Placement place;
};

// What a pending job's cells say: its cheapest place, its three cheapest
// values (for the regret) and whether it can still go in.
struct Summary {
    Placement best;
    std::array<Cost, kRegret> top{};
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

    std::vector<std::vector<Cell>> cells(p);
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> watchers(static_cast<std::size_t>(m.num_slots()));
    std::vector<Summary> summary(p);
    std::priority_queue<Entry> queue;
    // A cell is priced only when it could enter its job's three cheapest.
    auto price = [&](std::size_t i, Cell& c) { c.place = ls.best_place(pending[i], c.slot, true, summary[i].top[kRegret - 1]); };
    auto summarise = [&](std::size_t i) {
        const Cost cap = m.prize(pending[i]);
        Summary s;
        s.version = summary[i].version + 1;
        for (;;) {
            s.best = Placement{};
            s.top.fill(cap);
            for (const Cell& c : cells[i]) {
                const Placement& x = c.place;
                if (!x.exact || x.slot < 0) continue;
                if (x.delta < s.best.delta) s.best = x;
                for (int k = 0; k < kRegret; ++k)
                    if (x.delta < s.top[static_cast<std::size_t>(k)]) {
                        for (int r = kRegret - 1; r > k; --r) s.top[static_cast<std::size_t>(r)] = s.top[static_cast<std::size_t>(r - 1)];
                        s.top[static_cast<std::size_t>(k)] = x.delta;
                        break;
                    }
            }
            // A bound below the third cheapest could hide a cheaper place: price it, and look again.
            const auto hidden = std::find_if(cells[i].begin(), cells[i].end(), [&](const Cell& c) {
                return !c.place.exact && c.place.delta < s.top[kRegret - 1];
            });
            if (hidden == cells[i].end()) break;
            hidden->place = ls.best_place(pending[i], hidden->slot, true);
        }
        s.alive = s.best.slot >= 0 && s.best.delta < cap;
        for (int k = 1; k < kRegret; ++k) s.regret += s.top[static_cast<std::size_t>(k)] - s.top[0];
        summary[i] = s;
        if (!s.alive) return;
        // Among equal prizes: the largest regret, or the least time taken (then the cheapest).
        if (order == InsertionOrder::regret || cap != lowest) queue.push({cap, s.regret, 0, i, s.version});
        else queue.push({cap, -s.best.later, -s.best.delta, i, s.version});
    };

    // A job's slots: the nearest slots_per_job, and the slots as near as the
    // last of them (alike engineers from one depot: near_slots is ordered so).
    // Of those still unused, one per kind stands for a new route (unused
    // slots of a kind are alike, and counting each would make every regret
    // zero on a fleet from one depot); when it is used, the next one of its
    // kind takes its place.
    std::vector<std::size_t> considered(p);
    auto add_cell = [&](std::size_t i, Index s) {
        watchers[static_cast<std::size_t>(s)].emplace_back(i, cells[i].size());
        Cell c{s, {}};
        price(i, c);
        cells[i].push_back(c);
    };
    auto next_unused = [&](std::size_t i, Index kind) {
        const auto& near = m.near_slots(pending[i]);
        for (std::size_t k = 0; k < considered[i]; ++k)
            if (m.slot(near[k]).kind == kind && plan.route(near[k]).empty()) return near[k];
        return Index{-1};
    };
    std::vector<Index> kinds_seen;
    for (std::size_t i = 0; i < p; ++i) {
        if (stop.out_of_time()) return;
        summary[i].top.fill(m.prize(pending[i]));
        const auto& near = m.near_slots(pending[i]);
        std::size_t take = std::min(near.size(), slots_per_job);
        auto start_of = [&](Index s) { return m.slot(s).start_location; };
        while (take > 0 && take < near.size() && start_of(near[take]) == start_of(near[take - 1])) ++take;
        considered[i] = take;
        kinds_seen.clear();
        for (std::size_t k = 0; k < take; ++k) {
            const Index s = near[k];
            if (plan.route(s).empty()) {
                if (std::find(kinds_seen.begin(), kinds_seen.end(), m.slot(s).kind) != kinds_seen.end()) continue;
                kinds_seen.push_back(m.slot(s).kind);
            }
            add_cell(i, s);
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
        const Index s = place.slot;
        const bool opened = plan.route(s).empty();
        ls.insert_at(pending[top.job], place);
        // add_cell appends to the watchers of another slot only (an unused one).
        for (const auto& [i, k] : watchers[static_cast<std::size_t>(s)]) {
            if (!summary[i].alive) continue;
            price(i, cells[i][k]);
            if (opened)
                if (const Index next = next_unused(i, m.slot(s).kind); next >= 0) add_cell(i, next);
            summarise(i);
        }
    }
}

}  // namespace fsd::detail
