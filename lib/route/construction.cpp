#include "fsd/route/detail/construction.hpp"

#include <algorithm>
#include <array>

namespace fsd::detail {

namespace {

constexpr int kRegret = 3;

// What a pending job's table row says: its cheapest place and its regret.
struct Summary {
    Placement best;
    Cost regret = 0;
    bool alive = true;
};

}  // namespace

void construct(Plan& plan, LocalSearch& ls, const StoppingCriterion& stop) {
    const RouteModel& m = plan.model();
    std::vector<Index> pending;
    for (Index j : plan.unserved())
        if (m.servable(j)) pending.push_back(j);
    std::sort(pending.begin(), pending.end());
    const std::size_t p = pending.size();
    if (p == 0) return;

    // Per pending job, its cheapest place in each of its near slots; per
    // slot, the table cells that look at it.
    std::vector<std::vector<Placement>> table(p);
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> watchers(static_cast<std::size_t>(m.num_slots()));
    std::vector<Summary> summary(p);
    auto summarise = [&](std::size_t i) {
        const Cost cap = m.prize(pending[i]);
        std::array<Cost, kRegret> top;
        top.fill(cap);
        Summary s;
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
    };
    for (std::size_t i = 0; i < p; ++i) {
        if (stop.out_of_time()) return;
        const Index j = pending[i];
        for (Index s : m.near_slots(j)) {
            watchers[static_cast<std::size_t>(s)].emplace_back(i, table[i].size());
            table[i].push_back(ls.best_place(j, s, true));
        }
        summarise(i);
    }
    for (;;) {
        if (stop.out_of_time()) return;
        // The highest prize first; among equal prizes the largest regret.
        std::size_t pick = p;
        for (std::size_t i = 0; i < p; ++i) {
            if (!summary[i].alive) continue;
            if (pick == p) {
                pick = i;
                continue;
            }
            const Cost a = m.prize(pending[i]), b = m.prize(pending[pick]);
            if (a > b || (a == b && summary[i].regret > summary[pick].regret)) pick = i;
        }
        if (pick == p) return;
        const Placement place = summary[pick].best;
        summary[pick].alive = false;
        ls.insert_at(pending[pick], place);
        const Index s = place.slot;
        for (const auto& [i, k] : watchers[static_cast<std::size_t>(s)]) {
            if (!summary[i].alive) continue;
            table[i][k] = ls.best_place(pending[i], s, true);
            summarise(i);
        }
    }
}

}  // namespace fsd::detail
