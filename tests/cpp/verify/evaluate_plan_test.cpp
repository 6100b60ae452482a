#include "fsd/evaluate.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"

using namespace fsd;

namespace {

// Locations: 0 depot, 1 J1 (and J4, J5, J7), 2 J2 (and J6), 3 J3. Travel in
// seconds; distances are ten times the durations.
//   E1: 08:00-10:00, gas 2, capacity 3          (the timing case)
//   E2: all day, gas 1, capacity 1, at most 1 job, at most 1000 s of travel
//   E3: 00:00-05:33:20, lunch 30 min in [00:16:40, 01:23:20]
Problem tiny_problem() {
    TravelMatrices travel;
    travel.durations = DurationMatrix{{0, 600, 1200, 900},  //
                                      {600, 0, 300, 1000},  //
                                      {1200, 300, 0, 3000}, //
                                      {900, 1000, 3000, 0}};
    travel.distances = travel.durations;
    for (TravelValue& v : travel.distances) v *= 10;

    auto engineer = [](std::string id, TimeWindow shift) {
        Engineer e;
        e.id = std::move(id);
        e.start.matrix_index = 0;
        e.shifts = {shift};
        return e;
    };
    Engineer e1 = engineer("E1", {28800, 36000});
    e1.skills = {{"gas", 2}};
    e1.capacity = {3};
    Engineer e2 = engineer("E2", {0, 86400});
    e2.skills = {{"gas", 1}};
    e2.capacity = {1};
    e2.max_jobs = 1;
    e2.max_travel_time = 1000;
    Engineer e3 = engineer("E3", {0, 20000});
    e3.breaks = {{"lunch", {{1000, 5000}}, 1800}};

    auto job = [](std::string id, Index loc, Duration dur) {
        Job j;
        j.id = std::move(id);
        j.location.matrix_index = loc;
        j.duration = dur;
        j.demand = {1};
        return j;
    };
    Job j1 = job("J1", 1, 600);
    j1.time_windows = {{30000, 40000}};
    Job j2 = job("J2", 2, 1200);
    j2.sla = SlaDeadline{30800, false, 1};
    Job j3 = job("J3", 3, 900);
    j3.time_windows = {{30000, 33000}};
    j3.skills = {{"gas", 1}};
    Job j4 = job("J4", 1, 0);
    j4.skills = {{"gas", 2}};
    Job j5 = job("J5", 1, 600);
    j5.demand = {0};
    Job j6 = job("J6", 2, 600);
    j6.demand = {0};
    Job j7 = job("J7", 1, 6000);
    j7.demand = {0};
    j7.optional = true;
    j7.penalty = 10;
    Job j8 = job("J8", 3, 0);
    j8.demand = {0};
    j8.sla = SlaDeadline{200, true, 1};

    ProblemBuilder b;
    for (const auto& e : {e1, e2, e3}) b.add_engineer(e);
    for (const auto& j : {j1, j2, j3, j4, j5, j6, j7, j8}) b.add_job(j);
    b.set_travel(travel);
    return b.build();
}

Route route_of(Index engineer, std::vector<std::pair<StepKind, Index>> steps) {
    Route r;
    r.engineer = engineer;
    for (const auto& [kind, index] : steps) {
        Step s;
        s.kind = kind;
        s.index = index;
        r.steps.push_back(s);
    }
    return r;
}

const PlanViolation* find_kind(const PlanEvaluation& ev, const std::string& kind) {
    for (const auto& v : ev.violations)
        if (v.kind == kind) return &v;
    return nullptr;
}

constexpr auto J = StepKind::job;
constexpr auto B = StepKind::break_;

}  // namespace

TEST_CASE("a hand plan is timed in its own order, late visits start late", "[verify][evaluate]") {
    const Problem p = tiny_problem();
    Solution plan;
    plan.routes = {route_of(0, {{J, 0}, {J, 1}, {J, 2}})};
    const PlanEvaluation ev = evaluate_plan(p, plan);
    REQUIRE(ev.routes.size() == 1);
    const auto& s = ev.routes[0].steps;
    REQUIRE(s.size() == 5);
    // Leaves at 08:10 so that it reaches J1 as its window opens at 08:20.
    CHECK(s[0].end == 29400);
    CHECK(s[0].load == std::vector<Amount>{3});
    CHECK(s[1].arrival == 30000);
    CHECK(s[1].start == 30000);
    CHECK(s[1].waiting == 0);
    CHECK(s[1].end == 30600);
    CHECK(s[1].load == std::vector<Amount>{2});
    // J2 has no window: starts on arrival, 100 s after its soft deadline.
    CHECK(s[2].arrival == 30900);
    CHECK(s[2].start == 30900);
    CHECK(s[2].sla_lateness == 100);
    CHECK(s[2].end == 32100);
    // J3's window closed at 33000; the 50-minute drive brings the engineer at 35100.
    CHECK(s[3].arrival == 35100);
    CHECK(s[3].start == 35100);
    CHECK(s[3].window_lateness == 2100);
    CHECK(s[3].end == 36000);
    CHECK(s[3].load == std::vector<Amount>{0});
    CHECK(s[4].arrival == 36900);
    const RouteEvaluation& r = ev.routes[0];
    CHECK(r.travel_time == 4800);
    CHECK(r.distance == 48000);
    CHECK(r.waiting == 0);
    CHECK(r.lateness == 100);
    CHECK(r.window_lateness == 2100);
    CHECK(r.overtime == 900);
    CHECK(r.cost == 4800);

    const PlanViolation* tw = find_kind(ev, "time_window");
    REQUIRE(tw != nullptr);
    CHECK(tw->job == 2);
    CHECK(tw->engineer == 0);
    CHECK(tw->cause ==
          "Job \"J3\" starts at 09:45, 35 min after its window closes at 09:10, because the engineer leaves "
          "job \"J2\" at 08:55 and the drive from job \"J2\" takes 50 min.");
    const PlanViolation* end = find_kind(ev, "shift_end");
    REQUIRE(end != nullptr);
    CHECK(end->cause.rfind("The route of \"E1\" returns at 10:15, 15 min after the shift ends at 10:00", 0) == 0);
    // The other five jobs are mandatory and left out (J7 is optional).
    int unserved = 0;
    for (const auto& v : ev.violations) unserved += v.kind == "unserved";
    CHECK(unserved == 4);
    CHECK(ev.violations.size() == 6);

    CHECK(ev.objective.travel == 4800);
    CHECK(ev.objective.lateness == 100);
    CHECK(ev.objective.unassigned == 4 * 1'000'000'000LL + 10);
    CHECK(ev.figures.served == 3);
    CHECK(ev.figures.objective == ev.objective.total());
    CHECK(ev.figures.violations == 6);
}

TEST_CASE("skills, capacity, max jobs and max travel are stated with their amounts", "[verify][evaluate]") {
    const Problem p = tiny_problem();
    Solution plan;
    plan.routes = {route_of(1, {{J, 3}, {J, 1}})};
    const PlanEvaluation ev = evaluate_plan(p, plan);
    const PlanViolation* skill = find_kind(ev, "incompatible");
    REQUIRE(skill != nullptr);
    CHECK(skill->job == 3);
    CHECK(skill->cause == "Engineer \"E2\" lacks skill \"gas\" level 2 for job \"J4\" (holds level 1).");
    const PlanViolation* cap = find_kind(ev, "capacity");
    REQUIRE(cap != nullptr);
    CHECK(cap->cause ==
          "Engineer \"E2\" must leave with 2 in dimension 0 (\"J4\" 1, \"J2\" 1), 1 more than the capacity of 1; "
          "the load on departure is [2].");
    const PlanViolation* jobs = find_kind(ev, "max_jobs");
    REQUIRE(jobs != nullptr);
    CHECK(jobs->cause == "Engineer \"E2\" has 2 jobs in shift 0, 1 more than the limit of 1.");
    const PlanViolation* drive = find_kind(ev, "max_travel_time");
    REQUIRE(drive != nullptr);
    // 600 + 300 + 1200 s.
    CHECK(drive->cause == "Engineer \"E2\" drives 35 min in shift 0, 18 min 20 s more than the limit of 16 min 40 s.");
    CHECK(ev.routes[0].travel_time == 2100);
}

TEST_CASE("a missed hard SLA deadline is a violation with its cause", "[verify][evaluate]") {
    const Problem p = tiny_problem();
    Solution plan;
    plan.routes = {route_of(2, {{J, 7}})};
    const PlanEvaluation ev = evaluate_plan(p, plan);
    const PlanViolation* sla = find_kind(ev, "sla_deadline");
    REQUIRE(sla != nullptr);
    CHECK(sla->job == 7);
    CHECK(sla->cause ==
          "Job \"J8\" starts at 00:15, 11 min 40 s after its hard SLA deadline at 00:03:20, because the engineer "
          "leaves the start at 00:00 and the drive from the start takes 15 min.");
    CHECK(ev.routes[0].lateness == 700);
    CHECK(ev.objective.lateness == 700);
}

TEST_CASE("breaks the plan leaves out are placed, and a late break is reported", "[verify][evaluate]") {
    const Problem p = tiny_problem();
    Solution plan;
    plan.routes = {route_of(2, {{J, 4}, {J, 5}})};
    const PlanEvaluation ev = evaluate_plan(p, plan);
    const auto& s = ev.routes[0].steps;
    REQUIRE(s.size() == 5);
    CHECK(s[0].end == 0);
    CHECK(s[1].start == 600);
    CHECK(s[2].arrival == 1500);
    CHECK(s[2].end == 2100);
    // Lunch could not fit before a job, so it is taken before driving home.
    CHECK(s[3].kind == StepKind::break_);
    CHECK(s[3].inserted_break);
    CHECK(s[3].start == 2100);
    CHECK(s[3].end == 3900);
    CHECK(s[4].arrival == 5100);
    CHECK(ev.routes[0].violations.empty());
    // The recomputed plan satisfies the independent checker.
    CHECK(verify(p, ev.timed).ok());
    CHECK(ev.objective.travel == 600 + 300 + 1200);

    Solution late;
    late.routes = {route_of(2, {{J, 6}, {B, 0}})};
    const PlanEvaluation lev = evaluate_plan(p, late);
    const PlanViolation* bw = find_kind(lev, "break_window");
    REQUIRE(bw != nullptr);
    CHECK(bw->cause ==
          "Engineer \"E3\" takes break \"lunch\" at 01:50, 26 min 40 s after its last window closes at 01:23:20, "
          "because the engineer leaves job \"J7\" at 01:50.");
    CHECK(lev.routes[0].steps[2].window_lateness == 1600);
}

TEST_CASE("the solver's own plan evaluates clean with verify's objective", "[verify][evaluate]") {
    GenerateOptions g;
    g.engineers = 3;
    g.jobs = 15;
    g.seed = 7;
    const Problem p = generate_problem(g);
    SolveOptions o;
    o.time_limit_seconds = 5.0;
    o.iteration_limit = 200;
    const Solution solved = solve(p, o);
    const PlanEvaluation ev = evaluate_plan(p, solved);
    for (const auto& v : ev.violations) CHECK(v.kind == "unserved");  // only jobs the solver left out
    CHECK(ev.objective == verify(p, solved).objective);
    REQUIRE(ev.timed.routes.size() == solved.routes.size());
    for (size_t r = 0; r < solved.routes.size(); ++r) CHECK(ev.timed.routes[r].steps == solved.routes[r].steps);

    // Read back from the solver's JSON (times present, ignored) it is the same plan.
    const PlanEvaluation read = evaluate_plan(p, plan_from_json(p, solution_to_json(p, solved)));
    CHECK(read.objective == ev.objective);
    CHECK(read.timed.routes == ev.timed.routes);

    const PlanComparison cmp = compare_with_solver(p, solved, o);
    CHECK(cmp.difference.objective == 0);
    CHECK(cmp.saving == ObjectiveParts{});
    CHECK(cmp.solver.figures == ev.figures);
}

TEST_CASE("a poor hand plan costs more than the solver's", "[verify][evaluate]") {
    const Problem p = tiny_problem();
    Solution plan;
    plan.routes = {route_of(0, {{J, 0}, {J, 1}, {J, 2}})};
    SolveOptions o;
    o.iteration_limit = 100;
    const PlanComparison cmp = compare_with_solver(p, plan, o);
    CHECK(cmp.difference.objective == cmp.given.figures.objective - cmp.solver.figures.objective);
    CHECK(cmp.difference.objective > 0);
    CHECK(cmp.saving.total() == cmp.difference.objective);
    CHECK(cmp.difference.served == cmp.given.figures.served - cmp.solver.figures.served);
    const std::string json = evaluation_to_json(p, cmp.given, &cmp);
    CHECK(json.find("\"fsdispatch-evaluation\"") != std::string::npos);
    CHECK(json.find("\"comparison\"") != std::string::npos);
}

TEST_CASE("bad plans are refused with the path of the field", "[verify][evaluate]") {
    const Problem p = tiny_problem();
    auto path_of = [&](const std::string& text) {
        try {
            evaluate_plan(p, plan_from_json(p, text));
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("(accepted)");
    };
    CHECK(path_of(R"({"routes": [{"engineer": "E1", "steps": [{"type": "job", "id": "J99"}]}]})") ==
          "/routes/0/steps/0/id");
    CHECK(path_of(R"({"routes": [{"engineer": "E9", "steps": []}]})") == "/routes/0/engineer");
    CHECK(path_of(R"({"routes": [{"engineer": "E1", "steps": [{"type": "job", "id": "J1"}]},
                                 {"engineer": "E2", "steps": [{"type": "start"}, {"type": "job", "id": "J1"}]}]})") ==
          "/routes/1/steps/1/id");
    CHECK(path_of(R"({"routes": [{"engineer": "E1", "shift": 3, "steps": []}]})") == "/routes/0/shift");
    CHECK(path_of(R"({"routes": [{"engineer": "E1", "steps": [{"type": "job", "id": "J1", "arival": 0}]}]})") ==
          "/routes/0/steps/0/arival");
    // Times are optional, and ignored when given.
    const Solution ok = plan_from_json(
        p, R"({"routes": [{"engineer": "E1", "steps": [{"type": "job", "id": "J1", "start": 1}, {"type": "job", "id": "J2"}]}]})");
    CHECK(evaluate_plan(p, ok).routes[0].steps[1].start == 30000);

    Solution twice;
    twice.routes = {route_of(0, {{J, 0}}), route_of(0, {{J, 1}})};
    try {
        evaluate_plan(p, twice);
        FAIL("a shift planned twice was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/routes/1/shift");
    }
}
