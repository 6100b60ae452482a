// The verifier's depot rules: a stop at a depot of the problem, timed at its
// location inside its opening, picking up only what the depot has; at each
// job the tools and parts on board cover it; working time priced per route.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fsd/evaluate.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/model/route_steps.hpp"
#include "fsd/verify.hpp"
#include "../plan_step_support.hpp"
#include "verify_test_support.hpp"

using namespace fsd;
using test_support::step;
using verify_test::describe;

namespace {

// Rows: 0 home, 1 job J, 2 job K, 3 depot D. Home-D 50 s, D-J 80 s, J-home
// 100 s, J-K 40 s, K-home 100 s (distances equal the durations).
TravelMatrices four_places() {
    TravelMatrices m{DurationMatrix{{0, 100, 100, 50}, {100, 0, 40, 80}, {100, 40, 0, 90}, {50, 80, 90, 0}}, {}};
    m.distances = m.durations;
    return m;
}

struct DayOptions {
    std::vector<std::string> tools{};          // engineer's own tools
    std::vector<PartCount> stock{{"filter", 1}};
    Cost per_working_hour = 3600;
    int shifts = 1;
    bool second_job = false;                   // K needs 2 filters as well
    Time depot_closes = 1000;
};

// Engineer E (home 0) with `stock`, depot D (row 3, open 100-1000, 60 s,
// lends a drill, stocks filters and pumps), job J (row 1, 300 s) needing the
// drill and 2 filters.
Problem day(const DayOptions& o = {}) {
    Engineer e;
    e.id = "E";
    e.start.matrix_index = 0;
    for (int s = 0; s < o.shifts; ++s) e.shifts.push_back({s * 10000, s * 10000 + 2000});
    e.tools = o.tools;
    e.stock = o.stock;
    e.costs.per_working_hour = o.per_working_hour;
    Depot d;
    d.id = "D";
    d.location.matrix_index = 3;
    d.opening = {{100, o.depot_closes}};
    d.duration = 60;
    d.tools = {"drill"};
    d.parts = {"filter", "pump"};
    Job j;
    j.id = "J";
    j.location.matrix_index = 1;
    j.duration = 300;
    j.tools = {"drill"};
    j.parts = {{"filter", 2}};
    ProblemBuilder b;
    b.add_engineer(e).add_depot(d).add_job(j);
    if (o.second_job) {
        Job k;
        k.id = "K";
        k.location.matrix_index = 2;
        k.duration = 100;
        k.parts = {{"filter", 2}};
        b.add_job(k);
    }
    b.set_travel(four_places());
    return b.build();
}

// The cost of a route as the design prices it with the default per_hour
// (travel seconds) plus working time at `per_working_hour`.
Cost hand_cost(const Route& r, Cost per_working_hour) {
    return r.travel_time + (per_working_hour * r.working_time + 1800) / 3600;
}

Solution one_route(const Problem& p, Route r, Cost per_working_hour = 3600) {
    r.engineer = 0;
    complete_route(p, r);
    r.cost = hand_cost(r, per_working_hour);
    Solution s;
    s.routes = {r};
    for (const Route& x : s.routes) s.objective.travel += x.cost;
    return s;
}

// Home -> D (stop starting at `stop`, picking up `pickup`) -> J -> home,
// leaving at `depart`.
Route via_depot(Time depart, Time stop, std::vector<std::string> tools, std::vector<PartCount> parts,
                Index depot = 0) {
    Route r;
    Step d = step(StepKind::depot, depot, depart + 50, stop, stop + 60, 50);
    d.pickup_tools = std::move(tools);
    d.pickup_parts = std::move(parts);
    const Time at_job = stop + 60 + 80;
    r.steps = {step(StepKind::start, -1, depart, depart, depart, 0), d,
               step(StepKind::job, 0, at_job, at_job, at_job + 300, 80),
               step(StepKind::end, -1, at_job + 400, at_job + 400, at_job + 400, 100)};
    return r;
}

bool has(const VerifyReport& report, const std::string& kind) {
    for (const auto& v : report.violations)
        if (v.kind == kind) return true;
    return false;
}

}  // namespace

TEST_CASE("a depot stop that picks up the missing tool and parts verifies", "[verify][depot]") {
    const Problem p = day();
    const Solution s = one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}}));
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(report.ok());
    // Travel 50 + 80 + 100 = 230; working time 50..640 = 590 s at 3,600 an hour.
    CHECK(s.routes[0].working_time == 590);
    CHECK(report.objective.travel == 230 + 590);
}

TEST_CASE("working time is priced per route, rounded half up", "[verify][depot]") {
    // 590 s at 1,000 an hour = 163.9 -> 164.
    const Problem p = day(DayOptions{.per_working_hour = 1000});
    const Solution s = one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}}), 1000);
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(report.ok());
    CHECK(report.objective.travel == 230 + 164);

    Solution travel_only = s;
    travel_only.routes[0].cost = 230;
    travel_only.objective.travel = 230;
    const VerifyReport wrong = verify(p, travel_only);
    CHECK(has(wrong, "route_figures"));
    CHECK(has(wrong, "objective"));
}

TEST_CASE("a depot step naming no depot of the problem is caught", "[verify][depot]") {
    const Problem p = day();
    Solution s = one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}}));
    s.routes[0].steps[1].index = 4;
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(has(report, "depot_unknown"));
}

TEST_CASE("a stop before the depot opens is caught", "[verify][depot]") {
    const Problem p = day();
    // Leaves at 0, at the depot at 50, stops at once: D opens at 100.
    const VerifyReport report = verify(p, one_route(p, via_depot(0, 50, {"drill"}, {{"filter", 1}})));
    INFO(describe(report));
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].kind == "depot_closed");
    CHECK(report.violations[0].step == 1);
}

TEST_CASE("wrong travel to the depot and a stop of the wrong length are caught", "[verify][depot]") {
    const Problem p = day();
    Solution s = one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}}));
    s.routes[0].steps[1].travel_time = 10;
    VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(has(report, "timing"));

    s = one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}}));
    s.routes[0].steps[1].end = 130;  // the depot's stop lasts 60 s
    report = verify(p, s);
    CHECK(has(report, "timing"));
}

TEST_CASE("picking up what the depot does not have is caught", "[verify][depot]") {
    const Problem p = day();
    SECTION("a tool it does not lend") {
        const VerifyReport report =
            verify(p, one_route(p, via_depot(50, 100, {"drill", "saw"}, {{"filter", 1}})));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "depot_pickup");
        CHECK(report.violations[0].message.find("\"saw\"") != std::string::npos);
    }
    SECTION("a part it does not stock") {
        const VerifyReport report =
            verify(p, one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}, {"valve", 3}})));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "depot_pickup");
    }
    SECTION("a count that is not above 0") {
        const VerifyReport report =
            verify(p, one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}, {"pump", 0}})));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "depot_pickup");
    }
    SECTION("a pickup on a job step") {
        Solution s = one_route(p, via_depot(50, 100, {"drill"}, {{"filter", 1}}));
        s.routes[0].steps[2].pickup_tools = {"drill"};
        const VerifyReport report = verify(p, s);
        INFO(describe(report));
        CHECK(has(report, "depot_pickup"));
    }
}

TEST_CASE("a job without its tool on board is caught", "[verify][depot]") {
    const Problem p = day();
    const VerifyReport report = verify(p, one_route(p, via_depot(50, 100, {}, {{"filter", 1}})));
    INFO(describe(report));
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].kind == "tool_missing");
    CHECK(report.violations[0].job == 0);
}

TEST_CASE("a job with too few parts on board is caught", "[verify][depot]") {
    const Problem p = day();
    // The van holds 1 filter, J needs 2, the stop takes only the drill.
    const VerifyReport report = verify(p, one_route(p, via_depot(50, 100, {"drill"}, {})));
    INFO(describe(report));
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].kind == "parts_short");
    CHECK(report.violations[0].message.find("needs 2 of part \"filter\" but 1 are on board") != std::string::npos);
}

TEST_CASE("a stop after the job does not help it", "[verify][depot]") {
    const Problem p = day();
    // Home -> J -> D -> home: the drill arrives too late.
    Route r;
    Step d = step(StepKind::depot, 0, 480, 480, 540, 80);
    d.pickup_tools = {"drill"};
    d.pickup_parts = {{"filter", 1}};
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 0, 100, 100, 400, 100), d,
               step(StepKind::end, -1, 590, 590, 590, 50)};
    const VerifyReport report = verify(p, one_route(p, r));
    INFO(describe(report));
    CHECK(has(report, "tool_missing"));
    CHECK(has(report, "parts_short"));
    CHECK(report.violations.size() == 2);
}

TEST_CASE("an engineer who carries everything needs no stop", "[verify][depot]") {
    const Problem p = day(DayOptions{.tools = {"drill"}, .stock = {{"filter", 2}}});
    Route r;
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 0, 100, 100, 400, 100),
               step(StepKind::end, -1, 500, 500, 500, 100)};
    const VerifyReport report = verify(p, one_route(p, r));
    INFO(describe(report));
    CHECK(report.ok());
}

TEST_CASE("parts are used up along a route and each shift starts from the van's stock", "[verify][depot]") {
    const Problem p = day(DayOptions{.tools = {"drill"}, .stock = {{"filter", 2}}, .shifts = 2, .second_job = true});
    SECTION("two jobs of 2 filters from a stock of 2 in one route: the second is short") {
        Route r;
        r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 0, 100, 100, 400, 100),
                   step(StepKind::job, 1, 440, 440, 540, 40), step(StepKind::end, -1, 640, 640, 640, 100)};
        const VerifyReport report = verify(p, one_route(p, r));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "parts_short");
        CHECK(report.violations[0].job == 1);
    }
    SECTION("one job per shift: the van is full again on the second day") {
        Route a;
        a.shift = 0;
        a.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 0, 100, 100, 400, 100),
                   step(StepKind::end, -1, 500, 500, 500, 100)};
        Route b;
        b.shift = 1;
        b.steps = {step(StepKind::start, -1, 10000, 10000, 10000, 0),
                   step(StepKind::job, 1, 10100, 10100, 10200, 100),
                   step(StepKind::end, -1, 10300, 10300, 10300, 100)};
        Solution s = one_route(p, a);
        b.engineer = 0;
        complete_route(p, b);
        b.cost = hand_cost(b, 3600);
        s.routes.push_back(b);
        s.objective.travel += b.cost;
        const VerifyReport report = verify(p, s);
        INFO(describe(report));
        CHECK(report.ok());
    }
}

TEST_CASE("a restock at the depot covers a second job", "[verify][depot]") {
    const Problem p = day(DayOptions{.tools = {"drill"}, .stock = {{"filter", 2}}, .second_job = true});
    // Home -> J (uses both filters) -> D (2 more) -> K -> home.
    Route r;
    Step d = step(StepKind::depot, 0, 480, 480, 540, 80);
    d.pickup_parts = {{"filter", 2}};
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 0, 100, 100, 400, 100), d,
               step(StepKind::job, 1, 630, 630, 730, 90), step(StepKind::end, -1, 830, 830, 830, 100)};
    const VerifyReport report = verify(p, one_route(p, r));
    INFO(describe(report));
    CHECK(report.ok());
}

TEST_CASE("parts_unavailable is checked against who could get the parts", "[verify][depot]") {
    const Problem p = day();
    Solution s;
    Unassigned u;
    u.job = 0;
    u.reason = UnassignedReason::parts_unavailable;
    s.unassigned = {u};
    s.objective.unassigned = p.unassigned_cost(0);
    // The depot lends the drill and stocks filters: E can get them.
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].kind == "unassigned_reason");
}

TEST_CASE("plan evaluation times a depot stop at the depot and states shortfalls", "[verify][evaluate][depot]") {
    const Problem p = day();
    // Only the order and the pickups are read: D (1 filter), then J.
    Route hand;
    hand.engineer = 0;
    Step d;
    d.kind = StepKind::depot;
    d.index = 0;
    d.pickup_parts = {{"filter", 1}};
    Step j;
    j.kind = StepKind::job;
    j.index = 0;
    hand.steps = {d, j};
    Solution plan;
    plan.routes = {hand};
    const PlanEvaluation ev = evaluate_plan(p, plan);
    REQUIRE(ev.routes.size() == 1);
    const auto& steps = ev.routes[0].steps;
    REQUIRE(steps.size() == 4);
    // D opens at 100: leave at 50, stop 100-160, at J at 240, home at 640.
    CHECK(steps[0].end == 50);
    CHECK(steps[1].kind == StepKind::depot);
    CHECK(steps[1].start == 100);
    CHECK(steps[1].end == 160);
    CHECK(steps[2].start == 240);
    CHECK(ev.routes[0].cost == 230 + 590);
    REQUIRE(ev.violations.size() == 1);
    CHECK(ev.violations[0].kind == "tool_missing");
    CHECK(ev.violations[0].cause ==
          "Job \"J\" needs tool \"drill\", which engineer \"E\" does not carry, and no depot stop before it (\"D\") "
          "picks it up.");
    // The timed plan carries the pickup, so the verifier agrees on what is on board.
    CHECK(ev.timed.routes[0].steps[1].pickup_parts == std::vector<PartCount>{{"filter", 1}});
}

TEST_CASE("plan evaluation reports a stop after closing and a part short", "[verify][evaluate][depot]") {
    const Problem p =
        day(DayOptions{.tools = {"drill"}, .stock = {{"filter", 2}}, .second_job = true, .depot_closes = 500});
    // K (100-200) uses both filters, J (240-540) finds none, D is reached at
    // 620, after it closes at 500.
    Route hand;
    hand.engineer = 0;
    Step k;
    k.kind = StepKind::job;
    k.index = 1;
    Step j;
    j.kind = StepKind::job;
    j.index = 0;
    Step d;
    d.kind = StepKind::depot;
    d.index = 0;
    hand.steps = {k, j, d};
    Solution plan;
    plan.routes = {hand};
    const PlanEvaluation ev = evaluate_plan(p, plan);
    REQUIRE(ev.violations.size() == 2);
    CHECK(ev.violations[0].kind == "depot_closed");
    CHECK(ev.violations[0].cause.find("stops at depot \"D\" at 00:10:20, 2 min after it closes at 00:08:20") !=
          std::string::npos);
    CHECK(ev.violations[1].kind == "parts_short");
    CHECK(ev.violations[1].cause.find("needs 2 of part \"filter\" but engineer \"E\" has 0 on board") !=
          std::string::npos);
    CHECK(ev.violations[1].cause.find("no depot stop comes before it") != std::string::npos);
}
