#include "fsd/route/detail/local_search.hpp"

#include <algorithm>

#include "fsd/core/error.hpp"

namespace fsd::detail {

namespace {
// Unused routes tried for a job: the nearest few of its slots stand for all.
constexpr int kUnusedRoutes = 3;
// Routes near a job tried by insert(): the nearest of its slots besides its neighbours' routes.
constexpr std::size_t kNearRoutes = 8;
// Neighbours a left-out job may take the place of (make_room).
constexpr int kEjectionNeighbours = 6;
// Neighbours whose routes a job pushed out of its route may move to.
constexpr std::size_t kAwayNeighbours = 10;
// At most this many jobs left out (or 2 % of the jobs) are few: see few_left_out.
constexpr std::size_t kFewLeftOut = 3;
// Places of a linked visit tried with its left-out partners (insert_together).
constexpr std::size_t kTogetherPlaces = 4;
// Exchanges of a SWAP* route pair priced exactly, the most promising by their legs.
constexpr std::size_t kSwapStarTries = 3;

// What a route costs beyond its engineer costs: penalties, lateness,
// overtime, a depot stop's detour and working hours, all that a move could
// lower besides the legs and preferences. A
// move whose legs and preferences add at least this much cannot pay.
Cost beyond_costs(const RouteCost& c, const Penalties& w) { return c.penalised(w) - (c.travel - c.extra) - c.preference; }

// The warp plus excess route r keeps without each job of `nodes` that
// `may_leave` allows, as (penalty left, position), the least first (ties in
// route order): who leaves a route to make it feasible.
template <class MayLeave>
void penalty_without_each(const Plan& plan, Index r, const std::vector<Index>& nodes, MayLeave may_leave,
                          RouteState& trial, std::vector<std::pair<Cost, std::size_t>>& out) {
    const RouteModel& m = plan.model();
    out.clear();
    for (std::size_t i = 1; i + 1 < nodes.size(); ++i) {
        if (!m.is_job(nodes[i]) || !may_leave(nodes[i])) continue;
        std::vector<Index> fewer = nodes;
        fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
        trial.build(m, r, std::move(fewer), plan.release());
        plan.price_links(trial);
        out.emplace_back(trial.cost().warp + trial.cost().excess, i);
    }
    std::sort(out.begin(), out.end());
}
}  // namespace

LocalSearch::LocalSearch(Plan& plan, const RouteLocks& locks, std::uint64_t seed)
    : plan_(plan), model_(plan.model()), locks_(locks), rng_(seed) {
    const auto n = static_cast<std::size_t>(model_.num_jobs());
    queued_.assign(n, 0);
    examined_.assign(n, -1);
    room_examined_.assign(n, -1);
    top_places_.assign(n * kTopPlaceRoutes, TopPlaces{});
}

void LocalSearch::enqueue(Index j) {
    if (queued_[static_cast<std::size_t>(j)]) return;
    queued_[static_cast<std::size_t>(j)] = 1;
    queue_.push_back(j);
}

void LocalSearch::mark_all() {
    std::fill(examined_.begin(), examined_.end(), -1);
    std::fill(room_examined_.begin(), room_examined_.end(), -1);
    pair_examined_.clear();
    for (Index j = 0; j < model_.num_jobs(); ++j)
        if (model_.servable(j)) enqueue(j);
}

void LocalSearch::mark_route(Index s) {
    for (Index node : plan_.route(s).nodes()) {
        if (!model_.is_job(node)) continue;
        enqueue(node);
        for (Index w : model_.listed_by(node)) enqueue(w);
    }
}

void LocalSearch::run(const StoppingCriterion& stop) {
    // On a coupled plan only try_move checks the plan's own cost; the moves
    // that choose what is served price routes alone and could undo each
    // other for ever, so a descent makes at most this many changes.
    const std::int64_t began = plan_.clock();
    const std::int64_t most = plan_.coupled() ? 50 * static_cast<std::int64_t>(model_.num_jobs()) + 1000 : -1;
    auto spent = [&] { return most >= 0 && plan_.clock() - began > most; };
    for (;;) {
        while (!queue_.empty() && !stop.out_of_time() && !spent()) {
            const auto k = std::uniform_int_distribution<std::size_t>(0, queue_.size() - 1)(rng_);
            const Index u = queue_[k];
            queue_[k] = queue_.back();
            queue_.pop_back();
            queued_[static_cast<std::size_t>(u)] = 0;
            const bool moved = plan_.served(u) ? improve(u) : improve_left_out(u);
            if (!moved) examined_[static_cast<std::size_t>(u)] = plan_.clock();
        }
        if (stop.out_of_time() || spent() || !make_room_at_optimum(stop)) return;
    }
}

// Moving served jobs to let one of the least prize in costs a search per
// job: tried whenever such a job is examined, it cost Solomon and
// Gehring-Homberger 800 a good part of their iterations, most of them spent
// on jobs out for a moment after a ruin. So only here, when the descent has
// reached a local optimum, once per job until a route near it changes, and
// only when few are left out.
bool LocalSearch::make_room_at_optimum(const StoppingCriterion& stop) {
    if (!few_left_out()) return false;
    bool moved = false;
    const std::vector<Index> out = plan_.unserved();
    for (Index u : out) {
        if (stop.out_of_time()) break;
        if (plan_.served(u) || !model_.servable(u) || model_.prize(u) > model_.lowest_prize()) continue;
        if (eject_for(u, true)) moved = true;
        else room_examined_[static_cast<std::size_t>(u)] = plan_.clock();
    }
    return moved;
}

std::array<Index, 4> LocalSearch::places_by(Index r, Index p) const {
    // Just after p and just before it; and across a break next to p, since
    // where a visit falls relative to a break decides whether both fit.
    const RouteState& R = plan_.route(r);
    std::array<Index, 4> out{p, p - 1, -1, -1};
    std::size_t k = 2;
    if (p + 2 < R.size() && model_.kind(R.node(p + 1)) == NodeKind::break_) out[k++] = p + 1;
    if (p - 1 >= 1 && model_.kind(R.node(p - 1)) == NodeKind::break_) out[k++] = p - 2;
    return out;
}

bool LocalSearch::may_insert_after(Index s, Index position) const {
    if (!locks_.any) return true;
    const auto k = static_cast<std::size_t>(s);
    return !locks_.closed[k] && plan_.route(s).counts(position).jobs >= locks_.head[k];
}

void LocalSearch::changed(Index s) {
    place_breaks(s);
    mark_route(s);
}

bool LocalSearch::try_move(const RouteSpec& a, const RouteSpec* b, Cost bias, bool strict, bool legs_checked) {
    strict = strict || feasible_only_;
    const Penalties& w = plan_.penalties();
    const RouteCost& oa = plan_.route(a.slot).cost();
    const RouteCost* ob = b ? &plan_.route(b->slot).cost() : nullptr;
    Cost before = oa.penalised(w) + (ob ? ob->penalised(w) : 0);
    // The engineer costs of the new routes bound their price from below
    // (penalties, lateness and overtime are never negative) and are far
    // cheaper to sum: a move whose costs alone exceed what the routes cost
    // now, penalties included, cannot pay.
    if (!model_.balance() && !legs_checked) {
        const Cost bound = plan_.travel_bound(a) + (b ? plan_.travel_bound(*b) : 0);
        if (bound + bias >= before) return false;
    }
    // Segments first: exact for most routes, and a lower bound for routes
    // with timed nodes, which are timed node by node only when that bound
    // leaves room for a gain.
    RouteCost ca = plan_.price(a, true);
    RouteCost cb = b ? plan_.price(*b, true) : RouteCost{};
    auto penalised = [&] {
        Cost after = ca.penalised(w) + cb.penalised(w) + bias;
        Cost now = before;
        if (model_.balance()) {
            now += plan_.balance();
            after += plan_.balance_with(a.slot, ca.working(), b ? b->slot : -1, cb.working());
        }
        return after - now;
    };
    if (penalised() >= 0) return false;
    if (!ca.exact) ca = plan_.price(a);
    if (!cb.exact) cb = plan_.price(*b);
    if (strict && (ca.warp > oa.warp || ca.excess > oa.excess || (ob && (cb.warp > ob->warp || cb.excess > ob->excess))))
        return false;
    if (penalised() >= 0) return false;
    if (plan_.coupled()) return keep_if_better(a, b);
    if (b) plan_.set_routes(a.slot, plan_.materialize(a), b->slot, plan_.materialize(*b));
    else plan_.set_route(a.slot, plan_.materialize(a));
    changed(a.slot);
    if (b) changed(b->slot);
    return true;
}

// The routes' prices saw the partners of linked visits where they are and
// no other route's lateness: the plan's own cost after the move decides.
bool LocalSearch::keep_if_better(const RouteSpec& a, const RouteSpec* b) {
    const Cost before = plan_.penalised();
    std::vector<Index> old_a = plan_.route(a.slot).nodes();
    std::vector<Index> old_b = b ? plan_.route(b->slot).nodes() : std::vector<Index>{};
    if (b) plan_.set_routes(a.slot, plan_.materialize(a), b->slot, plan_.materialize(*b));
    else plan_.set_route(a.slot, plan_.materialize(a));
    place_breaks(a.slot);
    if (b) place_breaks(b->slot);
    if (plan_.penalised() >= before) {
        if (b) plan_.set_routes(a.slot, std::move(old_a), b->slot, std::move(old_b));
        else plan_.set_route(a.slot, std::move(old_a));
        return false;
    }
    mark_route(a.slot);
    if (b) mark_route(b->slot);
    return true;
}

// First improvement over the moves that pair u with one of its neighbours.
bool LocalSearch::improve(Index u) {
    if (fixed(u)) return false;
    const Index ru = plan_.route_of(u);
    const std::int64_t seen = examined_[static_cast<std::size_t>(u)];
    const bool ru_unchanged = plan_.modified(ru) <= seen;
    for (Index v : model_.neighbours(u)) {
        const Index rv = plan_.route_of(v);
        if (rv < 0) {
            // Replace u by v where u is, when v is worth more than u costs.
            if (!model_.servable(v) || !model_.compatible(ru, v)) continue;
            const Index pu = plan_.position(u);
            RouteSpec a(ru);
            a.add(prefix_part(ru, pu - 1)).add(node_part(v)).add(suffix_part(ru, pu + 1));
            if (try_move(a, nullptr, model_.prize(u) - model_.prize(v), true)) return true;
            continue;
        }
        if (ru_unchanged && plan_.modified(rv) <= seen) continue;
        if (rv != ru ? between_routes(u, v) : within_route(u, v)) return true;
    }
    // SWAP* with each route u's neighbours are in.
    for (Index v : model_.neighbours(u)) {
        const Index rv = plan_.route_of(v);
        if (rv >= 0 && rv != ru && swap_star(ru, rv)) return true;
    }
    if (!ru_unchanged && into_unused_route(u)) return true;
    return take_out(u);
}

bool LocalSearch::between_routes(Index u, Index v) {
    const Index ru = plan_.route_of(u), rv = plan_.route_of(v);
    const Index pu = plan_.position(u), pv = plan_.position(v);
    const RouteState& A = plan_.route(ru);
    const RouteState& B = plan_.route(rv);
    const Index na = A.size(), nb = B.size();
    const bool u_fits = model_.compatible(rv, u);
    const bool v_free = !fixed(v);
    const bool v_fits = v_free && model_.compatible(ru, v);
    auto without_u = [&](Index k) {  // route a without u and the k - 1 nodes after it
        RouteSpec a(ru);
        a.add(prefix_part(ru, pu - 1)).add(suffix_part(ru, pu + k));
        return a;
    };
    // The legs a move adds and removes, summed from a few matrix entries,
    // rule out every move they make dearer than all that the two routes could
    // save besides them, before any route is priced. (Not when a emptied
    // would drop its fixed cost, nor with balance, which spans the plan.)
    const bool legs_decide = A.jobs() > 2 && !model_.balance();
    const Cost slack = beyond_costs(A.cost(), plan_.penalties()) + beyond_costs(B.cost(), plan_.penalties());
    const Cost weight = model_.slot(ru).travel_weight;
    const Index lu = model_.location(u), lv = model_.location(v);
    // The legs around u in a, and around v in b.
    const Index a_prev = A.place_before(pu - 1), a_next = A.place_after(pu + 1);
    const Index b_prev = B.place_before(pv - 1), b_next = B.place_after(pv + 1);
    const Cost out_u = leg(ru, a_prev, a_next) - leg(ru, a_prev, lu) - leg(ru, lu, a_next);
    const Cost pref_u = model_.preference(u, rv) - model_.preference(u, ru);
    auto in_b = [&](Index q, Index x_first, Index x_last, Cost inside) {  // a chain x after q of b
        const Index prev = B.place_before(q), next = B.place_after(q + 1);
        return leg(rv, prev, x_first) + inside + leg(rv, x_last, next) - leg(rv, prev, next);
    };

    // Relocate u just after v, or just before it.
    if (u_fits)
        for (Index q : places_by(rv, pv)) {
            if (q < 0) break;
            if (!may_insert_after(rv, q)) continue;
            if (legs_decide && weight * (out_u + in_b(q, lu, lu, 0)) + pref_u >= slack) continue;
            RouteSpec b(rv);
            b.add(prefix_part(rv, q)).add(node_part(u)).add(suffix_part(rv, q + 1));
            const RouteSpec a = without_u(1);
            if (try_move(a, &b, 0, false, legs_decide)) return true;
        }
    // Swap u and v.
    const Cost swap_legs = leg(ru, a_prev, lv) + leg(ru, lv, a_next) - leg(ru, a_prev, lu) - leg(ru, lu, a_next) +
                           leg(rv, b_prev, lu) + leg(rv, lu, b_next) - leg(rv, b_prev, lv) - leg(rv, lv, b_next);
    const Cost pref_swap = pref_u + model_.preference(v, ru) - model_.preference(v, rv);
    if (u_fits && v_fits && !(legs_decide && weight * swap_legs + pref_swap >= slack)) {
        RouteSpec a(ru), b(rv);
        a.add(prefix_part(ru, pu - 1)).add(node_part(v)).add(suffix_part(ru, pu + 1));
        b.add(prefix_part(rv, pv - 1)).add(node_part(u)).add(suffix_part(rv, pv + 1));
        if (try_move(a, &b, 0, false, legs_decide)) return true;
    }
    // Chains of two jobs: u and the job after it moved next to v (or-opt), or
    // exchanged with v or with v and the job after it (cross-exchange).
    const Index u2 = pu + 2 < na ? A.node(pu + 1) : -1;
    const Index v2 = pv + 2 < nb ? B.node(pv + 1) : -1;
    const bool u_chain = u2 >= 0 && model_.is_job(u2) && !fixed(u2) && u_fits && model_.compatible(rv, u2);
    const bool v_chain = v2 >= 0 && model_.is_job(v2) && !fixed(v2) && v_fits && model_.compatible(ru, v2);
    if (u_chain)
        for (Index q : places_by(rv, pv)) {
            if (q < 0) break;
            if (!may_insert_after(rv, q)) continue;
            if (legs_decide) {
                const Index lu2 = model_.location(u2), after = A.place_after(pu + 2);
                const Cost out = leg(ru, a_prev, after) - leg(ru, a_prev, lu) - leg(ru, lu, lu2) - leg(ru, lu2, after);
                const Cost pref = pref_u + model_.preference(u2, rv) - model_.preference(u2, ru);
                if (weight * (out + in_b(q, lu, lu2, leg(rv, lu, lu2))) + pref >= slack) continue;
            }
            RouteSpec b(rv);
            b.add(prefix_part(rv, q)).add(node_part(u)).add(node_part(u2)).add(suffix_part(rv, q + 1));
            const RouteSpec a = without_u(2);
            if (try_move(a, &b, 0, false, legs_decide)) return true;
        }
    if (u_fits && v_fits)
        for (const auto& chains : {std::pair<Index, Index>{2, 1}, {1, 2}, {2, 2}}) {
            const Index k = chains.first, m = chains.second;  // not a structured binding: lambdas below capture them
            if ((k == 2 && !u_chain) || (m == 2 && !v_chain)) continue;
            if (legs_decide) {
                // u's chain (u, u2) and v's (v, v2) trade places; each route keeps a job.
                const Index u_last = k == 2 ? model_.location(u2) : lu, v_last = m == 2 ? model_.location(v2) : lv;
                const Index a_after = A.place_after(pu + k), b_after = B.place_after(pv + m);
                auto in_u = [&](Index r) { return k == 2 ? leg(r, lu, u_last) : 0; };
                auto in_v = [&](Index r) { return m == 2 ? leg(r, lv, v_last) : 0; };
                const Cost legs = leg(ru, a_prev, lv) + in_v(ru) + leg(ru, v_last, a_after) -
                                  leg(ru, a_prev, lu) - in_u(ru) - leg(ru, u_last, a_after) +
                                  leg(rv, b_prev, lu) + in_u(rv) + leg(rv, u_last, b_after) -
                                  leg(rv, b_prev, lv) - in_v(rv) - leg(rv, v_last, b_after);
                Cost pref = pref_swap;
                if (k == 2) pref += model_.preference(u2, rv) - model_.preference(u2, ru);
                if (m == 2) pref += model_.preference(v2, ru) - model_.preference(v2, rv);
                if (weight * legs + pref >= slack) continue;
            }
            RouteSpec a(ru), b(rv);
            a.add(prefix_part(ru, pu - 1)).add(range_part(rv, pv, pv + m - 1)).add(suffix_part(ru, pu + k));
            b.add(prefix_part(rv, pv - 1)).add(range_part(ru, pu, pu + k - 1)).add(suffix_part(rv, pv + m));
            if (try_move(a, &b, 0, false, legs_decide)) return true;
        }
    // 2-opt*: u followed by v and the rest of v's route, v's old head followed
    // by the rest of u's route. Breaks stay with their slot: either tail has
    // none, or the slots' breaks are alike and both heads hold as many.
    if (v_free) {
        const Index head_a = A.counts(pu).breaks, head_b = B.counts(pv - 1).breaks;
        const Index breaks_a = model_.slot(ru).breaks, breaks_b = model_.slot(rv).breaks;
        const bool breaks_ok = (head_a == breaks_a && head_b == breaks_b) || (model_.same_breaks(ru, rv) && head_a == head_b);
        bool fits = breaks_ok;
        for (Index i = pv; fits && i + 1 < nb; ++i)
            fits = !model_.is_job(B.node(i)) || model_.compatible(ru, B.node(i));
        for (Index i = pu + 1; fits && i + 1 < na; ++i)
            fits = !model_.is_job(A.node(i)) || model_.compatible(rv, A.node(i));
        if (fits) {
            RouteSpec a(ru), b(rv);
            a.add(prefix_part(ru, pu)).add(range_part(rv, pv, nb - 2)).add(node_part(model_.end_node(ru)));
            b.add(prefix_part(rv, pv - 1)).add(range_part(ru, pu + 1, na - 2)).add(node_part(model_.end_node(rv)));
            if (try_move(a, &b, 0, false)) return true;
        }
    }
    return false;
}

// SWAP* (Vidal 2022) over a pair of routes: a job of each changes route, each
// into its cheapest place in the other route rather than into the other's
// place. Places are ranked by the legs they add (each job's three cheapest
// per route are cached until the route changes, so a pair of routes costs
// O(|a| |b|)), the most promising exchanges are then priced exactly. A pair
// is examined again only when one of its routes has changed.
bool LocalSearch::swap_star(Index ra, Index rb) {
    const auto key = (static_cast<std::uint64_t>(std::min(ra, rb)) << 32) | static_cast<std::uint32_t>(std::max(ra, rb));
    const auto seen = pair_examined_.find(key);
    if (seen != pair_examined_.end() && plan_.modified(ra) <= seen->second && plan_.modified(rb) <= seen->second) return false;
    pair_examined_[key] = plan_.clock();
    const RouteState& A = plan_.route(ra);
    const RouteState& B = plan_.route(rb);
    // A job that may leave route r at position p for route t: what leaving saves.
    struct Leaver {
        Index job;
        Index position;
        Cost out;
    };
    auto leavers = [&](Index r, const RouteState& R, Index t) {
        std::vector<Leaver> out;
        for (Index p = 1; p + 1 < R.size(); ++p) {
            const Index x = R.node(p);
            if (!model_.is_job(x) || fixed(x) || !model_.compatible(t, x)) continue;
            const Index prev = R.place_before(p - 1), next = R.place_after(p + 1), at = model_.location(x);
            out.push_back({x, p, rank_leg(r, prev, next) - rank_leg(r, prev, at) - rank_leg(r, at, next)});
        }
        return out;
    };
    const std::vector<Leaver> from_a = leavers(ra, A, rb), from_b = leavers(rb, B, ra);
    if (from_a.empty() || from_b.empty()) return false;
    // x's cheapest place in route r without the job at p: that job's place, or one of x's top three.
    auto place = [&](Index x, Index r, const RouteState& R, Index p) {
        const Index lx = model_.location(x);
        const Index prev = R.place_before(p - 1), next = R.place_after(p + 1);
        std::pair<Cost, Index> best{rank_leg(r, prev, lx) + rank_leg(r, lx, next) - rank_leg(r, prev, next), p - 1};
        if (!may_insert_after(r, p - 1)) best.first = kTimeMax;
        for (const auto& c : top_places(x, r))
            if (c.second != p && c.second != p - 1 && c.first < best.first) best = c;
        return best;
    };
    struct Exchange {
        Cost legs;
        std::size_t x, y;  // in from_a, from_b
        Index y_after;     // y goes after this position of a
        Index x_after;     // x goes after this position of b
    };
    std::vector<Exchange> best;
    for (std::size_t i = 0; i < from_a.size(); ++i)
        for (std::size_t k = 0; k < from_b.size(); ++k) {
            const Leaver& x = from_a[i];
            const Leaver& y = from_b[k];
            const auto [into_a, y_after] = place(y.job, ra, A, x.position);
            const auto [into_b, x_after] = place(x.job, rb, B, y.position);
            if (into_a == kTimeMax || into_b == kTimeMax || y_after < 0 || x_after < 0) continue;
            const Cost legs = x.out + y.out + into_a + into_b;
            if (best.size() < kSwapStarTries) best.push_back({legs, i, k, y_after, x_after});
            else if (legs < best.back().legs) best.back() = {legs, i, k, y_after, x_after};
            else continue;
            std::sort(best.begin(), best.end(), [](const Exchange& p, const Exchange& q) { return p.legs < q.legs; });
        }
    // The legs rule out exchanges that cannot pay (as in between_routes),
    // when they ranked them by their cost.
    const bool legs_decide = !model_.balance() && !model_.legs_free(ra) && !model_.legs_free(rb);
    const Cost slack = beyond_costs(A.cost(), plan_.penalties()) + beyond_costs(B.cost(), plan_.penalties());
    auto spec = [&](Index r, Index p, Index x, Index after) {
        RouteSpec s(r);
        if (after == p - 1) {
            s.add(prefix_part(r, p - 1)).add(node_part(x)).add(suffix_part(r, p + 1));
        } else if (after < p) {
            s.add(prefix_part(r, after)).add(node_part(x)).add(range_part(r, after + 1, p - 1)).add(suffix_part(r, p + 1));
        } else {
            s.add(prefix_part(r, p - 1)).add(range_part(r, p + 1, after)).add(node_part(x)).add(suffix_part(r, after + 1));
        }
        return s;
    };
    for (const Exchange& e : best) {
        const Leaver& x = from_a[e.x];
        const Leaver& y = from_b[e.y];
        const Cost preference = model_.preference(y.job, ra) + model_.preference(x.job, rb) -
                                model_.preference(x.job, ra) - model_.preference(y.job, rb);
        if (legs_decide && model_.slot(ra).travel_weight * e.legs + preference >= slack) continue;
        const RouteSpec a = spec(ra, x.position, y.job, e.y_after);
        const RouteSpec b = spec(rb, y.position, x.job, e.x_after);
        if (try_move(a, &b, 0, false, legs_decide)) return true;
    }
    return false;
}

const std::array<std::pair<Cost, Index>, 3>& LocalSearch::top_places(Index x, Index r) {
    TopPlaces* entries = &top_places_[static_cast<std::size_t>(x) * kTopPlaceRoutes];
    TopPlaces* hit = nullptr;
    for (std::size_t k = 0; k < kTopPlaceRoutes && !hit; ++k)
        if (entries[k].route == r) hit = &entries[k];
    if (hit && hit->stamp == plan_.modified(r)) return hit->best;
    // A miss takes the entry of this route, else the oldest one.
    if (!hit) {
        hit = entries;
        for (std::size_t k = 1; k < kTopPlaceRoutes; ++k)
            if (entries[k].stamp < hit->stamp) hit = &entries[k];
    }
    TopPlaces& c = *hit;
    c.route = r;
    c.stamp = plan_.modified(r);
    c.best.fill({kTimeMax, -1});
    const RouteState& R = plan_.route(r);
    const Index lx = model_.location(x);
    for (Index q = 0; q + 1 < R.size(); ++q) {
        if (!may_insert_after(r, q)) continue;
        const Index prev = R.prefix(q).last, next = R.suffix(q + 1).first;
        const Cost d = rank_leg(r, prev, lx) + rank_leg(r, lx, next) - rank_leg(r, prev, next);
        for (std::size_t k = 0; k < c.best.size(); ++k)
            if (d < c.best[k].first) {
                for (std::size_t m = c.best.size() - 1; m > k; --m) c.best[m] = c.best[m - 1];
                c.best[k] = {d, q};
                break;
            }
    }
    return c.best;
}

bool LocalSearch::within_route(Index u, Index v) {
    const Index r = plan_.route_of(u);
    const Index pu = plan_.position(u), pv = plan_.position(v);
    const RouteState& R = plan_.route(r);
    // u just after v, or just before it.
    for (Index q : {pv, pv - 1}) {
        if (q == pu || q == pu - 1) continue;
        RouteSpec a(r);
        if (q < pu) {
            if (!may_insert_after(r, q)) continue;
            a.add(prefix_part(r, q)).add(node_part(u)).add(range_part(r, q + 1, pu - 1)).add(suffix_part(r, pu + 1));
        } else {
            a.add(prefix_part(r, pu - 1)).add(range_part(r, pu + 1, q)).add(node_part(u)).add(suffix_part(r, q + 1));
        }
        if (try_move(a, nullptr, 0, false)) return true;
    }
    // 2-opt: v follows u (or u follows v) by reversing what lies between.
    // Breaks keep their order, so at most one may lie in the reversed stretch.
    auto reverse = [&](Index from, Index to) {
        if (R.counts(from, to).breaks > 1 || !may_insert_after(r, from - 1)) return false;
        RouteSpec a(r);
        a.add(prefix_part(r, from - 1)).add(reversed_part(r, from, to)).add(suffix_part(r, to + 1));
        return try_move(a, nullptr, 0, false);
    };
    if (pu + 1 < pv && reverse(pu + 1, pv)) return true;
    if (pv + 1 < pu && reverse(pv + 1, pu)) return true;
    // u and v exchange places.
    if (!fixed(v)) {
        const Index lo = std::min(pu, pv), hi = std::max(pu, pv);
        const Index x = R.node(lo), y = R.node(hi);
        RouteSpec a(r);
        a.add(prefix_part(r, lo - 1)).add(node_part(y)).add(range_part(r, lo + 1, hi - 1)).add(node_part(x)).add(suffix_part(r, hi + 1));
        if (try_move(a, nullptr, 0, false)) return true;
    }
    // Or-opt: u and the job after it move just after v, or just before it.
    const Index u2 = pu + 2 < R.size() ? R.node(pu + 1) : -1;
    if (u2 >= 0 && model_.is_job(u2) && !fixed(u2))
        for (Index q : {pv, pv - 1}) {
            if (q >= pu - 1 && q <= pu + 1) continue;
            RouteSpec a(r);
            if (q < pu) {
                if (!may_insert_after(r, q)) continue;
                a.add(prefix_part(r, q)).add(range_part(r, pu, pu + 1)).add(range_part(r, q + 1, pu - 1)).add(suffix_part(r, pu + 2));
            } else {
                a.add(prefix_part(r, pu - 1)).add(range_part(r, pu + 2, q)).add(range_part(r, pu, pu + 1)).add(suffix_part(r, q + 1));
            }
            if (try_move(a, nullptr, 0, false)) return true;
        }
    return false;
}

bool LocalSearch::into_unused_route(Index u) {
    const Index ru = plan_.route_of(u);
    if (plan_.route(ru).jobs() < 2) return false;
    const Index pu = plan_.position(u);
    int tried = 0;
    for (Index s : model_.near_slots(u)) {
        if (!plan_.route(s).empty() || (locks_.any && locks_.closed[static_cast<std::size_t>(s)])) continue;
        if (++tried > kUnusedRoutes) break;
        const Placement p = best_place(u, s, false);
        if (p.after < 0) continue;
        RouteSpec a(ru), b(s);
        a.add(prefix_part(ru, pu - 1)).add(suffix_part(ru, pu + 1));
        b.add(prefix_part(s, p.after)).add(node_part(u)).add(suffix_part(s, p.after + 1));
        if (try_move(a, &b, 0, false)) return true;
    }
    return false;
}

bool LocalSearch::take_out(Index u) {
    const Index ru = plan_.route_of(u), pu = plan_.position(u);
    RouteSpec a(ru);
    a.add(prefix_part(ru, pu - 1)).add(suffix_part(ru, pu + 1));
    return try_move(a, nullptr, model_.prize(u), false);
}

bool LocalSearch::improve_left_out(Index u) {
    if (!model_.servable(u)) return false;
    const std::int64_t seen = examined_[static_cast<std::size_t>(u)];
    const Penalties& w = plan_.penalties();
    // The cheapest allowed place next to a neighbour, or in an unused route.
    Placement best;
    auto consider = [&](Index s, Index after) {
        if (!may_insert_after(s, after)) return;
        RouteSpec b(s);
        b.add(prefix_part(s, after)).add(node_part(u)).add(suffix_part(s, after + 1));
        const RouteCost c = plan_.price(b);
        const RouteCost& o = plan_.route(s).cost();
        if (c.warp > o.warp || c.excess > o.excess) return;
        const Cost delta = c.penalised(w) - o.penalised(w);
        if (delta < best.delta) best = Placement{s, after, delta, c.end - (o.jobs ? o.end : model_.slot(s).shift_start)};
    };
    for (Index v : model_.neighbours(u)) {
        const Index rv = plan_.route_of(v);
        if (rv < 0 || plan_.modified(rv) <= seen || !model_.compatible(rv, u)) continue;
        const Index pv = plan_.position(v);
        for (Index q : places_by(rv, pv))
            if (q >= 0) consider(rv, q);
        // Or u takes v's place, when u is worth more than v.
        if (!fixed(v) && model_.prize(u) > model_.prize(v)) {
            RouteSpec b(rv);
            b.add(prefix_part(rv, pv - 1)).add(node_part(u)).add(suffix_part(rv, pv + 1));
            if (try_move(b, nullptr, model_.prize(v) - model_.prize(u), true)) return true;
        }
    }
    int tried = 0;
    for (Index s : model_.near_slots(u)) {
        if (!plan_.route(s).empty() || plan_.modified(s) <= seen) continue;
        if (++tried > kUnusedRoutes) break;
        const Placement p = best_place(u, s, true);
        if (p.delta < best.delta) best = p;
    }
    if (best.slot < 0 || best.delta >= model_.prize(u))
        return make_room(u) || eject_for(u, few_left_out() && model_.prize(u) > model_.lowest_prize());
    RouteSpec b(best.slot);
    b.add(prefix_part(best.slot, best.after)).add(node_part(u)).add(suffix_part(best.slot, best.after + 1));
    return try_move(b, nullptr, -model_.prize(u), true);
}

// Left-out u goes to one of its three least infeasible places in a route
// near it, and jobs leave that route until it is as feasible as it was: each
// time the one whose leaving helps most, and among equals the cheapest to
// lose. A job leaves for its cheapest feasible place in another route (each
// other route takes one at most; only `may_move`), or, if worth less than u,
// out of the plan.
// Taken when u's prize outweighs the prizes lost and the change in cost:
// exact, as the routes changed are all different.
bool LocalSearch::eject_for(Index u, bool may_move) {
    const Penalties& w = plan_.penalties();
    const Cost prize = model_.prize(u);
    // A job of the least prize: nothing may leave for it, only move.
    const bool least = prize <= model_.lowest_prize();
    if (least && !may_move) return false;
    const std::int64_t seen = (least ? room_examined_ : examined_)[static_cast<std::size_t>(u)];
    std::vector<Index> routes;
    for (Index v : model_.neighbours(u)) {
        const Index r = plan_.route_of(v);
        if (r >= 0 && std::find(routes.begin(), routes.end(), r) == routes.end()) routes.push_back(r);
    }
    for (Index s : model_.near_slots(u))
        if (routes.size() < kNearRoutes + model_.neighbours(u).size() && std::find(routes.begin(), routes.end(), s) == routes.end())
            routes.push_back(s);
    // Nothing near u changed since it was last tried in vain: the answer stands.
    if (std::none_of(routes.begin(), routes.end(), [&](Index r) { return plan_.modified(r) > seen; })) return false;

    struct Leaving {
        Index job;
        Placement to;  // slot -1: out of the plan
    };
    std::vector<Leaving> leaving;
    auto taken = [&](Index s) {
        return s >= 0 && std::any_of(leaving.begin(), leaving.end(), [&](const Leaving& l) { return l.to.slot == s; });
    };
    // Where a job of route r would go instead: its cheapest feasible place
    // in a route near it that no other job leaving takes (the place with all
    // routes free remembered per job).
    std::vector<std::pair<Index, Placement>> away_cache;
    auto away = [&](Index x, Index r) {
        const bool all_free = std::none_of(leaving.begin(), leaving.end(), [](const Leaving& l) { return l.to.slot >= 0; });
        auto cached = std::find_if(away_cache.begin(), away_cache.end(), [&](const auto& c) { return c.first == x; });
        if (cached != away_cache.end() && !taken(cached->second.slot)) return cached->second;
        Placement best;
        auto consider = [&](Index s) {
            if (s == r || s == best.slot || taken(s)) return;
            const Placement p = best_place(x, s, true, best.delta);
            if (p.exact && p.delta < best.delta) best = p;
        };
        const auto& near_x = model_.neighbours(x);
        for (std::size_t k = 0; k < std::min(near_x.size(), kAwayNeighbours); ++k)
            if (const Index s = plan_.route_of(near_x[k]); s >= 0) consider(s);
        const auto& near = model_.near_slots(x);
        for (std::size_t k = 0; k < std::min(near.size(), kNearRoutes); ++k) consider(near[k]);
        if (all_free) away_cache.emplace_back(x, best);
        return best;
    };

    Cost best_gain = 0;
    std::vector<Index> best_nodes;
    std::vector<Leaving> best_leaving;
    Index best_route = -1;
    RouteState trial;
    std::vector<std::pair<Cost, std::size_t>> candidates;  // (penalty left without it, position)
    for (Index r : routes) {
        const RouteState& R = plan_.route(r);
        if (!model_.compatible(r, u) || R.empty()) continue;
        // Unless jobs may move, only a route holding something worth less than u can make room for it.
        bool cheaper = may_move;
        for (Index i = 1; i + 1 < R.size() && !cheaper; ++i)
            cheaper = model_.is_job(R.node(i)) && !fixed(R.node(i)) && model_.prize(R.node(i)) < prize;
        if (!cheaper) continue;
        const RouteCost& was = R.cost();
        std::vector<std::pair<Cost, Index>> places;
        for (Index after = 0; after + 1 < R.size(); ++after) {
            if (!may_insert_after(r, after)) continue;
            const RouteCost c = plan_.price(RouteSpec(r).add(prefix_part(r, after)).add(node_part(u)).add(suffix_part(r, after + 1)));
            places.emplace_back(c.warp + c.excess, after);
        }
        std::sort(places.begin(), places.end());
        places.resize(std::min<std::size_t>(places.size(), 3));
        for (const auto& [infeasibility, after] : places) {
            std::vector<Index> nodes = R.nodes();
            nodes.insert(nodes.begin() + after + 1, u);
            leaving.clear();
            Cost lost = 0;  // prizes given up and what the moved jobs add elsewhere
            for (;;) {
                trial.build(model_, r, nodes, plan_.release());
                plan_.price_links(trial);
                const RouteCost& c = trial.cost();
                if (c.warp <= was.warp && c.excess <= was.excess) break;
                // The penalty left without each job, then where each would go,
                // in that order (finding a place costs far more than a route).
                penalty_without_each(
                    plan_, r, nodes,
                    [&](Index x) { return x != u && !fixed(x) && (may_move || model_.prize(x) < prize); }, trial,
                    candidates);
                std::size_t out = 0;
                Placement out_to;
                Cost out_cost = kTimeMax;
                for (std::size_t k = 0; k < candidates.size(); ++k) {
                    if (out != 0 && candidates[k].first > candidates[k - 1].first) break;  // the least penalty left is found
                    const Index x = nodes[candidates[k].second];
                    const Placement to = may_move ? away(x, r) : Placement{};
                    if (to.slot < 0 && model_.prize(x) >= prize) continue;
                    const Cost cost = to.slot >= 0 ? to.delta : model_.prize(x);
                    if (cost < out_cost) out_cost = cost, out = candidates[k].second, out_to = to;
                }
                if (out == 0) break;
                lost += out_cost;
                leaving.push_back({nodes[out], out_to});
                nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(out));
            }
            trial.build(model_, r, nodes, plan_.release());
            plan_.price_links(trial);
            if (trial.cost().warp > was.warp || trial.cost().excess > was.excess) continue;
            const Cost gain = prize - lost - (trial.cost().penalised(w) - was.penalised(w));
            if (gain > best_gain) best_gain = gain, best_nodes = nodes, best_leaving = leaving, best_route = r;
        }
    }
    if (best_route < 0) return false;
    plan_.set_route(best_route, std::move(best_nodes));
    changed(best_route);
    for (const Leaving& l : best_leaving) {
        if (l.to.slot < 0) continue;
        RouteSpec b(l.to.slot);
        b.add(prefix_part(l.to.slot, l.to.after)).add(node_part(l.job)).add(suffix_part(l.to.slot, l.to.after + 1));
        plan_.set_route(l.to.slot, plan_.materialize(b));
        changed(l.to.slot);
    }
    return true;
}

bool LocalSearch::few_left_out() const {
    return plan_.unserved().size() <= std::max<std::size_t>(kFewLeftOut, static_cast<std::size_t>(model_.num_jobs()) / 50);
}

// Penalties cannot always repair a plan: a route whose warp only a job's
// leaving removes keeps it, as no weight makes a job worth 1e9 leave. Taking
// jobs out instead gives a feasible plan near the one the search found, which
// is worth more than going back to the plan before it.
bool LocalSearch::shed_infeasible() {
    RouteState trial;
    std::vector<std::pair<Cost, std::size_t>> candidates;
    for (Index r = 0; r < plan_.num_slots(); ++r) {
        const RouteCost& was = plan_.route(r).cost();
        if (was.warp == 0 && was.excess == 0) continue;
        std::vector<Index> nodes = plan_.route(r).nodes();
        std::vector<Index> shed;
        for (;;) {
            trial.build(model_, r, nodes, plan_.release());
            plan_.price_links(trial);
            if (trial.cost().warp == 0 && trial.cost().excess == 0) break;
            penalty_without_each(plan_, r, nodes, [&](Index x) { return !fixed(x); }, trial, candidates);
            if (candidates.empty()) break;
            // Of those leaving the least penalty, the one of the least prize.
            std::size_t out = candidates[0].second;
            for (std::size_t k = 1; k < candidates.size() && candidates[k].first == candidates[0].first; ++k)
                if (model_.prize(nodes[candidates[k].second]) < model_.prize(nodes[out])) out = candidates[k].second;
            shed.push_back(nodes[out]);
            nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(out));
        }
        if (shed.empty()) continue;
        plan_.set_route(r, std::move(nodes));
        changed(r);
        for (Index j : shed) enqueue(j);
    }
    return plan_.feasible();
}

// An ejection chain of two: left-out u takes the place of a served
// neighbour v, and v moves to its cheapest feasible place in another route;
// both routes stay as feasible as they were. v stays served, so a v worth
// more than u may move too, when few jobs are left out (see few_left_out).
bool LocalSearch::make_room(Index u) {
    const Penalties& w = plan_.penalties();
    // Nothing near u changed since it was last tried in vain: the answer stands.
    const std::int64_t seen = examined_[static_cast<std::size_t>(u)];
    if (std::none_of(model_.neighbours(u).begin(), model_.neighbours(u).end(), [&](Index v) {
            const Index r = plan_.route_of(v);
            return r >= 0 && plan_.modified(r) > seen;
        }))
        return false;
    int tried = 0;
    for (Index v : model_.neighbours(u)) {
        const Index rv = plan_.route_of(v);
        if (rv < 0 || fixed(v) || !model_.compatible(rv, u)) continue;
        if (model_.prize(v) > model_.prize(u) && !few_left_out()) continue;
        if (++tried > kEjectionNeighbours) break;
        const Index pv = plan_.position(v);
        RouteSpec a(rv);
        a.add(prefix_part(rv, pv - 1)).add(node_part(u)).add(suffix_part(rv, pv + 1));
        const RouteCost ca = plan_.price(a);
        const RouteCost& oa = plan_.route(rv).cost();
        if (ca.warp > oa.warp || ca.excess > oa.excess) continue;
        const Cost gain = model_.prize(u) - (ca.penalised(w) - oa.penalised(w));
        if (gain <= 0) continue;
        // v's new place: in the routes of its neighbours or its nearest slots.
        Placement best;
        auto consider = [&](Index s) {
            if (s == rv || s == best.slot) return;
            const Placement p = best_place(v, s, true);
            if (p.delta < best.delta) best = p;
        };
        for (Index x : model_.neighbours(v))
            if (plan_.route_of(x) >= 0) consider(plan_.route_of(x));
        const auto& near = model_.near_slots(v);
        for (std::size_t k = 0; k < std::min(near.size(), kNearRoutes); ++k) consider(near[k]);
        if (best.slot < 0 || best.delta >= gain) continue;
        RouteSpec b(best.slot);
        b.add(prefix_part(best.slot, best.after)).add(node_part(v)).add(suffix_part(best.slot, best.after + 1));
        plan_.set_routes(rv, plan_.materialize(a), best.slot, plan_.materialize(b));
        changed(rv);
        changed(best.slot);
        return true;
    }
    return false;
}

Placement LocalSearch::best_place(Index u, Index s, bool strict, Cost limit) const {
    Placement best;
    if (!model_.compatible(s, u) || !model_.servable(u)) return best;
    const RouteState& R = plan_.route(s);
    const Penalties& w = plan_.penalties();
    const RouteCost& o = R.cost();
    const Cost base = o.penalised(w);
    // A lower bound per position: the legs the insertion adds and removes,
    // the fixed cost of a route put into use and u's preference cost (with
    // metric travel nothing else can fall by inserting a visit, save the
    // route's depot detour and working hours: a new visit may shorten those,
    // so the bound gives them up). Positions are priced exactly in the order
    // of their bounds until none can win.
    const SlotData& d = model_.slot(s);
    const Index lu = model_.location(u);
    const Cost extra = model_.preference(u, s) + (R.empty() ? d.travel_weight * d.fixed : 0) - o.extra;
    std::vector<std::pair<Cost, Index>>& order = order_scratch_;
    order.clear();
    for (Index q = 0; q + 1 < R.size(); ++q) {
        if (!may_insert_after(s, q)) continue;
        const Index prev = R.place_before(q), next = R.place_after(q + 1);
        const Cost legs = leg(s, prev, lu) + leg(s, lu, next) - leg(s, prev, next);
        order.emplace_back(d.travel_weight * legs + extra, q);
    }
    std::sort(order.begin(), order.end());
    if (!order.empty() && order.front().first >= limit) {
        best.delta = order.front().first;
        best.exact = false;
        return best;
    }
    for (const auto& [bound, q] : order) {
        if (bound >= best.delta) break;
        RouteSpec b(s);
        b.add(prefix_part(s, q)).add(node_part(u)).add(suffix_part(s, q + 1));
        const RouteCost c = plan_.price(b);
        if (strict && (c.warp > o.warp || c.excess > o.excess)) continue;
        const Cost delta = c.penalised(w) - base;
        if (delta < best.delta) best = Placement{s, q, delta, c.end - (o.jobs ? o.end : d.shift_start)};
    }
    return best;
}

void LocalSearch::places(Index u, bool strict, std::vector<Placement>& out) const {
    out.clear();
    std::vector<Index> tried;
    auto consider = [&](Index s) {
        if (std::find(tried.begin(), tried.end(), s) != tried.end()) return;
        tried.push_back(s);
        const Placement p = best_place(u, s, strict);
        if (p.slot >= 0) out.push_back(p);
    };
    for (Index v : model_.neighbours(u)) {
        const Index rv = plan_.route_of(v);
        if (rv >= 0 && model_.compatible(rv, u)) consider(rv);
    }
    const auto& near = model_.near_slots(u);
    for (std::size_t k = 0; k < std::min(near.size(), kNearRoutes); ++k) consider(near[k]);
    // And the nearest unused route, when none of those is one.
    for (Index s : near)
        if (plan_.route(s).empty() && !(locks_.any && locks_.closed[static_cast<std::size_t>(s)])) {
            consider(s);
            break;
        }
}

Placement LocalSearch::cheapest_place(Index u, bool strict) const {
    places(u, strict, places_scratch_);
    Placement best;
    for (const Placement& p : places_scratch_)
        if (p.delta < best.delta) best = p;
    return best;
}

bool LocalSearch::insert(Index u, bool strict) {
    if (!model_.servable(u) || plan_.served(u)) return false;
    if (model_.linked(u) && insert_together(u, strict)) return true;
    const Placement best = cheapest_place(u, strict);
    if (best.slot < 0 || best.delta >= model_.prize(u)) return false;
    insert_at(u, best);
    return true;
}

// A visit inserted while its partners are left out goes where nothing holds
// it, and the partners inserted after it can only wait for it or miss their
// gaps. So such a visit goes in with them: at each of its few cheapest
// places, the partners at their cheapest places given it, and the plan's
// cost (which the visits' prizes are part of) chooses.
bool LocalSearch::insert_together(Index u, bool strict) {
    std::vector<Index> partners;
    for (const LinkPartner& p : model_.partners(u))
        if (!plan_.served(p.job) && model_.servable(p.job) &&
            std::find(partners.begin(), partners.end(), p.job) == partners.end())
            partners.push_back(p.job);
    if (partners.empty()) return false;
    std::vector<Placement> options;
    places(u, strict, options);
    // Stable: on ties the first is cheapest_place's, so the first option is
    // what inserting u alone and then its partners would do.
    std::stable_sort(options.begin(), options.end(), [](const Placement& a, const Placement& b) { return a.delta < b.delta; });
    if (options.size() > kTogetherPlaces) options.resize(kTogetherPlaces);
    // Puts u at `place` and each partner at its cheapest place that pays for
    // itself; `undo` gets the routes as they were, in order of change.
    std::vector<std::pair<Index, std::vector<Index>>> undo;
    auto put = [&](Index job, const Placement& place) {
        undo.emplace_back(place.slot, plan_.route(place.slot).nodes());
        put_at(job, place);
    };
    auto put_all = [&](const Placement& place) {
        put(u, place);
        for (Index p : partners) {
            const Placement q = cheapest_place(p, strict);
            if (q.slot >= 0 && q.delta < model_.prize(p)) put(p, q);
        }
    };
    Cost best = plan_.penalised();
    std::size_t chosen = options.size();
    for (std::size_t k = 0; k < options.size(); ++k) {
        undo.clear();
        put_all(options[k]);
        if (plan_.penalised() < best) best = plan_.penalised(), chosen = k;
        for (auto it = undo.rbegin(); it != undo.rend(); ++it) plan_.set_route(it->first, std::move(it->second));
    }
    if (chosen == options.size()) return false;
    undo.clear();
    put_all(options[chosen]);
    for (const auto& [s, nodes] : undo) mark_route(s);
    return true;
}

void LocalSearch::insert_at(Index u, const Placement& place) {
    put_at(u, place);
    mark_route(place.slot);
}

void LocalSearch::put_at(Index u, const Placement& place) {
    RouteSpec b(place.slot);
    b.add(prefix_part(place.slot, place.after)).add(node_part(u)).add(suffix_part(place.slot, place.after + 1));
    plan_.set_route(place.slot, plan_.materialize(b));
    place_breaks(place.slot);
}

void LocalSearch::place_breaks(Index s) {
    const Index breaks = model_.slot(s).breaks;
    if (breaks == 0 || plan_.route(s).empty()) return;
    const Index first = model_.slot(s).first_break;
    // A route built from jobs alone (a crossover child) takes its missing
    // breaks after the break before them, to be moved to their places below.
    {
        const std::vector<Index>& nodes = plan_.route(s).nodes();
        if (std::count_if(nodes.begin(), nodes.end(), [&](Index n) { return model_.kind(n) == NodeKind::break_; }) != breaks) {
            std::vector<Index> fixed_nodes;
            for (Index n : nodes)
                if (model_.kind(n) != NodeKind::break_) fixed_nodes.push_back(n);
            for (Index k = breaks; k-- > 0;) fixed_nodes.insert(fixed_nodes.begin() + 1, first + k);
            plan_.set_route(s, std::move(fixed_nodes));
        }
    }
    const Penalties& w = plan_.penalties();
    for (Index k = 0; k < breaks; ++k) {
        const Index b = first + k;
        const RouteState& R = plan_.route(s);
        const auto at = static_cast<Index>(std::find(R.nodes().begin(), R.nodes().end(), b) - R.nodes().begin());
        FSD_ASSERT(at < R.size());
        // Between the break before it and the break after it (breaks keep their order).
        Index lo = 0, hi = R.size() - 2;
        for (Index i = at - 1; i > 0; --i)
            if (model_.kind(R.node(i)) == NodeKind::break_) {
                lo = i;
                break;
            }
        for (Index i = at + 1; i + 1 < R.size(); ++i)
            if (model_.kind(R.node(i)) == NodeKind::break_) {
                hi = i - 1;
                break;
            }
        auto moved_to = [&](Index q) {
            RouteSpec a(s);
            if (q < at)
                a.add(prefix_part(s, q)).add(node_part(b)).add(range_part(s, q + 1, at - 1)).add(suffix_part(s, at + 1));
            else
                a.add(prefix_part(s, at - 1)).add(range_part(s, at + 1, q)).add(node_part(b)).add(suffix_part(s, q + 1));
            return a;
        };
        const RouteCost& now = R.cost();
        // The cheapest place; among equally cheap ones the earliest return,
        // which leaves the most room for visits to come.
        std::pair<Cost, Time> best{now.penalised(w), now.end};
        Index best_after = -1;
        for (Index q = lo; q <= hi; ++q) {
            if (q == at || q == at - 1) continue;
            const RouteCost c = plan_.price(moved_to(q));
            // Never at the price of feasibility: a break is no move of the search's own.
            if (c.warp > now.warp || c.excess > now.excess) continue;
            const std::pair<Cost, Time> key{c.penalised(w), c.end};
            if (key < best) best = key, best_after = q;
        }
        if (best_after >= 0) plan_.set_route(s, plan_.materialize(moved_to(best_after)));
    }
}

bool repair(Plan& plan, LocalSearch& ls, const StoppingCriterion& stop) {
    // Capped: a weight past this would only risk overflow, not repair more.
    constexpr Cost kMaxWeight = 1'000'000;
    Penalties& w = plan.penalties();
    for (int round = 0; round < 6 && !plan.feasible() && !stop.out_of_time(); ++round) {
        w.time_warp = std::min<Cost>(w.time_warp * 4, kMaxWeight);
        w.excess_load = std::min<Cost>(w.excess_load * 4, kMaxWeight);
        ls.mark_all();
        ls.run(stop);
    }
    // What is left is held by jobs the penalties cannot price out.
    if (plan.feasible() || stop.out_of_time()) return plan.feasible();
    if (!ls.shed_infeasible()) return false;
    ls.set_feasible_only(true);
    ls.run(stop);
    ls.set_feasible_only(false);
    return plan.feasible();
}

}  // namespace fsd::detail
