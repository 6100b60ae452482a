// The live plan times and accepts routes like the solver: overtime up to the
// engineer's max_overtime, visits as long as the engineer's level makes them.
#include <catch2/catch.hpp>

#include <string>

#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "../overtime_levels_day.hpp"

using namespace fsd;

namespace {

using test_support::overtime_levels_day;

LivePlan live(const Problem& p) {
    SolveOptions o;
    o.iteration_limit = 20;
    o.time_limit_seconds = 30;
    return LivePlan(p, solve(p, o), 0);
}

void require_verified(const LivePlan& plan) {
    const ResidualProblem res = plan.residual();
    const VerifyReport report = verify(res.problem, res.solution);
    for (const Violation& v : report.violations) INFO(v.kind << ": " << v.message);
    REQUIRE(report.ok());
}

Job ticket(const std::string& id, Duration duration) {
    Job j;
    j.id = id;
    j.location.matrix_index = 1;
    j.duration = duration;
    j.skills = {{"gas", 1}};
    return j;
}

}  // namespace

TEST_CASE("a live route may end within shift end plus max_overtime and pays for it", "[dispatch][overtime]") {
    const LivePlan plan = live(overtime_levels_day(300));
    REQUIRE(plan.status(0) == TicketStatus::planned);
    CHECK(plan.route(0).end_arrival == 700);
    CHECK(plan.objective().overtime == 100);
    require_verified(plan);
}

TEST_CASE("a live insertion may use the overtime allowance, not more", "[dispatch][overtime]") {
    LivePlan plan = live(overtime_levels_day(300));
    // 100 s more on site: back at 800, within 900; 100 s more overtime cost 100.
    const InsertResult fits = plan.insert(ticket("T-2", 100));
    REQUIRE(fits.placed);
    REQUIRE_FALSE(fits.alternatives.empty());
    CHECK(fits.alternatives.front().cost == 100);
    CHECK(plan.route(0).end_arrival == 800);
    CHECK(plan.objective().overtime == 200);
    require_verified(plan);
    // Another 150 s would end at 950, past the limit.
    const InsertResult too_long = plan.insert(ticket("T-3", 150));
    CHECK_FALSE(too_long.placed);
    CHECK(plan.route(0).end_arrival == 800);
}

TEST_CASE("without overtime the live plan keeps the shift end hard", "[dispatch][overtime]") {
    LivePlan plan = live(overtime_levels_day(300));
    const InsertResult refused = plan.insert(ticket("T-2", 250));  // would end at 950
    CHECK_FALSE(refused.placed);
    LivePlan strict = live(overtime_levels_day(0, 3600, 4));  // the senior: back at 500
    CHECK(strict.route(0).end_arrival == 500);
    CHECK_FALSE(strict.insert(ticket("T-2", 150)).placed);  // 650 > 600
    CHECK(strict.insert(ticket("T-3", 100)).placed);        // 600
}

TEST_CASE("a live visit lasts the engineer's level duration", "[dispatch][levels]") {
    const LivePlan senior = live(overtime_levels_day(0, 3600, 4));
    REQUIRE(senior.status(0) == TicketStatus::planned);
    const LiveStep& s = senior.route(0).steps.at(0);
    CHECK(s.start == 100);
    CHECK(s.end == 400);
    CHECK(senior.route(0).end_arrival == 500);
    CHECK(senior.objective().overtime == 0);
    require_verified(senior);
}

TEST_CASE("an engineer already in overtime keeps the rest of the allowance in the residual problem", "[dispatch][overtime]") {
    LivePlan plan = live(overtime_levels_day(300));
    REQUIRE(plan.insert(ticket("T-2", 100)).placed);  // J 100-600, T-2 600-700, back at 800
    plan.arrive("J", 100);
    plan.job_finished("J", 620);  // 20 s late: T-2 runs 620-720, back at 820
    CHECK(plan.route(0).end_arrival == 820);
    CHECK(plan.objective().overtime == 220);
    // The residual shift starts at 620, past the shift end: a one-second
    // shift with 279 s of overtime allowed, so back at 820 is valid there.
    const ResidualProblem res = plan.residual();
    REQUIRE(res.problem.num_engineers() == 1);
    CHECK(res.problem.engineer(0).shifts.front() == TimeWindow{620, 621});
    CHECK(res.problem.engineer(0).max_overtime == 279);
    CHECK(res.solution.objective.overtime == 199);
    require_verified(plan);
    // Nothing better exists: re-optimising keeps the plan.
    ReoptimiseOptions o;
    o.iteration_limit = 20;
    o.time_limit_seconds = 30;
    const ReoptimiseResult r = plan.reoptimise(o);
    CHECK_FALSE(r.accepted);
    CHECK(plan.route(0).end_arrival == 820);
}
