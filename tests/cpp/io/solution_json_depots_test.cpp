// Depot steps and the "stock" fix in plan JSON: written, read back exactly,
// refused by path when malformed; plans without depots are written as before.
// Also the other writers of plans: VROOM's output and the route map.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/io/route_map_svg.hpp"
#include "fsd/io/vroom_json.hpp"
#include "fsd/model/problem_builder.hpp"
#include "../plan_step_support.hpp"

using namespace fsd;
using nlohmann::json;
using test_support::step;

namespace {

// E at row 0, job J at row 1 needing a drill and 2 filters, depot D at row 2.
Problem depot_problem() {
    Engineer e;
    e.id = "E";
    e.start.matrix_index = 0;
    e.shifts = {{0, 36000}};
    Job j;
    j.id = "J";
    j.location.matrix_index = 1;
    j.duration = 300;
    j.tools = {"drill"};
    j.parts = {{"filter", 2}};
    Depot d;
    d.id = "D";
    d.location.matrix_index = 2;
    d.duration = 60;
    d.tools = {"drill"};
    d.parts = {"filter"};
    TravelMatrices tm;
    tm.durations = DurationMatrix::constant(3, 3, 100);
    tm.distances = DistanceMatrix::constant(3, 3, 1000);
    ProblemBuilder b;
    b.add_engineer(e).add_job(j).add_depot(d).set_travel(tm);
    return b.build();
}

Solution depot_plan(std::vector<std::string> tools, std::vector<PartCount> parts) {
    Route r;
    r.engineer = 0;
    Step d = step(StepKind::depot, 0, 100, 100, 160, 100, 1000);
    d.pickup_tools = std::move(tools);
    d.pickup_parts = std::move(parts);
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0, 0), d, step(StepKind::job, 0, 260, 260, 560, 100, 1000),
               step(StepKind::end, -1, 660, 660, 660, 100, 1000)};
    r.travel_time = 300;
    r.distance = 3000;
    r.cost = 300;
    Solution s;
    s.routes = {r};
    s.objective.travel = 300;
    return s;
}

// The text of a plan with step 1 of route 0 replaced by `depot_step`.
std::string with_step(const Problem& p, const json& depot_step) {
    json doc = json::parse(solution_to_json(p, depot_plan({"drill"}, {{"filter", 1}})));
    doc["routes"][0]["steps"][1] = depot_step;
    return doc.dump();
}

std::string error_path(const Problem& p, const std::string& text) {
    try {
        solution_from_json(p, text);
    } catch (const InputError& e) {
        return e.path();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("a depot step is written with its id and pickup and read back exactly", "[io][depot]") {
    const Problem p = depot_problem();
    const Solution s = depot_plan({"drill"}, {{"filter", 1}});
    const std::string text = solution_to_json(p, s);
    const json step1 = json::parse(text)["routes"][0]["steps"][1];
    CHECK(step1["type"] == "depot");
    CHECK(step1["id"] == "D");
    CHECK(step1["pickup"] == json::parse(R"({"tools": ["drill"], "parts": {"filter": 1}})"));
    CHECK(solution_from_json(p, text) == s);
    // The plan reader keeps the stop and what it picks up, without the times.
    const Solution plan = plan_from_json(p, text);
    REQUIRE(plan.routes[0].steps.size() == 4);
    CHECK(plan.routes[0].steps[1].kind == StepKind::depot);
    CHECK(plan.routes[0].steps[1].index == 0);
    CHECK(plan.routes[0].steps[1].pickup_tools == std::vector<std::string>{"drill"});
    CHECK(plan.routes[0].steps[1].pickup_parts == std::vector<PartCount>{{"filter", 1}});
}

TEST_CASE("empty pickup members are left out", "[io][depot]") {
    const Problem p = depot_problem();
    SECTION("parts only") {
        const Solution s = depot_plan({}, {{"filter", 2}});
        const std::string text = solution_to_json(p, s);
        CHECK(json::parse(text)["routes"][0]["steps"][1]["pickup"] == json::parse(R"({"parts": {"filter": 2}})"));
        CHECK(solution_from_json(p, text) == s);
    }
    SECTION("nothing") {
        const Solution s = depot_plan({}, {});
        const std::string text = solution_to_json(p, s);
        CHECK_FALSE(json::parse(text)["routes"][0]["steps"][1].contains("pickup"));
        CHECK(solution_from_json(p, text) == s);
    }
}

TEST_CASE("a plan without depot stops has no pickup anywhere", "[io][depot]") {
    const Problem p = depot_problem();
    Solution s = depot_plan({}, {});
    s.routes[0].steps.erase(s.routes[0].steps.begin() + 1);
    const std::string text = solution_to_json(p, s);
    CHECK(text.find("pickup") == std::string::npos);
    CHECK(text.find("depot") == std::string::npos);
    CHECK(solution_from_json(p, text) == s);
}

TEST_CASE("the stock fix round-trips with its item and depot", "[io][depot]") {
    const Problem p = depot_problem();
    Solution s;
    Unassigned u;
    u.job = 0;
    u.reason = UnassignedReason::parts_unavailable;
    u.detail = "no depot has it";
    UnassignedFix f;
    f.kind = "stock";
    f.item = "compressor";
    f.depot = "D";
    f.amount = 2;
    f.sentence = "2 × \"compressor\" at depot \"D\" would let it in.";
    u.fix = f;
    s.unassigned = {u};
    const std::string text = solution_to_json(p, s);
    const json fix = json::parse(text)["unassigned"][0]["fix"];
    CHECK(fix["item"] == "compressor");
    CHECK(fix["depot"] == "D");
    CHECK(json::parse(text)["unassigned"][0]["reason"] == "parts_unavailable");
    CHECK(solution_from_json(p, text) == s);
}

TEST_CASE("malformed depot steps are refused by path", "[io][depot]") {
    const Problem p = depot_problem();
    json d = json::parse(solution_to_json(p, depot_plan({"drill"}, {{"filter", 1}})))["routes"][0]["steps"][1];
    SECTION("an unknown depot id") {
        d["id"] = "Nowhere";
        CHECK(error_path(p, with_step(p, d)) == "/routes/0/steps/1/id");
    }
    SECTION("no id") {
        d.erase("id");
        CHECK(error_path(p, with_step(p, d)) == "/routes/0/steps/1");
    }
    SECTION("a count of 0") {
        d["pickup"]["parts"]["filter"] = 0;
        CHECK(error_path(p, with_step(p, d)) == "/routes/0/steps/1/pickup/parts/filter");
    }
    SECTION("parts as an array") {
        d["pickup"]["parts"] = json::array({"filter"});
        CHECK(error_path(p, with_step(p, d)) == "/routes/0/steps/1/pickup/parts");
    }
    SECTION("an unknown pickup member") {
        d["pickup"]["vans"] = 1;
        CHECK(error_path(p, with_step(p, d)) == "/routes/0/steps/1/pickup/vans");
    }
    SECTION("a pickup on a job step") {
        json doc = json::parse(with_step(p, d));
        doc["routes"][0]["steps"][2]["pickup"] = json::parse(R"({"tools": ["drill"]})");
        CHECK(error_path(p, doc.dump()) == "/routes/0/steps/2/pickup");
    }
}

TEST_CASE("VROOM's output writes a depot stop as a step of type depot with the depot id", "[io][depot][vroom]") {
    // VROOM input has no depots: the problem read from it is swapped for one
    // with the same vehicle and job plus a depot on the matrix's third row.
    const char* text = R"({"vehicles": [{"id": 7, "start_index": 0, "end_index": 0}],
                           "jobs": [{"id": 11, "location_index": 1, "service": 300}],
                           "matrices": {"car": {"durations": [[0, 100, 100], [100, 0, 100], [100, 100, 0]]}}})";
    VroomInput in = vroom_from_json(text);
    ProblemBuilder b;
    for (const Engineer& e : in.problem.engineers()) b.add_engineer(e);
    Job j = in.problem.job(0);
    j.parts = {{"filter", 1}};
    b.add_job(j);
    Depot d;
    d.id = "D";
    d.location.matrix_index = 2;
    d.duration = 60;
    d.parts = {"filter"};
    b.add_depot(d);
    TravelMatrices tm;
    tm.durations = DurationMatrix::constant(3, 3, 100);
    tm.distances = DistanceMatrix::constant(3, 3, 100);
    for (std::ptrdiff_t k = 0; k < 3; ++k) tm.durations(k, k) = tm.distances(k, k) = 0;
    b.set_travel(tm);
    b.set_weights(in.problem.weights());
    in.problem = b.build();

    const Time t0 = in.problem.engineer(0).shifts[0].start;
    Route r;
    r.engineer = 0;
    Step stop = step(StepKind::depot, 0, t0 + 100, t0 + 100, t0 + 160, 100);
    stop.pickup_parts = {{"filter", 1}};
    r.steps = {step(StepKind::start, -1, t0, t0, t0, 0), stop, step(StepKind::job, 0, t0 + 260, t0 + 260, t0 + 560, 100),
               step(StepKind::end, -1, t0 + 660, t0 + 660, t0 + 660, 100)};
    Solution s;
    s.routes = {r};
    const json out = json::parse(vroom_output_json(in, s, -1));
    const json& steps = out["routes"][0]["steps"];
    REQUIRE(steps.size() == 4);
    CHECK(steps[1]["type"] == "depot");
    CHECK(steps[1]["id"] == "D");
    CHECK(steps[1]["service"] == 60);
    CHECK(steps[2]["type"] == "job");
    CHECK(steps[2]["id"] == 11);
}

TEST_CASE("the route map draws the depot and runs the route's line through its stop", "[io][depot][svg]") {
    Engineer e;
    e.id = "E";
    e.start.coords = Coordinates{52.50, 13.40};
    e.shifts = {{0, 36000}};
    Job j;
    j.id = "J";
    j.location.coords = Coordinates{52.52, 13.42};
    j.parts = {{"filter", 1}};
    Depot d;
    d.id = "North";
    d.location.coords = Coordinates{52.55, 13.38};
    d.parts = {"filter"};
    ProblemBuilder b;
    b.add_engineer(e).add_job(j).add_depot(d);
    const Problem p = b.build();
    Route r;
    r.steps = {step(StepKind::start, -1, 0, 0, 0, 0), step(StepKind::depot, 0, 0, 0, 0, 0),
               step(StepKind::job, 0, 0, 0, 0, 0), step(StepKind::end, -1, 0, 0, 0, 0)};
    Solution s;
    s.routes = {r};
    const std::string svg = route_map_svg(p, s);
    CHECK(svg.find("<title>depot North</title>") != std::string::npos);
    // Home, the depot, the job, home: four points on the route's line.
    const auto from = svg.find("<polyline points=\"");
    REQUIRE(from != std::string::npos);
    const std::string points = svg.substr(from + 18, svg.find('"', from + 18) - from - 18);
    CHECK(std::count(points.begin(), points.end(), ' ') == 3);
}
