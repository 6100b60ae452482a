// Service time by skill level: a senior engineer finishes the visit sooner.
#include "route_test_support.hpp"

#include "fsd/model/service_duration.hpp"

using namespace route_test;

namespace {

// A gas job of 600 s; 400 s from level 2, 300 s from level 4.
Job gas_job(const std::string& id, Index location) {
    Job j = job(id, location, 600);
    j.skills = {{"gas", 1}};
    j.durations_by_level = {{2, 400}, {4, 300}};
    return j;
}

Engineer gas_engineer(const std::string& id, Index location, int level, Time shift_end = 100000) {
    Engineer e = engineer(id, location, 0, shift_end);
    e.skills = {{"electric", 9}, {"gas", level}};
    return e;
}

}  // namespace

TEST_CASE("service_duration picks the entry of the highest level not above the engineer's", "[route][levels]") {
    const Job j = gas_job("j", 0);
    CHECK(service_duration(j, gas_engineer("e", 0, 1)) == 600);
    CHECK(service_duration(j, gas_engineer("e", 0, 2)) == 400);
    CHECK(service_duration(j, gas_engineer("e", 0, 3)) == 400);
    CHECK(service_duration(j, gas_engineer("e", 0, 4)) == 300);
    CHECK(service_duration(j, gas_engineer("e", 0, 9)) == 300);
    // Only the first required skill counts; without it, job.duration.
    CHECK(service_duration(j, engineer("e", 0)) == 600);
    Job two = j;
    two.skills = {{"water", 1}, {"gas", 1}};
    CHECK(service_duration(two, gas_engineer("e", 0, 4)) == 600);
    // No level durations: always job.duration.
    Job plain = j;
    plain.durations_by_level.clear();
    CHECK(service_duration(plain, gas_engineer("e", 0, 4)) == 600);
}

TEST_CASE("Problem caches the service time per engineer and job", "[route][levels]") {
    ProblemBuilder b;
    b.add_engineer(gas_engineer("junior", 0, 1)).add_engineer(gas_engineer("senior", 0, 4));
    b.add_job(gas_job("j", 1)).add_job(job("plain", 1, 250));
    b.set_travel(line({0, 100}));
    const Problem p = b.build();
    CHECK(p.has_level_durations());
    CHECK_FALSE(p.has_overtime());
    CHECK(p.service_duration(0, 0) == 600);
    CHECK(p.service_duration(1, 0) == 300);
    CHECK(p.service_duration(0, 1) == 250);
    CHECK(p.service_duration(1, 1) == 250);

    ProblemBuilder plain;
    plain.add_engineer(gas_engineer("e", 0, 4)).add_job(job("plain", 1, 250)).set_travel(line({0, 100}));
    const Problem q = plain.build();
    CHECK_FALSE(q.has_level_durations());
    CHECK(q.service_duration(0, 0) == 250);
}

TEST_CASE("a senior's visit is timed shorter", "[route][levels]") {
    for (const auto& [level, expected] : std::vector<std::pair<int, Duration>>{{1, 600}, {2, 400}, {3, 400}, {4, 300}}) {
        ProblemBuilder b;
        b.add_engineer(gas_engineer("e", 0, level)).add_job(gas_job("j", 1)).set_travel(line({0, 100}));
        const Problem p = b.build();
        const Solution s = solve_checked(p, quick());
        const Step* st = step_of(s, 0);
        REQUIRE(st != nullptr);
        INFO("level " << level);
        CHECK(st->start == 100);
        CHECK(st->end == 100 + expected);
        CHECK(route_of(s, 0)->service_time == expected);
        CHECK(route_of(s, 0)->steps.back().arrival == 200 + expected);
    }
}

TEST_CASE("the solver sends the senior when only the shorter visit fits", "[route][levels]") {
    // Shift [0, 700]. The junior is 100 away: 100 + 600 + 100 = 800, too long.
    // The senior is 150 away: 150 + 300 + 150 = 600, fits (though it travels more).
    ProblemBuilder b;
    b.add_engineer(gas_engineer("junior", 1, 1, 700)).add_engineer(gas_engineer("senior", 2, 4, 700));
    b.add_job(gas_job("j", 0)).set_travel(line({0, 100, -150}));
    const Problem p = b.build();
    const Solution s = solve_checked(p, quick());
    REQUIRE(route_of(s, 0) != nullptr);
    CHECK(route_of(s, 0)->engineer == 1);
    CHECK(step_of(s, 0)->end - step_of(s, 0)->start == 300);
}

TEST_CASE("the solver sends the senior when the shorter visit saves overtime", "[route][levels][overtime]") {
    // Both may work 600 s past the shift end [0, 700] at 36,000 per hour.
    // Junior, 100 away: 100 + 600 + 100 = 800, 100 s over: 200 + 1,000.
    // Senior, 110 away: 110 + 300 + 110 = 520, no overtime: 220.
    Engineer junior = gas_engineer("junior", 1, 1, 700), senior = gas_engineer("senior", 2, 4, 700);
    for (Engineer* e : {&junior, &senior}) {
        e->max_overtime = 600;
        e->costs.overtime_per_hour = 36000;
    }
    ProblemBuilder b;
    b.add_engineer(junior).add_engineer(senior).add_job(gas_job("j", 0)).set_travel(line({0, 100, -110}));
    const Problem p = b.build();
    const Solution s = solve_checked(p, quick());
    REQUIRE(route_of(s, 0) != nullptr);
    CHECK(route_of(s, 0)->engineer == 1);
    CHECK(s.objective.overtime == 0);
    CHECK(s.objective.total() == 220);
}

TEST_CASE("level durations keep the solver's plans valid on a generated day", "[route][levels]") {
    const Problem base = generate(40, 5, 11);
    ProblemBuilder b;
    for (const Engineer& e : base.engineers()) b.add_engineer(e);
    int with_levels = 0;
    for (const Job& j : base.jobs()) {
        Job c = j;
        if (!c.skills.empty()) {
            c.durations_by_level = {{2, c.duration / 2}};
            ++with_levels;
        }
        b.add_job(c);
    }
    b.set_travel(base.travel_spec());
    const Problem p = b.build();
    REQUIRE(with_levels > 0);
    solve_checked(p, quick(30));
}

TEST_CASE("both improving stages plan level durations", "[route][levels]") {
    ProblemBuilder b;
    b.add_engineer(gas_engineer("senior", 0, 4)).add_job(gas_job("j", 1)).set_travel(line({0, 100}));
    const Problem p = b.build();
    for (const SolveAlgorithm a : {SolveAlgorithm::ils, SolveAlgorithm::hgs}) {
        SolveOptions o = quick(20);
        o.algorithm = a;
        const Solution s = solve_checked(p, o);
        CHECK(s.stats.solver == to_string(a));
        CHECK(s.unassigned.empty());
    }
}
