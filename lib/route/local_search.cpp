#include <algorithm>
#include <numeric>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/search.hpp"

namespace fsd::detail {

namespace {
Index position_of(const std::vector<Index>& route, Index j) {
    return static_cast<Index>(std::find(route.begin(), route.end(), j) - route.begin());
}
}  // namespace

namespace {
// Lateness and overtime never go below zero, so only a route that has some
// now can lose it by a move; otherwise travel and preference decide.
bool may_fall(const RouteEval& ev) { return ev.lateness != 0 || ev.overtime != 0; }
}  // namespace

bool Search::travel_may_improve(Index s1, const std::vector<Index>& r1, Index s2, const std::vector<Index>& r2) const {
    if (problem_.weights().balance != 0) return true;
    const RouteEval& e1 = plan_.evals[static_cast<size_t>(s1)];
    if (may_fall(e1)) return true;
    Cost before = e1.travel + e1.preference, after = sequence_travel(s1, r1) + sequence_preference(s1, r1);
    if (s2 >= 0) {
        const RouteEval& e2 = plan_.evals[static_cast<size_t>(s2)];
        if (may_fall(e2)) return true;
        before += e2.travel + e2.preference;
        after += sequence_travel(s2, r2) + sequence_preference(s2, r2);
    }
    return after < before;
}

Cost Search::sequence_preference(Index slot, const std::vector<Index>& route) const {
    if (!eval_.has_preferences()) return 0;
    const Index e = problem_.slots()[static_cast<size_t>(slot)].engineer;
    Cost cost = 0;
    for (Index j : route) cost += eval_.preference(e, j);
    return cost;
}

Cost Search::sequence_travel(Index slot, const std::vector<Index>& route) const {
    if (route.empty()) return 0;
    const Index e = problem_.slots()[static_cast<size_t>(slot)].engineer;
    Cost cost = problem_.weights().travel * problem_.engineer(e).costs.fixed;
    Index at = problem_.start_location(e);
    for (Index j : route) {
        const Index to = problem_.job_location(j);
        cost += eval_.leg_cost(e, at, to);
        at = to;
    }
    return cost + eval_.leg_cost(e, at, problem_.end_location(e));
}

bool Search::try_routes(Index s1, const std::vector<Index>& r1, Index s2, const std::vector<Index>& r2) {
    // Every move passes here: one that disturbs a fixed head goes no further.
    if (locks_.any && (!locks_.keeps_head(s1, plan_.routes[static_cast<size_t>(s1)], r1) ||
                       (s2 >= 0 && !locks_.keeps_head(s2, plan_.routes[static_cast<size_t>(s2)], r2))))
        return false;
    const RouteEval e1 = eval_.evaluate(s1, r1);
    if (!e1.feasible) return false;
    RouteEval e2;
    if (s2 >= 0) {
        e2 = eval_.evaluate(s2, r2);
        if (!e2.feasible) return false;
    }
    Cost delta = e1.cost() - plan_.evals[static_cast<size_t>(s1)].cost();
    if (s2 >= 0) delta += e2.cost() - plan_.evals[static_cast<size_t>(s2)].cost();
    if (problem_.weights().balance != 0)
        delta += balance_with(s1, e1.working, s2, e2.working) - balance_with(-1, 0, -1, 0);
    if (delta >= 0) return false;
    set_route(s1, r1, e1);
    if (s2 >= 0) set_route(s2, r2, e2);
    return true;
}

bool Search::insert_unassigned(Index u) {
    const Cost bound = problem_.unassigned_cost(u);
    Insertion best{bound, -1, -1};
    for (Index s : job_slots_[static_cast<size_t>(u)]) {
        const Insertion ins = best_insertion(u, s, best.delta);
        if (ins.slot >= 0) best = ins;
    }
    if (best.slot < 0) return false;
    std::vector<Index> route = plan_.routes[static_cast<size_t>(best.slot)];
    route.insert(route.begin() + best.position, u);
    const RouteEval ev = eval_.evaluate(best.slot, route);
    FSD_ASSERT(ev.feasible);
    if (problem_.weights().balance != 0) {
        const Cost change = ev.cost() - plan_.evals[static_cast<size_t>(best.slot)].cost() +
                            balance_with(best.slot, ev.working, -1, 0) - balance_with(-1, 0, -1, 0);
        if (change >= bound) return false;
    }
    set_route(best.slot, route, ev);
    return true;
}

// First improvement over the moves that pair u with one of its neighbours.
bool Search::improve_job(Index u) {
    if (locks_.fixed(u)) return false;
    const Index a = plan_.slot_of[static_cast<size_t>(u)];
    if (a < 0) return insert_unassigned(u);
    const bool exact_travel = problem_.weights().balance == 0;
    const Index ea = problem_.slots()[static_cast<size_t>(a)].engineer;
    auto loc_in = [&](const std::vector<Index>& r, Index pos, Index e) {
        if (pos < 0) return problem_.start_location(e);
        if (pos >= static_cast<Index>(r.size())) return problem_.end_location(e);
        return problem_.job_location(r[static_cast<size_t>(pos)]);
    };
    const Index lu = problem_.job_location(u);

    for (Index v : neighbours_[static_cast<size_t>(u)]) {
        const Index b = plan_.slot_of[static_cast<size_t>(v)];
        if (b < 0) continue;
        const std::vector<Index>& ra = plan_.routes[static_cast<size_t>(a)];
        const std::vector<Index>& rb = plan_.routes[static_cast<size_t>(b)];
        const Index i = position_of(ra, u);
        const Index k = position_of(rb, v);
        const Index eb = problem_.slots()[static_cast<size_t>(b)].engineer;
        if (a != b) {
            const RouteEval& eva = plan_.evals[static_cast<size_t>(a)];
            const RouteEval& evb = plan_.evals[static_cast<size_t>(b)];
            // Travel of the changed routes is exact from legs; lateness and
            // overtime can only fall when one of them has some now.
            const bool prune = exact_travel && !may_fall(eva) && !may_fall(evb);
            if (problem_.compatible(eb, u)) {
                Cost removal = 0;
                if (ra.size() == 1) {
                    removal = -eva.travel;
                } else {
                    const Index p = loc_in(ra, i - 1, ea), n = loc_in(ra, i + 1, ea);
                    removal = eval_.leg_cost(ea, p, n) - eval_.leg_cost(ea, p, lu) - eval_.leg_cost(ea, lu, n);
                }
                // u changes engineer, so its preference cost may change too.
                removal += eval_.preference(eb, u) - eval_.preference(ea, u);
                for (Index q : {k, k + 1}) {
                    const Index p = loc_in(rb, q - 1, eb), n = loc_in(rb, q, eb);
                    const Cost add = eval_.leg_cost(eb, p, lu) + eval_.leg_cost(eb, lu, n) - eval_.leg_cost(eb, p, n);
                    if (prune && removal + add >= 0) continue;
                    buffer_ = ra;
                    buffer_.erase(buffer_.begin() + i);
                    buffer2_ = rb;
                    buffer2_.insert(buffer2_.begin() + q, u);
                    if (try_routes(a, buffer_, b, buffer2_)) return true;
                }
                if (problem_.compatible(ea, v)) {
                    const Index lv = problem_.job_location(v);
                    const Index pa = loc_in(ra, i - 1, ea), na = loc_in(ra, i + 1, ea);
                    const Index pb = loc_in(rb, k - 1, eb), nb = loc_in(rb, k + 1, eb);
                    const Cost change = eval_.leg_cost(ea, pa, lv) + eval_.leg_cost(ea, lv, na) - eval_.leg_cost(ea, pa, lu) -
                                        eval_.leg_cost(ea, lu, na) + eval_.leg_cost(eb, pb, lu) + eval_.leg_cost(eb, lu, nb) -
                                        eval_.leg_cost(eb, pb, lv) - eval_.leg_cost(eb, lv, nb) +
                                        eval_.preference(ea, v) + eval_.preference(eb, u) - eval_.preference(ea, u) -
                                        eval_.preference(eb, v);
                    if (!prune || change < 0) {
                        buffer_ = ra;
                        buffer_[static_cast<size_t>(i)] = v;
                        buffer2_ = rb;
                        buffer2_[static_cast<size_t>(k)] = u;
                        if (try_routes(a, buffer_, b, buffer2_)) return true;
                    }
                }
            }
            // Or-opt: u with the one or two jobs after it moves behind v.
            for (Index len : {2, 3}) {
                if (i + len > static_cast<Index>(ra.size())) break;
                bool fits = true;
                for (Index m = 0; m < len && fits; ++m) fits = problem_.compatible(eb, ra[static_cast<size_t>(i + m)]);
                if (!fits) break;
                buffer_ = ra;
                buffer_.erase(buffer_.begin() + i, buffer_.begin() + i + len);
                buffer2_ = rb;
                buffer2_.insert(buffer2_.begin() + k + 1, ra.begin() + i, ra.begin() + i + len);
                if (travel_may_improve(a, buffer_, b, buffer2_) && try_routes(a, buffer_, b, buffer2_)) return true;
            }
            // 2-opt*: u continues with v's tail, v with u's tail.
            bool ok = true;
            for (size_t m = static_cast<size_t>(k) + 1; m < rb.size() && ok; ++m) ok = problem_.compatible(ea, rb[m]);
            for (size_t m = static_cast<size_t>(i) + 1; m < ra.size() && ok; ++m) ok = problem_.compatible(eb, ra[m]);
            if (ok) {
                buffer_.assign(ra.begin(), ra.begin() + i + 1);
                buffer_.insert(buffer_.end(), rb.begin() + k + 1, rb.end());
                buffer2_.assign(rb.begin(), rb.begin() + k + 1);
                buffer2_.insert(buffer2_.end(), ra.begin() + i + 1, ra.end());
                if (travel_may_improve(a, buffer_, b, buffer2_) && try_routes(a, buffer_, b, buffer2_)) return true;
            }
        } else {
            // Same route: move u next to v, swap them, or reverse the stretch between.
            for (Index q : {k, k + 1}) {
                buffer_ = ra;
                buffer_.erase(buffer_.begin() + i);
                const Index at = q > i ? q - 1 : q;
                buffer_.insert(buffer_.begin() + at, u);
                if (buffer_ != ra && travel_may_improve(a, buffer_, -1, buffer2_) && try_routes(a, buffer_, -1, buffer2_))
                    return true;
            }
            buffer_ = ra;
            std::swap(buffer_[static_cast<size_t>(i)], buffer_[static_cast<size_t>(k)]);
            if (travel_may_improve(a, buffer_, -1, buffer2_) && try_routes(a, buffer_, -1, buffer2_)) return true;
            buffer_ = ra;
            if (i < k) std::reverse(buffer_.begin() + i + 1, buffer_.begin() + k + 1);
            else std::reverse(buffer_.begin() + k + 1, buffer_.begin() + i + 1);
            if (buffer_ != ra && travel_may_improve(a, buffer_, -1, buffer2_) && try_routes(a, buffer_, -1, buffer2_))
                return true;
        }
    }

    // Into the unused route (of a compatible engineer) where u alone is cheapest.
    const std::vector<Index>& ra = plan_.routes[static_cast<size_t>(a)];
    if (ra.size() > 1) {
        Index target = -1;
        Cost cheapest = kTimeMax;
        for (Index s : job_slots_[static_cast<size_t>(u)]) {
            if (!plan_.routes[static_cast<size_t>(s)].empty()) continue;
            const Index e = problem_.slots()[static_cast<size_t>(s)].engineer;
            const Cost alone = problem_.weights().travel * problem_.engineer(e).costs.fixed +
                               eval_.leg_cost(e, problem_.start_location(e), lu) + eval_.leg_cost(e, lu, problem_.end_location(e)) +
                               eval_.preference(e, u);
            if (alone < cheapest) cheapest = alone, target = s;
        }
        if (target >= 0) {
            buffer_ = ra;
            buffer_.erase(buffer_.begin() + position_of(ra, u));
            buffer2_.assign(1, u);
            if (travel_may_improve(a, buffer_, target, buffer2_) && try_routes(a, buffer_, target, buffer2_)) return true;
        }
    }
    return false;
}

bool Search::local_search(bool all) {
    std::vector<Index> order(static_cast<size_t>(problem_.num_jobs()));
    std::iota(order.begin(), order.end(), 0);
    std::vector<char> active = touched_;
    bool any = false;
    bool improved = true;
    while (improved && !should_stop()) {
        improved = false;
        std::fill(touched_.begin(), touched_.end(), 0);
        std::shuffle(order.begin(), order.end(), rng_);
        auto is_active = [&](Index j) {
            const Index s = plan_.slot_of[static_cast<size_t>(j)];
            return s >= 0 && active[static_cast<size_t>(s)];
        };
        for (Index u : order) {
            if (should_stop()) break;
            const auto& slots_of_u = job_slots_[static_cast<size_t>(u)];
            if (slots_of_u.empty()) continue;
            bool look = all || is_active(u);
            if (!look && plan_.slot_of[static_cast<size_t>(u)] < 0)
                look = std::any_of(slots_of_u.begin(), slots_of_u.end(),
                                   [&](Index s) { return active[static_cast<size_t>(s)] != 0; });
            if (!look) look = std::any_of(neighbours_[static_cast<size_t>(u)].begin(), neighbours_[static_cast<size_t>(u)].end(), is_active);
            if (look && improve_job(u)) improved = any = true;
        }
        all = false;
        active = touched_;
    }
    std::fill(touched_.begin(), touched_.end(), 0);
    return any;
}

// Ruin and recreate: take out a few jobs close to a random one, put them and
// every unassigned job back by regret insertion, then descend again.
bool Search::perturb() {
    if (iterations_ % 200 == 0) reset(best_);
    std::fill(touched_.begin(), touched_.end(), 0);
    const Plan current = plan_;
    const ObjectiveParts before = objective(plan_);
    std::vector<Index> routed;
    for (Index j = 0; j < problem_.num_jobs(); ++j)
        if (plan_.slot_of[static_cast<size_t>(j)] >= 0 && !locks_.fixed(j)) routed.push_back(j);
    std::vector<Index> removed;
    if (!routed.empty()) {
        const Index seed = routed[std::uniform_int_distribution<size_t>(0, routed.size() - 1)(rng_)];
        const size_t most = std::min<size_t>(routed.size(), std::max<size_t>(3, std::min<size_t>(15, routed.size() / 8 + 2)));
        const size_t count = std::uniform_int_distribution<size_t>(std::min<size_t>(2, most), most)(rng_);
        removed.push_back(seed);
        for (Index v : neighbours_[static_cast<size_t>(seed)])
            if (removed.size() < count && plan_.slot_of[static_cast<size_t>(v)] >= 0 && !locks_.fixed(v))
                removed.push_back(v);
    }
    std::vector<Index> touched;
    for (Index j : removed) touched.push_back(plan_.slot_of[static_cast<size_t>(j)]);
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (Index s : touched) {
        std::vector<Index> route;
        for (Index j : plan_.routes[static_cast<size_t>(s)])
            if (std::find(removed.begin(), removed.end(), j) == removed.end()) route.push_back(j);
        const RouteEval ev = eval_.evaluate(s, route);
        if (!ev.feasible) {
            reset(current);
            return false;
        }
        set_route(s, route, ev);
    }
    std::vector<Index> pending;
    for (Index j = 0; j < problem_.num_jobs(); ++j)
        if (plan_.slot_of[static_cast<size_t>(j)] < 0 && !job_slots_[static_cast<size_t>(j)].empty()) pending.push_back(j);
    regret_insert(std::move(pending));
    local_search(false);
    const ObjectiveParts after = objective(plan_);
    report_if_best();
    const Cost slack = (before.lateness + before.travel + before.balance + before.preference + before.overtime) / 200;
    const bool accept = after.total() <= before.total() ||
                        (after.unassigned <= before.unassigned && after.total() <= before.total() + slack);
    if (!accept) reset(current);
    return accept;
}

}  // namespace fsd::detail
