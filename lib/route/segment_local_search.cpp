#include "fsd/route/detail/segment_local_search.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "fsd/core/error.hpp"

namespace fsd::detail {

namespace {

SegmentLoad load_of(const std::vector<Amount>& demand) {
    SegmentLoad l{};
    for (size_t k = 0; k < demand.size(); ++k) l[k] = demand[k];
    return l;
}

}  // namespace

SegmentLocalSearch::SegmentLocalSearch(const Problem& p, const SolveOptions& options,
                                       const std::vector<std::vector<Index>>& neighbours, Clock::time_point deadline,
                                       std::uint64_t seed)
    : problem_(p),
      options_(options),
      neighbours_(neighbours),
      deadline_(deadline),
      rng_(seed),
      locks_(route_locks(p, options.initial_routes)) {
    in_.durations = &p.base_durations();
    in_.distances = &p.distances();
    // Job limits become one more load dimension, a unit per job.
    bool limits = false;
    for (const Engineer& e : p.engineers()) limits = limits || e.max_jobs.has_value();
    const auto count_dim = static_cast<size_t>(p.dimensions());
    for (Index j = 0; j < p.num_jobs(); ++j) {
        const Job& job = p.job(j);
        Time open = kTimeMin, close = kTimeMax;
        if (!job.time_windows.empty()) open = job.time_windows[0].start, close = job.time_windows[0].end;
        if (job.sla && job.sla->hard) close = std::min(close, job.sla->deadline);
        SegmentLoad load = load_of(p.demand(j));
        if (limits) load[count_dim] = 1;
        in_.nodes.push_back(visit_segment(p.job_location(j), job.duration, open, close, load));
    }
    for (size_t r = 0; r < p.slots().size(); ++r) {
        const RouteSlot& s = p.slots()[r];
        in_.nodes.push_back(visit_segment(p.start_location(s.engineer), 0, s.window.start, s.window.end));
        // The return may run into overtime up to the hard limit; past the
        // shift end it is priced in route_cost.
        in_.nodes.push_back(
            visit_segment(p.end_location(s.engineer), 0, s.window.start, p.latest_end(static_cast<Index>(r))));
        shift_end_.push_back(s.window.end);
        SegmentLoad cap;
        cap.fill(std::numeric_limits<Amount>::max() / 8);
        const std::vector<Amount>& c = p.capacity(s.engineer);
        for (size_t k = 0; k < c.size(); ++k) cap[k] = c[k];
        const Engineer& eng = p.engineer(s.engineer);
        if (limits && eng.max_jobs) cap[count_dim] = *eng.max_jobs;
        cap_.push_back(cap);
        max_travel_.push_back(eng.max_travel_time.value_or(kTimeMax));
        costs_.push_back(p.engineer(s.engineer).costs);
    }
    travel_weight_ = p.weights().travel;
    overtime_weight_ = p.weights().overtime;
    for (Index j = 0; j < p.num_jobs() && all_compatible_; ++j)
        all_compatible_ = p.compatible_engineers(j).size() == static_cast<size_t>(p.num_engineers());
}

void SegmentLocalSearch::load(const std::vector<std::vector<Index>>& job_routes) {
    const size_t slots = problem_.slots().size();
    NodeRoutes routes(slots);
    for (size_t s = 0; s < slots; ++s) {
        routes[s].push_back(start_node(static_cast<Index>(s)));
        if (s < job_routes.size()) routes[s].insert(routes[s].end(), job_routes[s].begin(), job_routes[s].end());
        routes[s].push_back(end_node(static_cast<Index>(s)));
    }
    restore(routes);
}

std::vector<std::vector<Index>> SegmentLocalSearch::job_routes() const {
    std::vector<std::vector<Index>> out(routes_.size());
    for (size_t r = 0; r < routes_.size(); ++r) out[r].assign(routes_[r].begin() + 1, routes_[r].end() - 1);
    return out;
}

void SegmentLocalSearch::restore(const NodeRoutes& routes) {
    routes_ = routes;
    segs_.resize(routes_.size());
    modified_.resize(routes_.size());
    route_of_.assign(static_cast<size_t>(problem_.num_jobs()), -1);
    pos_of_.assign(static_cast<size_t>(problem_.num_jobs()), 0);
    for (size_t r = 0; r < routes_.size(); ++r) rebuild(static_cast<Index>(r));
}

void SegmentLocalSearch::rebuild(Index r) {
    modified_[static_cast<size_t>(r)] = ++clock_;
    const auto& nodes = routes_[static_cast<size_t>(r)];
    segs_[static_cast<size_t>(r)].build(in_, nodes);
    for (size_t i = 1; i + 1 < nodes.size(); ++i) {
        route_of_[static_cast<size_t>(nodes[i])] = r;
        pos_of_[static_cast<size_t>(nodes[i])] = i;
    }
}

bool SegmentLocalSearch::fits(Index slot, Index job) const {
    return all_compatible_ || problem_.compatible(problem_.slots()[static_cast<size_t>(slot)].engineer, job);
}

// Every job of route `r` from position `from` to its last job may go to `slot`.
bool SegmentLocalSearch::tail_fits(Index slot, Index r, size_t from) const {
    if (all_compatible_) return true;
    const auto& nodes = routes_[static_cast<size_t>(r)];
    for (size_t i = from; i + 1 < nodes.size(); ++i)
        if (!fits(slot, nodes[i])) return false;
    return true;
}

// The engineers' cost of a route (as the objective prices legs, on sums).
Cost SegmentLocalSearch::route_cost(Index s, const TwSegment& seg, size_t jobs) const {
    if (jobs == 0) return 0;
    const EngineerCosts& c = costs_[static_cast<size_t>(s)];
    Cost cost = travel_weight_ * (c.fixed + (c.per_hour * seg.travel + 1800) / 3600 + (c.per_km * seg.distance + 500) / 1000);
    if (c.overtime_per_hour != 0) {
        // The route's earliest return (leaving at `earliest` adds no waiting;
        // a warped route ends `time_warp` sooner on the warped clock).
        const Time back = seg.earliest + seg.duration - seg.time_warp;
        const Duration overtime = std::max<Duration>(0, back - shift_end_[static_cast<size_t>(s)]);
        cost += overtime_weight_ * ((c.overtime_per_hour * overtime + 1800) / 3600);
    }
    return cost;
}

// Time warp plus the drive beyond the engineer's travel limit: both are
// seconds the route cannot have, penalised alike.
Duration SegmentLocalSearch::warp(Index s, const TwSegment& seg) const {
    return seg.time_warp + std::max<Duration>(0, seg.travel - max_travel_[static_cast<size_t>(s)]);
}

Cost SegmentLocalSearch::pen(Index s, const TwSegment& seg, size_t jobs) const {
    if (jobs == 0) return 0;
    return route_cost(s, seg, jobs) + w_.time_warp * warp(s, seg) +
           w_.excess_load * fsd::detail::excess_load(seg, cap_[static_cast<size_t>(s)]);
}

bool SegmentLocalSearch::feasible() const {
    for (size_t r = 0; r < routes_.size(); ++r) {
        if (jobs_in(static_cast<Index>(r)) == 0) continue;
        const TwSegment& s = segs_[r].route();
        if (warp(static_cast<Index>(r), s) > 0 || fsd::detail::excess_load(s, cap_[r]) > 0) return false;
    }
    return true;
}

Cost SegmentLocalSearch::route_costs() const {
    Cost c = 0;
    for (size_t r = 0; r < routes_.size(); ++r)
        c += route_cost(static_cast<Index>(r), segs_[r].route(), jobs_in(static_cast<Index>(r)));
    return c;
}

Duration SegmentLocalSearch::time_warp() const {
    Duration w = 0;
    for (size_t r = 0; r < routes_.size(); ++r)
        if (jobs_in(static_cast<Index>(r)) != 0) w += warp(static_cast<Index>(r), segs_[r].route());
    return w;
}

Amount SegmentLocalSearch::excess_load() const {
    Amount x = 0;
    for (size_t r = 0; r < routes_.size(); ++r)
        if (jobs_in(static_cast<Index>(r)) != 0) x += fsd::detail::excess_load(segs_[r].route(), cap_[r]);
    return x;
}

bool SegmentLocalSearch::out_of_time() const {
    return (options_.cancel && options_.cancel->load()) || Clock::now() >= deadline_;
}

// Applies new node lists to one or two routes.
void SegmentLocalSearch::apply(Index ra, std::vector<Index> a, Index rb, std::vector<Index> b) {
    // Node lists hold the start node first: compare the job lists.
    const auto keeps = [&](Index r, const std::vector<Index>& nodes) {
        const auto& now = routes_[static_cast<size_t>(r)];
        return locks_.keeps_head(r, std::vector<Index>(now.begin() + 1, now.end() - 1),
                                 std::vector<Index>(nodes.begin() + 1, nodes.end() - 1));
    };
    FSD_ASSERT(!locks_.any || (keeps(ra, a) && (rb < 0 || keeps(rb, b))));
    routes_[static_cast<size_t>(ra)] = std::move(a);
    if (rb >= 0) routes_[static_cast<size_t>(rb)] = std::move(b);
    rebuild(ra);
    if (rb >= 0) rebuild(rb);
}

bool SegmentLocalSearch::improve(Index u) {
    const Index ru = route_of_[static_cast<size_t>(u)];
    if (ru < 0 || locks_.fixed(u)) return false;
    // Moves of u with v depend only on their two routes: when neither has
    // changed since u was last examined in vain, they still do not improve.
    const std::int64_t seen = examined_[static_cast<size_t>(u)];
    const bool ru_unchanged = modified_[static_cast<size_t>(ru)] <= seen;
    for (Index v : neighbours_[static_cast<size_t>(u)]) {
        const Index rv = route_of_[static_cast<size_t>(v)];
        if (rv < 0 || (ru_unchanged && modified_[static_cast<size_t>(rv)] <= seen)) continue;
        const size_t pu = pos_of_[static_cast<size_t>(u)], pv = pos_of_[static_cast<size_t>(v)];
        const RouteSegments &a = segs_[static_cast<size_t>(ru)], &b = segs_[static_cast<size_t>(rv)];
        const auto& na = routes_[static_cast<size_t>(ru)];
        const auto& nb = routes_[static_cast<size_t>(rv)];
        const Cost before = current_pen(ru) + (rv != ru ? current_pen(rv) : 0);
        // u is free, so its route keeps its head whatever happens to u; v
        // may be fixed (then only what goes in after v's route head is tried).
        const bool v_free = !locks_.fixed(v);
        if (rv != ru) {
            const size_t ja = jobs_in(ru), jb = jobs_in(rv);
            // u after v, u before v
            if (fits(rv, u))
                for (size_t q : {pv, pv - 1}) {
                    if (!locks_.may_insert(rv, q)) continue;
                    const MoveResult m = relocate(in_, a, pu, b, q);
                    if (pen(ru, m.first, ja - 1) + pen(rv, m.second, jb + 1) < before) {
                        std::vector<Index> x = na, y = nb;
                        x.erase(x.begin() + static_cast<std::ptrdiff_t>(pu));
                        y.insert(y.begin() + static_cast<std::ptrdiff_t>(q + 1), u);
                        apply(ru, std::move(x), rv, std::move(y));
                        return true;
                    }
                }
            // swap u and v
            if (v_free && fits(rv, u) && fits(ru, v)) {
                const MoveResult m = swap(in_, a, pu, b, pv);
                if (pen(ru, m.first, ja) + pen(rv, m.second, jb) < before) {
                    std::vector<Index> x = na, y = nb;
                    std::swap(x[pu], y[pv]);
                    apply(ru, std::move(x), rv, std::move(y));
                    return true;
                }
            }
            // Chains of two: u and its successor moved next to v (or-opt), or
            // exchanged with v, or with v and its successor (cross-exchange).
            const bool u2 = pu + 2 < na.size(), v2 = pv + 2 < nb.size();
            const Index u_next = u2 ? na[pu + 1] : -1, v_next = v2 ? nb[pv + 1] : -1;
            if (u2 && fits(rv, u) && fits(rv, u_next)) {
                for (size_t q : {pv, pv - 1}) {
                    if (!locks_.may_insert(rv, q)) continue;
                    const MoveResult m = move_chain(in_, a, pu, 2, b, q);
                    if (pen(ru, m.first, ja - 2) + pen(rv, m.second, jb + 2) < before) {
                        std::vector<Index> x = na, y = nb;
                        x.erase(x.begin() + static_cast<std::ptrdiff_t>(pu), x.begin() + static_cast<std::ptrdiff_t>(pu + 2));
                        y.insert(y.begin() + static_cast<std::ptrdiff_t>(q + 1), {u, u_next});
                        apply(ru, std::move(x), rv, std::move(y));
                        return true;
                    }
                }
            }
            for (const auto& [k, m] : {std::pair<size_t, size_t>{2, 1}, {1, 2}, {2, 2}}) {
                if (!v_free || (k == 2 && !u2) || (m == 2 && !v2)) continue;
                if (!fits(rv, u) || !fits(ru, v) || (k == 2 && !fits(rv, u_next)) || (m == 2 && !fits(ru, v_next)))
                    continue;
                const MoveResult r = cross_exchange(in_, a, pu, k, b, pv, m);
                if (pen(ru, r.first, ja - k + m) + pen(rv, r.second, jb - m + k) < before) {
                    std::vector<Index> x(na.begin(), na.begin() + static_cast<std::ptrdiff_t>(pu));
                    x.insert(x.end(), nb.begin() + static_cast<std::ptrdiff_t>(pv), nb.begin() + static_cast<std::ptrdiff_t>(pv + m));
                    x.insert(x.end(), na.begin() + static_cast<std::ptrdiff_t>(pu + k), na.end());
                    std::vector<Index> y(nb.begin(), nb.begin() + static_cast<std::ptrdiff_t>(pv));
                    y.insert(y.end(), na.begin() + static_cast<std::ptrdiff_t>(pu), na.begin() + static_cast<std::ptrdiff_t>(pu + k));
                    y.insert(y.end(), nb.begin() + static_cast<std::ptrdiff_t>(pv + m), nb.end());
                    apply(ru, std::move(x), rv, std::move(y));
                    return true;
                }
            }
            // 2-opt*: u followed by v and the rest of v's route
            if (v_free && pv >= 1 && tail_fits(ru, rv, pv) && tail_fits(rv, ru, pu + 1)) {
                const MoveResult m = two_opt_star(in_, a, pu, b, pv - 1);
                const size_t ka = pu + (nb.size() - 1 - pv), kb = (pv - 1) + (na.size() - 2 - pu);
                if (pen(ru, m.first, ka) + pen(rv, m.second, kb) < before) {
                    std::vector<Index> x(na.begin(), na.begin() + static_cast<std::ptrdiff_t>(pu + 1));
                    x.insert(x.end(), nb.begin() + static_cast<std::ptrdiff_t>(pv), nb.end() - 1);
                    x.push_back(na.back());
                    std::vector<Index> y(nb.begin(), nb.begin() + static_cast<std::ptrdiff_t>(pv));
                    y.insert(y.end(), na.begin() + static_cast<std::ptrdiff_t>(pu + 1), na.end() - 1);
                    y.push_back(nb.back());
                    apply(ru, std::move(x), rv, std::move(y));
                    return true;
                }
            }
            // SWAP*: u and v change routes, each to its best place. Inserting a
            // visit adds no less than nothing (metric travel), so the two
            // routes without u and v bound the move from below.
            const auto without = [&](Index r, const RouteSegments& g, size_t p, size_t jobs) {
                return pen(r, in_.join(g.prefix(p - 1), g.suffix(p + 1)), jobs - 1);
            };
            if (v_free && fits(rv, u) && fits(ru, v) && without(ru, a, pu, ja) + without(rv, b, pv, jb) < before) {
                const SwapStarResult s = swap_star(in_, a, pu, b, pv, cap_[static_cast<size_t>(ru)], cap_[static_cast<size_t>(rv)], w_);
                // The best places may lie inside a fixed head: then the move is left out.
                const bool allowed = !locks_.any || (locks_.may_insert(ru, s.v_after) && locks_.may_insert(rv, s.u_after));
                if (allowed && pen(ru, s.routes.first, ja) + pen(rv, s.routes.second, jb) < before) {
                    std::vector<Index> x, y;
                    for (size_t i = 0; i < na.size(); ++i) {
                        if (i != pu) x.push_back(na[i]);
                        if (i == s.v_after) x.push_back(v);
                    }
                    for (size_t i = 0; i < nb.size(); ++i) {
                        if (i != pv) y.push_back(nb[i]);
                        if (i == s.u_after) y.push_back(u);
                    }
                    apply(ru, std::move(x), rv, std::move(y));
                    return true;
                }
            }
        } else {
            const size_t n = jobs_in(ru);
            for (size_t q : {pv, pv - 1}) {
                if (q == pu || q + 1 == pu || (q < pu && !locks_.may_insert(ru, q))) continue;
                if (pen(ru, relocate_within(in_, a, pu, q), n) < before) {
                    std::vector<Index> x = na;
                    x.erase(x.begin() + static_cast<std::ptrdiff_t>(pu));
                    x.insert(x.begin() + static_cast<std::ptrdiff_t>(q < pu ? q + 1 : q), u);
                    apply(ru, std::move(x));
                    return true;
                }
            }
            // 2-opt: make v follow u by reversing what lies between
            if (pu + 1 < pv) {
                if (pen(ru, reverse_within(in_, a, pu + 1, pv), n) < before) {
                    std::vector<Index> x = na;
                    std::reverse(x.begin() + static_cast<std::ptrdiff_t>(pu + 1), x.begin() + static_cast<std::ptrdiff_t>(pv + 1));
                    apply(ru, std::move(x));
                    return true;
                }
            }
        }
    }
    // Into an empty route.
    if (ru_unchanged) return false;
    const size_t pu = pos_of_[static_cast<size_t>(u)];
    for (size_t r = 0; r < routes_.size(); ++r) {
        if (jobs_in(static_cast<Index>(r)) != 0 || locks_.closed[r] || !fits(static_cast<Index>(r), u)) continue;
        const MoveResult m = relocate(in_, segs_[static_cast<size_t>(ru)], pu, segs_[r], 0);
        if (pen(ru, m.first, jobs_in(ru) - 1) + pen(static_cast<Index>(r), m.second, 1) < current_pen(ru)) {
            std::vector<Index> x = routes_[static_cast<size_t>(ru)];
            x.erase(x.begin() + static_cast<std::ptrdiff_t>(pu));
            std::vector<Index> y = routes_[r];
            y.insert(y.begin() + 1, u);
            apply(ru, std::move(x), static_cast<Index>(r), std::move(y));
            return true;
        }
        break;  // one empty route stands for all (slots differ only by engineer)
    }
    return false;
}

void SegmentLocalSearch::local_search() {
    std::vector<Index> order(static_cast<size_t>(problem_.num_jobs()));
    std::iota(order.begin(), order.end(), 0);
    // The penalty weights may have changed since the last descent: every job
    // is examined afresh.
    examined_.assign(order.size(), -1);
    for (int pass = 0; pass < 1000; ++pass) {
        std::shuffle(order.begin(), order.end(), rng_);
        bool any = false;
        for (Index u : order) {
            if (improve(u)) any = true;
            else examined_[static_cast<size_t>(u)] = clock_;
        }
        if (!any || out_of_time()) break;
    }
}

// Removes a random job and its nearest routed neighbours, then puts each
// back at its cheapest penalised place (random order).
void SegmentLocalSearch::ruin_and_recreate() {
    const Index jobs = problem_.num_jobs();
    if (jobs == 0) return;
    const Index seed = static_cast<Index>(std::uniform_int_distribution<Index>(0, jobs - 1)(rng_));
    const size_t want = std::uniform_int_distribution<size_t>(5, std::max<size_t>(5, std::min<size_t>(20, static_cast<size_t>(jobs) / 5)))(rng_);
    std::vector<Index> removed;
    if (route_of_[static_cast<size_t>(seed)] >= 0 && !locks_.fixed(seed)) removed.push_back(seed);
    for (Index v : neighbours_[static_cast<size_t>(seed)]) {
        if (removed.size() >= want) break;
        if (route_of_[static_cast<size_t>(v)] >= 0 && !locks_.fixed(v)) removed.push_back(v);
    }
    std::vector<char> out(static_cast<size_t>(jobs), 0);
    for (Index v : removed) out[static_cast<size_t>(v)] = 1;
    std::vector<char> changed(routes_.size(), 0);
    for (Index v : removed) changed[static_cast<size_t>(route_of_[static_cast<size_t>(v)])] = 1;
    for (size_t r = 0; r < routes_.size(); ++r) {
        if (!changed[r]) continue;
        auto& nodes = routes_[r];
        nodes.erase(std::remove_if(nodes.begin() + 1, nodes.end() - 1,
                                   [&](Index n) { return n < jobs && out[static_cast<size_t>(n)]; }),
                    nodes.end() - 1);
        rebuild(static_cast<Index>(r));
    }
    for (Index v : removed) route_of_[static_cast<size_t>(v)] = -1;
    std::shuffle(removed.begin(), removed.end(), rng_);
    for (Index v : removed) insert_cheapest(v);
}

void SegmentLocalSearch::insert_cheapest(Index u) {
    Cost best = std::numeric_limits<Cost>::max();
    Index best_r = -1;
    size_t best_q = 0;
    bool tried_empty = false;
    const TwSegment& su = in_.nodes[static_cast<size_t>(u)];
    for (size_t r = 0; r < routes_.size(); ++r) {
        const Index ri = static_cast<Index>(r);
        if (locks_.closed[r] || !fits(ri, u)) continue;
        const size_t n = jobs_in(ri);
        if (n == 0) {
            if (tried_empty) continue;
            tried_empty = true;
        }
        const RouteSegments& s = segs_[r];
        const Cost base = current_pen(ri);
        for (size_t q = static_cast<size_t>(locks_.head[r]); q + 1 < s.size(); ++q) {
            const Cost c = pen(ri, in_.join(in_.join(s.prefix(q), su), s.suffix(q + 1)), n + 1) - base;
            if (c < best) best = c, best_r = ri, best_q = q;
        }
    }
    FSD_ASSERT(best_r >= 0);
    std::vector<Index> x = routes_[static_cast<size_t>(best_r)];
    x.insert(x.begin() + static_cast<std::ptrdiff_t>(best_q + 1), u);
    apply(best_r, std::move(x));
}

}  // namespace fsd::detail
