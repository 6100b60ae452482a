#include "fsd/route/detail/genetic_search.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <random>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/segment_local_search.hpp"

namespace fsd::detail {

namespace {

using Clock = std::chrono::steady_clock;

// Population sizes and rates (the values HGS papers report working across
// VRP variants; not tuned per instance).
constexpr size_t kMinPopulation = 25;      // survivors per subpopulation
constexpr size_t kGeneration = 40;         // children before a survivor selection
constexpr size_t kElite = 4;               // best-cost members protected from the diversity term
constexpr size_t kClosest = 5;             // diversity = mean distance to this many closest
constexpr size_t kInitial = 4 * kMinPopulation;
constexpr double kTargetFeasible = 0.2;    // share of feasible children the penalties aim at
constexpr int kPenaltyPeriod = 25;         // children between penalty updates
constexpr Cost kMaxPenalty = 1'000'000;
constexpr std::int64_t kRestartAfter = 10'000;  // children without a new best before a fresh population

struct Individual {
    std::vector<std::vector<Index>> routes;  // job lists per slot
    Cost cost = 0;                            // engineers' cost, no penalty
    Duration warp = 0;
    Amount excess = 0;
    std::vector<Index> succ;                  // per job: next job, -1 = the route's end (or unrouted)
    std::vector<Index> pred;                  // per job: previous job, -1 = the route's start
    double fitness = 0.0;                     // biased fitness (lower is better)

    bool feasible() const noexcept { return warp == 0 && excess == 0; }
    Cost penalised(const PenaltyWeights& w) const noexcept { return cost + w.time_warp * warp + w.excess_load * excess; }
};

// Share of routed jobs whose two neighbours in `a` are not neighbours in `b`
// (the broken-pairs distance, edges taken undirected).
double broken_pairs(const Individual& a, const Individual& b, const std::vector<Index>& active) {
    size_t broken = 0;
    for (Index j : active) {
        const auto k = static_cast<size_t>(j);
        const Index s = a.succ[k], p = a.pred[k];
        if (s != b.succ[k] && s != b.pred[k]) ++broken;
        // The start edge counts once, from the first job.
        if (p == -1 && b.pred[k] != -1 && b.succ[k] != -1) ++broken;
    }
    return active.empty() ? 0.0 : static_cast<double>(broken) / static_cast<double>(active.size());
}

// Feasible or infeasible members, with their pairwise distances.
class Subpopulation {
public:
    std::vector<std::unique_ptr<Individual>> members;
    std::vector<std::vector<double>> distance;

    void add(std::unique_ptr<Individual> x, const std::vector<Index>& active) {
        std::vector<double> row;
        row.reserve(members.size() + 1);
        for (size_t i = 0; i < members.size(); ++i) {
            const double d = broken_pairs(*x, *members[i], active);
            row.push_back(d);
            distance[i].push_back(d);
        }
        row.push_back(0.0);
        distance.push_back(std::move(row));
        members.push_back(std::move(x));
    }

    void remove(size_t i) {
        members.erase(members.begin() + static_cast<std::ptrdiff_t>(i));
        distance.erase(distance.begin() + static_cast<std::ptrdiff_t>(i));
        for (auto& row : distance) row.erase(row.begin() + static_cast<std::ptrdiff_t>(i));
    }

    // Mean distance of member i to its closest others.
    double diversity(size_t i) const {
        std::vector<double> d;
        for (size_t k = 0; k < members.size(); ++k)
            if (k != i) d.push_back(distance[i][k]);
        const size_t m = std::min(kClosest, d.size());
        if (m == 0) return 0.0;
        std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(m), d.end());
        return std::accumulate(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(m), 0.0) / static_cast<double>(m);
    }

    // Biased fitness: rank by penalised cost plus, weighted by the share of
    // non-elite members, rank by diversity (more diverse ranks better).
    void update_fitness(const PenaltyWeights& w) {
        const size_t n = members.size();
        if (n == 0) return;
        if (n == 1) {
            members[0]->fitness = 0.0;
            return;
        }
        std::vector<size_t> by_cost(n), by_diversity(n);
        std::iota(by_cost.begin(), by_cost.end(), 0);
        std::stable_sort(by_cost.begin(), by_cost.end(),
                         [&](size_t a, size_t b) { return members[a]->penalised(w) < members[b]->penalised(w); });
        std::vector<double> div(n);
        for (size_t i = 0; i < n; ++i) div[i] = diversity(i);
        std::iota(by_diversity.begin(), by_diversity.end(), 0);
        std::stable_sort(by_diversity.begin(), by_diversity.end(), [&](size_t a, size_t b) { return div[a] > div[b]; });
        std::vector<double> cost_rank(n), div_rank(n);
        for (size_t r = 0; r < n; ++r) {
            cost_rank[by_cost[r]] = static_cast<double>(r) / static_cast<double>(n - 1);
            div_rank[by_diversity[r]] = static_cast<double>(r) / static_cast<double>(n - 1);
        }
        const double elite_share = std::min(1.0, static_cast<double>(kElite) / static_cast<double>(n));
        for (size_t i = 0; i < n; ++i) members[i]->fitness = cost_rank[i] + (1.0 - elite_share) * div_rank[i];
    }

    // Removes members until `keep` remain: a clone first, else the worst biased fitness.
    void select_survivors(size_t keep, const PenaltyWeights& w) {
        while (members.size() > keep) {
            update_fitness(w);
            size_t worst = 0;
            bool worst_clone = false;
            for (size_t i = 0; i < members.size(); ++i) {
                bool clone = false;
                for (size_t k = 0; k < members.size() && !clone; ++k) clone = k != i && distance[i][k] == 0.0;
                const bool better_pick = (clone && !worst_clone) ||
                                         (clone == worst_clone && members[i]->fitness > members[worst]->fitness);
                if (i == 0 || better_pick) worst = i, worst_clone = clone;
            }
            remove(worst);
        }
    }
};

class GeneticSearch {
public:
    GeneticSearch(const Problem& p, const SolveOptions& o, const std::vector<std::vector<Index>>& neighbours,
                  Clock::time_point deadline, Clock::time_point solve_started, BestExchange* exchange, size_t thread)
        : p_(p),
          o_(o),
          neighbours_(neighbours),
          exchange_(exchange),
          thread_(thread),
          solve_started_(solve_started),
          deadline_(deadline),
          rng_(o.seed),
          ls_(p, o, neighbours, deadline, o.seed ^ 0x9e3779b97f4a7c15ULL) {}

    SegmentPlan run(const SegmentPlan& start) {
        best_ = start;
        set_jobs(start.routes);
        ls_.load(start.routes);
        best_.cost = ls_.route_costs();
        if (movable_.empty()) return best_;
        // A unit of excess load starts at the plan's cost per unit delivered,
        // so that load and distance speak the same scale from the first child.
        Amount delivered = 0;
        for (Index j : active_)
            for (Amount d : p_.demand(j)) delivered += d;
        ls_.weights().excess_load = std::clamp<Cost>(best_.cost / std::max<Amount>(1, delivered), 1, kMaxPenalty);

        add(capture());
        initial_population(start.routes);
        std::int64_t since_best = 0;
        while (!stop()) {
            ++iterations_;
            ++since_best;
            if (exchange_ && exchange_->due(thread_, iterations_) && share()) {
                since_best = 0;
                if (movable_.empty()) break;  // nothing left to breed
            }
            // Nothing changes between the two picks: one fitness update serves both.
            feasible_.update_fitness(ls_.weights());
            infeasible_.update_fitness(ls_.weights());
            const Individual& a = *tournament();
            const Individual& b = *tournament();
            crossover(a, b);
            ls_.local_search();
            if (educated()) since_best = 0;
            if (since_best >= kRestartAfter) {
                // Stuck: a fresh population around the best plan so far.
                feasible_.members.clear(), feasible_.distance.clear();
                infeasible_.members.clear(), infeasible_.distance.clear();
                ls_.load(best_.routes);
                add(capture());
                initial_population(best_.routes);
                since_best = 0;
            }
        }
        best_.iterations = iterations_;
        return best_;
    }

private:
    // The jobs the plan routes (all of them, and those not fixed).
    void set_jobs(const std::vector<std::vector<Index>>& routes) {
        active_.clear();
        movable_.clear();
        for (const auto& r : routes)
            for (Index j : r) {
                active_.push_back(j);
                if (!ls_.locks().fixed(j)) movable_.push_back(j);
            }
        std::sort(active_.begin(), active_.end());
        std::sort(movable_.begin(), movable_.end());
    }

    // Meets the other threads; a better shared plan over the same jobs joins
    // the population, one over other jobs starts a fresh population around
    // it (plans over different jobs are not comparable by route cost). True
    // when a plan was taken.
    bool share() {
        auto shared = exchange_->meet(thread_, {best_.routes, segment_plan_total(p_, best_)});
        if (!shared) return false;
        std::vector<Index> routed;
        for (const auto& r : shared->routes) routed.insert(routed.end(), r.begin(), r.end());
        std::sort(routed.begin(), routed.end());
        ls_.load(shared->routes);
        if (routed == active_) {
            add(capture());
            return true;
        }
        best_ = segment_plan_of(p_, std::move(shared->routes));
        best_.cost = ls_.route_costs();
        set_jobs(best_.routes);
        feasible_.members.clear(), feasible_.distance.clear();
        infeasible_.members.clear(), infeasible_.distance.clear();
        add(capture());
        if (!movable_.empty()) initial_population(best_.routes);
        return true;
    }

    bool stop() const { return ls_.out_of_time() || (o_.iteration_limit >= 0 && iterations_ >= o_.iteration_limit); }

    std::unique_ptr<Individual> capture() const {
        auto x = std::make_unique<Individual>();
        x->routes = ls_.job_routes();
        x->cost = ls_.route_costs();
        x->warp = ls_.time_warp();
        x->excess = ls_.excess_load();
        x->succ.assign(static_cast<size_t>(p_.num_jobs()), -1);
        x->pred.assign(static_cast<size_t>(p_.num_jobs()), -1);
        for (const auto& r : x->routes)
            for (size_t i = 0; i < r.size(); ++i) {
                if (i + 1 < r.size()) x->succ[static_cast<size_t>(r[i])] = r[i + 1];
                if (i > 0) x->pred[static_cast<size_t>(r[i])] = r[i - 1];
            }
        return x;
    }

    // Records the plan the local search holds: into its subpopulation, as a
    // new best when it is one; an infeasible one is also repaired, half the
    // time, with tenfold penalties. True when the best improved.
    bool educated() {
        const bool feasible = ls_.feasible();
        warp_ok_ += ls_.time_warp() == 0;
        load_ok_ += ls_.excess_load() == 0;
        bool improved = add(capture());
        if (!feasible && std::bernoulli_distribution(0.5)(rng_) && !stop()) {
            PenaltyWeights& w = ls_.weights();
            const PenaltyWeights kept = w;
            w.time_warp = std::min(kMaxPenalty, w.time_warp * 10);
            w.excess_load = std::min(kMaxPenalty, w.excess_load * 10);
            ls_.local_search();
            w = kept;
            if (ls_.feasible()) improved |= add(capture());
        }
        if (++children_ % kPenaltyPeriod == 0) steer_penalties();
        return improved;
    }

    bool add(std::unique_ptr<Individual> x) {
        bool improved = false;
        if (x->feasible() && x->cost < best_.cost) {
            best_.routes = x->routes;
            best_.cost = x->cost;
            improved = true;
            report_best(p_, o_, best_, iterations_, solve_started_);
        }
        Subpopulation& sub = x->feasible() ? feasible_ : infeasible_;
        sub.add(std::move(x), active_);
        if (sub.members.size() > kMinPopulation + kGeneration) sub.select_survivors(kMinPopulation, ls_.weights());
        return improved;
    }

    // Moves each penalty towards the weight that makes kTargetFeasible of the
    // children feasible in its dimension.
    void steer_penalties() {
        PenaltyWeights& w = ls_.weights();
        auto steer = [&](Cost& weight, int ok) {
            const double share = static_cast<double>(ok) / kPenaltyPeriod;
            if (share < kTargetFeasible - 0.05) weight = std::min(kMaxPenalty, std::max(weight + 1, weight * 12 / 10));
            else if (share > kTargetFeasible + 0.05) weight = std::max<Cost>(1, weight * 85 / 100);
        };
        steer(w.time_warp, warp_ok_);
        steer(w.excess_load, load_ok_);
        warp_ok_ = load_ok_ = 0;
    }

    // Plans around `around`: a random third to two thirds of the jobs taken
    // out and put back at their cheapest penalised places in a random order,
    // then improved; until the population has kInitial members or (without
    // an iteration limit) a tenth of the time is gone. (Plans built from nothing cost most of a short
    // budget to descend and start far worse.)
    void initial_population(const std::vector<std::vector<Index>>& around) {
        const auto began = Clock::now();
        const auto tenth = (deadline_left() / 10);
        std::vector<char> out(static_cast<size_t>(p_.num_jobs()), 0);
        // Under an iteration limit the count alone decides (determinism).
        const bool timed = o_.iteration_limit < 0;
        for (size_t k = 0; k < kInitial && !stop() && (!timed || Clock::now() - began < tenth); ++k) {
            std::vector<Index> left = movable_;
            std::shuffle(left.begin(), left.end(), rng_);
            left.resize(std::uniform_int_distribution<size_t>(left.size() / 3, 2 * left.size() / 3)(rng_));
            for (Index j : left) out[static_cast<size_t>(j)] = 1;
            std::vector<std::vector<Index>> kept = around;
            for (auto& r : kept)
                r.erase(std::remove_if(r.begin(), r.end(), [&](Index j) { return out[static_cast<size_t>(j)] != 0; }),
                        r.end());
            for (Index j : left) out[static_cast<size_t>(j)] = 0;
            ls_.load(kept);
            for (Index j : left) ls_.insert_cheapest(j);
            ls_.local_search();
            educated();
        }
    }

    Clock::duration deadline_left() const {
        const auto left = deadline_ - Clock::now();
        return left > Clock::duration::zero() ? left : Clock::duration::zero();
    }

    // Binary tournament on biased fitness (updated by the caller) over both subpopulations.
    const Individual* tournament() {
        const size_t nf = feasible_.members.size(), n = nf + infeasible_.members.size();
        auto pick = [&]() -> const Individual* {
            const size_t k = std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
            return k < nf ? feasible_.members[k].get() : infeasible_.members[k - nf].get();
        };
        const Individual* x = pick();
        const Individual* y = pick();
        return x->fitness <= y->fitness ? x : y;
    }

    // Route exchange (in the manner of SREX): some routes of `a` around a
    // random job are kept in their slots; `b`'s routes fill the other slots
    // (see below); the jobs left over go to their cheapest penalised places.
    // Fixed heads are the same in every plan: each slot starts from its head.
    void crossover(const Individual& a, const Individual& b) {
        const RouteLocks& locks = ls_.locks();
        const size_t slots = p_.slots().size();
        std::vector<Index> used_a;
        for (size_t s = 0; s < slots; ++s)
            if (!a.routes[s].empty()) used_a.push_back(static_cast<Index>(s));
        std::vector<Index> slot_of(static_cast<size_t>(p_.num_jobs()), -1);
        for (size_t s = 0; s < slots; ++s)
            for (Index j : a.routes[s]) slot_of[static_cast<size_t>(j)] = static_cast<Index>(s);
        const size_t want = std::uniform_int_distribution<size_t>(1, std::max<size_t>(1, used_a.size() / 2))(rng_);
        std::vector<char> take(slots, 0);
        size_t taken = 0;
        const Index seed = movable_[std::uniform_int_distribution<size_t>(0, movable_.size() - 1)(rng_)];
        auto take_route_of = [&](Index j) {
            const Index s = slot_of[static_cast<size_t>(j)];
            if (s >= 0 && !take[static_cast<size_t>(s)] && taken < want) take[static_cast<size_t>(s)] = 1, ++taken;
        };
        take_route_of(seed);
        for (Index v : neighbours_[static_cast<size_t>(seed)]) take_route_of(v);
        // Few neighbours: complete with random routes of a.
        std::shuffle(used_a.begin(), used_a.end(), rng_);
        for (Index s : used_a)
            if (taken < want && !take[static_cast<size_t>(s)]) take[static_cast<size_t>(s)] = 1, ++taken;

        std::vector<std::vector<Index>> child(slots);
        std::vector<char> placed(static_cast<size_t>(p_.num_jobs()), 0);
        for (size_t s = 0; s < slots; ++s) {
            const auto head = static_cast<std::ptrdiff_t>(locks.head[s]);
            child[s] = take[s] ? a.routes[s] : std::vector<Index>(a.routes[s].begin(), a.routes[s].begin() + head);
            for (Index j : child[s]) placed[static_cast<size_t>(j)] = 1;
        }
        // As many of b's routes as a gave, those sharing most jobs with a's,
        // are dropped whole (their other jobs are inserted again); b's other
        // routes stay, without a's jobs. Keeping only fragments of every b
        // route instead would multiply short routes.
        std::vector<std::pair<size_t, size_t>> overlap;  // (shared jobs, slot)
        for (size_t s = 0; s < slots; ++s) {
            if (b.routes[s].empty()) continue;
            size_t shared = 0;
            for (Index j : b.routes[s]) shared += placed[static_cast<size_t>(j)] != 0;
            overlap.emplace_back(shared, s);
        }
        std::shuffle(overlap.begin(), overlap.end(), rng_);
        std::stable_sort(overlap.begin(), overlap.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
        std::vector<char> dropped(slots, 0);
        for (size_t k = 0; k < std::min(taken, overlap.size()); ++k) dropped[overlap[k].second] = 1;
        std::vector<Index> left;
        std::vector<char> filled(slots, 0);
        const auto offset = std::uniform_int_distribution<size_t>(0, slots - 1)(rng_);
        for (size_t s = 0; s < slots; ++s) {
            if (dropped[s]) continue;
            std::vector<Index> rest;
            for (Index j : b.routes[s])
                if (!placed[static_cast<size_t>(j)]) rest.push_back(j);
            if (rest.empty()) continue;
            // Into its own slot when a left it open, else into an unused one.
            const auto open = [&](size_t t) {
                return !take[t] && !filled[t] && !locks.closed[t] && child[t].size() == static_cast<size_t>(locks.head[t]);
            };
            size_t target = slots;
            if (open(s)) target = s;
            for (size_t k = 0; k < slots && target == slots; ++k) {
                const size_t t = (offset + k) % slots;
                if (!open(t) || locks.head[t] != 0) continue;
                const Index e = p_.slots()[t].engineer;
                bool fits = true;
                for (Index j : rest) fits = fits && p_.compatible(e, j);
                if (fits) target = t;
            }
            if (target == slots) continue;  // inserted again below
            filled[target] = 1;
            for (Index j : rest) placed[static_cast<size_t>(j)] = 1;
            child[target].insert(child[target].end(), rest.begin(), rest.end());
        }
        for (Index j : active_)
            if (!placed[static_cast<size_t>(j)]) left.push_back(j);
        ls_.load(child);
        std::shuffle(left.begin(), left.end(), rng_);
        for (Index j : left) ls_.insert_cheapest(j);
    }

    const Problem& p_;
    const SolveOptions& o_;
    const std::vector<std::vector<Index>>& neighbours_;
    BestExchange* exchange_;
    size_t thread_;
    Clock::time_point solve_started_;
    Clock::time_point deadline_;
    std::mt19937_64 rng_;
    SegmentLocalSearch ls_;
    std::vector<Index> active_;   // the jobs the start routed (sorted)
    std::vector<Index> movable_;  // those of them not fixed (sorted)
    Subpopulation feasible_;
    Subpopulation infeasible_;
    SegmentPlan best_;
    std::int64_t iterations_ = 0;
    std::int64_t children_ = 0;  // educated plans, for the penalty period
    int warp_ok_ = 0;
    int load_ok_ = 0;
};

}  // namespace

SegmentPlan genetic_search(const Problem& problem, const SolveOptions& options, const SegmentPlan& start,
                           const std::vector<std::vector<Index>>& neighbours, double seconds_budget,
                           Clock::time_point solve_started, BestExchange* exchange, std::size_t thread) {
    FSD_ASSERT(segment_search_obstacle(problem).empty());
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, seconds_budget)));
    GeneticSearch search(problem, options, neighbours, deadline, solve_started, exchange, thread);
    return search.run(start);
}

}  // namespace fsd::detail
