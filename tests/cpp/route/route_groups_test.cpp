// The decomposition of large plans: groups of nearby routes (each used route
// in exactly one; a group does not jump between clusters that share no
// neighbours), the locks that leave one group open, and a genetic search of
// one group that leaves every other route as it was.
#include <algorithm>
#include <set>

#include "fsd/route/detail/construction.hpp"
#include "fsd/route/detail/genetic_search.hpp"
#include "fsd/route/detail/route_groups.hpp"
#include "route_test_support.hpp"

using namespace route_test;
using namespace fsd::detail;

namespace {

// Two clusters 100 km apart, `per_cluster` jobs and three engineers each
// (engineers 0-2 west, 3-5 east): with 50 jobs a cluster, every job's 40
// nearest jobs are in its own cluster.
Problem two_clusters(int per_cluster) {
    std::vector<std::pair<double, double>> points{{0.0, 0.0}, {100000.0, 0.0}};
    ProblemBuilder b;
    for (int e = 0; e < 6; ++e) b.add_engineer(engineer(name("e", e), e < 3 ? 0 : 1, 0, 200000));
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> near(-2000.0, 2000.0);
    for (int c = 0; c < 2; ++c)
        for (int k = 0; k < per_cluster; ++k) {
            points.emplace_back(100000.0 * c + near(rng), near(rng));
            b.add_job(job(name("j", c * per_cluster + k), static_cast<Index>(points.size() - 1), 60));
        }
    b.set_travel(plane(points));
    return b.build();
}

// Engineer e serves the jobs e, e + 3, e + 6, ... of its own cluster.
PlanRoutes by_cluster(const RouteModel& m, int per_cluster) {
    PlanRoutes routes(static_cast<std::size_t>(m.num_slots()));
    for (Index s = 0; s < 6; ++s) {
        auto& r = routes[static_cast<std::size_t>(s)];
        r.push_back(m.start_node(s));
        const Index first = (s < 3 ? 0 : per_cluster) + s % 3;
        for (Index j = first; j < (s < 3 ? per_cluster : 2 * per_cluster); j += 3) r.push_back(j);
        r.push_back(m.end_node(s));
    }
    return routes;
}

std::set<Index> slots_of(const std::vector<std::vector<Index>>& groups) {
    std::set<Index> all;
    for (const auto& g : groups) all.insert(g.begin(), g.end());
    return all;
}

}  // namespace

TEST_CASE("route groups hold every used route once and stay within a neighbourhood", "[route][decomposition]") {
    const Problem p = two_clusters(50);
    const RouteModel m(p);
    Plan plan(m);
    plan.load(by_cluster(m, 50));
    const RouteLocks locks = route_locks(p, {});
    std::mt19937_64 rng(3);

    SECTION("a large target: one group per cluster, as no job has a neighbour in the other") {
        const auto groups = nearby_route_groups(plan, locks, 1000, rng);
        REQUIRE(groups.size() == 2);
        for (const auto& g : groups) {
            CHECK(g.size() == 3);
            const bool west = g.front() < 3;
            for (Index s : g) CHECK((s < 3) == west);
        }
        CHECK(slots_of(groups) == std::set<Index>{0, 1, 2, 3, 4, 5});
    }
    SECTION("a small target: groups of one route (each holds 16 or 17 jobs)") {
        const auto groups = nearby_route_groups(plan, locks, 10, rng);
        CHECK(groups.size() == 6);
        CHECK(slots_of(groups).size() == 6);
    }
    SECTION("closed and unused routes are in no group") {
        PlanRoutes routes = by_cluster(m, 50);
        routes[5] = {m.start_node(5), m.end_node(5)};
        plan.load(routes);
        const RouteLocks some = locks_outside(plan, locks, {0, 1, 2, 4});  // closes 3 only
        const auto groups = nearby_route_groups(plan, some, 1000, rng);
        CHECK(slots_of(groups) == std::set<Index>{0, 1, 2, 4});
    }
}

TEST_CASE("locks outside a group close every other used route and keep the fixed parts", "[route][decomposition]") {
    const Problem p = two_clusters(50);
    const RouteModel m(p);
    Plan plan(m);
    PlanRoutes routes = by_cluster(m, 50);
    routes[4] = {m.start_node(4), m.end_node(4)};  // unused: stays open
    plan.load(routes);
    RouteLocks locks = route_locks(p, {});
    locks.any = true;
    locks.head[0] = 2;  // a fixed head inside the group stays fixed
    locks.job[0] = locks.job[3] = 1;
    const RouteLocks sub = locks_outside(plan, locks, {0, 1});
    CHECK_FALSE(sub.closed[0]);
    CHECK_FALSE(sub.closed[1]);
    CHECK(sub.head[0] == 2);
    CHECK(sub.head[1] == 0);
    for (Index s : {2, 3, 5}) {
        CHECK(sub.closed[static_cast<std::size_t>(s)]);
        CHECK(sub.head[static_cast<std::size_t>(s)] == plan.route(s).jobs());
    }
    CHECK_FALSE(sub.closed[4]);
    CHECK(sub.may_insert(4, 0));
    CHECK(sub.fixed(0));
    CHECK_FALSE(sub.fixed(1));
    CHECK(sub.fixed(2));   // route 2
    CHECK(sub.fixed(50));  // route 3
}

TEST_CASE("a genetic search of one group leaves every other route as it was", "[route][decomposition]") {
    const Problem p = vrptw(120, 12, 21);
    const RouteModel m(p);
    Plan plan(m);
    const RouteLocks locks = route_locks(p, {});
    const StoppingCriterion stop(StoppingCriterion::Clock::now(), 600.0, 40, 0, nullptr);
    {
        LocalSearch ls(plan, locks, 1);
        construct(plan, ls, stop, InsertionOrder::regret);
    }
    REQUIRE(plan.feasible());
    const PlanRoutes before = plan.snapshot();
    const Cost objective = plan.objective();
    std::mt19937_64 rng(7);
    const auto groups = nearby_route_groups(plan, locks, 30, rng);
    REQUIRE(groups.size() >= 2);
    const RouteLocks sub = locks_outside(plan, locks, groups.front());

    auto search = [&](std::uint64_t seed) {
        plan.restore(before);
        LocalSearch ls(plan, sub, seed);
        const SolveOptions options;
        const ProgressReporter progress(options, StoppingCriterion::Clock::now());
        return genetic_search(plan, ls, sub, stop, progress);
    };
    const SearchResult found = search(11);
    CHECK(found.objective <= objective);
    std::vector<char> in_group(static_cast<std::size_t>(m.num_slots()), 0);
    for (Index s : groups.front()) in_group[static_cast<std::size_t>(s)] = 1;
    for (std::size_t s = 0; s < before.size(); ++s)
        if (!in_group[s] && before[s].size() > 2) CHECK(found.routes[s] == before[s]);
    // The same seed, the same plan.
    CHECK(search(11).routes == found.routes);
}
