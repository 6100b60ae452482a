// Overtime: a soft shift end with a cost per hour and a hard maximum.
#include "route_test_support.hpp"

using namespace route_test;

namespace {

// One engineer at 0 with the shift [0, 600], one job 100 away lasting 500:
// 100 out + 500 on site + 100 back = 700, i.e. 100 s past the shift end.
Problem one_job(Duration max_overtime, Cost per_hour, Cost weight = 1) {
    Engineer e = engineer("e", 0, 0, 600);
    e.max_overtime = max_overtime;
    e.costs.overtime_per_hour = per_hour;
    ProblemBuilder b;
    b.add_engineer(e).add_job(job("j", 1, 500)).set_travel(line({0, 100}));
    ObjectiveWeights w;
    w.overtime = weight;
    b.set_weights(w);
    return b.build();
}

// A is 100 from the job with the short shift [0, 600] (100 s of overtime
// allowed up to 300); B is 150 away with a long shift: A's route travels 200
// and runs 100 s over, B's travels 300 and runs none.
Problem two_engineers(Cost a_per_hour) {
    Engineer a = engineer("A", 1, 0, 600);
    a.max_overtime = 300;
    a.costs.overtime_per_hour = a_per_hour;
    Engineer b = engineer("B", 2, 0, 10000);
    ProblemBuilder pb;
    pb.add_engineer(a).add_engineer(b).add_job(job("j", 0, 500));
    pb.set_travel(line({0, 100, -150}));
    return pb.build();
}

// A generated day on short shifts (08:00-12:00, an hour of overtime at 7,200
// per hour) without windows or breaks, so that overtime matters; `segments`
// also drops what the segment searches cannot express (limits, speeds, SLAs,
// optional jobs).
Problem short_shift_day(int jobs, int engineers, std::uint64_t seed, bool segments) {
    const Problem base = generate(jobs, engineers, seed);
    ProblemBuilder b;
    for (Engineer e : base.engineers()) {
        e.shifts = {TimeWindow{8 * 3600, 12 * 3600}};
        e.breaks.clear();
        e.max_overtime = 3600;
        e.costs.overtime_per_hour = 7200;
        if (segments) {
            e.max_jobs.reset();
            e.max_travel_time.reset();
            e.speed_factor = 1.0;
        }
        b.add_engineer(e);
    }
    for (const Job& j : base.jobs()) {
        Job c = j;
        c.time_windows.clear();
        if (segments) {
            c.sla.reset();
            c.optional = false;
        }
        b.add_job(c);
    }
    b.set_travel(base.travel_spec());
    return b.build();
}

}  // namespace

TEST_CASE("a job served only thanks to overtime pays the hand-computed overtime part", "[route][overtime]") {
    SECTION("no overtime allowed: the job stays out") {
        const Solution s = solve_checked(one_job(0, 3600), quick());
        REQUIRE(unassigned_of(s, 0) != nullptr);
        CHECK(unassigned_of(s, 0)->reason == UnassignedReason::shift_too_short);
        CHECK(s.objective.overtime == 0);
    }
    SECTION("five minutes allowed: served, 100 s of overtime at 3,600 per hour cost 100") {
        const Problem p = one_job(300, 3600);
        CHECK(p.has_overtime());
        CHECK(p.latest_end(0) == 900);
        const Solution s = solve_checked(p, quick());
        REQUIRE(route_of(s, 0) != nullptr);
        CHECK(route_of(s, 0)->steps.back().arrival == 700);
        CHECK(s.objective.travel == 200);
        CHECK(s.objective.overtime == 100);
        CHECK(s.objective.total() == 300);
    }
    SECTION("the rate rounds half up per route and the weight multiplies it") {
        // 1,000 per hour x 100 s = 27.8 -> 28; weight 3 -> 84.
        const Solution s = solve_checked(one_job(300, 1000, 3), quick());
        REQUIRE(route_of(s, 0) != nullptr);
        CHECK(s.objective.overtime == 84);
    }
    SECTION("overtime without a rate is allowed and free") {
        const Solution s = solve_checked(one_job(100, 0), quick());
        REQUIRE(route_of(s, 0) != nullptr);
        CHECK(s.objective.overtime == 0);
    }
}

TEST_CASE("a job that needs more than max_overtime stays out and asks for the rest", "[route][overtime]") {
    // 100 s over is needed, 60 s allowed: 40 s more, rounded up to one minute.
    const Solution s = solve_checked(one_job(60, 3600), quick());
    const Unassigned* u = unassigned_of(s, 0);
    REQUIRE(u != nullptr);
    CHECK(u->reason == UnassignedReason::shift_too_short);
    REQUIRE(u->fix.has_value());
    CHECK(u->fix->kind == "overtime");
    CHECK(u->fix->engineer == "e");
    CHECK(u->fix->minutes == 1);
    CHECK(u->fix->sentence.find("beyond the 1 minute allowed") != std::string::npos);
}

TEST_CASE("the solver avoids overtime that costs more than the detour it saves", "[route][overtime]") {
    SECTION("overtime at 7,200 per hour: A costs 200 + 200, B 300, so B") {
        const Solution s = solve_checked(two_engineers(7200), quick());
        REQUIRE(route_of(s, 0) != nullptr);
        CHECK(route_of(s, 0)->engineer == 1);
        CHECK(s.objective.overtime == 0);
        CHECK(s.objective.total() == 300);
    }
    SECTION("overtime at 1,800 per hour: A costs 200 + 50, so A") {
        const Solution s = solve_checked(two_engineers(1800), quick());
        REQUIRE(route_of(s, 0) != nullptr);
        CHECK(route_of(s, 0)->engineer == 0);
        CHECK(s.objective.overtime == 50);
        CHECK(s.objective.total() == 250);
    }
}

TEST_CASE("the solver splits jobs between routes when overtime costs more than the second route", "[route][overtime]") {
    // A at 0 serving a and c (both at 100, 250 s each): 100 + 500 + 100 = 700 on
    // the shift [0, 600], 100 s over at 36,000 per hour = 1,000, travel 200.
    // B at 400 takes one job at most, for 600 of travel: 200 + 600 < 1,200.
    Engineer a = engineer("A", 0, 0, 600);
    a.max_overtime = 600;
    a.costs.overtime_per_hour = 36000;
    Engineer b = engineer("B", 2, 0, 10000);
    b.max_jobs = 1;
    ProblemBuilder pb;
    pb.add_engineer(a).add_engineer(b).add_job(job("a", 1, 250)).add_job(job("c", 1, 250));
    pb.set_travel(line({0, 100, 400}));
    const Problem p = pb.build();
    const Solution s = solve_checked(p, quick(100));
    REQUIRE(s.unassigned.empty());
    CHECK(s.objective.overtime == 0);
    // A serves one (200), B the other (600).
    CHECK(s.objective.travel == 800);
}

TEST_CASE("overtime keeps the solver's plans valid on a generated day", "[route][overtime]") {
    const Problem p = short_shift_day(40, 4, 7, false);
    const Solution s = solve_checked(p, quick(30));
    Duration overtime = 0;
    for (const Route& r : s.routes) overtime += std::max<Duration>(0, r.steps.back().arrival - 12 * 3600);
    CHECK(overtime > 0);
    CHECK(s.objective.overtime > 0);
}

TEST_CASE("both improving stages price overtime alike", "[route][overtime]") {
    const SolveAlgorithm algorithm = GENERATE(SolveAlgorithm::hgs, SolveAlgorithm::ils);
    INFO(to_string(algorithm));
    SolveOptions o = quick(20);
    o.algorithm = algorithm;
    const Solution one = solve_checked(one_job(300, 3600), o);
    CHECK(one.stats.solver == to_string(algorithm));
    CHECK(one.objective.overtime == 100);
    const Solution costly = solve_checked(two_engineers(7200), o);
    REQUIRE(route_of(costly, 0) != nullptr);
    CHECK(route_of(costly, 0)->engineer == 1);
    CHECK(costly.objective.total() == 300);
    const Solution cheap = solve_checked(two_engineers(1800), o);
    REQUIRE(route_of(cheap, 0) != nullptr);
    CHECK(route_of(cheap, 0)->engineer == 0);
    CHECK(cheap.objective.total() == 250);

    // A generated day, and the same day without limits, speeds and SLAs.
    const Problem p = short_shift_day(60, 5, 11, algorithm == SolveAlgorithm::hgs);
    SolveOptions day = quick(40);
    day.algorithm = algorithm;
    const Solution s = solve_checked(p, day);
    CHECK(s.stats.solver == to_string(algorithm));
    CHECK(s.objective.overtime > 0);
    // Not worse than the first plan (construction and descent alone).
    const Solution r = solve_checked(p, quick(0));
    CHECK(s.objective.total() <= r.objective.total());
}
