// The verifier and plan evaluation recompute overtime and level-dependent
// service times on their own.
#include <catch2/catch.hpp>

#include <string>

#include "fsd/evaluate.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/model/route_steps.hpp"
#include "fsd/verify.hpp"
#include "../overtime_levels_day.hpp"
#include "../plan_step_support.hpp"
#include "verify_test_support.hpp"

using namespace fsd;

namespace {

using test_support::overtime_levels_day;

using test_support::step;

// E serves J on site for `service` seconds: back at 200 + service.
Solution plan(const Problem& p, Duration service, Cost overtime_part) {
    Route r;
    r.engineer = 0;
    r.shift = 0;
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 0, 100, 100, 100 + service, 100),
               step(StepKind::end, -1, 200 + service, 200 + service, 200 + service, 100)};
    complete_route(p, r);
    r.cost = 200;
    Solution s;
    s.routes = {r};
    s.objective.travel = 200;
    s.objective.overtime = overtime_part;
    return s;
}

using verify_test::describe;

}  // namespace

TEST_CASE("overtime within max_overtime is valid and costed", "[verify][overtime]") {
    // Back at 700: 100 s of overtime at 3,600 per hour (weight 2) = 200.
    const Problem p = overtime_levels_day(300, 3600, 1, 2);
    const VerifyReport report = verify(p, plan(p, 500, 200));
    INFO(describe(report));
    CHECK(report.ok());
    CHECK(report.objective.overtime == 200);
    CHECK(report.objective.total() == 400);
}

TEST_CASE("a wrong stated overtime part is flagged", "[verify][overtime]") {
    const Problem p = overtime_levels_day(300);
    const VerifyReport report = verify(p, plan(p, 500, 0));
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].kind == "objective");
    CHECK(report.violations[0].message.find("overtime part is stated 0 but is 100") != std::string::npos);
}

TEST_CASE("a route past shift end plus max_overtime breaks the shift", "[verify][overtime]") {
    SECTION("60 s allowed: the limit is named") {
        const Problem p = overtime_levels_day(60);
        const VerifyReport report = verify(p, plan(p, 500, 100));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "shift");
        CHECK(report.violations[0].message.find("after the limit of 660") != std::string::npos);
        // Still costed, like lateness past a hard deadline.
        CHECK(report.objective.overtime == 100);
    }
    SECTION("none allowed: the shift end is the limit, as before") {
        const Problem p = overtime_levels_day(0);
        const VerifyReport report = verify(p, plan(p, 500, 100));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "shift");
        CHECK(report.violations[0].message.find("after the shift ends at 600") != std::string::npos);
    }
}

TEST_CASE("the verifier times a senior's visit with the level duration", "[verify][levels]") {
    const Problem p = overtime_levels_day(0, 3600, 4);
    SECTION("timed with the level duration: valid") {
        const VerifyReport report = verify(p, plan(p, 300, 0));
        INFO(describe(report));
        CHECK(report.ok());
    }
    SECTION("timed with job.duration: flagged") {
        const VerifyReport report = verify(p, plan(p, 500, 0));
        bool timing = false;
        for (const auto& v : report.violations)
            timing = timing || (v.kind == "timing" && v.message.find("instead of start plus duration (400)") != std::string::npos);
        INFO(describe(report));
        CHECK(timing);
    }
}

TEST_CASE("plan evaluation uses the level duration and allows overtime up to the limit", "[verify][evaluate][overtime]") {
    SECTION("a senior within the shift") {
        const Problem p = overtime_levels_day(0, 3600, 4);
        const PlanEvaluation ev = evaluate_plan(p, plan(p, 500, 0));
        REQUIRE(ev.routes.size() == 1);
        CHECK(ev.routes[0].steps[1].end - ev.routes[0].steps[1].start == 300);
        CHECK(ev.routes[0].overtime == 0);
        CHECK(ev.violations.empty());
    }
    SECTION("a junior 100 s over with 300 s allowed: overtime, no violation") {
        const Problem p = overtime_levels_day(300);
        const PlanEvaluation ev = evaluate_plan(p, plan(p, 500, 0));
        REQUIRE(ev.routes.size() == 1);
        CHECK(ev.routes[0].overtime == 100);
        CHECK(ev.violations.empty());
        CHECK(ev.objective.overtime == 100);
        CHECK(ev.figures.overtime == 100);
        CHECK(ev.figures.objective == 300);
    }
    SECTION("a junior 100 s over with 60 s allowed: shift_end with the allowance") {
        const Problem p = overtime_levels_day(60);
        const PlanEvaluation ev = evaluate_plan(p, plan(p, 500, 0));
        REQUIRE(ev.violations.size() == 1);
        CHECK(ev.violations[0].kind == "shift_end");
        CHECK(ev.violations[0].cause.find("1 min of overtime allowed") != std::string::npos);
    }
}
