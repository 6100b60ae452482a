// Soft engineer affinity: the solver weighs the preference cost against travel.
#include "route_test_support.hpp"

using namespace route_test;

namespace {

// One job at the origin; A starts 100 away, B 90 away (so B saves 20 of travel).
Problem one_job(Cost preference_cost, Cost weight = 1) {
    ProblemBuilder b;
    b.add_engineer(engineer("A", 1));
    b.add_engineer(engineer("B", 2));
    Job j = job("j0", 0);
    j.preferred_engineer = "A";
    j.preference_cost = preference_cost;
    b.add_job(j);
    b.set_travel(plane({{0, 0}, {100, 0}, {-90, 0}}));
    ObjectiveWeights w;
    w.preference = weight;
    b.set_weights(w);
    return b.build();
}

// A at 0 and B at 1000 on a line; j0 next to A, j1 next to B but preferring A.
Problem two_jobs(Cost preference_cost) {
    ProblemBuilder b;
    b.add_engineer(engineer("A", 0));
    b.add_engineer(engineer("B", 1));
    b.add_job(job("j0", 2));
    Job j1 = job("j1", 3);
    j1.preferred_engineer = "A";
    j1.preference_cost = preference_cost;
    b.add_job(j1);
    b.set_travel(plane({{0, 0}, {1000, 0}, {10, 0}, {990, 0}}));
    return b.build();
}

}  // namespace

TEST_CASE("the preferred engineer wins when the other saves less than the preference cost", "[route][preference]") {
    const Problem p = one_job(50);
    const Solution s = solve_checked(p);
    REQUIRE(route_of(s, 0) != nullptr);
    CHECK(route_of(s, 0)->engineer == 0);
    CHECK(s.objective.travel == 200);
    CHECK(s.objective.preference == 0);
}

TEST_CASE("another engineer serves the job when it saves more than the preference cost", "[route][preference]") {
    const Problem p = one_job(10);
    const Solution s = solve_checked(p);
    REQUIRE(route_of(s, 0) != nullptr);
    CHECK(route_of(s, 0)->engineer == 1);
    CHECK(s.objective.travel == 180);
    CHECK(s.objective.preference == 10);
    CHECK(s.objective.total() == 190);
}

TEST_CASE("the preference weight multiplies the preference cost", "[route][preference]") {
    // 10 x 3 = 30 > 20 saved: back to the preferred engineer.
    const Problem p = one_job(10, 3);
    const Solution s = solve_checked(p);
    CHECK(route_of(s, 0)->engineer == 0);
    CHECK(s.objective.preference == 0);
    // Weight zero switches preferences off.
    const Solution off = solve_checked(one_job(1000, 0));
    CHECK(route_of(off, 0)->engineer == 1);
    CHECK(off.objective.preference == 0);
}

TEST_CASE("a job left out pays its unassigned cost, not the preference cost", "[route][preference]") {
    ProblemBuilder b;
    b.add_engineer(engineer("A", 1));
    b.add_engineer(engineer("B", 2));
    Job j = job("j0", 0);
    j.preferred_engineer = "A";
    j.preference_cost = 1000;
    j.forbidden_engineers = {"A", "B"};
    b.add_job(j);
    b.set_travel(plane({{0, 0}, {100, 0}, {-90, 0}}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.size() == 1);
    CHECK(s.objective.preference == 0);
    CHECK(s.objective.unassigned == p.unassigned_cost(0));
}

TEST_CASE("a large preference keeps a far job with its preferred engineer", "[route][preference]") {
    // Together on A: 10 + 980 + 990 = 1980; split: 20 + 20 = 40 plus the preference cost.
    const Solution keep = solve_checked(two_jobs(5000));
    CHECK(route_of(keep, 1)->engineer == 0);
    CHECK(keep.objective.total() == 1980);
    const Solution split = solve_checked(two_jobs(1000));
    CHECK(route_of(split, 1)->engineer == 1);
    CHECK(split.objective.total() == 40 + 1000);
}

TEST_CASE("local search moves a job to its preferred engineer when the cost says so", "[route][preference]") {
    // Start from the split plan: the relocation adds 1940 of travel, which the
    // travel-only pruning would reject, but it saves 5000 of preference cost.
    const Problem p = two_jobs(5000);
    SolveOptions o = quick(0);
    o.initial_routes = {InitialRoute{0, 0, {0}}, InitialRoute{1, 0, {1}}};
    const Solution s = solve_checked(p, o);
    CHECK(route_of(s, 1)->engineer == 0);
    CHECK(s.objective.total() == 1980);
}

TEST_CASE("preferences on a generated day: verified and deterministic", "[route][preference]") {
    const Problem base = generate(60, 6, 11);
    const Solution first = solve_checked(base, quick(30));
    // Prefer the engineer of the first plan, as live dispatch does to limit churn.
    ProblemBuilder b;
    for (const Engineer& e : base.engineers()) b.add_engineer(e);
    std::vector<Job> jobs = base.jobs();
    for (const Route& r : first.routes)
        for (const Step& st : r.steps)
            if (st.kind == StepKind::job) {
                jobs[static_cast<size_t>(st.index)].preferred_engineer = base.engineer(r.engineer).id;
                jobs[static_cast<size_t>(st.index)].preference_cost = 100000;
            }
    for (const Job& j : jobs) b.add_job(j);
    b.set_travel(std::get<TravelMatrices>(base.travel_spec()));
    const Problem p = b.build();

    SolveOptions o = quick(30);
    o.seed = 7;
    o.initial_routes = initial_routes_from(first);
    const Solution s1 = solve_checked(p, o);
    const Solution s2 = solve_checked(p, o);
    CHECK(s1.routes == s2.routes);
    CHECK(s1.objective == s2.objective);
    // The warm start costs first's objective under p (no job moved), so the result is no worse.
    CHECK(s1.objective.total() <= first.objective.total());
}
