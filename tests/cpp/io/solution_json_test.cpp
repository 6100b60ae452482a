#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/model/problem_builder.hpp"
#include "../plan_step_support.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

constexpr Time kDay = 1'795'392'000;  // 2026-11-23T00:00:00Z

Problem two_engineer_problem() {
    ProblemBuilder b;
    for (const char* id : {"eng-1", "eng-2"}) {
        Engineer e;
        e.id = id;
        e.start.matrix_index = 0;
        e.shifts = {{kDay + 8 * 3600, kDay + 12 * 3600}, {kDay + 13 * 3600, kDay + 17 * 3600}};
        e.breaks = {{"lunch", {{kDay + 11 * 3600, kDay + 14 * 3600}}, 1800}};
        e.capacity = {5, 3};
        b.add_engineer(e);
    }
    for (int i = 1; i <= 4; ++i) {
        Job j;
        j.id = "T-";
        j.id += std::to_string(i);  // appended: GCC 12 -O3 warns falsely (-Wrestrict) on "T-" + ...
        j.location.matrix_index = i;
        j.duration = 1200;
        j.demand = {1, 1};
        b.add_job(j);
    }
    TravelMatrices tm;
    tm.durations = DurationMatrix::constant(5, 5, 600);
    tm.distances = DistanceMatrix::constant(5, 5, 7000);
    b.set_travel(tm);
    return b.build();
}

using test_support::step;

// A plan that need not be feasible (reading does not check): every step kind,
// every reason, odd stats.
Solution full_solution() {
    Solution s;
    Route r;
    r.engineer = 1;
    r.shift = 1;
    const Time t0 = kDay + 13 * 3600;
    r.steps = {step(StepKind::start, -1, t0, t0, t0, 0, 0, {2, 2}, 0),
               step(StepKind::job, 2, t0 + 600, t0 + 900, t0 + 2100, 600, 7000, {1, 1}, 0),
               step(StepKind::break_, 0, t0 + 2100, t0 + 2100, t0 + 3900, 0, 0, {1, 1}, 0),
               step(StepKind::job, 0, t0 + 4500, t0 + 4500, t0 + 5700, 600, 7000, {0, 0}, 45),
               step(StepKind::end, -1, t0 + 6300, t0 + 6300, t0 + 6300, 600, 7000, {0, 0}, 0)};
    r.travel_time = 1800;
    r.distance = 21000;
    r.service_time = 2400;
    r.waiting_time = 300;
    r.working_time = 6300;
    r.lateness = 45;
    r.cost = 1800;
    s.routes.push_back(r);
    Route r2 = r;
    r2.engineer = 0;
    r2.shift = 0;
    r2.steps.erase(r2.steps.begin() + 2);  // no break
    s.routes.push_back(r2);
    s.unassigned = {{1, UnassignedReason::no_qualified_engineer, "nobody holds \"plumbing\""},
                    {3, UnassignedReason::not_inserted, ""}};
    for (auto reason : {UnassignedReason::window_unreachable, UnassignedReason::capacity, UnassignedReason::max_jobs,
                        UnassignedReason::shift_too_short, UnassignedReason::too_costly})
        s.unassigned.push_back({3, reason, to_string(reason)});
    s.objective = {2'000'000'000, 45, 3600, 7};
    s.stats = {1.2345678901234567, 123'456'789, 4321, 18'446'744'073'709'551'615ULL, "alns", "stagnation"};
    return s;
}

InputError read_error(const Problem& p, const json& doc) {
    try {
        (void)solution_from_json(p, doc.dump());
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for " << doc.dump());
    return InputError("", "");
}

}  // namespace

TEST_CASE("a solution round-trips exactly", "[io][solution]") {
    const Problem p = two_engineer_problem();
    const Solution s = full_solution();
    const std::string text = solution_to_json(p, s);
    REQUIRE(solution_from_json(p, text) == s);
    REQUIRE(solution_to_json(p, solution_from_json(p, text)) == text);

    const json doc = json::parse(text);
    CHECK(doc["format"] == "fsdispatch-solution");
    CHECK(doc["version"] == 1);
    CHECK(doc["objective"]["total"] == 2'000'003'652LL);
    CHECK(doc["routes"][0]["engineer"] == "eng-2");
    CHECK(doc["routes"][0]["steps"][0]["type"] == "start");
    CHECK_FALSE(doc["routes"][0]["steps"][0].contains("id"));
    CHECK(doc["routes"][0]["steps"][1]["id"] == "T-3");
    CHECK(doc["routes"][0]["steps"][2]["type"] == "break");
    CHECK(doc["routes"][0]["steps"][2]["id"] == "lunch");
    CHECK(doc["routes"][0]["steps"][4]["type"] == "end");
    CHECK(doc["unassigned"][0]["reason"] == "no_qualified_engineer");
    CHECK(doc["stats"]["seed"] == 18'446'744'073'709'551'615ULL);
}

TEST_CASE("a solution round-trips with ISO times", "[io][solution]") {
    const Problem p = two_engineer_problem();
    const Solution s = full_solution();
    const std::string text = solution_to_json(p, s, JsonWriteOptions{-1, -5 * 3600});
    const json doc = json::parse(text);
    CHECK(doc["routes"][0]["steps"][0]["arrival"] == "2026-11-23T08:00:00-05:00");
    CHECK(doc["routes"][0]["steps"][1]["start"] == "2026-11-23T08:15:00-05:00");
    CHECK(doc["routes"][0]["steps"][1]["waiting"] == 300);
    REQUIRE(solution_from_json(p, text) == s);
}

TEST_CASE("an empty solution round-trips", "[io][solution]") {
    const Problem p = two_engineer_problem();
    REQUIRE(solution_from_json(p, solution_to_json(p, Solution{})) == Solution{});
    REQUIRE(solution_from_json(p, "{}") == Solution{});
}

TEST_CASE("the stop reason is written when known and read back", "[io][solution]") {
    const Problem p = two_engineer_problem();
    Solution s = full_solution();
    for (const char* reason : {"time_limit", "iteration_limit", "stagnation", "cancelled", "interrupted"}) {
        s.stats.stop_reason = reason;
        const std::string text = solution_to_json(p, s);
        CHECK(json::parse(text)["stats"]["stop_reason"] == reason);
        CHECK(solution_from_json(p, text).stats.stop_reason == reason);
    }
    s.stats.stop_reason.clear();
    const json doc = json::parse(solution_to_json(p, s));
    CHECK_FALSE(doc["stats"].contains("stop_reason"));
    CHECK(solution_from_json(p, doc.dump()) == s);

    json bad = doc;
    bad["stats"]["stop_reason"] = "boredom";
    const InputError e = read_error(p, bad);
    CHECK(e.path() == "/stats/stop_reason");
    CHECK_THAT(e.message(), Catch::Contains("boredom") && Catch::Contains("interrupted"));
    bad["stats"]["stop_reason"] = 3;
    CHECK(read_error(p, bad).path() == "/stats/stop_reason");
}

TEST_CASE("bad solution input names the exact field", "[io][solution][errors]") {
    const Problem p = two_engineer_problem();
    const json good = json::parse(solution_to_json(p, full_solution()));

    json doc = good;
    doc["routes"][1]["engineer"] = "eng-7";
    CHECK(read_error(p, doc).path() == "/routes/1/engineer");
    doc = good;
    doc["routes"][0]["shift"] = 2;
    CHECK(read_error(p, doc).path() == "/routes/0/shift");
    doc = good;
    doc["routes"][0]["shift"] = -1;
    CHECK(read_error(p, doc).path() == "/routes/0/shift");
    doc = good;
    doc["routes"][0]["steps"][3]["id"] = "T-99";
    CHECK(read_error(p, doc).path() == "/routes/0/steps/3/id");
    doc = good;
    doc["routes"][0]["steps"][2]["id"] = "dinner";
    CHECK(read_error(p, doc).path() == "/routes/0/steps/2/id");
    doc = good;
    doc["routes"][0]["steps"][2].erase("id");
    CHECK(read_error(p, doc).path() == "/routes/0/steps/2");
    doc = good;
    doc["routes"][0]["steps"][0]["id"] = "T-1";
    CHECK(read_error(p, doc).path() == "/routes/0/steps/0/id");
    doc = good;
    doc["routes"][0]["steps"][1]["type"] = "visit";
    CHECK(read_error(p, doc).path() == "/routes/0/steps/1/type");
    doc = good;
    doc["routes"][0]["steps"][1]["arrival"] = "noon";
    CHECK(read_error(p, doc).path() == "/routes/0/steps/1/arrival");
    doc = good;
    doc["routes"][0]["steps"][1]["waiting"] = 1.5;
    CHECK(read_error(p, doc).path() == "/routes/0/steps/1/waiting");
    doc = good;
    doc["routes"][0]["steps"][1]["load"][1] = "x";
    CHECK(read_error(p, doc).path() == "/routes/0/steps/1/load/1");
    doc = good;
    doc["routes"][0]["steps"][1]["colour"] = "red";
    CHECK(read_error(p, doc).path() == "/routes/0/steps/1/colour");
    doc = good;
    doc["unassigned"][1]["id"] = "T-0";
    CHECK(read_error(p, doc).path() == "/unassigned/1/id");
    doc = good;
    doc["unassigned"][1]["reason"] = "bad_luck";
    const InputError reason = read_error(p, doc);
    CHECK(reason.path() == "/unassigned/1/reason");
    CHECK_THAT(reason.message(), Catch::Contains("bad_luck"));
    doc = good;
    doc["objective"]["total"] = 1;
    const InputError total = read_error(p, doc);
    CHECK(total.path() == "/objective/total");
    CHECK_THAT(total.message(), Catch::Contains("2000003652"));
    doc = good;
    doc["stats"]["seed"] = -1;
    CHECK(read_error(p, doc).path() == "/stats/seed");
    doc = good;
    doc["format"] = "fsdispatch-problem";
    CHECK(read_error(p, doc).path() == "/format");
    doc = good;
    doc["version"] = 3;
    CHECK(read_error(p, doc).path() == "/version");
    try {
        (void)solution_from_json(p, "{\"routes\": [");
        FAIL("no error for truncated text");
    } catch (const InputError& e) {
        CHECK(e.path().empty());
        CHECK_THAT(e.message(), Catch::Contains("line 1"));
    }
}

TEST_CASE("the documented example solution is canonical output for the example problem", "[io][solution]") {
    const std::string data = FSD_TEST_DATA;
    const Problem p = read_problem_file(data + "/io_problem_small.json");
    std::ifstream in(data + "/io_solution_small.json");
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    const Solution s = solution_from_json(p, text.str());
    REQUIRE(s.routes.size() == 2);
    CHECK(s.routes[0].steps[2].kind == StepKind::break_);
    CHECK(s.objective.total() == 1334);
    // Writing it back with the same offset gives the same document.
    CHECK(json::parse(solution_to_json(p, s, JsonWriteOptions{2, 3600})) == json::parse(text.str()));
    // The travel in the example is the problem's own: every leg matches the matrices.
    for (const Route& r : s.routes) {
        Index at = p.start_location(r.engineer);
        for (const Step& st : r.steps) {
            if (st.kind == StepKind::start || st.kind == StepKind::break_) continue;
            const Index to = st.kind == StepKind::job ? p.job_location(st.index) : p.end_location(r.engineer);
            CHECK(st.travel_time == p.durations(r.engineer)(at, to));
            CHECK(st.travel_distance == p.distances()(at, to));
            at = to;
        }
    }
}
