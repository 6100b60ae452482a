// The verifier recomputes the preference part of the objective on its own.
#include <catch2/catch.hpp>

#include <string>

#include "fsd/model/problem_builder.hpp"
#include "fsd/verify.hpp"
#include "../plan_step_support.hpp"
#include "verify_test_support.hpp"

using namespace fsd;

namespace {

// A at location 0, B at 1, jobs J0 and J1 at 2; 100 s (and metres) between
// any two places. J0 prefers A (cost 70), J1 prefers B (cost 40); weight 3.
Problem build(Cost weight = 3) {
    TravelMatrices travel{DurationMatrix{{0, 100, 100}, {100, 0, 100}, {100, 100, 0}}, {}};
    travel.distances = travel.durations;
    ProblemBuilder b;
    const std::string engineer_ids[] = {"A", "B"};
    const std::string job_ids[] = {"J0", "J1"};
    const Cost costs[] = {70, 40};
    for (int e = 0; e < 2; ++e) {
        Engineer eng;
        eng.id = engineer_ids[e];
        eng.start.matrix_index = e;
        eng.shifts = {{0, 10000}};
        b.add_engineer(eng);
    }
    for (int j = 0; j < 2; ++j) {
        Job job;
        job.id = job_ids[j];
        job.location.matrix_index = 2;
        job.duration = 50;
        job.preferred_engineer = engineer_ids[j];
        job.preference_cost = costs[j];
        b.add_job(job);
    }
    b.set_travel(travel);
    ObjectiveWeights w;
    w.preference = weight;
    b.set_weights(w);
    return b.build();
}

using test_support::step;

// B serves both jobs: J1 at its preferred engineer, J0 not (3 x 70).
Solution b_serves_both() {
    Route r;
    r.engineer = 1;
    r.shift = 0;
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 0, 100, 100, 150, 100),
               step(StepKind::job, 1, 150, 150, 200, 0), step(StepKind::end, -1, 300, 300, 300, 100)};
    r.travel_time = 200;
    r.distance = 200;
    r.service_time = 100;
    r.working_time = 300;
    r.cost = 200;
    Solution s;
    s.routes = {r};
    s.objective.travel = 200;
    s.objective.preference = 210;
    return s;
}

using verify_test::describe;

}  // namespace

TEST_CASE("the preference part is recomputed from the serving engineer", "[verify][preference]") {
    const Problem p = build();
    const Solution s = b_serves_both();
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(report.ok());
    CHECK(report.objective.preference == 210);
    CHECK(report.objective == s.objective);
    // Weight 0: no preference cost at all.
    Solution free = s;
    free.objective.preference = 0;
    const VerifyReport off = verify(build(0), free);
    CHECK(off.ok());
    CHECK(off.objective.preference == 0);
}

TEST_CASE("a wrong stated preference part is flagged", "[verify][preference]") {
    const Problem p = build();
    Solution s = b_serves_both();
    s.objective.preference = 120;  // e.g. J1 counted instead of J0
    const VerifyReport report = verify(p, s);
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].kind == "objective");
    CHECK(report.violations[0].message.find("preference part is stated 120 but is 210") != std::string::npos);
    CHECK(report.objective.preference == 210);
}

TEST_CASE("a job left out costs no preference", "[verify][preference]") {
    const Problem p = build();
    Solution s = b_serves_both();
    // J0 out: only J1 stays, with its preferred engineer.
    Route& r = s.routes[0];
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, 1, 100, 100, 150, 100),
               step(StepKind::end, -1, 250, 250, 250, 100)};
    r.service_time = 50;
    r.working_time = 250;
    s.unassigned = {Unassigned{0, UnassignedReason::not_inserted, ""}};
    s.objective.unassigned = p.unassigned_cost(0);
    s.objective.preference = 0;
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(report.ok());
    CHECK(report.objective.preference == 0);
}
