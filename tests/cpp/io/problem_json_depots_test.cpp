// Problem JSON of depots, engineers' tools, stock and per_working_hour, and
// jobs' tools and parts: reading, writing, round trips and error paths.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "problem_error_path.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

json doc() {
    return json::parse(R"({
      "format": "fsdispatch-problem", "version": 1,
      "engineers": [
        {"id": "A", "start": {"index": 0}, "shifts": [{"start": 0, "end": 36000}],
         "tools": ["ladder", "multimeter"], "stock": {"filter": 2, "fuse": 0},
         "costs": {"per_working_hour": 1800}},
        {"id": "B", "start": {"index": 1}, "shifts": [{"start": 0, "end": 36000}]}
      ],
      "jobs": [
        {"id": "T-1", "location": {"index": 2}, "duration": 600, "tools": ["ladder"], "parts": {"filter": 1}},
        {"id": "T-2", "location": {"index": 2}, "duration": 60, "parts": {"compressor": 1, "filter": 3}}
      ],
      "depots": [
        {"id": "north", "location": {"index": 3}, "opening": [{"start": 0, "end": 14400}, {"start": 18000, "end": 36000}],
         "duration": 900, "tools": ["ladder"], "parts": ["compressor", "filter"]}
      ],
      "travel": {"model": "matrix", "durations": [[0, 5, 7, 9], [5, 0, 3, 4], [7, 3, 0, 2], [9, 4, 2, 0]]}
    })");
}

std::string error_path(const json& d) { return problem_error_path(d); }

}  // namespace

TEST_CASE("depots, tools and parts read into the model", "[io][problem][depots]") {
    const Problem p = problem_from_json(doc().dump());
    CHECK(p.engineer(0).tools == std::vector<std::string>{"ladder", "multimeter"});
    CHECK(p.engineer(0).stock == std::vector<PartCount>{{"filter", 2}, {"fuse", 0}});
    CHECK(p.engineer(0).costs.per_working_hour == 1800);
    CHECK(p.engineer(0).costs.per_hour == 3600);
    CHECK(p.engineer(1).tools.empty());
    CHECK(p.job(0).tools == std::vector<std::string>{"ladder"});
    CHECK(p.job(1).parts == std::vector<PartCount>{{"compressor", 1}, {"filter", 3}});  // the document's order
    REQUIRE(p.num_depots() == 1);
    const Depot& d = p.depot(0);
    CHECK(d.id == "north");
    CHECK(p.depot_location(0) == 3);
    CHECK(d.opening == std::vector<TimeWindow>{{0, 14400}, {18000, 36000}});
    CHECK(d.duration == 900);
    CHECK(d.tools == std::vector<std::string>{"ladder"});
    CHECK(d.parts == std::vector<std::string>{"compressor", "filter"});
    CHECK(p.has_resources());
    CHECK(p.compatible(0, 1));  // compressors come from the depot
    CHECK(p.compatible(1, 0));  // B borrows the ladder at the depot
}

TEST_CASE("a depot problem writes and reads back to the same problem and text", "[io][problem][depots]") {
    const Problem p = problem_from_json(doc().dump());
    const std::string text = problem_to_json(p);
    const json written = json::parse(text);
    CHECK(written["depots"][0]["opening"][1] == json::parse(R"({"start": 18000, "end": 36000})"));
    CHECK(written["engineers"][0]["stock"] == json::parse(R"({"filter": 2, "fuse": 0})"));
    CHECK(written["engineers"][0]["costs"]["per_working_hour"] == 1800);
    CHECK(written["jobs"][1]["parts"] == json::parse(R"({"compressor": 1, "filter": 3})"));
    // Absent at their defaults: B has no tools or stock, T-2 no tools.
    CHECK_FALSE(written["engineers"][1].contains("tools"));
    CHECK_FALSE(written["engineers"][1].contains("stock"));
    CHECK_FALSE(written["engineers"][1]["costs"].contains("per_working_hour"));
    CHECK_FALSE(written["jobs"][1].contains("tools"));
    const Problem again = problem_from_json(text);
    CHECK(again.depots() == p.depots());
    CHECK(again.engineers() == p.engineers());
    CHECK(again.jobs() == p.jobs());
    CHECK(problem_to_json(again) == text);
}

TEST_CASE("a problem without depots, tools or parts writes no new fields", "[io][problem][depots]") {
    json d = doc();
    d.erase("depots");
    for (auto& e : d["engineers"]) {
        e.erase("tools");
        e.erase("stock");
        e.erase("costs");
    }
    for (auto& j : d["jobs"]) {
        j.erase("tools");
        j.erase("parts");
    }
    const std::string text = problem_to_json(problem_from_json(d.dump()));
    for (const char* field : {"depots", "tools", "stock", "parts", "per_working_hour", "opening"})
        CHECK(text.find(std::string("\"") + field + "\"") == std::string::npos);
}

TEST_CASE("errors in depots, tools and parts name the JSON path", "[io][problem][depots][validation]") {
    json d = doc();
    d["depots"][0]["id"] = "";
    CHECK(error_path(d) == "/depots/0/id");
    d = doc();
    d["depots"][0]["colour"] = "red";
    CHECK(error_path(d) == "/depots/0/colour");
    d = doc();
    d["depots"][0].erase("location");
    CHECK(error_path(d) == "/depots/0/location");
    d = doc();
    d["depots"][0]["location"]["index"] = 4;
    CHECK(error_path(d) == "/depots/0/location/index");
    d = doc();
    d["depots"][0]["opening"][1]["start"] = 10000;
    CHECK(error_path(d) == "/depots/0/opening/1");
    d = doc();
    d["depots"][0]["duration"] = -1;
    CHECK(error_path(d) == "/depots/0/duration");
    d = doc();
    d["depots"][0]["tools"] = {"ladder", "ladder"};
    CHECK(error_path(d) == "/depots/0/tools/1");
    d = doc();
    d["depots"][0]["parts"] = json::array({"filter", 3});
    CHECK(error_path(d) == "/depots/0/parts/1");
    d = doc();
    d["depots"] = json::object();
    CHECK(error_path(d) == "/depots");
    d = doc();
    d["depots"].push_back(doc()["depots"][0]);
    CHECK(error_path(d) == "/depots/1/id");

    d = doc();
    d["engineers"][0]["stock"]["filter"] = -1;
    CHECK(error_path(d) == "/engineers/0/stock/filter");
    d = doc();
    d["engineers"][0]["stock"][""] = 1;
    CHECK(error_path(d) == "/engineers/0/stock/");
    d = doc();
    d["engineers"][0]["stock"] = json::array({"filter"});
    CHECK(error_path(d) == "/engineers/0/stock");
    d = doc();
    d["engineers"][0]["stock"]["filter"] = 1.5;
    CHECK(error_path(d) == "/engineers/0/stock/filter");
    d = doc();
    d["engineers"][0]["tools"] = {"ladder", ""};
    CHECK(error_path(d) == "/engineers/0/tools/1");
    d = doc();
    d["engineers"][0]["costs"]["per_working_hour"] = -3;
    CHECK(error_path(d) == "/engineers/0/costs/per_working_hour");

    d = doc();
    d["jobs"][1]["parts"]["filter"] = 0;
    CHECK(error_path(d) == "/jobs/1/parts/filter");
    d = doc();
    d["jobs"][0]["tools"] = "ladder";
    CHECK(error_path(d) == "/jobs/0/tools");
    d = doc();
    d["jobs"][0]["tools"] = {"ladder", "ladder"};
    CHECK(error_path(d) == "/jobs/0/tools/1");
    d = doc();
    d["jobs"][1]["parts"]["filter"] = 2'000'000'000;
    CHECK(error_path(d) == "/jobs/1/parts/filter");
}
