// JSON of the soft engineer affinity: job fields, weight, objective part.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

json preference_doc() {
    return json::parse(R"({
      "format": "fsdispatch-problem", "version": 1,
      "engineers": [
        {"id": "A", "start": {"index": 0}, "shifts": [{"start": 0, "end": 10000}]},
        {"id": "B", "start": {"index": 1}, "shifts": [{"start": 0, "end": 10000}]}
      ],
      "jobs": [
        {"id": "T-1", "location": {"index": 2}, "duration": 60, "preferred_engineer": "A", "preference_cost": 250},
        {"id": "T-2", "location": {"index": 2}, "duration": 60}
      ],
      "travel": {"model": "matrix", "durations": [[0, 5, 7], [5, 0, 3], [7, 3, 0]]},
      "weights": {"preference": 4}
    })");
}

std::string error_path(const json& doc) {
    try {
        (void)problem_from_json(doc.dump());
    } catch (const InputError& e) {
        return e.path();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("preference fields are read, written and round-trip exactly", "[io][problem][preference]") {
    const Problem p = problem_from_json(preference_doc().dump());
    REQUIRE(p.job(0).preferred_engineer == std::optional<std::string>("A"));
    CHECK(p.job(0).preference_cost == 250);
    CHECK_FALSE(p.job(1).preferred_engineer.has_value());
    CHECK(p.job(1).preference_cost == 0);
    CHECK(p.weights().preference == 4);

    const std::string text = problem_to_json(p);
    const json out = json::parse(text);
    CHECK(out["jobs"][0]["preferred_engineer"] == "A");
    CHECK(out["jobs"][0]["preference_cost"] == 250);
    CHECK_FALSE(out["jobs"][1].contains("preferred_engineer"));
    CHECK(out["jobs"][1]["preference_cost"] == 0);
    CHECK(out["weights"]["preference"] == 4);
    const Problem again = problem_from_json(text);
    CHECK(again.jobs() == p.jobs());
    CHECK(again.weights() == p.weights());
    CHECK(problem_to_json(again) == text);
}

TEST_CASE("old documents without preferences keep their defaults", "[io][problem][preference]") {
    json doc = preference_doc();
    doc["jobs"][0].erase("preferred_engineer");
    doc["jobs"][0].erase("preference_cost");
    doc.erase("weights");
    const Problem p = problem_from_json(doc.dump());
    CHECK_FALSE(p.job(0).preferred_engineer.has_value());
    CHECK(p.job(0).preference_cost == 0);
    CHECK(p.weights().preference == 1);
    // null means absent for the optional id.
    doc["jobs"][0]["preferred_engineer"] = nullptr;
    CHECK_FALSE(problem_from_json(doc.dump()).job(0).preferred_engineer.has_value());
}

TEST_CASE("bad preference input names the field", "[io][problem][preference][errors]") {
    json doc = preference_doc();
    doc["jobs"][0]["preferred_engineer"] = "nobody";
    CHECK(error_path(doc) == "/jobs/0/preferred_engineer");
    doc = preference_doc();
    doc["jobs"][0]["preferred_engineer"] = 3;
    CHECK(error_path(doc) == "/jobs/0/preferred_engineer");
    doc = preference_doc();
    doc["jobs"][1]["preference_cost"] = -1;
    CHECK(error_path(doc) == "/jobs/1/preference_cost");
    doc = preference_doc();
    doc["jobs"][1]["preference_cost"] = 2.5;
    CHECK(error_path(doc) == "/jobs/1/preference_cost");
    doc = preference_doc();
    doc["weights"]["preference"] = -2;
    CHECK(error_path(doc) == "/weights/preference");
}

TEST_CASE("the objective's preference part round-trips and joins the total", "[io][solution][preference]") {
    const Problem p = problem_from_json(preference_doc().dump());
    Solution s;
    s.unassigned = {Unassigned{0, UnassignedReason::not_inserted, "x"}, Unassigned{1, UnassignedReason::not_inserted, "y"}};
    s.objective.unassigned = 2'000'000'000;
    s.objective.preference = 1000;
    s.stats.solver = "test";
    const std::string text = solution_to_json(p, s);
    const json doc = json::parse(text);
    CHECK(doc["objective"]["preference"] == 1000);
    CHECK(doc["objective"]["total"] == 2'000'001'000LL);
    CHECK(solution_from_json(p, text) == s);
    CHECK(solution_to_json(p, solution_from_json(p, text)) == text);

    // A zero part is left out, and an absent one reads as zero.
    s.objective.preference = 0;
    const json zero = json::parse(solution_to_json(p, s));
    CHECK_FALSE(zero["objective"].contains("preference"));
    CHECK(solution_from_json(p, zero.dump()).objective.preference == 0);

    // The stated total must include the preference part.
    json bad = doc;
    bad["objective"]["total"] = 2'000'000'000LL;
    try {
        (void)solution_from_json(p, bad.dump());
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.path() == "/objective/total");
    }
}
