#include "route_test_support.hpp"

using namespace route_test;

namespace {
// Depot at 0, then points along a line at the given x (metres = seconds).
}  // namespace

TEST_CASE("time windows order the jobs and bound the start", "[route]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0));
    Job a = job("a", 1), c = job("c", 2);
    a.time_windows = {TimeWindow{2000, 3000}};
    c.time_windows = {TimeWindow{0, 1500}};
    b.add_job(a).add_job(c).set_travel(line({0, 100, 1000}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.empty());
    REQUIRE(s.routes.size() == 1);
    const auto& steps = s.routes[0].steps;
    REQUIRE(steps[1].index == 1);  // c (the far, early one) first
    REQUIRE(steps[2].index == 0);
    REQUIRE(steps[2].start == 2000);
    // Leaves as late as possible without delaying c: c opens at 0, so at 0.
    REQUIRE(steps[0].start == 0);
}

TEST_CASE("a job with two windows starts in the second when the first is missed", "[route]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0, 1000, 100000));
    Job a = job("a", 1);
    a.time_windows = {TimeWindow{100, 200}, TimeWindow{5000, 6000}};
    b.add_job(a).set_travel(line({0, 300}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.routes.size() == 1);
    const Step* st = step_of(s, 0);
    REQUIRE(st != nullptr);
    REQUIRE(st->start == 5000);
    // Departure pushed so that there is no waiting on site.
    REQUIRE(s.routes[0].steps.front().start == 4700);
    REQUIRE(st->waiting == 0);
}

TEST_CASE("the shift end bounds the return and leaves a job out", "[route]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0, 0, 1000));
    b.add_job(job("near", 1, 100)).add_job(job("far", 2, 100)).set_travel(line({0, 100, 400}));
    // near alone: 100 + 100 + 100 = 300; far alone: 400 + 100 + 400 = 900;
    // both: 100 + 100 + 300 + 100 + 400 = 1000 fits exactly.
    const Problem p = b.build();
    Solution s = solve_checked(p);
    REQUIRE(s.unassigned.empty());
    REQUIRE(s.routes[0].steps.back().arrival == 1000);

    ProblemBuilder b2;
    b2.add_engineer(engineer("e", 0, 0, 999));
    b2.add_job(job("near", 1, 100)).add_job(job("far", 2, 100)).set_travel(line({0, 100, 400}));
    const Problem p2 = b2.build();
    s = solve_checked(p2);
    REQUIRE(s.unassigned.size() == 1);
    REQUIRE(s.unassigned[0].reason == UnassignedReason::not_inserted);
}

TEST_CASE("a break is taken once, inside its window, with no travel", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("e", 0, 0, 20000);
    e.breaks = {Break{"lunch", {TimeWindow{3000, 4000}}, 600}};
    b.add_engineer(e);
    for (int i = 0; i < 6; ++i) b.add_job(job(name("j", i), i + 1, 900));
    b.set_travel(line({0, 100, 200, 300, 400, 500, 600}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.empty());
    int breaks = 0;
    for (const auto& st : s.routes[0].steps)
        if (st.kind == StepKind::break_) {
            ++breaks;
            REQUIRE(st.start >= 3000);
            REQUIRE(st.start <= 4000);
            REQUIRE(st.travel_time == 0);
        }
    REQUIRE(breaks == 1);
}

TEST_CASE("a break window that closes too early makes the route infeasible", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("e", 0, 0, 20000);
    // The break must start by 100, but the only job opens at 5000 and the
    // shift cannot end before; the break is placed before it (engineer waits).
    e.breaks = {Break{"early", {TimeWindow{50, 100}}, 60}};
    b.add_engineer(e);
    Job a = job("a", 1);
    a.time_windows = {TimeWindow{5000, 6000}};
    b.add_job(a).set_travel(line({0, 100}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.empty());
    REQUIRE(s.routes[0].steps[1].kind == StepKind::break_);
    REQUIRE(s.routes[0].steps[1].start >= 50);
}

TEST_CASE("capacity limits the load on departure", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("e", 0);
    e.capacity = {10};
    b.add_engineer(e);
    for (int i = 0; i < 3; ++i) {
        Job j = job(name("j", i), i + 1);
        j.demand = {4};
        b.add_job(j);
    }
    b.set_travel(line({0, 10, 20, 30}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.routes.size() == 1);
    REQUIRE(s.routes[0].steps.front().load == std::vector<Amount>{8});
    REQUIRE(s.unassigned.size() == 1);
    REQUIRE(s.unassigned[0].reason == UnassignedReason::not_inserted);
}

TEST_CASE("max_jobs and max_travel_time cap a route", "[route]") {
    SECTION("max_jobs") {
        ProblemBuilder b;
        Engineer e = engineer("e", 0);
        e.max_jobs = 2;
        b.add_engineer(e);
        for (int i = 0; i < 3; ++i) b.add_job(job(name("j", i), i + 1));
        b.set_travel(line({0, 10, 20, 30}));
        const Problem p = b.build();
        const Solution s = solve_checked(p);
        REQUIRE(s.unassigned.size() == 1);
        REQUIRE(s.routes[0].steps.size() == 4);
    }
    SECTION("max_travel_time") {
        ProblemBuilder b;
        Engineer e = engineer("e", 0);
        e.max_travel_time = 500;
        b.add_engineer(e);
        b.add_job(job("near", 1)).add_job(job("far", 2)).set_travel(line({0, 200, 300}));
        const Problem p = b.build();
        const Solution s = solve_checked(p);
        // Both: 0->200->300->0 = 600 > 500; one of them alone fits.
        REQUIRE(s.unassigned.size() == 1);
        REQUIRE(s.routes[0].travel_time <= 500);
    }
}

TEST_CASE("skills with levels, pins and forbidden lists choose the engineer", "[route]") {
    ProblemBuilder b;
    Engineer low = engineer("low", 0), high = engineer("high", 2);
    low.skills = {{"hvac", 2}};
    high.skills = {{"hvac", 3}};
    b.add_engineer(low).add_engineer(high);
    Job needs3 = job("needs3", 1), pinned = job("pinned", 1), forbidden = job("forbidden", 1);
    needs3.skills = {{"hvac", 3}};
    pinned.pinned_engineer = "high";
    forbidden.forbidden_engineers = {"low"};
    Job nobody = job("nobody", 1);
    nobody.skills = {{"hvac", 4}};
    b.add_job(needs3).add_job(pinned).add_job(forbidden).add_job(nobody);
    b.set_travel(line({0, 10, 5000}));  // "low" sits next to every job
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    for (Index j = 0; j < 3; ++j) {
        const Route* r = route_of(s, j);
        REQUIRE(r != nullptr);
        REQUIRE(r->engineer == 1);
    }
    REQUIRE(unassigned_of(s, 3) != nullptr);
    REQUIRE(unassigned_of(s, 3)->reason == UnassignedReason::no_qualified_engineer);
}

TEST_CASE("an optional job stays out when its penalty is below its cost", "[route]") {
    for (Cost penalty : {Cost{10}, Cost{100000}}) {
        ProblemBuilder b;
        b.add_engineer(engineer("e", 0));
        Job a = job("a", 1);
        a.optional = true;
        a.penalty = penalty;
        b.add_job(a).set_travel(line({0, 1000}));
        const Problem p = b.build();
        const Solution s = solve_checked(p);
        if (penalty == 10) {
            REQUIRE(s.routes.empty());
            REQUIRE(s.unassigned.at(0).reason == UnassignedReason::too_costly);
            REQUIRE(s.objective.unassigned == 10);
        } else {
            REQUIRE(s.unassigned.empty());
            REQUIRE(s.objective.travel == 2000);
        }
    }
}

TEST_CASE("a hard SLA forbids lateness, a soft one charges it", "[route]") {
    for (bool hard : {true, false}) {
        ProblemBuilder b;
        b.add_engineer(engineer("e", 0, 0, 100000));
        Job a = job("a", 1);
        a.sla = SlaDeadline{100, hard, 3};
        b.add_job(a).set_travel(line({0, 500}));
        const Problem p = b.build();
        const Solution s = solve_checked(p);
        if (hard) {
            REQUIRE(s.unassigned.at(0).reason == UnassignedReason::window_unreachable);
        } else {
            REQUIRE(step_of(s, 0)->lateness == 400);
            REQUIRE(s.objective.lateness == 1200);
            REQUIRE(s.routes[0].lateness == 400);
        }
    }
}

TEST_CASE("the speed factor shortens travel durations, not distances", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("fast", 0);
    e.speed_factor = 2.0;
    b.add_engineer(e);
    b.add_job(job("a", 1)).set_travel(line({0, 1000}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    const Step* st = step_of(s, 0);
    REQUIRE(st->travel_time == 500);
    REQUIRE(st->travel_distance == 1000);
    REQUIRE(s.objective.travel == 1000);
}

TEST_CASE("two shifts are two routes of the same engineer", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("e", 0);
    e.shifts = {TimeWindow{0, 1000}, TimeWindow{5000, 6000}};
    b.add_engineer(e);
    Job morning = job("morning", 1), evening = job("evening", 1);
    morning.time_windows = {TimeWindow{0, 900}};
    evening.time_windows = {TimeWindow{5000, 5800}};
    b.add_job(morning).add_job(evening).set_travel(line({0, 100}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.empty());
    REQUIRE(s.routes.size() == 2);
    REQUIRE(route_of(s, 0)->shift == 0);
    REQUIRE(route_of(s, 1)->shift == 1);
}

TEST_CASE("fixed costs and per-km costs enter the route cost", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("e", 0);
    e.costs = EngineerCosts{500, 0, 2000};
    b.add_engineer(e);
    b.add_job(job("a", 1)).set_travel(line({0, 1234}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    // 500 + 2 legs of round(2000 * 1234 / 1000) = 2468.
    REQUIRE(s.objective.travel == 500 + 2 * 2468);
}

TEST_CASE("balance spreads work across engineers when weighted", "[route]") {
    ProblemBuilder b;
    b.add_engineer(engineer("a", 0)).add_engineer(engineer("b", 0));
    for (int i = 0; i < 4; ++i) b.add_job(job(name("j", i), 1, 1000));
    b.set_travel(line({0, 10}));
    ObjectiveWeights w;
    w.balance = 10;
    b.set_weights(w);
    const Problem p = b.build();
    const Solution s = solve_checked(p, quick(100));
    REQUIRE(s.routes.size() == 2);
    REQUIRE(s.objective.balance == 0);
}

TEST_CASE("two breaks of one shift are both taken, in their windows", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("e", 0, 0, 30000);
    e.breaks = {Break{"coffee", {TimeWindow{2000, 2500}}, 300}, Break{"lunch", {TimeWindow{6000, 7000}}, 1800},
                Break{"elsewhere", {TimeWindow{50000, 60000}}, 100}};  // outside the shift: ignored
    b.add_engineer(e);
    for (int i = 0; i < 8; ++i) {
        Job j = job(name("j", i), i % 4 + 1, 1000);
        if (i == 0) j.time_windows = {TimeWindow{6000, 6500}};  // competes with lunch
        b.add_job(j);
    }
    b.set_travel(line({0, 300, 600, 900, 1200}));
    const Problem p = b.build();
    REQUIRE(p.warnings().size() == 1);
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.empty());
    int taken = 0;
    for (const auto& st : s.routes[0].steps) taken += st.kind == StepKind::break_;
    REQUIRE(taken == 2);
}

TEST_CASE("an engineer with an end location finishes there", "[route]") {
    ProblemBuilder b;
    Engineer e = engineer("e", 0);
    e.end = at(2);
    b.add_engineer(e);
    b.add_job(job("a", 1)).set_travel(line({0, 100, 1000}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.routes[0].steps.back().travel_distance == 900);
    REQUIRE(s.objective.travel == 1000);
}
