#include "route_test_support.hpp"

using namespace route_test;

namespace {

UnassignedReason reason_alone(const Engineer& e, const Job& j, double x = 100) {
    ProblemBuilder b;
    b.add_engineer(e).add_job(j).set_travel(line({0, x}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.size() == 1);
    INFO(s.unassigned[0].detail);
    REQUIRE_FALSE(s.unassigned[0].detail.empty());
    return s.unassigned[0].reason;
}
}  // namespace

TEST_CASE("each unassigned reason is reported", "[route]") {
    SECTION("no_qualified_engineer") {
        Job j = job("a", 1);
        j.skills = {{"gas", 1}};
        REQUIRE(reason_alone(engineer("e", 0), j) == UnassignedReason::no_qualified_engineer);
    }
    SECTION("capacity") {
        Engineer e = engineer("e", 0);
        e.capacity = {5};
        Job j = job("a", 1);
        j.demand = {6};
        REQUIRE(reason_alone(e, j) == UnassignedReason::capacity);
    }
    SECTION("max_jobs") {
        Engineer e = engineer("e", 0);
        e.max_jobs = 0;
        REQUIRE(reason_alone(e, job("a", 1)) == UnassignedReason::max_jobs);
    }
    SECTION("window_unreachable") {
        Job j = job("a", 1);
        j.time_windows = {TimeWindow{0, 50}};  // 100 s away
        REQUIRE(reason_alone(engineer("e", 0), j) == UnassignedReason::window_unreachable);
    }
    SECTION("shift_too_short") {
        // Reachable at 100, but 100 + 500 + 100 > 600.
        REQUIRE(reason_alone(engineer("e", 0, 0, 600), job("a", 1, 500)) == UnassignedReason::shift_too_short);
    }
    SECTION("too_costly") {
        Job j = job("a", 1);
        j.optional = true;
        j.penalty = 199;  // serving costs 200
        REQUIRE(reason_alone(engineer("e", 0), j) == UnassignedReason::too_costly);
    }
    SECTION("not_inserted") {
        ProblemBuilder b;
        b.add_engineer(engineer("e", 0));
        Job a = job("a", 1), c = job("c", 1);
        a.time_windows = c.time_windows = {TimeWindow{1000, 1050}};
        a.duration = c.duration = 100;
        b.add_job(a).add_job(c).set_travel(line({0, 10}));
        const Problem p = b.build();
        const Solution s = solve_checked(p);
        REQUIRE(s.unassigned.size() == 1);
        REQUIRE(s.unassigned[0].reason == UnassignedReason::not_inserted);
        REQUIRE(s.unassigned[0].detail.find("\"e\"") != std::string::npos);
    }
}

TEST_CASE("a mandatory job outranks any route cost", "[route]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0, 0, 1000000));
    b.add_job(job("far", 1)).set_travel(line({0, 90000}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.empty());
    REQUIRE(s.objective.unassigned == 0);
}

TEST_CASE("higher priority wins a contested slot", "[route]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0));
    Job low = job("low", 1), high = job("high", 1);
    low.time_windows = high.time_windows = {TimeWindow{1000, 1050}};
    high.priority = 5;
    b.add_job(low).add_job(high).set_travel(line({0, 10}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(unassigned_of(s, 0) != nullptr);
    REQUIRE(s.objective.unassigned == p.unassigned_cost(0));
}

TEST_CASE("bad options are rejected with a path", "[route]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0)).add_job(job("a", 1)).set_travel(line({0, 10}));
    const Problem p = b.build();
    SolveOptions o;
    o.time_limit_seconds = -1;
    REQUIRE_THROWS_AS(solve(p, o), InputError);
    o = SolveOptions{};
    o.iteration_limit = -2;
    try {
        solve(p, o);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        REQUIRE(e.path() == "/options/iteration_limit");
    }
}
