// JSON of overtime (engineer, costs, weight, objective part) and of service
// durations by skill level (job).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "problem_error_path.hpp"
#include "fsd/io/solution_json.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

json doc() {
    return json::parse(R"({
      "format": "fsdispatch-problem", "version": 1,
      "engineers": [
        {"id": "A", "start": {"index": 0}, "shifts": [{"start": 0, "end": 10000}], "skills": [{"skill": "gas", "level": 3}],
         "max_overtime": 1800, "costs": {"overtime_per_hour": 5400}},
        {"id": "B", "start": {"index": 1}, "shifts": [{"start": 0, "end": 10000}]}
      ],
      "jobs": [
        {"id": "T-1", "location": {"index": 2}, "duration": 600, "skills": [{"skill": "gas"}],
         "durations_by_level": [{"level": 2, "duration": 400}, {"level": 3, "duration": 300}]},
        {"id": "T-2", "location": {"index": 2}, "duration": 60}
      ],
      "travel": {"model": "matrix", "durations": [[0, 5, 7], [5, 0, 3], [7, 3, 0]]},
      "weights": {"overtime": 2}
    })");
}

std::string error_path(const json& d) { return problem_error_path(d); }

}  // namespace

TEST_CASE("overtime and level durations are read, written and round-trip exactly", "[io][problem][overtime][levels]") {
    const Problem p = problem_from_json(doc().dump());
    CHECK(p.engineer(0).max_overtime == 1800);
    CHECK(p.engineer(0).costs.overtime_per_hour == 5400);
    CHECK(p.engineer(0).costs.per_hour == 3600);
    CHECK(p.engineer(1).max_overtime == 0);
    CHECK(p.job(0).durations_by_level == std::vector<LevelDuration>{{2, 400}, {3, 300}});
    CHECK(p.job(1).durations_by_level.empty());
    CHECK(p.weights().overtime == 2);
    CHECK(p.service_duration(0, 0) == 300);
    CHECK(p.service_duration(1, 0) == 600);

    const std::string text = problem_to_json(p);
    const json out = json::parse(text);
    CHECK(out["engineers"][0]["max_overtime"] == 1800);
    CHECK(out["engineers"][0]["costs"]["overtime_per_hour"] == 5400);
    CHECK(out["jobs"][0]["durations_by_level"] == json::parse(R"([{"level": 2, "duration": 400}, {"level": 3, "duration": 300}])"));
    CHECK(out["weights"]["overtime"] == 2);
    // Defaults are left out, so problems without the features write as before.
    CHECK_FALSE(out["engineers"][1].contains("max_overtime"));
    CHECK_FALSE(out["engineers"][1]["costs"].contains("overtime_per_hour"));
    CHECK_FALSE(out["jobs"][1].contains("durations_by_level"));
    const Problem again = problem_from_json(text);
    CHECK(again.engineers() == p.engineers());
    CHECK(again.jobs() == p.jobs());
    CHECK(again.weights() == p.weights());
    CHECK(problem_to_json(again) == text);
}

TEST_CASE("old documents without overtime or level durations keep their defaults", "[io][problem][overtime][levels]") {
    json d = doc();
    d["engineers"][0].erase("max_overtime");
    d["engineers"][0].erase("costs");
    d["jobs"][0].erase("durations_by_level");
    d.erase("weights");
    const Problem p = problem_from_json(d.dump());
    CHECK(p.engineer(0).max_overtime == 0);
    CHECK(p.engineer(0).costs == EngineerCosts{});
    CHECK(p.job(0).durations_by_level.empty());
    CHECK(p.weights() == ObjectiveWeights{});
    const json out = json::parse(problem_to_json(p));
    CHECK_FALSE(out["weights"].contains("overtime"));
}

TEST_CASE("bad overtime and level-duration fields are refused by path", "[io][problem][overtime][levels]") {
    json d = doc();
    d["engineers"][0]["max_overtime"] = "PT30M";
    CHECK(error_path(d) == "/engineers/0/max_overtime");
    d = doc();
    d["engineers"][0]["max_overtime"] = -60;
    CHECK(error_path(d) == "/engineers/0/max_overtime");
    d = doc();
    d["engineers"][0]["costs"]["overtime_per_hour"] = "a lot";
    CHECK(error_path(d) == "/engineers/0/costs/overtime_per_hour");
    d = doc();
    d["engineers"][0]["costs"]["overtime_per_hour"] = -1;
    CHECK(error_path(d) == "/engineers/0/costs/overtime_per_hour");
    d = doc();
    d["weights"]["overtime"] = 1.5;
    CHECK(error_path(d) == "/weights/overtime");
    d = doc();
    d["jobs"][0]["durations_by_level"] = json::object();
    CHECK(error_path(d) == "/jobs/0/durations_by_level");
    d = doc();
    d["jobs"][0]["durations_by_level"][1].erase("level");
    CHECK(error_path(d) == "/jobs/0/durations_by_level/1/level");  // a missing field is reported at its own path
    d = doc();
    d["jobs"][0]["durations_by_level"][0]["duration"] = 12.5;
    CHECK(error_path(d) == "/jobs/0/durations_by_level/0/duration");
    d = doc();
    d["jobs"][0]["durations_by_level"][0]["speed"] = 2;
    CHECK(error_path(d).rfind("/jobs/0/durations_by_level/0", 0) == 0);
    d = doc();
    d["jobs"][0]["durations_by_level"][1]["level"] = 2;
    CHECK(error_path(d) == "/jobs/0/durations_by_level/1/level");
    d = doc();
    d["jobs"][0].erase("skills");
    CHECK(error_path(d) == "/jobs/0/durations_by_level");
}

TEST_CASE("the overtime part of the objective is written, read and checked", "[io][solution][overtime]") {
    const Problem p = problem_from_json(doc().dump());
    Solution s;
    s.unassigned = {Unassigned{0, UnassignedReason::not_inserted, "x"}, Unassigned{1, UnassignedReason::not_inserted, "y"}};
    s.objective.unassigned = 2'000'000'000;
    s.objective.overtime = 75;
    const std::string text = solution_to_json(p, s);
    const json out = json::parse(text);
    CHECK(out["objective"]["overtime"] == 75);
    CHECK(out["objective"]["total"] == 2'000'000'075);
    const Solution back = solution_from_json(p, text);
    CHECK(back.objective == s.objective);
    // Zero is left out, as before.
    s.objective.overtime = 0;
    CHECK_FALSE(json::parse(solution_to_json(p, s))["objective"].contains("overtime"));
    // A total that leaves the overtime out is inconsistent.
    json bad = out;
    bad["objective"]["total"] = 2'000'000'000;
    CHECK_THROWS_AS(solution_from_json(p, bad.dump()), InputError);
}
