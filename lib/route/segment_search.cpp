#include "fsd/route/detail/segment_search.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <numeric>
#include <random>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/move_eval.hpp"

namespace fsd::detail {

std::string segment_search_obstacle(const Problem& p) {
    if (p.dimensions() > static_cast<Index>(kSegmentDimensions)) return "more capacity dimensions than segments carry";
    if (p.weights().balance != 0) return "workload balance";
    if (p.has_overtime()) return "overtime";
    if (p.has_level_durations()) return "service durations by skill level";
    const DurationMatrix* base = &p.base_durations();
    for (Index e = 0; e < p.num_engineers(); ++e) {
        const Engineer& eng = p.engineer(e);
        if (!eng.breaks.empty()) return "breaks";
        if (eng.max_jobs || eng.max_travel_time) return "job or travel limits";
        if (&p.durations(e) != base) return "engineers with different speeds";
    }
    for (Index j = 0; j < p.num_jobs(); ++j) {
        const Job& job = p.job(j);
        if (job.time_windows.size() > 1) return "several time windows";
        if (job.sla) return "SLA deadlines";
        if (job.optional) return "optional jobs";
        if (job.preferred_engineer && p.weights().preference != 0) return "preferred engineers";
    }
    return {};
}

namespace {

using Clock = std::chrono::steady_clock;

constexpr Cost kMaxPenaltyWeight = 1'000'000;

class SegmentSearch {
public:
    SegmentSearch(const Problem& p, const SolveOptions& o, const std::vector<std::vector<Index>>& neighbours,
                  double budget, Clock::time_point solve_started)
        : p_(p),
          o_(o),
          neighbours_(neighbours),
          rng_(o.seed),
          solve_started_(solve_started),
          deadline_(Clock::now() +
                    std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, budget)))) {
        const Index jobs = p.num_jobs();
        const auto& slots = p.slots();
        in_.durations = &p.base_durations();
        in_.distances = &p.distances();
        for (Index j = 0; j < jobs; ++j) {
            const Job& job = p.job(j);
            Time open = kTimeMin, close = kTimeMax;
            if (!job.time_windows.empty()) open = job.time_windows[0].start, close = job.time_windows[0].end;
            in_.nodes.push_back(visit_segment(p.job_location(j), job.duration, open, close, load_of(p.demand(j))));
        }
        for (const RouteSlot& s : slots) {
            in_.nodes.push_back(visit_segment(p.start_location(s.engineer), 0, s.window.start, s.window.end));
            in_.nodes.push_back(visit_segment(p.end_location(s.engineer), 0, s.window.start, s.window.end));
            SegmentLoad cap;
            cap.fill(std::numeric_limits<Amount>::max() / 8);
            const std::vector<Amount>& c = p.capacity(s.engineer);
            for (size_t k = 0; k < c.size(); ++k) cap[k] = c[k];
            cap_.push_back(cap);
        }
        all_compatible_ = true;
        for (Index j = 0; j < jobs && all_compatible_; ++j)
            all_compatible_ = p.compatible_engineers(j).size() == static_cast<size_t>(p.num_engineers());
    }

    SegmentPlan run(const SegmentPlan& start) {
        load(start);
        SegmentPlan best = start;
        best.cost = feasible_cost();
        std::vector<std::vector<Index>> current_routes = routes_;
        std::int64_t it = 0;
        const auto began = Clock::now();
        const double total = std::chrono::duration<double>(deadline_ - began).count();
        while (!stop(it)) {
            ++it;
            ruin_and_recreate();
            local_search();
            // Repair: raise the penalties until the plan is feasible (or give up on it).
            for (int round = 0; round < 6 && !feasible(); ++round) {
                // Capped: a weight past this would only risk overflow, not repair more.
                w_.time_warp = std::min<Cost>(w_.time_warp * 4, kMaxPenaltyWeight);
                w_.excess_load = std::min<Cost>(w_.excess_load * 4, kMaxPenaltyWeight);
                local_search();
            }
            if (!feasible()) {
                reload(current_routes);
                continue;
            }
            w_.time_warp = std::max<Cost>(1, w_.time_warp * 9 / 10);
            w_.excess_load = std::max<Cost>(1, w_.excess_load * 9 / 10);
            const Cost cost = feasible_cost();
            if (cost < best.cost) {
                best.routes = job_routes();
                best.cost = cost;
                report(best, it);
            }
            // Record-to-record travel: accept a plan up to a threshold worse,
            // the threshold shrinking to zero as the time runs out.
            const double left = total > 0 ? std::max(0.0, 1.0 - std::chrono::duration<double>(Clock::now() - began).count() / total)
                                          : 0.0;
            const auto threshold = static_cast<Cost>(static_cast<double>(best.cost) * 0.01 * left);
            if (cost <= best.cost + threshold) {
                current_routes = routes_;
            } else {
                reload(current_routes);
            }
        }
        best.iterations = it;
        return best;
    }

private:
    static SegmentLoad load_of(const std::vector<Amount>& demand) {
        SegmentLoad l{};
        for (size_t k = 0; k < demand.size(); ++k) l[k] = demand[k];
        return l;
    }

    bool fits(Index slot, Index job) const {
        return all_compatible_ || p_.compatible(p_.slots()[static_cast<size_t>(slot)].engineer, job);
    }
    // Every job of route `r` from position `from` to its last job may go to `slot`.
    bool tail_fits(Index slot, Index r, size_t from) const {
        if (all_compatible_) return true;
        const auto& nodes = routes_[static_cast<size_t>(r)];
        for (size_t i = from; i + 1 < nodes.size(); ++i)
            if (!fits(slot, nodes[i])) return false;
        return true;
    }

    Index start_node(Index s) const { return p_.num_jobs() + 2 * s; }
    Index end_node(Index s) const { return p_.num_jobs() + 2 * s + 1; }

    // The engineers' cost of a route (as the objective prices legs, on sums).
    Cost route_cost(Index s, const TwSegment& seg, size_t jobs) const {
        if (jobs == 0) return 0;
        const EngineerCosts& c = p_.engineer(p_.slots()[static_cast<size_t>(s)].engineer).costs;
        return p_.weights().travel * (c.fixed + (c.per_hour * seg.travel + 1800) / 3600 + (c.per_km * seg.distance + 500) / 1000);
    }
    Cost pen(Index s, const TwSegment& seg, size_t jobs) const {
        if (jobs == 0) return 0;
        return route_cost(s, seg, jobs) + w_.time_warp * seg.time_warp + w_.excess_load * excess_load(seg, cap_[static_cast<size_t>(s)]);
    }
    size_t jobs_in(Index r) const { return routes_[static_cast<size_t>(r)].size() - 2; }
    Cost current_pen(Index r) const { return pen(r, segs_[static_cast<size_t>(r)].route(), jobs_in(r)); }

    void load(const SegmentPlan& plan) {
        const size_t slots = p_.slots().size();
        routes_.assign(slots, {});
        for (size_t s = 0; s < slots; ++s) {
            routes_[s].push_back(start_node(static_cast<Index>(s)));
            if (s < plan.routes.size()) routes_[s].insert(routes_[s].end(), plan.routes[s].begin(), plan.routes[s].end());
            routes_[s].push_back(end_node(static_cast<Index>(s)));
        }
        reload(routes_);
    }
    void reload(const std::vector<std::vector<Index>>& routes) {
        routes_ = routes;
        segs_.resize(routes_.size());
        route_of_.assign(static_cast<size_t>(p_.num_jobs()), -1);
        pos_of_.assign(static_cast<size_t>(p_.num_jobs()), 0);
        for (size_t r = 0; r < routes_.size(); ++r) rebuild(static_cast<Index>(r));
    }
    void rebuild(Index r) {
        const auto& nodes = routes_[static_cast<size_t>(r)];
        segs_[static_cast<size_t>(r)].build(in_, nodes);
        for (size_t i = 1; i + 1 < nodes.size(); ++i) {
            route_of_[static_cast<size_t>(nodes[i])] = r;
            pos_of_[static_cast<size_t>(nodes[i])] = i;
        }
    }

    bool feasible() const {
        for (size_t r = 0; r < routes_.size(); ++r) {
            if (jobs_in(static_cast<Index>(r)) == 0) continue;
            const TwSegment& s = segs_[r].route();
            if (s.time_warp > 0 || excess_load(s, cap_[r]) > 0) return false;
        }
        return true;
    }
    Cost feasible_cost() const {
        Cost c = 0;
        for (size_t r = 0; r < routes_.size(); ++r) c += route_cost(static_cast<Index>(r), segs_[r].route(), jobs_in(static_cast<Index>(r)));
        return c;
    }
    std::vector<std::vector<Index>> job_routes() const {
        std::vector<std::vector<Index>> out(routes_.size());
        for (size_t r = 0; r < routes_.size(); ++r) out[r].assign(routes_[r].begin() + 1, routes_[r].end() - 1);
        return out;
    }

    bool stop(std::int64_t it) {
        if (o_.cancel && o_.cancel->load()) return true;
        if (o_.iteration_limit >= 0) return it >= o_.iteration_limit || Clock::now() >= deadline_;
        return Clock::now() >= deadline_;
    }
    void report(const SegmentPlan& best, std::int64_t it) const {
        if (!o_.on_progress) return;
        Progress pr;
        pr.seconds = std::chrono::duration<double>(Clock::now() - solve_started_).count();
        pr.iteration = it;
        pr.objective.travel = best.cost;
        for (Index j : best.unassigned) pr.objective.unassigned += p_.unassigned_cost(j);
        pr.unassigned = static_cast<std::int32_t>(best.unassigned.size());
        o_.on_progress(pr);
    }

    // Applies new node lists to one or two routes.
    void apply(Index ra, std::vector<Index> a, Index rb = -1, std::vector<Index> b = {}) {
        routes_[static_cast<size_t>(ra)] = std::move(a);
        if (rb >= 0) routes_[static_cast<size_t>(rb)] = std::move(b);
        rebuild(ra);
        if (rb >= 0) rebuild(rb);
    }

    // The first improving move around job u; true when one was applied.
    bool improve(Index u) {
        const Index ru = route_of_[static_cast<size_t>(u)];
        if (ru < 0) return false;
        for (Index v : neighbours_[static_cast<size_t>(u)]) {
            const Index rv = route_of_[static_cast<size_t>(v)];
            if (rv < 0) continue;
            const size_t pu = pos_of_[static_cast<size_t>(u)], pv = pos_of_[static_cast<size_t>(v)];
            const RouteSegments &a = segs_[static_cast<size_t>(ru)], &b = segs_[static_cast<size_t>(rv)];
            const auto& na = routes_[static_cast<size_t>(ru)];
            const auto& nb = routes_[static_cast<size_t>(rv)];
            const Cost before = current_pen(ru) + (rv != ru ? current_pen(rv) : 0);
            if (rv != ru) {
                const size_t ja = jobs_in(ru), jb = jobs_in(rv);
                // u after v, u before v
                if (fits(rv, u))
                    for (size_t q : {pv, pv - 1}) {
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
                if (fits(rv, u) && fits(ru, v)) {
                    const MoveResult m = swap(in_, a, pu, b, pv);
                    if (pen(ru, m.first, ja) + pen(rv, m.second, jb) < before) {
                        std::vector<Index> x = na, y = nb;
                        std::swap(x[pu], y[pv]);
                        apply(ru, std::move(x), rv, std::move(y));
                        return true;
                    }
                }
                // 2-opt*: u followed by v and the rest of v's route
                if (pv >= 1 && tail_fits(ru, rv, pv) && tail_fits(rv, ru, pu + 1)) {
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
                // SWAP*: u and v change routes, each to its best place
                if (fits(rv, u) && fits(ru, v)) {
                    const SwapStarResult s = swap_star(in_, a, pu, b, pv, cap_[static_cast<size_t>(ru)], cap_[static_cast<size_t>(rv)], w_);
                    if (pen(ru, s.routes.first, ja) + pen(rv, s.routes.second, jb) < before) {
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
                    if (q == pu || q + 1 == pu) continue;
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
        const size_t pu = pos_of_[static_cast<size_t>(u)];
        for (size_t r = 0; r < routes_.size(); ++r) {
            if (jobs_in(static_cast<Index>(r)) != 0 || !fits(static_cast<Index>(r), u)) continue;
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

    void local_search() {
        std::vector<Index> order(static_cast<size_t>(p_.num_jobs()));
        std::iota(order.begin(), order.end(), 0);
        for (int pass = 0; pass < 1000; ++pass) {
            std::shuffle(order.begin(), order.end(), rng_);
            bool any = false;
            for (Index u : order) any |= improve(u);
            if (!any || (o_.cancel && o_.cancel->load()) || Clock::now() >= deadline_) break;
        }
    }

    // Removes a random job and its nearest routed neighbours, then puts each
    // back at its cheapest penalised place (random order).
    void ruin_and_recreate() {
        const Index jobs = p_.num_jobs();
        if (jobs == 0) return;
        const Index seed = static_cast<Index>(std::uniform_int_distribution<Index>(0, jobs - 1)(rng_));
        const size_t want = std::uniform_int_distribution<size_t>(5, std::max<size_t>(5, std::min<size_t>(20, static_cast<size_t>(jobs) / 5)))(rng_);
        std::vector<Index> removed;
        if (route_of_[static_cast<size_t>(seed)] >= 0) removed.push_back(seed);
        for (Index v : neighbours_[static_cast<size_t>(seed)]) {
            if (removed.size() >= want) break;
            if (route_of_[static_cast<size_t>(v)] >= 0) removed.push_back(v);
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

    void insert_cheapest(Index u) {
        Cost best = std::numeric_limits<Cost>::max();
        Index best_r = -1;
        size_t best_q = 0;
        bool tried_empty = false;
        const TwSegment& su = in_.nodes[static_cast<size_t>(u)];
        for (size_t r = 0; r < routes_.size(); ++r) {
            const Index ri = static_cast<Index>(r);
            if (!fits(ri, u)) continue;
            const size_t n = jobs_in(ri);
            if (n == 0) {
                if (tried_empty) continue;
                tried_empty = true;
            }
            const RouteSegments& s = segs_[r];
            const Cost base = current_pen(ri);
            for (size_t q = 0; q + 1 < s.size(); ++q) {
                const Cost c = pen(ri, in_.join(in_.join(s.prefix(q), su), s.suffix(q + 1)), n + 1) - base;
                if (c < best) best = c, best_r = ri, best_q = q;
            }
        }
        FSD_ASSERT(best_r >= 0);
        std::vector<Index> x = routes_[static_cast<size_t>(best_r)];
        x.insert(x.begin() + static_cast<std::ptrdiff_t>(best_q + 1), u);
        apply(best_r, std::move(x));
    }

    const Problem& p_;
    const SolveOptions& o_;
    const std::vector<std::vector<Index>>& neighbours_;
    std::mt19937_64 rng_;
    Clock::time_point solve_started_;
    Clock::time_point deadline_;
    SegmentInstance in_;
    std::vector<SegmentLoad> cap_;
    bool all_compatible_ = true;
    std::vector<std::vector<Index>> routes_;
    std::vector<RouteSegments> segs_;
    std::vector<Index> route_of_;
    std::vector<size_t> pos_of_;
    PenaltyWeights w_{1, 1};
};

}  // namespace

SegmentPlan segment_search(const Problem& problem, const SolveOptions& options, const SegmentPlan& start,
                           const std::vector<std::vector<Index>>& neighbours, double seconds_budget,
                           std::chrono::steady_clock::time_point solve_started) {
    FSD_ASSERT(segment_search_obstacle(problem).empty());
    // Jobs the start left out stay out: the exact search that follows tries them again.
    SegmentSearch search(problem, options, neighbours, seconds_budget, solve_started);
    return search.run(start);
}

}  // namespace fsd::detail
