// Plan evaluation with links: routes wait for each other (a helper for the
// lead, a follow-up for its gap), the waits settle round by round, and a
// link the plan breaks is stated with its cause.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "fsd/evaluate.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "verify_test_support.hpp"

using namespace fsd;
using verify_test::describe;

namespace {

// Rows: 0 home of A, 1 home of B, 2 site S, 3 site T. A-S 100 s, B-S 300 s,
// S-T 200 s (distances equal the durations).
TravelMatrices four_places() {
    TravelMatrices m{DurationMatrix{{0, 100, 100, 200}, {100, 0, 300, 200}, {100, 300, 0, 200}, {200, 200, 200, 0}},
                     {}};
    m.distances = m.durations;
    return m;
}

struct DayOptions {
    std::optional<TimeWindow> helper_window{};  // H's only window
    Cost max_lateness_weight = 0;
    std::optional<Time> lead_deadline{};        // a soft SLA deadline on L
    Cost per_working_hour = 0;                  // both engineers
};

// Engineers A (row 0) and B (row 1), shift 0-20000. Jobs: L (lead) and H
// (helper) at S, 600 s each; F (follow-up) at T, 300 s; X at S, 50 s,
// optional, starting by 100. Link 0: L -> H with the defaults (start together, two engineers);
// link 1: L -> F, 1000..5000 s later, the same engineer.
Problem day(const DayOptions& o = {}) {
    ProblemBuilder b;
    const char* names[] = {"A", "B"};
    for (int e = 0; e < 2; ++e) {
        Engineer eng;
        eng.id = names[e];
        eng.start.matrix_index = e;
        eng.shifts = {{0, 20000}};
        eng.costs.per_working_hour = o.per_working_hour;
        b.add_engineer(eng);
    }
    const auto job = [](const char* id, Index row, Duration duration) {
        Job j;
        j.id = id;
        j.location.matrix_index = row;
        j.duration = duration;
        return j;
    };
    Job l = job("L", 2, 600), h = job("H", 2, 600), f = job("F", 3, 300), x = job("X", 2, 50);
    if (o.lead_deadline) l.sla = SlaDeadline{*o.lead_deadline, false, 1};
    if (o.helper_window) h.time_windows = {*o.helper_window};
    x.time_windows = {{0, 100}};
    x.optional = true;
    x.penalty = 10;
    b.add_job(l).add_job(h).add_job(f).add_job(x);
    JobLink two_person;
    two_person.first = "L";
    two_person.second = "H";
    b.add_link(two_person);
    b.add_link(JobLink{"L", "F", 1000, 5000, LinkEngineers::same});
    ObjectiveWeights w;
    w.max_lateness = o.max_lateness_weight;
    b.set_weights(w);
    b.set_travel(four_places());
    return b.build();
}

constexpr Index kL = 0, kH = 1, kF = 2, kX = 3;

// A hand route: only the engineer and the order of the jobs are read.
Route hand(Index engineer, std::vector<Index> jobs) {
    Route r;
    r.engineer = engineer;
    for (Index j : jobs) {
        Step s;
        s.kind = StepKind::job;
        s.index = j;
        r.steps.push_back(s);
    }
    return r;
}

Solution plan(std::vector<Route> routes) {
    Solution s;
    s.routes = std::move(routes);
    return s;
}

const StepEvaluation& job_step(const PlanEvaluation& ev, Index job) {
    for (const auto& r : ev.routes)
        for (const auto& s : r.steps)
            if (s.kind == StepKind::job && s.index == job) return s;
    FAIL("job " << job << " is in no evaluated route");
    return ev.routes.front().steps.front();
}

std::string causes(const PlanEvaluation& ev) {
    std::string out;
    for (const auto& v : ev.violations) out += v.kind + ": " + v.cause + "\n";
    return out;
}

int count(const PlanEvaluation& ev, const std::string& kind) {
    int n = 0;
    for (const auto& v : ev.violations) n += v.kind == kind;
    return n;
}

}  // namespace

TEST_CASE("a helper who arrives first waits for the lead", "[verify][evaluate][links]") {
    const Problem p = day();
    // A: X at S 100-150, then H, arriving at 150. B: L at S, arriving at 300.
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kX, kH}), hand(1, {kL, kF})}));
    INFO(causes(ev));
    CHECK(ev.violations.empty());
    const StepEvaluation& h = job_step(ev, kH);
    const StepEvaluation& l = job_step(ev, kL);
    CHECK(l.arrival == 300);
    CHECK(l.start == 300);
    CHECK(h.arrival == 150);
    CHECK(h.start == 300);  // the later arrival
    CHECK(h.waiting == 150);
    // The timed plan keeps the links, and the verifier agrees with the timing.
    const VerifyReport report = verify(p, ev.timed);
    INFO(describe(report));
    CHECK(report.ok());
}

TEST_CASE("a lead who arrives first waits for the helper", "[verify][evaluate][links]") {
    const Problem p = day();
    // A: L at S (arrives 100), then F. B: H at S (arrives 300).
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kL, kF}), hand(1, {kH})}));
    INFO(causes(ev));
    CHECK(ev.violations.empty());
    CHECK(job_step(ev, kL).start == 300);
    CHECK(job_step(ev, kH).start == 300);
    // A leaves later rather than waiting on site before its first visit.
    CHECK(ev.routes[0].steps[0].end == 200);
    CHECK(verify(p, ev.timed).ok());
}

TEST_CASE("a follow-up waits for the smallest gap after the first visit", "[verify][evaluate][links]") {
    const Problem p = day();
    // B: L 300-900, then F at T, arriving at 1100; the gap pushes it to 1300.
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kH}), hand(1, {kL, kF})}));
    INFO(causes(ev));
    CHECK(ev.violations.empty());
    const StepEvaluation& f = job_step(ev, kF);
    CHECK(f.arrival == 1100);
    CHECK(f.start == 1300);
    CHECK(f.waiting == 200);
    CHECK(ev.routes[1].steps.back().arrival == 1800);
    CHECK(verify(p, ev.timed).ok());
}

TEST_CASE("waiting for a linked visit past a window is stated with the wait", "[verify][evaluate][links]") {
    const Problem p = day(DayOptions{.helper_window = TimeWindow{0, 200}});
    // A reaches H at 100, but the lead (B) only at 300.
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kH}), hand(1, {kL, kF})}));
    REQUIRE(ev.violations.size() == 1);
    CHECK(ev.violations[0].kind == "time_window");
    CHECK(ev.violations[0].cause ==
          "Job \"H\" starts at 00:05, 1 min 40 s after its window closes at 00:03:20, because the engineer leaves the "
          "start at 00:03:20 and the drive from the start takes 1 min 40 s and the visits linked to it hold its start "
          "until 00:05.");
}

TEST_CASE("a link served on one side is stated as link_partial", "[verify][evaluate][links]") {
    const Problem p = day();
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kH})}));
    INFO(causes(ev));
    CHECK(count(ev, "link_partial") == 1);
    CHECK(count(ev, "unserved") == 2);  // L and F
    CHECK(ev.violations.size() == 3);
    for (const auto& v : ev.violations)
        if (v.kind == "link_partial") {
            CHECK(v.job == kL);
            CHECK(v.engineer == 0);
            CHECK(v.cause ==
                  "Job \"H\" is served by \"A\" at 00:01:40 but job \"L\", linked to it (link 0), is in no route; "
                  "linked visits are served together or not at all.");
        }
}

TEST_CASE("one engineer for a two-person job is a cycle of waits that cannot hold", "[verify][evaluate][links]") {
    const Problem p = day();
    // A serves L then H: H must start with L, but cannot start before L ends.
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kL, kH, kF})}));
    INFO(causes(ev));
    CHECK(count(ev, "link_engineers") == 1);
    REQUIRE(count(ev, "link_gap") >= 1);
    bool cycle_stated = false;
    for (const auto& v : ev.violations)
        if (v.kind == "link_gap" && v.job == kH)
            cycle_stated = v.cause.find("go round in a cycle that cannot hold (still moving after 4 rounds") !=
                           std::string::npos;
    CHECK(cycle_stated);
    // Every figure is still there: the verifier finds the same broken link.
    const VerifyReport report = verify(p, ev.timed);
    bool verify_gap = false;
    for (const auto& v : report.violations) verify_gap = verify_gap || v.kind == "link_gap";
    CHECK(verify_gap);
}

TEST_CASE("plan evaluation prices the largest soft lateness", "[verify][evaluate][links][objective]") {
    const Problem p = day(DayOptions{.max_lateness_weight = 7, .lead_deadline = 200});
    // L waits for the helper until 300: 100 s late.
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kL, kF}), hand(1, {kH})}));
    INFO(causes(ev));
    CHECK(ev.violations.empty());
    CHECK(ev.objective.lateness == 100);
    CHECK(ev.objective.max_lateness == 700);
    CHECK(ev.figures.objective == ev.objective.total());
    // X is optional and left out: its penalty is the unassigned part.
    CHECK(ev.objective.unassigned == 10);
}

TEST_CASE("engineers paid by the hour leave late and still keep their links", "[verify][evaluate][links]") {
    const Problem p = day(DayOptions{.per_working_hour = 3600});
    // A: X (by 100) then the helper, waiting for B's lead; B: L, then F after its gap.
    const PlanEvaluation ev = evaluate_plan(p, plan({hand(0, {kX, kH}), hand(1, {kL, kF})}));
    INFO(causes(ev));
    CHECK(ev.violations.empty());
    CHECK(job_step(ev, kH).start == 300);
    CHECK(job_step(ev, kL).start == 300);
    CHECK(job_step(ev, kF).start == 1300);
    const VerifyReport report = verify(p, ev.timed);
    INFO(describe(report));
    CHECK(report.ok());
}

TEST_CASE("the solver's plan with links evaluates as the solver timed it", "[verify][evaluate][links]") {
    const Problem p = day();
    SolveOptions o;
    o.time_limit_seconds = 2.0;
    o.iteration_limit = 100;
    const Solution solved = solve(p, o);
    REQUIRE(verify(p, solved).ok());
    const PlanEvaluation ev = evaluate_plan(p, solved);
    INFO(causes(ev));
    CHECK(ev.violations.empty());
    CHECK(ev.objective == verify(p, solved).objective);
    REQUIRE(ev.timed.routes.size() == solved.routes.size());
    for (size_t r = 0; r < solved.routes.size(); ++r) CHECK(ev.timed.routes[r].steps == solved.routes[r].steps);
}
