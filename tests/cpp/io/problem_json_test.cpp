#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

const std::string kData = FSD_TEST_DATA;
constexpr Time kDay = 1'795'392'000;  // 2026-11-23T00:00:00Z

// An engineer and a job with every field away from its default.
Engineer full_engineer(const std::string& id, Location start, std::optional<Location> end) {
    Engineer e;
    e.id = id;
    e.start = std::move(start);
    e.end = std::move(end);
    e.shifts = {{kDay + 8 * 3600, kDay + 12 * 3600}, {kDay + 13 * 3600, kDay + 17 * 3600}};
    e.breaks = {{"coffee", {{kDay + 10 * 3600, kDay + 11 * 3600}}, 900},
                {"tea", {{kDay + 14 * 3600, kDay + 15 * 3600}, {kDay + 16 * 3600, kDay + 16 * 3600 + 1800}}, 600}};
    e.skills = {{"hvac", 2}, {"electrical", 1}};
    e.capacity = {10, 5};
    e.max_jobs = 8;
    e.max_travel_time = 14'400;
    e.costs = {500, 3000, 250};
    e.speed_factor = 1.25;
    return e;
}

Job full_job(const std::string& id, Location loc) {
    Job j;
    j.id = id;
    j.location = std::move(loc);
    j.duration = 3600;
    j.time_windows = {{kDay + 9 * 3600, kDay + 10 * 3600}, {kDay + 14 * 3600, kDay + 15 * 3600}};
    j.skills = {{"hvac", 1}};
    j.priority = 7;
    j.sla = SlaDeadline{kDay + 11 * 3600 + 17, true, 3};
    j.demand = {1, 2};
    j.pinned_engineer = "eng-1";
    j.allowed_engineers = {"eng-1", "eng-2"};
    j.forbidden_engineers = {"eng-3"};
    j.optional = true;
    j.penalty = 123'456;
    return j;
}

Location at(double lat, double lon) { return Location{Coordinates{lat, lon}, std::nullopt}; }
Location index(Index i) { return Location{std::nullopt, i}; }

void require_same(const Problem& a, const Problem& b) {
    REQUIRE(a.engineers() == b.engineers());
    REQUIRE(a.jobs() == b.jobs());
    REQUIRE(a.weights() == b.weights());
    REQUIRE(a.travel_spec().index() == b.travel_spec().index());
    if (const auto* m = std::get_if<TravelMatrices>(&a.travel_spec())) {
        const auto& n = std::get<TravelMatrices>(b.travel_spec());
        REQUIRE(m->durations == n.durations);
        REQUIRE(m->distances == n.distances);
    } else if (const auto* g = std::get_if<GreatCircleOptions>(&a.travel_spec())) {
        REQUIRE(*g == std::get<GreatCircleOptions>(b.travel_spec()));
    } else {
        REQUIRE(std::get<RoadNetwork>(a.travel_spec()) == std::get<RoadNetwork>(b.travel_spec()));
    }
}

ObjectiveWeights odd_weights() { return ObjectiveWeights{7'000'000'000, 2, 3, 5}; }

Problem matrix_problem() {
    ProblemBuilder b;
    b.add_engineer(full_engineer("eng-1", index(0), index(1)));
    b.add_engineer(full_engineer("eng-2", Location{Coordinates{52.5, 13.4}, 1}, std::nullopt));
    b.add_engineer(full_engineer("eng-3", index(2), std::nullopt));
    b.add_job(full_job("T-1", index(2)));
    Job plain;
    plain.id = "T-2";
    plain.location = index(3);
    b.add_job(plain);
    TravelMatrices tm;
    tm.durations.resize(4, 4);
    tm.distances.resize(4, 4);
    for (int i = 0; i < 4; ++i)
        for (int k = 0; k < 4; ++k) {
            tm.durations(i, k) = i == k ? 0 : 60 * (i + 1) + k;
            tm.distances(i, k) = i == k ? 0 : 1000 * (k + 1) + i;
        }
    b.set_travel(tm);
    b.set_weights(odd_weights());
    return b.build();
}

Problem great_circle_problem() {
    ProblemBuilder b;
    b.add_engineer(full_engineer("eng-1", at(52.520008, 13.404954), at(52.4, 13.1)));
    b.add_engineer(full_engineer("eng-2", at(52.1, 13.2), std::nullopt));
    b.add_engineer(full_engineer("eng-3", at(-33.868820, 151.209296), std::nullopt));
    b.add_job(full_job("T-1", at(52.51, 13.41)));
    b.set_travel(GreatCircleOptions{32.5, 1.4});
    b.set_weights(odd_weights());
    return b.build();
}

Problem road_problem() {
    RoadNetwork net;
    net.nodes = {{"A", {48.100, 11.500}}, {"B", {48.100, 11.520}}, {"C", {48.110, 11.520}}};
    net.edges = {{"A", "B", 1000, 100}, {"B", "A", 1200, 150}, {"B", "C", 800, 80}, {"C", "A", 900, 90}};
    ProblemBuilder b;
    b.add_engineer(full_engineer("eng-1", at(48.1, 11.5), at(48.1, 11.52)));
    b.add_engineer(full_engineer("eng-2", at(48.11, 11.52), std::nullopt));
    b.add_engineer(full_engineer("eng-3", at(48.1, 11.5), std::nullopt));
    b.add_job(full_job("T-1", at(48.1001, 11.5201)));
    b.set_travel(net);
    return b.build();
}

InputError parse_error(const std::string& text) {
    try {
        (void)problem_from_json(text);
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for " << text);
    return InputError("", "");
}

std::string error_path(const json& doc) { return parse_error(doc.dump()).path(); }

// A small valid document that the error tests break one field at a time.
json base_doc() {
    return json::parse(R"({
      "engineers": [ {"id": "eng-1", "start": {"index": 0}, "shifts": [{"start": 0, "end": 36000}],
                      "breaks": [{"id": "lunch", "time_windows": [{"start": 10000, "end": 20000}], "duration": 1800}],
                      "skills": [{"skill": "hvac", "level": 2}], "capacity": [10]} ],
      "jobs": [ {"id": "T-1", "location": {"index": 1}, "duration": 600},
                {"id": "T-2", "location": {"index": 2}, "duration": 600,
                 "time_windows": [{"start": 100, "end": 2000}], "sla": {"deadline": 5000}} ],
      "travel": {"model": "matrix", "durations": [[0, 5, 6], [5, 0, 7], [6, 7, 0]]}
    })");
}

}  // namespace

TEST_CASE("a problem with every field round-trips with a matrix", "[io][problem]") {
    const Problem p = matrix_problem();
    const std::string text = problem_to_json(p);
    const Problem q = problem_from_json(text);
    require_same(p, q);
    // Writing is deterministic: the second generation is byte for byte the first.
    REQUIRE(problem_to_json(q) == text);
}

TEST_CASE("a problem round-trips with great-circle travel", "[io][problem]") {
    const Problem p = great_circle_problem();
    require_same(p, problem_from_json(problem_to_json(p, JsonWriteOptions{-1, std::nullopt})));
    REQUIRE(problem_to_json(p, JsonWriteOptions{-1, std::nullopt}).find('\n') == std::string::npos);
}

TEST_CASE("a problem round-trips with a road network", "[io][problem]") {
    const Problem p = road_problem();
    const Problem q = problem_from_json(problem_to_json(p));
    require_same(p, q);
    REQUIRE(q.durations(0) == p.durations(0));
}

TEST_CASE("ISO output writes instants as timestamps and still round-trips", "[io][problem]") {
    const Problem p = matrix_problem();
    const std::string text = problem_to_json(p, JsonWriteOptions{2, 3600});
    const json doc = json::parse(text);
    CHECK(doc["engineers"][0]["shifts"][0]["start"] == "2026-11-23T09:00:00+01:00");
    CHECK(doc["engineers"][0]["breaks"][0]["time_windows"][0]["end"] == "2026-11-23T12:00:00+01:00");
    CHECK(doc["jobs"][0]["time_windows"][1]["start"] == "2026-11-23T15:00:00+01:00");
    CHECK(doc["jobs"][0]["sla"]["deadline"] == "2026-11-23T12:00:17+01:00");
    CHECK(doc["jobs"][0]["duration"] == 3600);             // durations stay integers
    CHECK(doc["engineers"][0]["breaks"][0]["duration"] == 900);
    require_same(p, problem_from_json(text));
    // Offset zero is written with Z.
    const json utc = json::parse(problem_to_json(p, JsonWriteOptions{2, 0}));
    CHECK(utc["engineers"][0]["shifts"][0]["start"] == "2026-11-23T08:00:00Z");
}

TEST_CASE("defaults are written explicitly and absent fields take the struct defaults", "[io][problem]") {
    json doc = base_doc();
    const Problem p = problem_from_json(doc.dump());
    const Job& j = p.job(0);
    CHECK(j == Job{"T-1", Location{std::nullopt, 1}, 600, {}, {}, 0, std::nullopt, {}, std::nullopt, {}, {}, false, 0});
    CHECK(p.job(1).sla == SlaDeadline{5000, false, 1});
    CHECK(p.engineer(0).costs == EngineerCosts{});
    CHECK(p.engineer(0).speed_factor == 1.0);
    CHECK(p.weights() == ObjectiveWeights{});
    CHECK(p.travel_spec().index() == 1);
    // Without distances the matrix travels zero metres.
    CHECK(std::get<TravelMatrices>(p.travel_spec()).distances.is_zero());

    const json out = json::parse(problem_to_json(p));
    CHECK(out["format"] == "fsdispatch-problem");
    CHECK(out["version"] == 1);
    CHECK(out["jobs"][0]["priority"] == 0);
    CHECK(out["jobs"][0]["optional"] == false);
    CHECK(out["engineers"][0]["costs"]["per_hour"] == 3600);
    CHECK(out["weights"]["unassigned"] == 1'000'000'000);

    // No travel at all: great-circle with its defaults.
    json gc = json::parse(R"({"engineers": [{"id": "e", "start": {"lat": 1, "lon": 2}, "shifts": [{"start": 0, "end": 9}]}]})");
    const Problem g = problem_from_json(gc.dump());
    CHECK(std::get<GreatCircleOptions>(g.travel_spec()) == GreatCircleOptions{});
    // ISO input is accepted wherever an instant is.
    gc["engineers"][0]["shifts"][0] = {{"start", "2026-11-23T08:00:00+01:00"}, {"end", "2026-11-23T17:00:00Z"}};
    const Problem h = problem_from_json(gc.dump());
    CHECK(h.engineer(0).shifts[0] == TimeWindow{kDay + 7 * 3600, kDay + 17 * 3600});
    // Integral floating-point numbers are whole numbers; null means absent for optional fields.
    doc["jobs"][0]["duration"] = 600.0;
    doc["jobs"][0]["sla"] = nullptr;
    doc["engineers"][0]["max_jobs"] = nullptr;
    CHECK(problem_from_json(doc.dump()).job(0).duration == 600);
}

TEST_CASE("bad problem input names the exact field", "[io][problem][errors]") {
    SECTION("malformed JSON text") {
        const InputError e = parse_error("{\"engineers\": [\n  {\"id\": }\n]}");
        CHECK(e.path().empty());
        CHECK_THAT(e.message(), Catch::Contains("line 2"));
        CHECK_THAT(e.message(), Catch::Contains("column"));
    }
    SECTION("unknown fields are refused by name") {
        json doc = base_doc();
        doc["jobs"][1]["duraton"] = 5;
        const InputError e = parse_error(doc.dump());
        CHECK(e.path() == "/jobs/1/duraton");
        CHECK(e.message() == "unknown field \"duraton\"");
        doc = base_doc();
        doc["engineers"][0]["breaks"][0]["time_windows"][0]["length"] = 5;
        CHECK(error_path(doc) == "/engineers/0/breaks/0/time_windows/0/length");
        doc = base_doc();
        doc["engineers"][0]["costs"] = {{"per_mile", 1}};
        CHECK(error_path(doc) == "/engineers/0/costs/per_mile");
        doc = base_doc();
        doc["travel"]["speed_kmh"] = 40;  // not a field of the matrix model
        CHECK(error_path(doc) == "/travel/speed_kmh");
        doc = base_doc();
        doc["wieghts"] = json::object();
        CHECK(error_path(doc) == "/wieghts");
        doc = base_doc();
        doc["jobs"][0]["location"]["a/b"] = 1;  // JSON pointer escaping
        CHECK(error_path(doc) == "/jobs/0/location/a~1b");
    }
    SECTION("wrong types and fractions") {
        json doc = base_doc();
        doc["jobs"][1]["duration"] = 3600.5;
        CHECK(error_path(doc) == "/jobs/1/duration");
        doc = base_doc();
        doc["jobs"][0]["duration"] = "1h";
        CHECK(error_path(doc) == "/jobs/0/duration");
        doc = base_doc();
        doc["engineers"][0]["shifts"].push_back({{"start", 40000}, {"end", "abc"}});
        const InputError e = parse_error(doc.dump());
        CHECK(e.path() == "/engineers/0/shifts/1/end");
        CHECK(e.message() == "expected an integer number of seconds or an ISO-8601 timestamp, got \"abc\"");
        doc = base_doc();
        doc["engineers"][0]["shifts"][0]["end"] = "2026-11-23T08:00:00";
        const InputError f = parse_error(doc.dump());
        CHECK(f.path() == "/engineers/0/shifts/0/end");
        CHECK_THAT(f.message(), Catch::Contains("add a UTC offset such as +01:00 or Z"));
        doc = base_doc();
        doc["jobs"][0]["optional"] = 1;
        CHECK(error_path(doc) == "/jobs/0/optional");
        doc = base_doc();
        doc["jobs"][0]["id"] = 7;
        CHECK(error_path(doc) == "/jobs/0/id");
        doc = base_doc();
        doc["jobs"][0]["demand"] = {1.5};
        CHECK(error_path(doc) == "/jobs/0/demand/0");
        doc = base_doc();
        doc["jobs"][0]["priority"] = 1e12;
        CHECK(error_path(doc) == "/jobs/0/priority");
        doc = base_doc();
        doc["jobs"] = json::object();
        CHECK(error_path(doc) == "/jobs");
        doc = base_doc();
        doc["jobs"][0] = 3;
        CHECK(error_path(doc) == "/jobs/0");
        doc = base_doc();
        doc["engineers"][0]["speed_factor"] = "fast";
        CHECK(error_path(doc) == "/engineers/0/speed_factor");
        doc = base_doc();
        doc["jobs"][0]["skills"] = {{{"skill", "hvac"}, {"min_level", true}}};
        CHECK(error_path(doc) == "/jobs/0/skills/0/min_level");
    }
    SECTION("missing required fields are named by their path") {
        json doc = base_doc();
        doc["jobs"][1].erase("id");
        const InputError e = parse_error(doc.dump());
        CHECK(e.path() == "/jobs/1/id");
        CHECK_THAT(e.message(), Catch::Contains("\"id\""));
        doc = base_doc();
        doc["jobs"][0]["location"] = {{"lat", 52.0}};
        CHECK(error_path(doc) == "/jobs/0/location");
        doc = base_doc();
        doc["jobs"][1]["sla"] = {{"hard", true}};
        CHECK(error_path(doc) == "/jobs/1/sla/deadline");
        doc = base_doc();
        doc["travel"].erase("model");
        CHECK(error_path(doc) == "/travel");
    }
    SECTION("travel errors") {
        json doc = base_doc();
        doc["travel"]["durations"][2][1] = -7;
        const InputError negative = parse_error(doc.dump());
        CHECK(negative.path() == "/travel/durations/2/1");
        CHECK(negative.message() == "the value must not be negative (got -7)");
        // Matrix entries are 32-bit: the largest is accepted, one more is refused where it stands.
        doc = base_doc();
        doc["travel"]["durations"][0][2] = 2'147'483'647;
        doc["travel"]["distances"] = {{0, 1, 2'147'483'647}, {1, 0, 1}, {1, 1, 0}};
        const Problem largest = problem_from_json(doc.dump());
        CHECK(largest.base_durations()(0, 2) == 2'147'483'647);
        CHECK(largest.distances()(0, 2) == 2'147'483'647);
        doc["travel"]["durations"][2][1] = 2'147'483'648LL;
        const InputError too_long = parse_error(doc.dump());
        CHECK(too_long.path() == "/travel/durations/2/1");
        CHECK(too_long.message() == "the value 2147483648 is too large (the most accepted is 2147483647)");
        doc["travel"]["durations"][2][1] = 7;
        doc["travel"]["distances"][1][2] = 5'000'000'000LL;
        CHECK(error_path(doc) == "/travel/distances/1/2");
        doc = base_doc();
        doc["travel"]["durations"][1] = {5, 0};
        CHECK(error_path(doc) == "/travel/durations/1");
        doc = base_doc();
        doc["travel"]["distances"] = {{0, 1}, {1, 0}};
        CHECK(error_path(doc) == "/travel/distances");
        doc = base_doc();
        doc["travel"]["model"] = "teleport";
        CHECK(error_path(doc) == "/travel/model");
        doc = base_doc();
        doc["jobs"][0]["location"]["index"] = 9;
        CHECK(error_path(doc) == "/jobs/0/location/index");
        json road = json::parse(R"({"model": "road_network", "nodes": [{"id": "A", "lat": 48.1, "lon": 11.5}],
                                    "edges": [{"from": "A", "to": "Z", "length_m": 5, "duration_s": 1}]})");
        json gc = json::parse(R"({"engineers": [{"id": "e", "start": {"lat": 48.1, "lon": 11.5}, "shifts": [{"start": 0, "end": 9}]}]})");
        gc["travel"] = road;
        CHECK(error_path(gc) == "/travel/edges/0/to");
        gc["travel"]["edges"][0]["duration_s"] = 1.5;
        CHECK(error_path(gc) == "/travel/edges/0/duration_s");
    }
    SECTION("model validation errors keep the builder's paths") {
        json doc = base_doc();
        doc["jobs"][1]["duration"] = -5;
        CHECK(error_path(doc) == "/jobs/1/duration");
        doc = base_doc();
        doc["jobs"][1]["time_windows"] = {{{"start", 10}, {"end", 5}}};
        CHECK(error_path(doc) == "/jobs/1/time_windows/0");
        doc = base_doc();
        doc["jobs"][1]["id"] = "T-1";
        CHECK(error_path(doc) == "/jobs/1/id");
        doc = base_doc();
        doc["jobs"][0]["pinned_engineer"] = "eng-9";
        CHECK(error_path(doc) == "/jobs/0/pinned_engineer");
        doc = base_doc();
        doc["engineers"][0]["shifts"][0]["end"] = 0;
        CHECK(error_path(doc) == "/engineers/0/shifts/0");
        doc = base_doc();
        doc["weights"] = {{"travel", -1}};
        CHECK(error_path(doc) == "/weights/travel");
    }
    SECTION("format and version") {
        json doc = base_doc();
        doc["version"] = 2;
        const InputError e = parse_error(doc.dump());
        CHECK(e.path() == "/version");
        CHECK_THAT(e.message(), Catch::Contains("newer"));
        doc["zones"] = json::array();  // a field of that future version
        CHECK(error_path(doc) == "/version");
        doc.erase("zones");
        doc["version"] = 0;
        CHECK(error_path(doc) == "/version");
        doc["version"] = 1;
        doc["format"] = "fsdispatch-solution";
        CHECK(error_path(doc) == "/format");
        doc["format"] = "fsdispatch-problem";
        CHECK(problem_from_json(doc.dump()).num_jobs() == 2);
        CHECK(parse_error("[1, 2]").path().empty());
    }
}

TEST_CASE("problem files are read from disk", "[io][problem]") {
    const Problem p = read_problem_file(kData + "/io_problem_small.json");
    CHECK(p.num_engineers() == 2);
    CHECK(p.num_jobs() == 3);
    CHECK(p.job(2).sla->deadline == parse_iso8601("2026-11-23T12:00:00+01:00"));
    try {
        (void)read_problem_file(kData + "/io_no_such_file.json");
        FAIL("no error for a missing file");
    } catch (const InputError& e) {
        CHECK(e.path().empty());
        CHECK_THAT(e.message(), Catch::Contains("io_no_such_file.json"));
    }
}
