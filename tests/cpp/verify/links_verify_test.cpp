// The verifier's link rules: both visits served or neither, the second
// starting min_gap..max_gap after the first, by the engineers the link asks
// for; "linked_visit_out" only beside a left-out partner; and the objective's
// max_lateness part.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fsd/model/problem_builder.hpp"
#include "fsd/model/route_steps.hpp"
#include "fsd/verify.hpp"
#include "../plan_step_support.hpp"
#include "verify_test_support.hpp"

using namespace fsd;
using test_support::step;
using verify_test::describe;

namespace {

// Rows: 0 home of A, 1 home of B, 2 site S, 3 site T. A-S 100 s, B-S 300 s,
// S-T 200 s, any other pair 100 or 200 s (distances equal the durations).
TravelMatrices four_places() {
    TravelMatrices m{DurationMatrix{{0, 100, 100, 200}, {100, 0, 300, 200}, {100, 300, 0, 200}, {200, 200, 200, 0}},
                     {}};
    m.distances = m.durations;
    return m;
}

struct DayOptions {
    Duration helper_max_gap = 0;        // link 0: L then H, two engineers
    bool extra_job = false;             // X at T, linked to nothing
    Cost max_lateness_weight = 0;
    bool deadlines = false;             // soft on L (200) and F (1100), hard on H (0)
};

// Engineers A (row 0) and B (row 1), shift 0-20000. Jobs: L (lead) and H
// (helper) at S, 600 s each; F (follow-up) at T, 300 s. Link 0: L -> H, gap
// 0..helper_max_gap, different engineers (a two-person job with the
// defaults); link 1: L -> F, gap 1000..5000, the same engineer.
Problem day(const DayOptions& o = {}) {
    ProblemBuilder b;
    const char* names[] = {"A", "B"};
    for (int e = 0; e < 2; ++e) {
        Engineer eng;
        eng.id = names[e];
        eng.start.matrix_index = e;
        eng.shifts = {{0, 20000}};
        b.add_engineer(eng);
    }
    const auto job = [](const char* id, Index row, Duration duration) {
        Job j;
        j.id = id;
        j.location.matrix_index = row;
        j.duration = duration;
        return j;
    };
    Job l = job("L", 2, 600), h = job("H", 2, 600), f = job("F", 3, 300);
    if (o.deadlines) {
        l.sla = SlaDeadline{200, false, 1};
        f.sla = SlaDeadline{1100, false, 1};
        h.sla = SlaDeadline{0, true, 1};
    }
    b.add_job(l).add_job(h).add_job(f);
    if (o.extra_job) b.add_job(job("X", 3, 100));
    JobLink two_person;
    two_person.first = "L";
    two_person.second = "H";
    two_person.max_gap = o.helper_max_gap;
    b.add_link(two_person);
    b.add_link(JobLink{"L", "F", 1000, 5000, LinkEngineers::same});
    ObjectiveWeights w;
    w.max_lateness = o.max_lateness_weight;
    b.set_weights(w);
    b.set_travel(four_places());
    return b.build();
}

constexpr Index kL = 0, kH = 1, kF = 2;

// A route of `engineer` with its figures filled in; with the default costs
// (3,600 an hour of travel, nothing else) its cost is its travel time.
Route route(const Problem& p, Index engineer, std::vector<Step> steps) {
    Route r;
    r.engineer = engineer;
    r.steps = std::move(steps);
    complete_route(p, r);
    r.cost = r.travel_time;
    return r;
}

// The routes with the objective they state: travel, and the unassigned cost
// of every job in `left_out` (listed with `reasons`).
Solution plan(const Problem& p, std::vector<Route> routes, std::vector<Unassigned> left_out = {}) {
    Solution s;
    s.routes = std::move(routes);
    for (const Route& r : s.routes) s.objective.travel += r.cost;
    for (const Unassigned& u : left_out) s.objective.unassigned += p.unassigned_cost(u.job);
    s.unassigned = std::move(left_out);
    return s;
}

Unassigned out(Index job, UnassignedReason reason) {
    Unassigned u;
    u.job = job;
    u.reason = reason;
    return u;
}

// A: leaves at 200, L at S 300-900, F at T (arrives 1100, waits for the
// 1000 s gap) 1300-1600, home at 1800. `f_start` moves F.
Route a_lead_and_follow_up(const Problem& p, Time f_start = 1300) {
    return route(p, 0,
                 {step(StepKind::start, -1, 200, 200, 200, 0), step(StepKind::job, kL, 300, 300, 900, 100),
                  step(StepKind::job, kF, 1100, f_start, f_start + 300, 200),
                  step(StepKind::end, -1, f_start + 500, f_start + 500, f_start + 500, 200)});
}

// B: leaves at `depart`, H at S from arrival, home 300 s after it ends.
Route b_helper(const Problem& p, Time depart = 0) {
    const Time at = depart + 300;
    return route(p, 1,
                 {step(StepKind::start, -1, depart, depart, depart, 0), step(StepKind::job, kH, at, at, at + 600, 300),
                  step(StepKind::end, -1, at + 900, at + 900, at + 900, 300)});
}

int count(const VerifyReport& report, const std::string& kind) {
    int n = 0;
    for (const auto& v : report.violations) n += v.kind == kind;
    return n;
}

}  // namespace

TEST_CASE("a two-person job started together and a follow-up after its gap verify", "[verify][links]") {
    const Problem p = day();
    const VerifyReport report = verify(p, plan(p, {a_lead_and_follow_up(p), b_helper(p)}));
    INFO(describe(report));
    CHECK(report.ok());
    // A drives 100 + 200 + 200, B 300 + 300.
    CHECK(report.objective.travel == 1100);
    CHECK(report.objective.max_lateness == 0);
}

TEST_CASE("a link served on one side only is link_partial", "[verify][links]") {
    const Problem p = day();
    const Solution s = plan(p, {a_lead_and_follow_up(p)}, {out(kH, UnassignedReason::not_inserted)});
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    REQUIRE(report.violations.size() == 1);
    const Violation& v = report.violations[0];
    CHECK(v.kind == "link_partial");
    CHECK(v.job == kH);
    CHECK(v.route == 0);
    CHECK(v.message.find("job \"L\" is served but job \"H\" is not") != std::string::npos);
}

TEST_CASE("starts outside a link's gap are link_gap with both starts and the gap", "[verify][links]") {
    const Problem p = day();
    SECTION("the helper starts 100 s after the lead") {
        const VerifyReport report = verify(p, plan(p, {a_lead_and_follow_up(p), b_helper(p, 100)}));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        const Violation& v = report.violations[0];
        CHECK(v.kind == "link_gap");
        CHECK(v.job == kH);
        CHECK(v.route == 1);
        CHECK(v.step == 1);
        CHECK(v.message ==
              "The link of job \"L\" to job \"H\" (link 0): job \"L\" starts at 300 and job \"H\" at 400, a gap of "
              "100 s outside 0..0 s.");
    }
    SECTION("the follow-up starts 800 s after the lead, below the 1000 s gap") {
        const VerifyReport report = verify(p, plan(p, {a_lead_and_follow_up(p, 1100), b_helper(p)}));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "link_gap");
        CHECK(report.violations[0].job == kF);
        CHECK(report.violations[0].message.find("a gap of 800 s outside 1000..5000 s") != std::string::npos);
    }
    SECTION("the follow-up starts after the largest gap") {
        const VerifyReport report = verify(p, plan(p, {a_lead_and_follow_up(p, 5400), b_helper(p)}));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "link_gap");
        CHECK(report.violations[0].message.find("a gap of 5100 s") != std::string::npos);
    }
}

TEST_CASE("links served by the wrong engineers are link_engineers", "[verify][links]") {
    SECTION("a two-person job done by one engineer") {
        // The helper may start up to an hour later, so only the engineers are wrong.
        const Problem p = day(DayOptions{.helper_max_gap = 3600});
        // A: L 300-900, H 900-1500, F at T 1700-2000, home 2200.
        const Route a = route(p, 0,
                              {step(StepKind::start, -1, 200, 200, 200, 0), step(StepKind::job, kL, 300, 300, 900, 100),
                               step(StepKind::job, kH, 900, 900, 1500, 0),
                               step(StepKind::job, kF, 1700, 1700, 2000, 200),
                               step(StepKind::end, -1, 2200, 2200, 2200, 200)});
        const VerifyReport report = verify(p, plan(p, {a}));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "link_engineers");
        CHECK(report.violations[0].job == kH);
        CHECK(report.violations[0].message.find("asks for two different engineers, but \"A\" serves both") !=
              std::string::npos);
    }
    SECTION("a follow-up for the same engineer done by another") {
        const Problem p = day();
        const Route a = route(p, 0,
                              {step(StepKind::start, -1, 200, 200, 200, 0), step(StepKind::job, kL, 300, 300, 900, 100),
                               step(StepKind::end, -1, 1000, 1000, 1000, 100)});
        // B: H 300-900, F at T (arrives 1100) 1300-1600, home 1800.
        const Route b = route(p, 1,
                              {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, kH, 300, 300, 900, 300),
                               step(StepKind::job, kF, 1100, 1300, 1600, 200),
                               step(StepKind::end, -1, 1800, 1800, 1800, 200)});
        const VerifyReport report = verify(p, plan(p, {a, b}));
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "link_engineers");
        CHECK(report.violations[0].job == kF);
        CHECK(report.violations[0].message.find("asks for one engineer, but \"A\" serves job \"L\" and \"B\" serves "
                                                "job \"F\"") != std::string::npos);
    }
}

TEST_CASE("linked_visit_out holds only beside a left-out partner", "[verify][links]") {
    const Problem p = day(DayOptions{.extra_job = true});
    const Index x = 3;
    const Route a_x = route(p, 0,
                            {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, x, 200, 200, 300, 200),
                             step(StepKind::end, -1, 500, 500, 500, 200)});
    SECTION("the lead left out for its own reason, helper and follow-up with it") {
        const Solution s = plan(p, {a_x},
                                {out(kL, UnassignedReason::not_inserted), out(kH, UnassignedReason::linked_visit_out),
                                 out(kF, UnassignedReason::linked_visit_out)});
        const VerifyReport report = verify(p, s);
        INFO(describe(report));
        CHECK(report.ok());
    }
    SECTION("a visit left out for its own reason beside a left-out partner keeps it") {
        const Solution s = plan(p, {a_x},
                                {out(kL, UnassignedReason::not_inserted), out(kH, UnassignedReason::window_unreachable),
                                 out(kF, UnassignedReason::linked_visit_out)});
        const VerifyReport report = verify(p, s);
        INFO(describe(report));
        CHECK(report.ok());
    }
    SECTION("a partner that is served does not excuse it") {
        // B serves X instead of the helper; L is served, so H has no excuse.
        const Route b_x = route(p, 1,
                                {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::job, x, 200, 200, 300, 200),
                                 step(StepKind::end, -1, 500, 500, 500, 200)});
        const Solution s = plan(p, {a_lead_and_follow_up(p), b_x}, {out(kH, UnassignedReason::linked_visit_out)});
        const VerifyReport report = verify(p, s);
        INFO(describe(report));
        CHECK(count(report, "unassigned_reason") == 1);
        CHECK(count(report, "link_partial") == 1);
        CHECK(report.violations.size() == 2);
        CHECK(describe(report).find("every visit linked to it is served") != std::string::npos);
    }
    SECTION("a job without links cannot claim it") {
        const Solution s =
            plan(p, {a_lead_and_follow_up(p), b_helper(p)}, {out(x, UnassignedReason::linked_visit_out)});
        const VerifyReport report = verify(p, s);
        INFO(describe(report));
        REQUIRE(report.violations.size() == 1);
        CHECK(report.violations[0].kind == "unassigned_reason");
        CHECK(report.violations[0].job == x);
        CHECK(report.violations[0].message.find("it has no link") != std::string::npos);
    }
}

TEST_CASE("the max_lateness part prices the largest soft SLA lateness", "[verify][links][objective]") {
    const Problem p = day(DayOptions{.max_lateness_weight = 5, .deadlines = true});
    // L starts 100 s after its soft deadline, F 200 s after its soft one, H
    // 300 s after its hard one (a violation, and not in max_lateness).
    Solution s = plan(p, {a_lead_and_follow_up(p), b_helper(p)});
    s.routes[0].steps[1].lateness = 100;
    s.routes[0].steps[2].lateness = 200;
    s.routes[1].steps[1].lateness = 300;
    for (Route& r : s.routes) complete_route(p, r);
    s.objective.lateness = 600;
    s.objective.max_lateness = 5 * 200;
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(report.objective.max_lateness == 1000);
    CHECK(report.objective.lateness == 600);
    CHECK(report.objective.total() == 1100 + 600 + 1000);
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].kind == "sla_deadline");

    s.objective.max_lateness = 5 * 300;
    const VerifyReport wrong = verify(p, s);
    CHECK(count(wrong, "objective") == 1);
    CHECK(describe(wrong).find("The objective's max_lateness part is stated 1500 but is 1000.") != std::string::npos);
}

TEST_CASE("without the weight max_lateness stays 0", "[verify][links][objective]") {
    const Problem p = day(DayOptions{.deadlines = true});
    Solution s = plan(p, {a_lead_and_follow_up(p), b_helper(p)});
    s.routes[0].steps[1].lateness = 100;
    s.routes[0].steps[2].lateness = 200;
    s.routes[1].steps[1].lateness = 300;
    for (Route& r : s.routes) complete_route(p, r);
    s.objective.lateness = 600;
    const VerifyReport report = verify(p, s);
    INFO(describe(report));
    CHECK(report.objective.max_lateness == 0);
    CHECK(count(report, "objective") == 0);
}
