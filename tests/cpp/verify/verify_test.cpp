#include "fsd/verify.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "fsd/model/problem_builder.hpp"
#include "../plan_step_support.hpp"
#include "verify_test_support.hpp"

using namespace fsd;

namespace {

// Hand-made problem: engineer A (two shifts, a break in each, two-dimensional
// capacity, per-hour and per-km costs with a fixed cost), engineer B (speed
// factor 1.6, ends elsewhere, at most one job), six jobs of which two stay out.
struct Fixture {
    std::vector<Engineer> engineers;
    std::vector<Job> jobs;
    ObjectiveWeights weights;
    TravelMatrices travel;

    Fixture() {
        travel.durations = DurationMatrix{{0, 600, 900, 1200, 800},  //
                                          {600, 0, 400, 700, 500},   //
                                          {900, 400, 0, 300, 600},   //
                                          {1200, 700, 300, 0, 450},  //
                                          {800, 500, 600, 450, 0}};
        travel.distances = travel.durations;
        for (TravelValue& v : travel.distances) v *= 10;
        travel.distances(0, 1) = 6100;  // per-km cost 152.5 rounds up to 153
        travel.distances(1, 2) = 4020;  // 100.5 rounds up to 101

        Engineer a;
        a.id = "A";
        a.start.matrix_index = 0;
        a.shifts = {{0, 36000}, {50000, 86000}};
        a.breaks = {{"lunch", {{10000, 14000}}, 1800}, {"tea", {{60000, 62000}}, 600}};
        a.skills = {{"elec", 2}};
        a.capacity = {10, 5};
        a.max_travel_time = 2000;
        a.costs = {1000, 1000, 25};
        Engineer b;
        b.id = "B";
        b.start.matrix_index = 4;
        b.end = Location{};
        b.end->matrix_index = 0;
        b.shifts = {{0, 40000}};
        b.skills = {{"elec", 1}, {"gas", 1}};
        b.capacity = {8, 8};
        b.max_jobs = 1;
        b.speed_factor = 1.6;
        engineers = {a, b};

        auto job = [](std::string id, Index loc, Duration dur) {
            Job j;
            j.id = std::move(id);
            j.location.matrix_index = loc;
            j.duration = dur;
            return j;
        };
        Job j1 = job("J1", 1, 1200);
        j1.time_windows = {{0, 2000}, {5000, 7000}};
        j1.demand = {3, 1};
        j1.skills = {{"elec", 2}};
        Job j2 = job("J2", 2, 900);
        j2.time_windows = {{8000, 20000}};
        j2.demand = {2, 2};
        j2.sla = SlaDeadline{7500, false, 2};
        Job j3 = job("J3", 3, 600);
        j3.demand = {4, 0};
        j3.skills = {{"gas", 1}};
        Job j4 = job("J4", 4, 300);
        j4.demand = {1, 1};
        Job j5 = job("J5", 1, 100);
        j5.optional = true;
        j5.penalty = 5000;
        Job j6 = job("J6", 2, 100);
        j6.priority = 2;
        j6.skills = {{"plumb", 1}};
        jobs = {j1, j2, j3, j4, j5, j6};

        weights.unassigned = 1000;
        weights.lateness = 3;
        weights.travel = 2;
        weights.balance = 2;
    }

    Problem build() const {
        ProblemBuilder b;
        for (const auto& e : engineers) b.add_engineer(e);
        for (const auto& j : jobs) b.add_job(j);
        b.set_travel(travel);
        b.set_weights(weights);
        return b.build();
    }
};

using test_support::step;

// The correct plan, every figure worked out by hand in the comments.
Solution correct_solution() {
    Solution sol;
    Route a0;
    a0.engineer = 0;
    a0.shift = 0;
    a0.steps = {
        step(StepKind::start, -1, 4400, 4400, 4400, 0, 0, {5, 3}),
        step(StepKind::job, 0, 5000, 5000, 6200, 600, 6100, {2, 2}),       // second window of J1
        step(StepKind::job, 1, 6600, 8000, 8900, 400, 4020, {0, 0}, 500),  // waits for the window, 500 s late
        step(StepKind::break_, 0, 8900, 10000, 11800, 0, 0, {0, 0}),       // lunch where J2 was
        step(StepKind::end, -1, 12700, 12700, 12700, 900, 9000, {0, 0}),   // travel from J2's place
    };
    a0.travel_time = 1900;
    a0.distance = 19120;
    a0.service_time = 2100;
    a0.waiting_time = 2500;
    a0.working_time = 8300;
    a0.lateness = 500;
    // weight 2 * (fixed 1000 + per hour 167 + 111 + 250 + per km 153 + 101 + 225)
    a0.cost = 4014;

    Route a1;
    a1.engineer = 0;
    a1.shift = 1;
    a1.steps = {
        step(StepKind::start, -1, 59000, 59000, 59000, 0, 0, {1, 1}),
        step(StepKind::job, 3, 59800, 59800, 60100, 800, 8000, {0, 0}),
        step(StepKind::break_, 1, 60100, 60100, 60700, 0, 0, {0, 0}),
        step(StepKind::end, -1, 61500, 61500, 61500, 800, 8000, {0, 0}),
    };
    a1.travel_time = 1600;
    a1.distance = 16000;
    a1.service_time = 300;
    a1.waiting_time = 0;
    a1.working_time = 2500;
    a1.lateness = 0;
    a1.cost = 3688;  // 2 * (1000 + 222 + 222 + 200 + 200)

    Route b;
    b.engineer = 1;
    b.shift = 0;
    b.steps = {
        step(StepKind::start, -1, 1000, 1000, 1000, 0, 0, {4, 0}),
        step(StepKind::job, 2, 1281, 1281, 1881, 281, 4500, {0, 0}),    // 450 / 1.6 = 281.25
        step(StepKind::end, -1, 2631, 2631, 2631, 750, 12000, {0, 0}),  // 1200 / 1.6 = 750
    };
    b.travel_time = 1031;
    b.distance = 16500;
    b.service_time = 600;
    b.waiting_time = 0;
    b.working_time = 1631;
    b.lateness = 0;
    b.cost = 2062;  // 2 * (281 + 750) at the default 3600 per hour

    sol.routes = {a0, a1, b};
    sol.unassigned = {{4, UnassignedReason::too_costly, ""}, {5, UnassignedReason::no_qualified_engineer, ""}};
    sol.objective.unassigned = 5000 + 1000 * (1 + 2);  // optional penalty + mandatory with priority 2
    sol.objective.lateness = 3 * 500 * 2;
    sol.objective.travel = 4014 + 3688 + 2062;
    sol.objective.balance = 2 * ((8300 + 2500) - 1631);
    return sol;
}

using verify_test::describe;

std::set<std::string> kinds(const VerifyReport& report) {
    std::set<std::string> out;
    for (const auto& v : report.violations) out.insert(v.kind);
    return out;
}

bool has(const VerifyReport& report, const std::string& kind) { return kinds(report).count(kind) > 0; }

bool only(const VerifyReport& report, const std::string& kind) { return kinds(report) == std::set<std::string>{kind}; }

}  // namespace

TEST_CASE("the hand-computed plan verifies and its objective is recomputed", "[verify]") {
    const Fixture fx;
    const Problem p = fx.build();
    REQUIRE(p.durations(1)(4, 3) == 281);
    REQUIRE(p.slots()[0].breaks == std::vector<Index>{0});
    REQUIRE(p.slots()[1].breaks == std::vector<Index>{1});

    const Solution sol = correct_solution();
    const VerifyReport report = verify(p, sol);
    INFO(describe(report));
    REQUIRE(report.ok());
    CHECK(report.objective.unassigned == 8000);
    CHECK(report.objective.lateness == 3000);
    CHECK(report.objective.travel == 9764);
    CHECK(report.objective.balance == 18338);
    CHECK(report.objective == sol.objective);
}

TEST_CASE("per-leg costs round half up", "[verify]") {
    Fixture fx;
    fx.engineers[0].costs = {0, 0, 25};
    fx.weights.travel = 1;
    Solution sol = correct_solution();
    // Only A's costs change: per km 153 + 101 + 225 and 200 + 200, no fixed cost.
    sol.routes[0].cost = 479;
    sol.routes[1].cost = 400;
    sol.routes[2].cost = 1031;
    sol.objective.travel = 479 + 400 + 1031;
    const VerifyReport report = verify(fx.build(), sol);
    INFO(describe(report));
    REQUIRE(report.ok());
}

TEST_CASE("route and job accounting violations", "[verify]") {
    const Fixture fx;
    const Problem p = fx.build();
    Solution sol = correct_solution();

    SECTION("unknown engineer") {
        Route r = sol.routes[2];
        r.engineer = 7;
        sol.routes.push_back(r);
        REQUIRE(has(verify(p, sol), "unknown_route"));
    }
    SECTION("unknown shift") {
        sol.routes[2].shift = 1;
        const auto report = verify(p, sol);
        REQUIRE(has(report, "unknown_route"));
    }
    SECTION("duplicate route") {
        sol.routes.push_back(sol.routes[2]);
        const auto report = verify(p, sol);
        INFO(describe(report));
        REQUIRE(has(report, "duplicate_route"));
        REQUIRE(has(report, "job_twice"));
    }
    SECTION("route without a start step") {
        sol.routes[2].steps.erase(sol.routes[2].steps.begin());
        REQUIRE(has(verify(p, sol), "route_shape"));
    }
    SECTION("route without a job") {
        Fixture fx2;
        fx2.engineers[1].shifts.push_back({50000, 86000});
        Route empty;
        empty.engineer = 1;
        empty.shift = 1;
        empty.steps = {step(StepKind::start, -1, 50000, 50000, 50000, 0, 0, {0, 0}),
                       step(StepKind::end, -1, 50500, 50500, 50500, 500, 8000, {0, 0})};
        sol.routes.push_back(empty);
        REQUIRE(has(verify(fx2.build(), sol), "route_shape"));
    }
    SECTION("unknown job in a route") {
        sol.routes[1].steps[1].index = 99;
        const auto report = verify(p, sol);
        INFO(describe(report));
        REQUIRE(has(report, "job_unknown"));
        REQUIRE(has(report, "job_missing"));  // J4 is now nowhere
    }
    SECTION("unknown job among the unassigned") {
        sol.unassigned.push_back({99, UnassignedReason::not_inserted, ""});
        REQUIRE(only(verify(p, sol), "job_unknown"));
    }
    SECTION("job served and unassigned") {
        sol.unassigned.push_back({0, UnassignedReason::not_inserted, ""});
        const auto report = verify(p, sol);
        REQUIRE(only(report, "job_twice"));
        REQUIRE(report.violations[0].job == 0);
        REQUIRE(report.violations[0].message.find("J1") != std::string::npos);
    }
    SECTION("job unassigned twice") {
        sol.unassigned.push_back(sol.unassigned[0]);
        REQUIRE(only(verify(p, sol), "job_twice"));
    }
    SECTION("job missing") {
        sol.unassigned.erase(sol.unassigned.begin());
        const auto report = verify(p, sol);
        REQUIRE(only(report, "job_missing"));
        REQUIRE(report.violations[0].message.find("J5") != std::string::npos);
    }
    SECTION("wrong no_qualified_engineer reason") {
        sol.unassigned[0].reason = UnassignedReason::no_qualified_engineer;
        REQUIRE(only(verify(p, sol), "unassigned_reason"));
    }
}

TEST_CASE("compatibility is re-checked from skills and lists", "[verify]") {
    Fixture fx;
    const Solution sol = correct_solution();
    SECTION("skill level too low") { fx.engineers[0].skills = {{"elec", 1}}; }
    SECTION("pinned elsewhere") { fx.jobs[1].pinned_engineer = "B"; }
    SECTION("not allowed") { fx.jobs[3].allowed_engineers = {"B"}; }
    SECTION("forbidden") { fx.jobs[2].forbidden_engineers = {"B"}; }
    const auto report = verify(fx.build(), sol);
    INFO(describe(report));
    REQUIRE(only(report, "incompatible"));
}

TEST_CASE("timing violations", "[verify]") {
    const Fixture fx;
    const Problem p = fx.build();
    Solution sol = correct_solution();
    SECTION("stated travel time differs from the speed-scaled matrix") { sol.routes[2].steps[1].travel_time = 450; }
    SECTION("stated distance differs from the matrix") { sol.routes[0].steps[4].travel_distance = 9001; }
    SECTION("end is not start plus duration") { sol.routes[0].steps[1].end = 6300; }
    SECTION("break lasts too short") { sol.routes[0].steps[3].end = 11000; }
    SECTION("start step is inconsistent") { sol.routes[1].steps[0].arrival = 58000; }
    const auto report = verify(p, sol);
    INFO(describe(report));
    REQUIRE(only(report, "timing"));
}

TEST_CASE("arriving too early is a timing violation", "[verify]") {
    const Fixture fx;
    Solution sol = correct_solution();
    // J2 stated as reached without travelling: arrival no longer matches.
    Step& s = sol.routes[0].steps[2];
    s.arrival = 6200;
    s.waiting = s.start - s.arrival;
    const auto report = verify(fx.build(), sol);
    INFO(describe(report));
    REQUIRE(has(report, "timing"));
    REQUIRE(report.violations[0].route == 0);
    REQUIRE(report.violations[0].step == 2);
}

TEST_CASE("window, SLA and shift violations", "[verify]") {
    Fixture fx;
    const Solution sol = correct_solution();
    std::string expected;
    SECTION("job outside all its windows") {
        fx.jobs[0].time_windows = {{0, 2000}, {5100, 7000}};
        expected = "time_window";
    }
    SECTION("hard SLA missed") {
        fx.jobs[1].sla->hard = true;
        expected = "sla_deadline";
    }
    SECTION("end after the shift") {
        fx.engineers[0].shifts[0].end = 12000;
        expected = "shift";
    }
    SECTION("departure before the shift") {
        fx.engineers[1].shifts[0].start = 1100;
        expected = "shift";
    }
    const auto report = verify(fx.build(), sol);
    INFO(describe(report));
    REQUIRE(only(report, expected));
}

TEST_CASE("break violations", "[verify]") {
    Fixture fx;
    Solution sol = correct_solution();
    SECTION("a break of the shift is not taken") {
        fx.engineers[0].breaks.push_back({"coffee", {{20000, 22000}}, 300});
        REQUIRE(only(verify(fx.build(), sol), "break_missing"));
    }
    SECTION("a break is taken twice") {
        auto& steps = sol.routes[0].steps;
        steps.insert(steps.begin() + 4, step(StepKind::break_, 0, 11800, 11800, 13600, 0, 0, {0, 0}));
        steps[5] = step(StepKind::end, -1, 14500, 14500, 14500, 900, 9000, {0, 0});
        REQUIRE(has(verify(fx.build(), sol), "break_twice"));
    }
    SECTION("a break starts outside its windows") {
        fx.engineers[0].breaks[0].windows = {{10500, 14000}};
        REQUIRE(only(verify(fx.build(), sol), "break_window"));
    }
    SECTION("a break of another shift") {
        sol.routes[0].steps[3].index = 1;
        REQUIRE(has(verify(fx.build(), sol), "break_unknown"));
    }
    SECTION("a break index the engineer does not have") {
        sol.routes[0].steps[3].index = 5;
        REQUIRE(has(verify(fx.build(), sol), "break_unknown"));
    }
}

TEST_CASE("load and limit violations", "[verify]") {
    Fixture fx;
    Solution sol = correct_solution();
    std::string expected;
    SECTION("capacity exceeded in the second dimension") {
        fx.engineers[0].capacity = {10, 2};
        expected = "capacity";
    }
    SECTION("a step states a wrong load") {
        sol.routes[0].steps[1].load = {3, 2};
        expected = "capacity";
    }
    SECTION("too many jobs") {
        fx.engineers[1].max_jobs = 0;
        expected = "max_jobs";
    }
    SECTION("too much travel") {
        fx.engineers[0].max_travel_time = 1800;
        expected = "max_travel_time";
    }
    const auto report = verify(fx.build(), sol);
    INFO(describe(report));
    REQUIRE(only(report, expected));
}

TEST_CASE("misstated figures", "[verify]") {
    const Fixture fx;
    const Problem p = fx.build();
    Solution sol = correct_solution();
    SECTION("route figures") {
        SECTION("travel_time") { sol.routes[0].travel_time += 1; }
        SECTION("distance") { sol.routes[1].distance += 1; }
        SECTION("service_time") { sol.routes[2].service_time += 1; }
        SECTION("waiting_time") { sol.routes[0].waiting_time = 0; }
        SECTION("working_time") { sol.routes[1].working_time += 1; }
        SECTION("lateness") { sol.routes[0].lateness = 0; }
        SECTION("cost") { sol.routes[0].cost = 2007; }  // weight not applied
        REQUIRE(only(verify(p, sol), "route_figures"));
    }
    SECTION("step lateness") {
        sol.routes[0].steps[2].lateness = 0;
        REQUIRE(only(verify(p, sol), "step_lateness"));
    }
    SECTION("objective part") {
        sol.objective.travel = 9000;
        const auto report = verify(p, sol);
        REQUIRE(only(report, "objective"));
        const std::string& m = report.violations[0].message;
        REQUIRE(m.find("travel") != std::string::npos);
        REQUIRE(m.find("9000") != std::string::npos);
        REQUIRE(m.find("9764") != std::string::npos);
    }
}

TEST_CASE("every violation is listed, not only the first", "[verify]") {
    Fixture fx;
    fx.jobs[0].time_windows = {{0, 2000}, {5100, 7000}};
    fx.engineers[1].max_jobs = 0;
    Solution sol = correct_solution();
    sol.objective.balance = 0;
    const auto report = verify(fx.build(), sol);
    REQUIRE(kinds(report) == std::set<std::string>{"time_window", "max_jobs", "objective"});
    REQUIRE(report.objective.balance == 18338);
}

TEST_CASE("absurd stated values are reported without overflowing", "[verify]") {
    const Fixture fx;
    Solution sol = correct_solution();
    auto& steps = sol.routes[0].steps;
    steps[1].end = std::numeric_limits<Time>::max();
    steps[2].start = std::numeric_limits<Time>::min();
    steps[4].arrival = std::numeric_limits<Time>::max();
    const auto report = verify(fx.build(), sol);
    REQUIRE(has(report, "timing"));
    REQUIRE(has(report, "shift"));
    REQUIRE(has(report, "time_window"));
}

TEST_CASE("default weights and costs without capacity dimensions", "[verify]") {
    // One engineer, default costs (per hour 3600: cost = travel seconds), one
    // job served and one mandatory job of priority 5 left out.
    TravelMatrices tm;
    tm.durations = DurationMatrix{{0, 100, 200}, {100, 0, 150}, {200, 150, 0}};
    tm.distances = tm.durations;
    for (TravelValue& v : tm.distances) v *= 7;
    Engineer e;
    e.id = "E";
    e.start.matrix_index = 0;
    e.shifts = {{0, 1000}};
    Job j1;
    j1.id = "J1";
    j1.location.matrix_index = 1;
    j1.duration = 50;
    Job j2 = j1;
    j2.id = "J2";
    j2.location.matrix_index = 2;
    j2.priority = 5;
    const Problem p = ProblemBuilder().add_engineer(e).add_job(j1).add_job(j2).set_travel(tm).build();
    REQUIRE(p.dimensions() == 0);

    Solution sol;
    Route r;
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0, 0, {}), step(StepKind::job, 0, 100, 100, 150, 100, 700, {}),
               step(StepKind::end, -1, 250, 250, 250, 100, 700, {})};
    r.travel_time = 200;
    r.distance = 1400;
    r.service_time = 50;
    r.working_time = 250;
    r.cost = 200;
    sol.routes = {r};
    sol.unassigned = {{1, UnassignedReason::shift_too_short, ""}};
    sol.objective.unassigned = 1'000'000'000LL * 6;
    sol.objective.travel = 200;
    const auto report = verify(p, sol);
    INFO(describe(report));
    REQUIRE(report.ok());
    REQUIRE(report.objective.total() == 6'000'000'200LL);
}
