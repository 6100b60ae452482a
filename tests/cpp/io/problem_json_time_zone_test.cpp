#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"

using namespace fsd;
using json = nlohmann::json;

namespace {

constexpr Time kSpring = 1774746000;  // 2026-03-29T01:00:00Z, Berlin 02:00 CET -> 03:00 CEST
constexpr Time kHour = 3600;

// One engineer and one job on Berlin's spring-forward day, times in local wall time.
json berlin_doc() {
    return json::parse(R"({
      "time_zone": "Europe/Berlin",
      "engineers": [{"id": "anna", "start": {"lat": 52.52, "lon": 13.40},
                     "shifts": [{"start": "2026-03-29T01:00:00", "end": "2026-03-29T09:00:00"}],
                     "breaks": [{"id": "coffee", "duration": 900,
                                 "time_windows": [{"start": "2026-03-29T02:30:00", "end": "2026-03-29T04:00:00"}]}]}],
      "jobs": [{"id": "boiler", "location": {"lat": 52.53, "lon": 13.41}, "duration": 1800,
                "time_windows": [{"start": "2026-03-29T03:00:00", "end": "2026-03-29T05:00:00+02:00"}],
                "sla": {"deadline": "2026-10-25T02:30:00"}}]
    })");
}

InputError error_of(const json& doc) {
    try {
        (void)problem_from_json(doc.dump());
    } catch (const InputError& e) {
        return e;
    }
    FAIL("the document was accepted");
    return InputError("", "");
}

}  // namespace

TEST_CASE("problem JSON: local times are read in the problem's zone", "[io][tz]") {
    const Problem p = problem_from_json(berlin_doc().dump());
    const Engineer& anna = p.engineer(0);
    CHECK(anna.shifts[0].start == kSpring - kHour);       // 01:00 CET
    CHECK(anna.shifts[0].end == kSpring + 6 * kHour);     // 09:00 CEST
    CHECK(anna.breaks[0].windows[0].start == kSpring + 1800);  // 02:30 is skipped: 03:30 CEST
    const Job& job = p.job(0);
    CHECK(job.time_windows[0].start == kSpring);          // 03:00 CEST
    CHECK(job.time_windows[0].end == kSpring + 2 * kHour);  // written with its offset
    CHECK(job.sla->deadline == 1792888200);               // 02:30 twice in October: the earlier, 00:30 UTC
}

TEST_CASE("problem JSON: an engineer's own zone wins over the problem's", "[io][tz]") {
    json doc = berlin_doc();
    doc["engineers"][0]["time_zone"] = "America/New_York";
    doc["engineers"][0]["shifts"][0] = {{"start", "2026-03-08T01:00:00"}, {"end", "2026-03-08T09:00:00"}};
    doc["engineers"][0].erase("breaks");
    const Problem p = problem_from_json(doc.dump());
    CHECK(p.engineer(0).shifts[0].start == 1772949600);  // 01:00 EST = 06:00 UTC
    CHECK(p.engineer(0).shifts[0].end == 1772974800);    // 09:00 EDT = 13:00 UTC
    CHECK(p.job(0).time_windows[0].start == kSpring);    // jobs keep the problem's zone
}

TEST_CASE("problem JSON: unknown zones and local times without a zone are refused with the path", "[io][tz]") {
    json doc = berlin_doc();
    doc["time_zone"] = "Europe/Atlantis";
    const InputError top = error_of(doc);
    CHECK(top.path() == "/time_zone");
    CHECK(top.message().find("Europe/Atlantis") != std::string::npos);
    doc = berlin_doc();
    doc["engineers"][0]["time_zone"] = 3600;
    CHECK(error_of(doc).path() == "/engineers/0/time_zone");
    doc = berlin_doc();
    doc.erase("time_zone");
    CHECK(error_of(doc).path() == "/engineers/0/shifts/0/start");
}

TEST_CASE("problem and solution JSON: written with the zone's offset of each instant", "[io][tz]") {
    const Problem p = problem_from_json(berlin_doc().dump());
    JsonWriteOptions options;
    options.time_zone = TimeZone::parse("Europe/Berlin");
    const json out = json::parse(problem_to_json(p, options));
    CHECK(out["time_zone"] == "Europe/Berlin");
    CHECK(out["engineers"][0]["shifts"][0]["start"] == "2026-03-29T01:00:00+01:00");
    CHECK(out["engineers"][0]["shifts"][0]["end"] == "2026-03-29T09:00:00+02:00");
    CHECK(out["jobs"][0]["sla"]["deadline"] == "2026-10-25T02:30:00+02:00");
    CHECK(problem_to_json(problem_from_json(out.dump())) == problem_to_json(p));
    // Fixed offsets keep working as before, and the zone wins over them.
    CHECK(json::parse(problem_to_json(p, JsonWriteOptions{2, 3600}))["engineers"][0]["shifts"][0]["end"] ==
          "2026-03-29T08:00:00+01:00");
    JsonWriteOptions both{2, 3600, TimeZone::parse("Europe/Berlin")};
    CHECK(json::parse(problem_to_json(p, both))["engineers"][0]["shifts"][0]["end"] == "2026-03-29T09:00:00+02:00");
    CHECK(problem_time_zone_from_json(berlin_doc().dump())->name() == "Europe/Berlin");
    CHECK_FALSE(problem_time_zone_from_json("{}").has_value());
}
