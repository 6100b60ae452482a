// Inserting a linked visit whose partners are left out (LocalSearch::insert,
// insert_together): the visit goes in with its partners, at the places that
// make the plan cheapest together, never dearer than putting it alone at its
// cheapest place and its partners after it.
#include <random>

#include "fsd/route/detail/local_search.hpp"
#include "plan_test_support.hpp"
#include "route_test_support.hpp"

using namespace route_test;
using namespace fsd::detail;

namespace {

JobLink two_person(const std::string& a, const std::string& b) {
    JobLink l;
    l.first = a;
    l.second = b;
    return l;
}

// Puts u alone at its cheapest place, then inserts its partner: what the
// search did before a linked visit went in with its partners.
void insert_alone_then_partner(LocalSearch& ls, Index u, Index partner) {
    const Placement place = ls.cheapest_place(u, true);
    if (place.slot < 0) return;
    ls.insert_at(u, place);
    ls.insert(partner, true);
}

}  // namespace

TEST_CASE("a two-person job goes in where both engineers can start together", "[route][links]") {
    // On a line: engineer A at 0 with a visit W at 0 due between 30 and 40
    // and a shift ending at 45; C at 50 and D at 55; the two-person job X at
    // 10 (10 s). Alone, X's first visit is cheapest in A's route before W
    // (20 s of legs), but its partner can reach X at 40 at the earliest and
    // A, waiting for it, would miss W: no place takes the partner without
    // warp, and it stays out. Together they go to C and D.
    ProblemBuilder b;
    b.set_travel(line({0, 50, 55, 10}));
    b.add_engineer(engineer("A", 0, 0, 45));
    b.add_engineer(engineer("C", 1));
    b.add_engineer(engineer("D", 2));
    b.add_job(job("X", 3, 10)).add_job(job("X-helper", 3, 10));
    Job w = job("W", 0, 10);
    w.time_windows = {TimeWindow{30, 40}};
    b.add_job(w);
    b.add_link(two_person("X", "X-helper"));
    const Problem p = b.build();
    const RouteModel m(p);
    const RouteLocks locks = route_locks(p, {});

    Plan alone(m);
    alone.load(routes_of(m, {{2}}));
    REQUIRE(alone.feasible());
    LocalSearch ls_alone(alone, locks, 1);
    insert_alone_then_partner(ls_alone, 0, 1);
    REQUIRE(alone.route_of(0) == 0);  // the scenario: alone, X goes to A
    CHECK_FALSE(alone.served(1));

    Plan plan(m);
    plan.load(routes_of(m, {{2}}));
    LocalSearch ls(plan, locks, 1);
    REQUIRE(ls.insert(0, true));
    CHECK(plan.served(1));
    CHECK(plan.feasible());
    CHECK(plan.route_of(0) != 0);
    CHECK(plan.route_of(1) != 0);
    CHECK(plan.route_of(0) != plan.route_of(1));
    CHECK(plan.broken_links().empty());
    CHECK(plan.penalised() < alone.penalised());
}

TEST_CASE("inserting a linked visit with its partner never costs more than alone and then the partner",
          "[route][links]") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> coord(0.0, 3000.0);
        std::vector<std::pair<double, double>> pts;
        const int engineers = 4, jobs = 12;
        for (int k = 0; k < engineers + jobs; ++k) pts.emplace_back(coord(rng), coord(rng));
        ProblemBuilder b;
        b.set_travel(plane(pts));
        for (int e = 0; e < engineers; ++e) b.add_engineer(engineer(name("e", e), e, 0, 9000));
        for (int j = 0; j < jobs; ++j) {
            Job x = job(name("j", j), engineers + j, 600);
            if (j % 2 == 0) x.time_windows = {TimeWindow{1000 * (j % 5), 1000 * (j % 5) + 2500}};
            b.add_job(x);
        }
        b.add_link(two_person("j0", "j1"));
        const Problem p = b.build();
        const RouteModel m(p);
        const RouteLocks locks = route_locks(p, {});
        // The other jobs shared out in turn, the linked pair left out.
        std::vector<std::vector<Index>> served(static_cast<std::size_t>(engineers));
        for (Index j = 2; j < jobs; ++j) served[static_cast<std::size_t>(j % engineers)].push_back(j);
        INFO("seed " << seed);

        Plan alone(m);
        alone.load(routes_of(m, served));
        const Cost before = alone.penalised();
        LocalSearch ls_alone(alone, locks, 1);
        insert_alone_then_partner(ls_alone, 0, 1);

        Plan plan(m);
        plan.load(routes_of(m, served));
        LocalSearch ls(plan, locks, 1);
        ls.insert(0, true);
        if (alone.served(0) && alone.served(1) && alone.penalised() < before) {
            CHECK(plan.served(0));
            CHECK(plan.served(1));
            CHECK(plan.penalised() <= alone.penalised());
        }
        if (plan.served(1)) CHECK(plan.penalised() < before);
    }
}
