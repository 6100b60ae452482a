#include "fsd/route/detail/genetic_search.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <random>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/route_groups.hpp"

namespace fsd::detail {

namespace {

using Clock = std::chrono::steady_clock;

// Population sizes and rates (the values HGS papers report working across
// VRP variants; not tuned per instance).
constexpr std::size_t kMinPopulation = 25;      // survivors per subpopulation
constexpr std::size_t kGeneration = 40;         // children before a survivor selection
constexpr std::size_t kElite = 4;               // best-cost members protected from the diversity term
constexpr std::size_t kClosest = 5;             // diversity = mean distance to this many closest
constexpr std::size_t kInitial = 4 * kMinPopulation;
constexpr double kTargetFeasible = 0.2;         // share of feasible children the penalties aim at
constexpr int kPenaltyPeriod = 25;              // children between penalty updates
constexpr Cost kMaxPenalty = 1'000'000;
constexpr std::int64_t kRestartAfter = 10'000;  // children without a new best before a fresh population
constexpr Index kUnserved = -2;                 // succ/pred of a job a plan leaves out
// Decomposition (docs/design.md): from this many served jobs that may move,
// every kDecomposeEvery children the best plan's routes are searched in
// groups of about kPartJobs jobs, kPartChildren children each.
constexpr Index kDecomposeFrom = 400;
constexpr Index kPartJobs = 200;
constexpr std::int64_t kPartChildren = 200;
constexpr std::int64_t kDecomposeEvery = 25;

struct Individual {
    PlanRoutes nodes;                         // node lists per slot
    Cost objective = 0;                       // objective, prizes of left-out jobs included
    Duration warp = 0;
    Amount excess = 0;
    std::vector<Index> succ;                  // per job: next job, -1 the route's end, kUnserved
    std::vector<Index> pred;                  // per job: previous job, -1 the route's start, kUnserved
    double fitness = 0.0;                     // biased fitness (lower is better)

    bool feasible() const noexcept { return warp == 0 && excess == 0; }
    Cost penalised(const Penalties& w) const noexcept { return objective + w.time_warp * warp + w.excess_load * excess; }
};

// Share of jobs whose two neighbours in `a` are not neighbours in `b` (edges
// taken undirected), over the jobs either serves; a job one of them leaves
// out counts as broken.
double broken_pairs(const Individual& a, const Individual& b, const std::vector<Index>& jobs) {
    std::size_t broken = 0, counted = 0;
    for (Index j : jobs) {
        const auto k = static_cast<std::size_t>(j);
        const bool in_a = a.succ[k] != kUnserved, in_b = b.succ[k] != kUnserved;
        if (!in_a && !in_b) continue;
        ++counted;
        if (in_a != in_b) {
            ++broken;
            continue;
        }
        const Index s = a.succ[k], p = a.pred[k];
        if (s != b.succ[k] && s != b.pred[k]) ++broken;
        // The start edge counts once, from the first job.
        if (p == -1 && b.pred[k] != -1 && b.succ[k] != -1) ++broken;
    }
    return counted == 0 ? 0.0 : static_cast<double>(broken) / static_cast<double>(counted);
}

// Feasible or infeasible members, with their pairwise distances.
class Subpopulation {
public:
    std::vector<std::unique_ptr<Individual>> members;
    std::vector<std::vector<double>> distance;

    void add(std::unique_ptr<Individual> x, const std::vector<Index>& jobs) {
        std::vector<double> row;
        row.reserve(members.size() + 1);
        for (std::size_t i = 0; i < members.size(); ++i) {
            const double d = broken_pairs(*x, *members[i], jobs);
            row.push_back(d);
            distance[i].push_back(d);
        }
        row.push_back(0.0);
        distance.push_back(std::move(row));
        members.push_back(std::move(x));
    }

    void remove(std::size_t i) {
        members.erase(members.begin() + static_cast<std::ptrdiff_t>(i));
        distance.erase(distance.begin() + static_cast<std::ptrdiff_t>(i));
        for (auto& row : distance) row.erase(row.begin() + static_cast<std::ptrdiff_t>(i));
    }

    void clear() {
        members.clear();
        distance.clear();
    }

    // Mean distance of member i to its closest others.
    double diversity(std::size_t i) const {
        std::vector<double> d;
        for (std::size_t k = 0; k < members.size(); ++k)
            if (k != i) d.push_back(distance[i][k]);
        const std::size_t m = std::min(kClosest, d.size());
        if (m == 0) return 0.0;
        std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(m), d.end());
        return std::accumulate(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(m), 0.0) / static_cast<double>(m);
    }

    // Biased fitness: rank by penalised cost plus, weighted by the share of
    // non-elite members, rank by diversity (more diverse ranks better).
    void update_fitness(const Penalties& w) {
        const std::size_t n = members.size();
        if (n == 0) return;
        if (n == 1) {
            members[0]->fitness = 0.0;
            return;
        }
        std::vector<std::size_t> by_cost(n), by_diversity(n);
        std::iota(by_cost.begin(), by_cost.end(), 0);
        std::stable_sort(by_cost.begin(), by_cost.end(),
                         [&](std::size_t a, std::size_t b) { return members[a]->penalised(w) < members[b]->penalised(w); });
        std::vector<double> div(n);
        for (std::size_t i = 0; i < n; ++i) div[i] = diversity(i);
        std::iota(by_diversity.begin(), by_diversity.end(), 0);
        std::stable_sort(by_diversity.begin(), by_diversity.end(), [&](std::size_t a, std::size_t b) { return div[a] > div[b]; });
        std::vector<double> cost_rank(n), div_rank(n);
        for (std::size_t r = 0; r < n; ++r) {
            cost_rank[by_cost[r]] = static_cast<double>(r) / static_cast<double>(n - 1);
            div_rank[by_diversity[r]] = static_cast<double>(r) / static_cast<double>(n - 1);
        }
        const double elite_share = std::min(1.0, static_cast<double>(kElite) / static_cast<double>(n));
        for (std::size_t i = 0; i < n; ++i) members[i]->fitness = cost_rank[i] + (1.0 - elite_share) * div_rank[i];
    }

    // Removes members until `keep` remain: a clone first, else the worst biased fitness.
    void select_survivors(std::size_t keep, const Penalties& w) {
        while (members.size() > keep) {
            update_fitness(w);
            std::size_t worst = 0;
            bool worst_clone = false;
            for (std::size_t i = 0; i < members.size(); ++i) {
                bool clone = false;
                for (std::size_t k = 0; k < members.size() && !clone; ++k) clone = k != i && distance[i][k] == 0.0;
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
    // `part`: the search of one group of a decomposition (which is not
    // decomposed again), its iterations counted on from `first_iteration`.
    GeneticSearch(Plan& plan, LocalSearch& ls, const RouteLocks& locks, const StoppingCriterion& stop,
                  const ProgressReporter& progress, BestExchange* exchange, std::size_t thread, bool decompose,
                  bool part = false, std::int64_t first_iteration = 0)
        : plan_(plan),
          m_(plan.model()),
          ls_(ls),
          locks_(locks),
          stop_(stop),
          progress_(progress),
          exchange_(exchange),
          thread_(thread),
          rng_(ls.rng()()),
          part_(part),
          iterations_(first_iteration) {
        Index served = 0;
        for (Index j = 0; j < m_.num_jobs(); ++j) {
            if (!m_.servable(j)) continue;
            jobs_.push_back(j);
            if (locks_.any && locks_.fixed(j)) continue;
            movable_.push_back(j);
            served += plan_.served(j);
        }
        decompose_ = decompose && !part && served >= kDecomposeFrom;
    }

    /// A plan another thread shared while this was a part's search: the part
    /// ended there, and the whole search goes on from it.
    std::optional<PlanRoutes> received;

    SearchResult run() {
        best_ = SearchResult{plan_.snapshot(), plan_.objective(), 0, 0};
        if (movable_.empty()) return best_;
        // A unit of excess load starts at the plan's cost per unit delivered,
        // so that load and distance speak the same scale from the first child.
        Amount delivered = 0;
        for (Index j = 0; j < m_.num_jobs(); ++j)
            if (plan_.served(j))
                for (Amount d : m_.demand(j)) delivered += d;
        const Cost routes = plan_.objective() - plan_.unserved_cost();
        plan_.penalties().excess_load = std::clamp<Cost>(routes / std::max<Amount>(1, delivered), 1, kMaxPenalty);

        add(capture());
        initial_population(best_.routes);
        std::int64_t& since_best = best_.since_best;
        since_best = 0;
        std::int64_t next_decomposition = iterations_ + kDecomposeEvery;
        while (!stop_.done(iterations_, since_best)) {
            ++iterations_;
            ++since_best;
            if (exchange_ && exchange_->due(thread_, iterations_) && share()) {
                if (received) break;
                since_best = 0;
            }
            if (decompose_ && iterations_ >= next_decomposition) {
                const std::int64_t before = iterations_;
                since_best = decompose() ? 0 : since_best + (iterations_ - before);
                next_decomposition = iterations_ + kDecomposeEvery;
                continue;
            }
            // Nothing changes between the two picks: one fitness update serves both.
            feasible_.update_fitness(plan_.penalties());
            infeasible_.update_fitness(plan_.penalties());
            const Individual& a = *tournament();
            const Individual& b = *tournament();
            crossover(a, b);
            ls_.mark_all();
            ls_.run(stop_);
            if (educated()) since_best = 0;
            if (since_best > 0 && since_best % kRestartAfter == 0) {
                // Stuck: a fresh population around the best plan so far.
                feasible_.clear();
                infeasible_.clear();
                plan_.restore(best_.routes);
                add(capture());
                initial_population(best_.routes);
            }
        }
        best_.iterations = iterations_;
        return best_;
    }

private:
    std::unique_ptr<Individual> capture() const {
        auto x = std::make_unique<Individual>();
        x->nodes = plan_.snapshot();
        x->objective = plan_.objective();
        x->warp = plan_.warp();
        x->excess = plan_.excess();
        const auto n = static_cast<std::size_t>(m_.num_jobs());
        x->succ.assign(n, kUnserved);
        x->pred.assign(n, kUnserved);
        for (const auto& route : x->nodes) {
            Index prev = -1;
            for (Index node : route) {
                if (!m_.is_job(node)) continue;
                x->pred[static_cast<std::size_t>(node)] = prev;
                if (prev >= 0) x->succ[static_cast<std::size_t>(prev)] = node;
                prev = node;
            }
            if (prev >= 0) x->succ[static_cast<std::size_t>(prev)] = -1;
        }
        return x;
    }

    // The plan now in `plan_` joins the population (repaired half the time
    // when infeasible); true when it is a new best.
    bool educated() {
        const bool feasible = plan_.feasible();
        warp_ok_ += plan_.warp() == 0;
        load_ok_ += plan_.excess() == 0;
        bool improved = add(capture());
        if (!feasible && std::bernoulli_distribution(0.5)(rng_) && !stop_.out_of_time()) {
            Penalties& w = plan_.penalties();
            const Penalties kept = w;
            w.time_warp = std::min(kMaxPenalty, w.time_warp * 10);
            w.excess_load = std::min(kMaxPenalty, w.excess_load * 10);
            ls_.mark_all();
            ls_.run(stop_);
            w = kept;
            if (plan_.feasible()) improved |= add(capture());
        }
        if (++children_ % kPenaltyPeriod == 0) steer_penalties();
        return improved;
    }

    bool add(std::unique_ptr<Individual> x) {
        bool improved = false;
        if (x->feasible() && x->objective < best_.objective) {
            best_.routes = x->nodes;
            best_.objective = x->objective;
            improved = true;
            progress_.best(plan_, iterations_);
        }
        Subpopulation& sub = x->feasible() ? feasible_ : infeasible_;
        sub.add(std::move(x), movable_);
        if (sub.members.size() > kMinPopulation + kGeneration) sub.select_survivors(kMinPopulation, plan_.penalties());
        return improved;
    }

    // Meets the other threads; a better shared plan joins the population.
    bool share() {
        auto shared = exchange_->meet(thread_, {best_.routes, best_.objective});
        if (!shared) return false;
        if (part_) {
            received = std::move(shared->routes);
            return true;
        }
        plan_.restore(shared->routes);
        best_.routes = std::move(shared->routes);
        best_.objective = plan_.objective();
        add(capture());
        return true;
    }

    // One round of the decomposition: each group of nearby routes of the
    // best plan searched on its own (every other route closed), from the plan
    // the groups before it left; then the whole plan descends (the borders
    // between groups) and joins the population. True on a new best.
    bool decompose() {
        plan_.restore(best_.routes);
        const std::vector<std::vector<Index>> groups = nearby_route_groups(plan_, locks_, kPartJobs, rng_);
        if (groups.size() < 2) return false;
        const Penalties penalties = plan_.penalties();
        bool improved = false;
        for (const std::vector<Index>& group : groups) {
            if (stop_.done(iterations_, 0)) break;
            const RouteLocks part_locks = locks_outside(plan_, locks_, group);
            LocalSearch part_ls(plan_, part_locks, rng_());
            const StoppingCriterion part_stop = stop_.phase(iterations_ + kPartChildren);
            GeneticSearch part(plan_, part_ls, part_locks, part_stop, progress_, exchange_, thread_,
                               /*decompose=*/false, /*part=*/true, iterations_);
            SearchResult found = part.run();
            iterations_ = found.iterations;
            plan_.penalties() = penalties;  // the part steered its own
            if (part.received) {
                plan_.restore(*part.received);
                best_.routes = std::move(*part.received);
                best_.objective = plan_.objective();
                add(capture());
                return true;
            }
            if (found.objective < best_.objective) {  // the part reported it
                best_.routes = found.routes;
                best_.objective = found.objective;
                improved = true;
            }
            plan_.restore(found.routes);
        }
        ls_.mark_all();
        ls_.run(stop_);
        return educated() || improved;
    }

    // Moves each penalty towards the weight that makes kTargetFeasible of the
    // children feasible in its dimension.
    void steer_penalties() {
        Penalties& w = plan_.penalties();
        auto steer = [&](Cost& weight, int ok) {
            const double share = static_cast<double>(ok) / kPenaltyPeriod;
            if (share < kTargetFeasible - 0.05) weight = std::min(kMaxPenalty, std::max(weight + 1, weight * 12 / 10));
            else if (share > kTargetFeasible + 0.05) weight = std::max<Cost>(1, weight * 85 / 100);
        };
        steer(w.time_warp, warp_ok_);
        steer(w.excess_load, load_ok_);
        warp_ok_ = load_ok_ = 0;
    }

    // Plans around `around`: a random third to two thirds of the movable jobs
    // taken out and put back at their cheapest places in a random order, then
    // improved; until the population has kInitial members or (without an
    // iteration limit) a tenth of the time is gone. (Plans built from nothing
    // cost most of a short budget to descend and start far worse.)
    void initial_population(const PlanRoutes& around) {
        const auto began = Clock::now();
        const auto tenth = (stop_.deadline() - began) / 10;
        const std::size_t size = part_ ? kMinPopulation : kInitial;
        for (std::size_t k = 0; k < size && !stop_.out_of_time() &&
                                (stop_.by_iterations() || Clock::now() - began < tenth);
             ++k) {
            plan_.restore(around);
            std::vector<Index> left = movable_;
            std::shuffle(left.begin(), left.end(), rng_);
            left.resize(std::uniform_int_distribution<std::size_t>(left.size() / 3, 2 * left.size() / 3)(rng_));
            std::vector<char> out(static_cast<std::size_t>(m_.num_jobs()), 0);
            for (Index j : left) out[static_cast<std::size_t>(j)] = 1;
            for (Index s = 0; s < plan_.num_slots(); ++s) {
                std::vector<Index> nodes = plan_.route(s).nodes();
                const auto before = nodes.size();
                std::erase_if(nodes, [&](Index n) { return m_.is_job(n) && out[static_cast<std::size_t>(n)]; });
                if (nodes.size() != before) plan_.set_route(s, std::move(nodes));
            }
            for (Index j : left) ls_.insert(j, true);
            ls_.mark_all();
            ls_.run(stop_);
            educated();
        }
    }

    // Binary tournament on biased fitness (updated by the caller) over both subpopulations.
    const Individual* tournament() {
        const std::size_t nf = feasible_.members.size(), n = nf + infeasible_.members.size();
        auto pick = [&]() -> const Individual* {
            const std::size_t k = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
            return k < nf ? feasible_.members[k].get() : infeasible_.members[k - nf].get();
        };
        const Individual* x = pick();
        const Individual* y = pick();
        return x->fitness <= y->fitness ? x : y;
    }

    static std::vector<Index> jobs_of(const RouteModel& m, const std::vector<Index>& nodes) {
        std::vector<Index> out;
        for (Index n : nodes)
            if (m.is_job(n)) out.push_back(n);
        return out;
    }

    // Route exchange (in the manner of SREX): some routes of `a` around a
    // random job are kept in their slots; `b`'s routes fill the other slots
    // (see below); the jobs either parent serves that are left over go to
    // their cheapest feasible places. Fixed heads are the same in every plan:
    // each slot starts from its head. The child is left in plan_.
    void crossover(const Individual& a, const Individual& b) {
        const std::size_t slots = static_cast<std::size_t>(m_.num_slots());
        std::vector<std::vector<Index>> ja(slots), jb(slots);
        for (std::size_t s = 0; s < slots; ++s) ja[s] = jobs_of(m_, a.nodes[s]), jb[s] = jobs_of(m_, b.nodes[s]);
        std::vector<Index> used_a;
        for (std::size_t s = 0; s < slots; ++s)
            if (!ja[s].empty() && !(locks_.any && locks_.closed[s])) used_a.push_back(static_cast<Index>(s));
        std::vector<Index> slot_of(static_cast<std::size_t>(m_.num_jobs()), -1);
        for (std::size_t s = 0; s < slots; ++s)
            for (Index j : ja[s]) slot_of[static_cast<std::size_t>(j)] = static_cast<Index>(s);
        const std::size_t want = std::uniform_int_distribution<std::size_t>(1, std::max<std::size_t>(1, used_a.size() / 2))(rng_);
        std::vector<char> take(slots, 0);
        std::size_t taken = 0;
        const Index seed = movable_[std::uniform_int_distribution<std::size_t>(0, movable_.size() - 1)(rng_)];
        auto take_route_of = [&](Index j) {
            const Index s = slot_of[static_cast<std::size_t>(j)];
            if (s >= 0 && !take[static_cast<std::size_t>(s)] && taken < want) take[static_cast<std::size_t>(s)] = 1, ++taken;
        };
        take_route_of(seed);
        for (Index v : m_.neighbours(seed)) take_route_of(v);
        // Few neighbours: complete with random routes of a.
        std::shuffle(used_a.begin(), used_a.end(), rng_);
        for (Index s : used_a)
            if (taken < want && !take[static_cast<std::size_t>(s)]) take[static_cast<std::size_t>(s)] = 1, ++taken;

        PlanRoutes child(slots);
        // placed: 1 in a fixed head, 2 in a route taken from a.
        std::vector<char> placed(static_cast<std::size_t>(m_.num_jobs()), 0);
        std::vector<Index> head_len(slots, 0);
        for (std::size_t s = 0; s < slots; ++s) {
            const auto head = static_cast<std::ptrdiff_t>(locks_.any ? locks_.head[s] : 0);
            std::vector<Index> jobs = take[s] ? ja[s] : std::vector<Index>(ja[s].begin(), ja[s].begin() + head);
            for (Index j : jobs) placed[static_cast<std::size_t>(j)] = take[s] ? 2 : 1;
            head_len[s] = static_cast<Index>(jobs.size());
            child[s] = std::move(jobs);
        }
        // As many of b's routes as a gave, those sharing most jobs with a's,
        // are dropped whole (their other jobs are inserted again); b's other
        // routes stay, without a's jobs. Keeping only fragments of every b
        // route instead would multiply short routes.
        std::vector<std::pair<std::size_t, std::size_t>> overlap;  // (shared jobs, slot)
        for (std::size_t s = 0; s < slots; ++s) {
            if (jb[s].empty()) continue;
            std::size_t shared = 0;
            for (Index j : jb[s]) shared += placed[static_cast<std::size_t>(j)] == 2;
            overlap.emplace_back(shared, s);
        }
        std::shuffle(overlap.begin(), overlap.end(), rng_);
        std::stable_sort(overlap.begin(), overlap.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
        std::vector<char> dropped(slots, 0);
        for (std::size_t k = 0; k < std::min(taken, overlap.size()); ++k) dropped[overlap[k].second] = 1;
        std::vector<char> filled(slots, 0);
        const auto offset = std::uniform_int_distribution<std::size_t>(0, slots - 1)(rng_);
        for (std::size_t s = 0; s < slots; ++s) {
            if (dropped[s]) continue;
            std::vector<Index> rest;
            for (Index j : jb[s])
                if (!placed[static_cast<std::size_t>(j)]) rest.push_back(j);
            if (rest.empty()) continue;
            // Into its own slot when a left it open, else into an unused one.
            const auto open = [&](std::size_t t) {
                return !take[t] && !filled[t] && !(locks_.any && locks_.closed[t]) &&
                       child[t].size() == static_cast<std::size_t>(head_len[t]);
            };
            std::size_t target = slots;
            if (open(s)) target = s;
            for (std::size_t k = 0; k < slots && target == slots; ++k) {
                const std::size_t t = (offset + k) % slots;
                if (!open(t) || head_len[t] != 0) continue;
                bool fits = true;
                for (Index j : rest) fits = fits && m_.compatible(static_cast<Index>(t), j);
                if (fits) target = t;
            }
            if (target == slots) continue;  // inserted again below
            filled[target] = 1;
            for (Index j : rest) placed[static_cast<std::size_t>(j)] = 1;
            child[target].insert(child[target].end(), rest.begin(), rest.end());
        }
        std::vector<Index> left;
        for (Index j : jobs_)
            if (!placed[static_cast<std::size_t>(j)] && (a.succ[static_cast<std::size_t>(j)] != kUnserved ||
                                                          b.succ[static_cast<std::size_t>(j)] != kUnserved))
                left.push_back(j);
        // Job lists become routes with the slot's breaks, placed as each route prefers.
        PlanRoutes nodes(slots);
        for (std::size_t s = 0; s < slots; ++s) {
            if (take[s] || child[s].empty()) {
                nodes[s] = take[s] ? a.nodes[s] : std::vector<Index>{};
                continue;
            }
            nodes[s].push_back(m_.start_node(static_cast<Index>(s)));
            nodes[s].insert(nodes[s].end(), child[s].begin(), child[s].end());
            nodes[s].push_back(m_.end_node(static_cast<Index>(s)));
        }
        plan_.load(nodes);
        for (std::size_t s = 0; s < slots; ++s)
            if (!take[s] && !child[s].empty()) ls_.place_breaks(static_cast<Index>(s));
        std::shuffle(left.begin(), left.end(), rng_);
        for (Index j : left) ls_.insert(j, true);
    }

    Plan& plan_;
    const RouteModel& m_;
    LocalSearch& ls_;
    const RouteLocks& locks_;
    const StoppingCriterion& stop_;
    const ProgressReporter& progress_;
    BestExchange* exchange_;
    std::size_t thread_;
    std::mt19937_64 rng_;
    bool part_ = false;
    bool decompose_ = false;
    std::vector<Index> jobs_;     // the jobs some route may serve
    std::vector<Index> movable_;  // those of them not fixed
    Subpopulation feasible_;
    Subpopulation infeasible_;
    SearchResult best_;
    std::int64_t iterations_ = 0;
    std::int64_t children_ = 0;   // educated plans, for the penalty period
    int warp_ok_ = 0;
    int load_ok_ = 0;
};

}  // namespace

SearchResult genetic_search(Plan& plan, LocalSearch& ls, const RouteLocks& locks, const StoppingCriterion& stop,
                            const ProgressReporter& progress, BestExchange* exchange, std::size_t thread,
                            bool decompose) {
    GeneticSearch search(plan, ls, locks, stop, progress, exchange, thread, decompose);
    return search.run();
}

}  // namespace fsd::detail
