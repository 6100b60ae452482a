// Warm start: SolveOptions::initial_routes and initial_routes_from.
#include "route_test_support.hpp"

using namespace route_test;

namespace {

// A at 0 with j0, j1 close by; B at 1000 with j2 close by. j0 needs skill "x"
// which only A holds; j3 may only start late, j4 only early.
Problem line_problem() {
    ProblemBuilder b;
    Engineer a = engineer("A", 0);
    a.skills = {{"x", 1}};
    b.add_engineer(a);
    b.add_engineer(engineer("B", 1));
    Job j0 = job("j0", 2);
    j0.skills = {{"x", 1}};
    b.add_job(j0);
    b.add_job(job("j1", 3));
    b.add_job(job("j2", 4));
    Job j3 = job("j3", 5);
    j3.time_windows = {TimeWindow{5000, 6000}};
    b.add_job(j3);
    Job j4 = job("j4", 6);
    j4.time_windows = {TimeWindow{0, 1000}};
    b.add_job(j4);
    b.set_travel(plane({{0, 0}, {1000, 0}, {10, 0}, {20, 0}, {990, 0}, {30, 0}, {40, 0}}));
    return b.build();
}

std::vector<std::vector<Index>> job_orders(const Solution& s) {
    std::vector<std::vector<Index>> out;
    for (const InitialRoute& r : initial_routes_from(s)) out.push_back(r.jobs);
    return out;
}

}  // namespace

TEST_CASE("initial_routes_from lists each route's job steps in order", "[route][warm_start]") {
    const Problem p = line_problem();
    const Solution s = solve_checked(p);
    const std::vector<InitialRoute> init = initial_routes_from(s);
    REQUIRE(init.size() == s.routes.size());
    size_t jobs = 0;
    for (size_t r = 0; r < init.size(); ++r) {
        CHECK(init[r].engineer == s.routes[r].engineer);
        CHECK(init[r].shift == s.routes[r].shift);
        std::vector<Index> expected;
        for (const Step& st : s.routes[r].steps)
            if (st.kind == StepKind::job) expected.push_back(st.index);
        CHECK(init[r].jobs == expected);
        jobs += init[r].jobs.size();
    }
    CHECK(jobs == 5);
}

TEST_CASE("an optimal initial plan comes back exactly with iteration limit 0", "[route][warm_start]") {
    const Problem p = line_problem();
    const Solution best = solve_checked(p, quick(200));
    SolveOptions o = quick(0);
    o.seed = 99;
    o.initial_routes = initial_routes_from(best);
    const Solution again = solve_checked(p, o);
    CHECK(again.routes == best.routes);
    CHECK(again.objective == best.objective);

    // A hand-written optimal plan: A goes out to j4 (early window) and back by j3, B serves j2.
    SolveOptions hand = quick(0);
    hand.initial_routes = {InitialRoute{1, 0, {2}}, InitialRoute{0, 0, {0, 1, 4, 3}}};
    const Solution s = solve_checked(p, hand);
    REQUIRE(s.routes.size() == 2);
    CHECK(job_orders(s) == std::vector<std::vector<Index>>{{0, 1, 4, 3}, {2}});
    CHECK(s.objective.travel == 80 + 20);
}

TEST_CASE("incompatible and infeasible jobs are dropped and inserted again", "[route][warm_start]") {
    const Problem p = line_problem();
    SolveOptions o = quick(0);
    // j0 needs skill x (B lacks it); on A, j3 (late window) before j4 (early window) cannot work.
    o.initial_routes = {InitialRoute{1, 0, {0, 2}}, InitialRoute{0, 0, {3, 4, 1}}};
    const Solution s = solve_checked(p, o);
    CHECK(s.unassigned.empty());
    REQUIRE(route_of(s, 0) != nullptr);
    CHECK(route_of(s, 0)->engineer == 0);
    REQUIRE(route_of(s, 4) != nullptr);
    CHECK(step_of(s, 4)->start <= 1000);
    CHECK(step_of(s, 3)->start >= 5000);
}

TEST_CASE("a warm start from an empty list or empty routes behaves like a cold start", "[route][warm_start]") {
    const Problem p = generate(40, 5, 3);
    const Solution cold = solve_checked(p, quick(20));
    SolveOptions o = quick(20);
    o.initial_routes = {InitialRoute{0, 0, {}}, InitialRoute{2, 0, {}}};
    const Solution warm = solve_checked(p, o);
    CHECK(warm.routes == cold.routes);
    CHECK(warm.objective == cold.objective);
}

TEST_CASE("bad initial routes name the field", "[route][warm_start][validation]") {
    const Problem p = line_problem();
    SolveOptions o = quick(0);
    o.initial_routes = {InitialRoute{0, 0, {0}}, InitialRoute{2, 0, {}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/1/engineer");
    o.initial_routes = {InitialRoute{-1, 0, {}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/engineer");
    o.initial_routes = {InitialRoute{1, 1, {}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/shift");
    o.initial_routes = {InitialRoute{1, -1, {}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/shift");
    o.initial_routes = {InitialRoute{0, 0, {0, 5}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/jobs/1");
    o.initial_routes = {InitialRoute{0, 0, {-1}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/jobs/0");
    o.initial_routes = {InitialRoute{0, 0, {0, 1}}, InitialRoute{1, 0, {2, 1}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/1/jobs/1");
    o.initial_routes = {InitialRoute{0, 0, {0, 0}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/jobs/1");
    o.initial_routes = {InitialRoute{0, 0, {0}}, InitialRoute{0, 0, {1}}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/1/shift");
    try {
        o.initial_routes = {InitialRoute{0, 0, {0, 1}}, InitialRoute{1, 0, {2, 1}}};
        (void)solve(p, o);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.message()).find("\"j1\" is listed twice") != std::string::npos);
    }
}

TEST_CASE("warm starts are deterministic and never worse than the start", "[route][warm_start]") {
    const Problem p = generate(80, 8, 21);
    const Solution start = solve_checked(p, quick(5));
    SolveOptions o = quick(40);
    o.seed = 5;
    o.initial_routes = initial_routes_from(start);
    const Solution a = solve_checked(p, o);
    const Solution b = solve_checked(p, o);
    CHECK(a.routes == b.routes);
    CHECK(a.unassigned == b.unassigned);
    CHECK(a.objective == b.objective);
    CHECK(a.objective.total() <= start.objective.total());
}

TEST_CASE("a warm start from a longer day is repaired into a valid plan", "[route][warm_start]") {
    const Problem base = generate(50, 5, 8);
    const Solution start = solve_checked(base, quick(10));
    // The same day, but every shift now ends at 13:00 (so the lunch break no
    // longer fits): the tails of the old routes must be dropped and re-planned.
    ProblemBuilder b;
    for (Engineer e : base.engineers()) {
        e.shifts = {TimeWindow{8 * 3600, 13 * 3600}};
        e.breaks.clear();
        b.add_engineer(e);
    }
    for (const Job& j : base.jobs()) b.add_job(j);
    b.set_travel(std::get<TravelMatrices>(base.travel_spec()));
    const Problem p = b.build();
    SolveOptions o = quick(0);
    o.initial_routes = initial_routes_from(start);
    const Solution s = solve_checked(p, o);  // check_solution: every route ends by 13:00
    size_t served = 0;
    for (const Route& r : s.routes) {
        CHECK(r.steps.back().arrival <= 13 * 3600);
        served += r.steps.size() - 2;
    }
    CHECK(served > 0);
    CHECK(served + s.unassigned.size() == static_cast<size_t>(p.num_jobs()));
}
