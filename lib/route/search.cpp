#include "fsd/route/detail/search.hpp"

#include "fsd/core/error.hpp"

#include <algorithm>
#include <numeric>

namespace fsd::detail {

namespace {
constexpr size_t kNeighbours = 20;

bool share_engineer(const std::vector<Index>& a, const std::vector<Index>& b) {
    size_t i = 0, k = 0;
    while (i < a.size() && k < b.size()) {
        if (a[i] == b[k]) return true;
        if (a[i] < b[k]) ++i; else ++k;
    }
    return false;
}
}  // namespace

Search::Search(const Problem& problem, const SolveOptions& options)
    : problem_(problem), options_(options), eval_(problem), rng_(options.seed), locks_(route_locks(problem, {})) {
    const size_t n = static_cast<size_t>(problem.num_jobs());
    const size_t slots = problem.slots().size();
    job_slots_.resize(n);
    for (size_t s = 0; s < slots; ++s)
        for (size_t j = 0; j < n; ++j)
            if (problem.compatible(problem.slots()[s].engineer, static_cast<Index>(j)))
                job_slots_[j].push_back(static_cast<Index>(s));

    // Granular neighbourhoods: moves only pair a job with jobs close to it
    // that some engineer could serve together with it.
    neighbours_.resize(n);
    const DurationMatrix& dur = problem.base_durations();
    std::vector<Index> order(n);
    std::vector<Duration> key(n);
    for (size_t u = 0; u < n; ++u) {
        const Index lu = problem.job_location(static_cast<Index>(u));
        for (size_t v = 0; v < n; ++v) {
            const Index lv = problem.job_location(static_cast<Index>(v));
            key[v] = dur(lu, lv) + dur(lv, lu);
        }
        auto closer = [&](Index a, Index b) {
            const Duration ka = key[static_cast<size_t>(a)], kb = key[static_cast<size_t>(b)];
            return ka != kb ? ka < kb : a < b;
        };
        const auto& cu = problem.compatible_engineers(static_cast<Index>(u));
        std::iota(order.begin(), order.end(), 0);
        // Usually the nearest few dozen hold enough partners; sort them all otherwise.
        const size_t head = std::min(n, 3 * kNeighbours);
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(head), order.end(), closer);
        for (int round = 0; round < 2; ++round) {
            neighbours_[u].clear();
            const size_t upto = round == 0 ? head : n;
            for (size_t r = 0; r < upto && neighbours_[u].size() < kNeighbours; ++r) {
                const Index v = order[r];
                if (static_cast<size_t>(v) == u) continue;
                if (share_engineer(cu, problem.compatible_engineers(v))) neighbours_[u].push_back(v);
            }
            if (neighbours_[u].size() >= kNeighbours || head == n) break;
            std::sort(order.begin(), order.end(), closer);
        }
    }

    plan_.routes.assign(slots, {});
    plan_.evals.assign(slots, RouteEval{});
    plan_.slot_of.assign(n, -1);
    ends_.assign(slots, {});
    touched_.assign(slots, 0);
    loads_.assign(slots, std::vector<Amount>(static_cast<size_t>(problem.dimensions()), 0));
}

ObjectiveParts Search::objective(const Plan& plan) const {
    ObjectiveParts parts;
    for (Index j = 0; j < problem_.num_jobs(); ++j)
        if (plan.slot_of[static_cast<size_t>(j)] < 0) parts.unassigned += problem_.unassigned_cost(j);
    std::vector<Duration> working(static_cast<size_t>(problem_.num_engineers()), 0);
    for (size_t s = 0; s < plan.evals.size(); ++s) {
        parts.lateness += plan.evals[s].lateness;
        parts.travel += plan.evals[s].travel;
        parts.preference += plan.evals[s].preference;
        parts.overtime += plan.evals[s].overtime;
        working[static_cast<size_t>(problem_.slots()[s].engineer)] += plan.evals[s].working;
    }
    if (problem_.weights().balance != 0 && !working.empty()) {
        const auto [lo, hi] = std::minmax_element(working.begin(), working.end());
        parts.balance = problem_.weights().balance * (*hi - *lo);
    }
    return parts;
}

Cost Search::total(const Plan& plan) const { return objective(plan).total(); }

Cost Search::balance_with(Index s1, Duration w1, Index s2, Duration w2) const {
    std::vector<Duration> working(static_cast<size_t>(problem_.num_engineers()), 0);
    for (size_t s = 0; s < plan_.evals.size(); ++s) {
        Duration w = plan_.evals[s].working;
        if (static_cast<Index>(s) == s1) w = w1;
        if (static_cast<Index>(s) == s2) w = w2;
        working[static_cast<size_t>(problem_.slots()[s].engineer)] += w;
    }
    const auto [lo, hi] = std::minmax_element(working.begin(), working.end());
    return problem_.weights().balance * (*hi - *lo);
}

void Search::set_route(Index slot, const std::vector<Index>& jobs, const RouteEval& ev) {
    const size_t s = static_cast<size_t>(slot);
    for (Index j : plan_.routes[s])
        if (plan_.slot_of[static_cast<size_t>(j)] == slot) plan_.slot_of[static_cast<size_t>(j)] = -1;
    plan_.routes[s] = jobs;
    plan_.evals[s] = ev;
    touched_[s] = 1;
    for (Index j : jobs) plan_.slot_of[static_cast<size_t>(j)] = slot;
    eval_.evaluate(slot, jobs, &steps_);
    ends_[s].clear();
    for (const TimedStep& st : steps_)
        if (st.kind == StepKind::job) ends_[s].push_back(st.end);
    auto& load = loads_[s];
    std::fill(load.begin(), load.end(), 0);
    for (Index j : jobs)
        for (size_t k = 0; k < load.size(); ++k) load[k] += problem_.demand(j)[k];
}

void Search::reset(const Plan& plan) {
    for (size_t s = 0; s < plan.routes.size(); ++s)
        if (plan.routes[s] != plan_.routes[s]) set_route(static_cast<Index>(s), plan.routes[s], plan.evals[s]);
    plan_ = plan;
}

bool Search::should_stop() {
    if (stopped_) return true;
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) return stopped_ = true;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started_;
    if (elapsed.count() >= options_.time_limit_seconds) return stopped_ = true;
    return false;
}

void Search::report_if_best() {
    const Cost now = total(plan_);
    if (now >= best_total_) return;
    best_ = plan_;
    best_total_ = now;
    ++improvements_;
    if (options_.on_progress) {
        Progress p;
        p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        p.iteration = iterations_;
        p.objective = objective(best_);
        p.unassigned = static_cast<std::int32_t>(std::count(best_.slot_of.begin(), best_.slot_of.end(), -1));
        options_.on_progress(p);
    }
}

void Search::share() {
    std::optional<SharedPlan> shared = exchange_->meet(thread_, {best_.routes, best_total_});
    if (!shared) return;
    for (size_t s = 0; s < shared->routes.size(); ++s) {
        const Index slot = static_cast<Index>(s);
        set_route(slot, shared->routes[s], eval_.evaluate(slot, shared->routes[s]));
    }
    best_ = plan_;
    best_total_ = total(plan_);
}

Insertion Search::best_insertion(Index j, Index slot, Cost bound) {
    Insertion best{bound, -1, -1};
    const size_t s = static_cast<size_t>(slot);
    const auto& route = plan_.routes[s];
    const RouteSlot& rs = problem_.slots()[s];
    const Index e = rs.engineer;
    const Engineer& eng = problem_.engineer(e);
    const Index n = static_cast<Index>(route.size());
    if (locks_.closed[s]) return best;
    if (eng.max_jobs && n + 1 > *eng.max_jobs) return best;
    const auto& cap = problem_.capacity(e);
    const auto& demand = problem_.demand(j);
    for (size_t k = 0; k < cap.size(); ++k)
        if (loads_[s][k] + demand[k] > cap[k]) return best;

    const Job& job = problem_.job(j);
    const DurationMatrix& dur = problem_.durations(e);
    const Index jl = problem_.job_location(j);
    const Time latest = eval_.latest_start(j);
    const Time hard_end = problem_.latest_end(slot);
    const Duration service = problem_.service_duration(e, j);
    // The preference cost does not depend on the position: part of every bound.
    const Cost fixed = (n == 0 ? problem_.weights().travel * eng.costs.fixed : 0) + eval_.preference(e, j);
    std::vector<std::pair<Cost, Index>> candidates;
    for (Index pos = locks_.head[s]; pos <= n; ++pos) {
        const Index prev = pos == 0 ? problem_.start_location(e) : problem_.job_location(route[static_cast<size_t>(pos - 1)]);
        const Index next = pos == n ? problem_.end_location(e) : problem_.job_location(route[static_cast<size_t>(pos)]);
        const Time free = pos == 0 ? rs.window.start : ends_[s][static_cast<size_t>(pos - 1)];
        const Time arrival = free + dur(prev, jl);
        const Time start = earliest_in(job.time_windows, arrival);
        // Later positions are free no earlier, so none of them can work either.
        if (start > latest || start > hard_end) break;
        if (pos < n && start + service + dur(jl, next) > eval_.latest_start(route[static_cast<size_t>(pos)])) continue;
        // Overtime, like lateness, can only grow by an insertion (bar a
        // break moved by the greedy rule), so it is left out of the bound.
        const Cost lb = fixed + eval_.leg_cost(e, prev, jl) + eval_.leg_cost(e, jl, next) - eval_.leg_cost(e, prev, next);
        if (lb < bound) candidates.emplace_back(lb, pos);
    }
    std::sort(candidates.begin(), candidates.end());
    const Cost old_cost = plan_.evals[s].cost();
    for (const auto& [lb, pos] : candidates) {
        if (lb >= best.delta) break;
        buffer_.assign(route.begin(), route.end());
        buffer_.insert(buffer_.begin() + pos, j);
        const RouteEval ev = eval_.evaluate(slot, buffer_);
        if (!ev.feasible) continue;
        const Cost delta = ev.cost() - old_cost;
        if (delta < best.delta) best = Insertion{delta, slot, pos};
    }
    return best;
}

Plan Search::run(SolveStats& stats) {
    seed_initial_routes();
    started_ = std::chrono::steady_clock::now();
    std::vector<Index> pending;
    for (Index j = 0; j < problem_.num_jobs(); ++j)
        if (plan_.slot_of[static_cast<size_t>(j)] < 0 && !job_slots_[static_cast<size_t>(j)].empty()) pending.push_back(j);
    regret_insert(std::move(pending));
    best_ = plan_;
    best_total_ = total(plan_) + 1;  // so that the first plan is reported
    report_if_best();
    improvements_ = 0;
    local_search(true);
    report_if_best();
    while (!should_stop()) {
        if (options_.iteration_limit >= 0 && iterations_ >= options_.iteration_limit) break;
        ++iterations_;
        if (exchange_ && exchange_->due(thread_, iterations_)) share();
        perturb();
    }
    stats.iterations = iterations_;
    stats.improvements = improvements_;
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    reset(best_);
    return best_;
}

}  // namespace fsd::detail
