// Problem JSON of linked visits ("links") and the max_lateness weight:
// reading, defaults, writing, round trips and error paths.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "problem_error_path.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

// A two-person job (lead + helper, start together) and a follow-up by the
// lead's engineer between one and two hours after the lead starts.
json doc_without_links() {
    return json::parse(R"({
      "format": "fsdispatch-problem", "version": 1,
      "engineers": [
        {"id": "A", "start": {"index": 0}, "shifts": [{"start": 0, "end": 36000}]},
        {"id": "B", "start": {"index": 0}, "shifts": [{"start": 0, "end": 36000}]}
      ],
      "jobs": [
        {"id": "lead", "location": {"index": 1}, "duration": 600, "sla": {"deadline": 7200, "lateness_cost_per_second": 2}},
        {"id": "helper", "location": {"index": 1}, "duration": 600},
        {"id": "follow-up", "location": {"index": 2}, "duration": 300}
      ],
      "travel": {"model": "matrix", "durations": [[0, 600, 900], [600, 0, 400], [900, 400, 0]]},
      "weights": {"lateness": 3}
    })");
}

json doc() {
    json d = doc_without_links();
    d["links"] = json::parse(R"([
      {"first": "lead", "second": "helper"},
      {"first": "lead", "second": "follow-up", "min_gap": 3600, "max_gap": 7200, "engineers": "same"}
    ])");
    return d;
}

std::string error_path(const json& d) { return problem_error_path(d); }

}  // namespace

TEST_CASE("links read into the model, with the defaults of a two-person job", "[io][problem][links]") {
    const Problem p = problem_from_json(doc().dump());
    REQUIRE(p.num_links() == 2);
    const JobLink& two_person = p.links()[0];
    CHECK(two_person.first == "lead");
    CHECK(two_person.second == "helper");
    CHECK(two_person.min_gap == 0);
    CHECK(two_person.max_gap == 0);
    CHECK(two_person.engineers == LinkEngineers::different);
    const JobLink& follow_up = p.links()[1];
    CHECK(follow_up.min_gap == 3600);
    CHECK(follow_up.max_gap == 7200);
    CHECK(follow_up.engineers == LinkEngineers::same);
    CHECK(p.link_first(1) == 0);
    CHECK(p.link_second(1) == 2);
    CHECK(p.links_of(0) == std::vector<Index>{0, 1});
    CHECK(p.links_of(2) == std::vector<Index>{1});
}

TEST_CASE("each engineers value reads by its name", "[io][problem][links]") {
    for (const LinkEngineers e : {LinkEngineers::any, LinkEngineers::same, LinkEngineers::different}) {
        json d = doc();
        d["links"][0]["engineers"] = to_string(e);
        CHECK(problem_from_json(d.dump()).links()[0].engineers == e);
    }
}

TEST_CASE("a problem with links writes every field and reads back to the same text", "[io][problem][links]") {
    const Problem p = problem_from_json(doc().dump());
    const std::string text = problem_to_json(p);
    const json written = json::parse(text);
    CHECK(written["links"][0] ==
          json::parse(R"({"first": "lead", "second": "helper", "min_gap": 0, "max_gap": 0, "engineers": "different"})"));
    CHECK(written["links"][1]["engineers"] == "same");
    const Problem again = problem_from_json(text);
    CHECK(again.links() == p.links());
    CHECK(problem_to_json(again) == text);
}

TEST_CASE("max_lateness reads, writes when set and reads back", "[io][problem][links][weights]") {
    json d = doc();
    d["weights"]["max_lateness"] = 5;
    const Problem p = problem_from_json(d.dump());
    CHECK(p.weights().max_lateness == 5);
    const std::string text = problem_to_json(p);
    CHECK(json::parse(text)["weights"]["max_lateness"] == 5);
    CHECK(problem_from_json(text).weights() == p.weights());
}

TEST_CASE("a problem without links or max_lateness writes what it wrote before either existed",
          "[io][problem][links]") {
    // The exact text the writer produced for this document before links and
    // max_lateness were added (taken from that build), so old documents and
    // their written copies stay byte-identical.
    const std::string before =
        R"({"format":"fsdispatch-problem","version":1,"engineers":[{"id":"A","start":{"index":0},"shifts":[{"start":0,"end":36000}],)"
        R"("breaks":[],"skills":[],"capacity":[],"costs":{"fixed":0,"per_hour":3600,"per_km":0},"speed_factor":1.0},)"
        R"({"id":"B","start":{"index":0},"shifts":[{"start":0,"end":36000}],"breaks":[],"skills":[],"capacity":[],)"
        R"("costs":{"fixed":0,"per_hour":3600,"per_km":0},"speed_factor":1.0}],"jobs":[{"id":"lead","location":{"index":1},)"
        R"("duration":600,"time_windows":[],"skills":[],"priority":0,"sla":{"deadline":7200,"hard":false,)"
        R"("lateness_cost_per_second":2},"demand":[],"allowed_engineers":[],"forbidden_engineers":[],"optional":false,)"
        R"("penalty":0,"preference_cost":0},{"id":"helper","location":{"index":1},"duration":600,"time_windows":[],)"
        R"("skills":[],"priority":0,"demand":[],"allowed_engineers":[],"forbidden_engineers":[],"optional":false,)"
        R"("penalty":0,"preference_cost":0},{"id":"follow-up","location":{"index":2},"duration":300,"time_windows":[],)"
        R"("skills":[],"priority":0,"demand":[],"allowed_engineers":[],"forbidden_engineers":[],"optional":false,)"
        R"("penalty":0,"preference_cost":0}],"travel":{"model":"matrix","durations":[[0,600,900],[600,0,400],[900,400,0]],)"
        R"("distances":[[0,0,0],[0,0,0],[0,0,0]]},"weights":{"unassigned":1000000000,"lateness":3,"travel":1,"balance":0,)"
        R"("preference":1}})";
    // Set after construction: GCC 12 at -O1 with the sanitizers warns that the
    // optional time zone a constructor argument moves may be uninitialised.
    JsonWriteOptions one_line;
    one_line.indent = -1;
    CHECK(problem_to_json(problem_from_json(doc_without_links().dump()), one_line) == before);
    // An empty list is no links at all: nothing written either.
    json d = doc_without_links();
    d["links"] = json::array();
    d["weights"]["max_lateness"] = 0;
    CHECK(problem_to_json(problem_from_json(d.dump()), one_line) == before);
}

TEST_CASE("errors in links name the JSON path", "[io][problem][links][validation]") {
    json d = doc();
    d["links"] = json::object();
    CHECK(error_path(d) == "/links");
    d = doc();
    d["links"][1] = "lead";
    CHECK(error_path(d) == "/links/1");
    d = doc();
    d["links"][1]["colour"] = "red";
    CHECK(error_path(d) == "/links/1/colour");
    d = doc();
    d["links"][1].erase("first");
    CHECK(error_path(d) == "/links/1/first");
    d = doc();
    d["links"][0].erase("second");
    CHECK(error_path(d) == "/links/0/second");
    d = doc();
    d["links"][1]["first"] = "nobody";
    CHECK(error_path(d) == "/links/1/first");
    d = doc();
    d["links"][1]["second"] = 7;
    CHECK(error_path(d) == "/links/1/second");
    d = doc();
    d["links"][1]["second"] = "lead";
    CHECK(error_path(d) == "/links/1/second");
    d = doc();
    d["links"][1]["min_gap"] = -1;
    CHECK(error_path(d) == "/links/1/min_gap");
    d = doc();
    d["links"][1]["min_gap"] = 1.5;
    CHECK(error_path(d) == "/links/1/min_gap");
    d = doc();
    d["links"][1]["max_gap"] = 366LL * 24 * 3600 + 1;
    CHECK(error_path(d) == "/links/1/max_gap");
    d = doc();
    d["links"][1]["max_gap"] = 3599;  // below min_gap 3600
    CHECK(error_path(d) == "/links/1/max_gap");
    d = doc();
    d["links"][1]["engineers"] = "both";
    CHECK(error_path(d) == "/links/1/engineers");
    d = doc();
    d["links"][1]["engineers"] = 1;
    CHECK(error_path(d) == "/links/1/engineers");
    d = doc();
    d["weights"]["max_lateness"] = -1;
    CHECK(error_path(d) == "/weights/max_lateness");
    d = doc();
    d["weights"]["max_lateness"] = 10'001;
    CHECK(error_path(d) == "/weights/max_lateness");
}

TEST_CASE("the error of an unknown engineers value lists the three names", "[io][problem][links][validation]") {
    json d = doc();
    d["links"][0]["engineers"] = "Different";
    try {
        (void)problem_from_json(d.dump());
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.path() == "/links/0/engineers");
        CHECK(std::string(e.what()).find("\"any\", \"same\" or \"different\"") != std::string::npos);
    }
}
