#include <algorithm>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/search.hpp"

namespace fsd::detail {

namespace {
constexpr int kRegret = 3;

// The kRegret smallest values seen, ascending; unset ones hold `cap`.
struct Smallest {
    Cost c[kRegret];
    explicit Smallest(Cost cap) { std::fill(c, c + kRegret, cap); }
    void add(Cost v) {
        for (int k = 0; k < kRegret; ++k)
            if (v < c[k]) {
                for (int m = kRegret - 1; m > k; --m) c[m] = c[m - 1];
                c[k] = v;
                return;
            }
    }
};
}  // namespace

// Parallel regret-3 insertion: every pending job knows its cheapest insertion
// per route; the job that would lose most by waiting goes in first, and only
// the changed route is re-examined afterwards. A table entry with slot -1 and
// a delta below the job's cap means "no insertion cheaper than delta": beyond
// the third cheapest route the exact value does not change the regret.
void Search::regret_insert(std::vector<Index> pending) {
    const size_t slots = problem_.slots().size();
    const size_t p = pending.size();
    std::vector<Insertion> table(p * slots);
    std::vector<Cost> caps(p);
    std::vector<char> alive(p, 1);
    for (size_t i = 0; i < p; ++i) {
        const Index j = pending[i];
        caps[i] = problem_.unassigned_cost(j);
        Smallest top(caps[i]);
        for (Index s : job_slots_[static_cast<size_t>(j)]) {
            Insertion& cell = table[i * slots + static_cast<size_t>(s)];
            cell = best_insertion(j, s, top.c[kRegret - 1]);
            if (cell.slot < 0) cell.delta = top.c[kRegret - 1];
            top.add(cell.delta);
        }
    }
    size_t remaining = p;
    while (remaining > 0) {
        // Only cancellation cuts construction short: a time limit still gets a full first plan.
        if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) break;
        size_t pick = p;
        Cost pick_regret = -1;
        Insertion pick_ins;
        for (size_t i = 0; i < p; ++i) {
            if (!alive[i]) continue;
            const Index j = pending[i];
            Smallest top(caps[i]);
            Insertion first;
            for (int pass = 0; pass < 2; ++pass) {
                top = Smallest(caps[i]);
                first = Insertion{caps[i], -1, -1};
                for (Index s : job_slots_[static_cast<size_t>(j)]) {
                    const Insertion& ins = table[i * slots + static_cast<size_t>(s)];
                    top.add(ins.delta);
                    if (ins.slot >= 0 && ins.delta < first.delta) first = ins;
                }
                // An estimate below the best real insertion may hide a better
                // one: make those exact, then look again.
                bool refined = false;
                for (Index s : job_slots_[static_cast<size_t>(j)]) {
                    Insertion& cell = table[i * slots + static_cast<size_t>(s)];
                    if (cell.slot >= 0 || cell.delta >= first.delta) continue;
                    cell = best_insertion(j, s, caps[i]);
                    if (cell.slot < 0) cell.delta = caps[i];
                    refined = true;
                }
                if (!refined) break;
            }
            if (first.slot < 0) {
                alive[i] = 0;  // no place cheaper than leaving it out
                --remaining;
                continue;
            }
            Cost regret = 0;
            for (int k = 1; k < kRegret; ++k) regret += top.c[k] - first.delta;
            const bool better = pick == p || regret > pick_regret ||
                                (regret == pick_regret && problem_.job(j).priority > problem_.job(pending[pick]).priority);
            if (better) {
                pick = i;
                pick_regret = regret;
                pick_ins = first;
            }
        }
        if (pick == p) break;
        const Index j = pending[pick];
        alive[pick] = 0;
        --remaining;
        const size_t s = static_cast<size_t>(pick_ins.slot);
        std::vector<Index> route = plan_.routes[s];
        route.insert(route.begin() + pick_ins.position, j);
        const RouteEval ev = eval_.evaluate(pick_ins.slot, route);
        FSD_ASSERT(ev.feasible);
        set_route(pick_ins.slot, route, ev);
        const Index engineer = problem_.slots()[s].engineer;
        for (size_t i = 0; i < p; ++i) {
            if (!alive[i]) continue;
            const Index other = pending[i];
            if (!problem_.compatible(engineer, other)) continue;
            Smallest top(caps[i]);
            for (Index t : job_slots_[static_cast<size_t>(other)])
                if (static_cast<size_t>(t) != s) top.add(table[i * slots + static_cast<size_t>(t)].delta);
            Insertion& cell = table[i * slots + s];
            cell = best_insertion(other, pick_ins.slot, top.c[kRegret - 1]);
            if (cell.slot < 0) cell.delta = top.c[kRegret - 1];
        }
    }
}

}  // namespace fsd::detail
