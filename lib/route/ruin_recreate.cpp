#include "fsd/route/detail/ruin_recreate.hpp"

#include <algorithm>

namespace fsd::detail {

namespace {

bool movable(const Plan& plan, const RouteLocks& locks, Index j) {
    return plan.served(j) && !(locks.any && locks.fixed(j));
}

// Takes `out` (served, movable jobs) out of their routes.
void take_out(Plan& plan, LocalSearch& ls, const std::vector<Index>& out) {
    const RouteModel& m = plan.model();
    std::vector<char> gone(static_cast<std::size_t>(m.num_jobs()), 0);
    std::vector<Index> routes;
    for (Index j : out) {
        gone[static_cast<std::size_t>(j)] = 1;
        routes.push_back(plan.route_of(j));
    }
    std::sort(routes.begin(), routes.end());
    routes.erase(std::unique(routes.begin(), routes.end()), routes.end());
    for (Index s : routes) {
        std::vector<Index> nodes = plan.route(s).nodes();
        std::erase_if(nodes, [&](Index n) { return m.is_job(n) && gone[static_cast<std::size_t>(n)]; });
        plan.set_route(s, std::move(nodes));
        ls.place_breaks(s);
        ls.mark_route(s);
    }
}

}  // namespace

void ruin_and_recreate(Plan& plan, LocalSearch& ls, const RouteLocks& locks, std::mt19937_64& rng) {
    const RouteModel& m = plan.model();
    const Index jobs = m.num_jobs();
    if (jobs == 0) return;
    Index seed = std::uniform_int_distribution<Index>(0, jobs - 1)(rng);
    // Now and then the ruin opens room around a job left out, so that the
    // recreate can take it in: one of a prize drawn among the prizes of the
    // jobs left out (a few valuable jobs among many cheap ones get their
    // turns as often as all the cheap ones together).
    const std::vector<Index>& out = plan.unserved();
    if (!out.empty() && std::bernoulli_distribution(0.3)(rng)) {
        std::vector<Cost> prizes;
        for (Index j : out)
            if (m.servable(j)) prizes.push_back(m.prize(j));
        std::sort(prizes.begin(), prizes.end());
        prizes.erase(std::unique(prizes.begin(), prizes.end()), prizes.end());
        if (!prizes.empty()) {
            const Cost prize = prizes[std::uniform_int_distribution<std::size_t>(0, prizes.size() - 1)(rng)];
            std::vector<Index> at_prize;
            for (Index j : out)
                if (m.servable(j) && m.prize(j) == prize) at_prize.push_back(j);
            seed = at_prize[std::uniform_int_distribution<std::size_t>(0, at_prize.size() - 1)(rng)];
        }
    }
    // Room for a left-out seed is made only in routes that could serve it.
    const bool for_seed = !plan.served(seed);
    const bool all_served = out.empty();
    auto useful = [&](Index r) { return r >= 0 && (!for_seed || m.compatible(r, seed)); };
    std::vector<Index> removed;
    if (std::bernoulli_distribution(0.5)(rng)) {
        // The seed and its nearest served neighbours.
        const auto most = std::max<std::size_t>(5, std::min<std::size_t>(20, static_cast<std::size_t>(jobs) / 5));
        const std::size_t want = std::uniform_int_distribution<std::size_t>(5, most)(rng);
        if (movable(plan, locks, seed)) removed.push_back(seed);
        for (Index v : m.neighbours(seed)) {
            if (removed.size() >= want) break;
            if (movable(plan, locks, v) && useful(plan.route_of(v))) removed.push_back(v);
        }
    } else {
        // Runs of consecutive jobs around the seed's neighbours, in up to three routes.
        const int routes = std::uniform_int_distribution<int>(1, 3)(rng);
        std::vector<Index> done;
        std::vector<Index> around{seed};
        around.insert(around.end(), m.neighbours(seed).begin(), m.neighbours(seed).end());
        for (Index v : around) {
            if (static_cast<int>(done.size()) >= routes) break;
            const Index r = plan.route_of(v);
            if (!useful(r) || std::find(done.begin(), done.end(), r) != done.end()) continue;
            done.push_back(r);
            const RouteState& R = plan.route(r);
            const Index length = std::uniform_int_distribution<Index>(1, std::min<Index>(10, R.jobs()))(rng);
            const Index first = std::max<Index>(1, plan.position(v) - std::uniform_int_distribution<Index>(0, length - 1)(rng));
            Index taken = 0;
            for (Index i = first; i + 1 < R.size() && taken < length; ++i) {
                const Index n = R.node(i);
                if (!m.is_job(n)) continue;
                ++taken;
                if (movable(plan, locks, n)) removed.push_back(n);
            }
        }
    }
    // Linked visits leave with their partners: put back alone, a visit could
    // only go where its partner waits for it (LocalSearch::insert_together).
    if (m.has_links()) {
        const std::size_t chosen = removed.size();
        for (std::size_t k = 0; k < chosen; ++k)
            for (const LinkPartner& p : m.partners(removed[k]))
                if (movable(plan, locks, p.job) && std::find(removed.begin(), removed.end(), p.job) == removed.end())
                    removed.push_back(p.job);
    }
    take_out(plan, ls, removed);
    if (!plan.served(seed) && m.servable(seed) && std::find(removed.begin(), removed.end(), seed) == removed.end())
        removed.push_back(seed);
    // A left-out seed goes in first: the room was opened for it (a plan
    // that loses more than it gains by that is not accepted). A served seed,
    // the centre of the ruin, goes first among the jobs of its prize, but only
    // when the plan left no job out: Solomon at 1 s gains by it (0.63 %
    // against 0.79-0.80 % without), overloaded field days lose by it
    // (bench/RESULTS.md, "The seed of a ruin").
    recreate(plan, ls, std::move(removed), rng, for_seed ? seed : -1, for_seed || !all_served ? -1 : seed);
}

void recreate(Plan& plan, LocalSearch& ls, std::vector<Index> jobs, std::mt19937_64& rng, Index first, Index lead) {
    const RouteModel& m = plan.model();
    // The jobs left out near the ruined places get their chance too.
    const std::size_t ruined = jobs.size();
    for (std::size_t k = 0; k < ruined; ++k)
        for (Index v : m.neighbours(jobs[k]))
            if (!plan.served(v) && m.servable(v) && std::find(jobs.begin(), jobs.end(), v) == jobs.end()) jobs.push_back(v);
    // `first` first, then the highest prize; among equal prizes `lead`, the
    // most urgent SLA deadline, then a random order.
    std::shuffle(jobs.begin(), jobs.end(), rng);
    std::stable_sort(jobs.begin(), jobs.end(), [&](Index a, Index b) {
        if ((a == first) != (b == first)) return a == first;
        if (m.prize(a) != m.prize(b)) return m.prize(a) > m.prize(b);
        if ((a == lead) != (b == lead)) return a == lead;
        return m.deadline(a) < m.deadline(b);
    });
    for (Index j : jobs) ls.insert(j, true);
}

}  // namespace fsd::detail
