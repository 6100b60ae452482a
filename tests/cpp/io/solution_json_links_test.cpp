// Plan JSON for problems with links: the max_lateness part of the objective
// (written only when set, absent reads as 0, counted in the total) and the
// linked_visit_out reason; plans without either are written as before.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

Problem linked_problem() {
    return problem_from_json(R"({
      "format": "fsdispatch-problem", "version": 1,
      "engineers": [{"id": "A", "start": {"index": 0}, "shifts": [{"start": 0, "end": 36000}]}],
      "jobs": [{"id": "lead", "location": {"index": 1}, "duration": 600},
               {"id": "helper", "location": {"index": 1}, "duration": 600}],
      "links": [{"first": "lead", "second": "helper"}],
      "travel": {"model": "matrix", "durations": [[0, 600], [600, 0]]},
      "weights": {"max_lateness": 2}
    })");
}

// Both visits left out: one engineer cannot serve a two-person job.
json plan_doc() {
    return json::parse(R"({
      "format": "fsdispatch-solution", "version": 1,
      "objective": {"total": 2000000007, "unassigned": 2000000000, "lateness": 0, "travel": 0, "balance": 0,
                    "max_lateness": 7},
      "routes": [],
      "unassigned": [
        {"id": "lead", "reason": "linked_visit_out", "detail": "its helper is left out"},
        {"id": "helper", "reason": "no_qualified_engineer", "detail": "needs a second engineer"}
      ]
    })");
}

std::string error_path(const Problem& p, const json& d) {
    try {
        (void)solution_from_json(p, d.dump());
    } catch (const InputError& e) {
        return e.path();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("the max_lateness part and the linked_visit_out reason read back", "[io][solution][links]") {
    const Problem p = linked_problem();
    const Solution s = solution_from_json(p, plan_doc().dump());
    CHECK(s.objective.max_lateness == 7);
    CHECK(s.objective.total() == 2'000'000'007);
    REQUIRE(s.unassigned.size() == 2);
    CHECK(s.unassigned[0].reason == UnassignedReason::linked_visit_out);
    const std::string text = solution_to_json(p, s);
    const json written = json::parse(text);
    CHECK(written["objective"]["max_lateness"] == 7);
    CHECK(written["unassigned"][0]["reason"] == "linked_visit_out");
    CHECK(solution_to_json(p, solution_from_json(p, text)) == text);
}

TEST_CASE("an absent max_lateness part is 0 and a zero part is not written", "[io][solution][links]") {
    const Problem p = linked_problem();
    json d = plan_doc();
    d["objective"].erase("max_lateness");
    d["objective"]["total"] = 2'000'000'000;
    const Solution s = solution_from_json(p, d.dump());
    CHECK(s.objective.max_lateness == 0);
    CHECK_FALSE(json::parse(solution_to_json(p, s))["objective"].contains("max_lateness"));
}

TEST_CASE("the total must count the max_lateness part", "[io][solution][links][validation]") {
    const Problem p = linked_problem();
    json d = plan_doc();
    d["objective"]["total"] = 2'000'000'000;  // without the 7
    CHECK(error_path(p, d) == "/objective/total");
    d = plan_doc();
    d["objective"]["max_lateness"] = "7";
    CHECK(error_path(p, d) == "/objective/max_lateness");
    d = plan_doc();
    d["unassigned"][0]["reason"] = "linked_visits_out";
    CHECK(error_path(p, d) == "/unassigned/0/reason");
}
