#include <catch2/catch.hpp>

#include <functional>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;

namespace {
Engineer engineer(std::string id) {
    Engineer e;
    e.id = std::move(id);
    e.start.coords = Coordinates{52.52, 13.40};
    e.shifts = {{8 * 3600, 17 * 3600}};
    e.skills = {{"hvac", 2}};
    return e;
}
Job job(std::string id) {
    Job j;
    j.id = std::move(id);
    j.location.coords = Coordinates{52.50, 13.45};
    j.duration = 1800;
    return j;
}
std::string error_path(const ProblemBuilder& b) {
    try {
        (void)b.build();
    } catch (const InputError& e) {
        return e.path();
    }
    return "<no error>";
}
}  // namespace

TEST_CASE("a valid problem builds with great-circle travel", "[model]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e1")).add_job(job("j1")).add_job(job("j2"));
    Problem p = b.build();
    REQUIRE(p.num_jobs() == 2);
    REQUIRE(p.num_locations() == 3);  // 2 jobs and the start, which is also the end
    REQUIRE(p.end_location(0) == p.start_location(0));
    REQUIRE(p.distances()(p.job_location(0), p.start_location(0)) > 0);
    REQUIRE(p.compatible(0, 0));
    REQUIRE(p.slots().size() == 1);
    REQUIRE(p.job_index("j2") == 1);
    REQUIRE_FALSE(p.engineer_index("nobody").has_value());
}

TEST_CASE("validation names the offending field", "[model][validation]") {
    SECTION("negative duration") {
        ProblemBuilder b;
        Job j = job("j1");
        j.duration = -5;
        b.add_engineer(engineer("e1")).add_job(job("j0")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/1/duration");
    }
    SECTION("duplicate job id") {
        ProblemBuilder b;
        b.add_engineer(engineer("e1")).add_job(job("j1")).add_job(job("j1"));
        REQUIRE(error_path(b) == "/jobs/1/id");
    }
    SECTION("duplicate engineer id") {
        ProblemBuilder b;
        b.add_engineer(engineer("e1")).add_engineer(engineer("e1"));
        REQUIRE(error_path(b) == "/engineers/1/id");
    }
    SECTION("inverted time window") {
        ProblemBuilder b;
        Job j = job("j1");
        j.time_windows = {{100, 50}};
        b.add_engineer(engineer("e1")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/time_windows/0");
    }
    SECTION("empty time window") {
        ProblemBuilder b;
        Job j = job("j1");
        j.time_windows = {{100, 100}};
        b.add_engineer(engineer("e1")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/time_windows/0");
    }
    SECTION("overlapping shifts") {
        ProblemBuilder b;
        Engineer e = engineer("e1");
        e.shifts = {{0, 100}, {50, 200}};
        b.add_engineer(e);
        REQUIRE(error_path(b) == "/engineers/0/shifts/1");
    }
    SECTION("engineer without shift") {
        ProblemBuilder b;
        Engineer e = engineer("e1");
        e.shifts.clear();
        b.add_engineer(e);
        REQUIRE(error_path(b) == "/engineers/0/shifts");
    }
    SECTION("negative demand") {
        ProblemBuilder b;
        Job j = job("j1");
        j.demand = {-1};
        b.add_engineer(engineer("e1")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/demand/0");
    }
    SECTION("mismatched dimensions") {
        ProblemBuilder b;
        Engineer e = engineer("e1");
        e.capacity = {10, 10};
        Job j = job("j1");
        j.demand = {1};
        b.add_engineer(e).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/demand");
    }
    SECTION("unknown pinned engineer") {
        ProblemBuilder b;
        Job j = job("j1");
        j.pinned_engineer = "ghost";
        b.add_engineer(engineer("e1")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/pinned_engineer");
    }
    SECTION("unknown forbidden engineer") {
        ProblemBuilder b;
        Job j = job("j1");
        j.forbidden_engineers = {"e1", "ghost"};
        b.add_engineer(engineer("e1")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/forbidden_engineers/1");
    }
    SECTION("NaN latitude") {
        ProblemBuilder b;
        Job j = job("j1");
        j.location.coords->lat = std::numeric_limits<double>::quiet_NaN();
        b.add_engineer(engineer("e1")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/location/lat");
    }
    SECTION("longitude out of range") {
        ProblemBuilder b;
        Engineer e = engineer("e1");
        e.start.coords->lon = 200.0;
        b.add_engineer(e);
        REQUIRE(error_path(b) == "/engineers/0/start/lon");
    }
    SECTION("priority out of range") {
        ProblemBuilder b;
        Job j = job("j1");
        j.priority = 101;
        b.add_engineer(engineer("e1")).add_job(j);
        REQUIRE(error_path(b) == "/jobs/0/priority");
    }
    SECTION("matrix size mismatch") {
        ProblemBuilder b;
        TravelMatrices tm{DurationMatrix(3, 3), DistanceMatrix(2, 2)};
        Engineer e = engineer("e1");
        e.start = Location{std::nullopt, 0};
        b.add_engineer(e).set_travel(tm);
        REQUIRE(error_path(b) == "/travel/distances");
    }
    SECTION("matrix index out of range") {
        ProblemBuilder b;
        TravelMatrices tm{DurationMatrix(2, 2), DistanceMatrix(2, 2)};
        Engineer e = engineer("e1");
        e.start = Location{std::nullopt, 0};
        Job j = job("j1");
        j.location = Location{std::nullopt, 5};
        b.add_engineer(e).add_job(j).set_travel(tm);
        REQUIRE(error_path(b) == "/jobs/0/location/index");
    }
    SECTION("negative matrix entry") {
        ProblemBuilder b;
        TravelMatrices tm{DurationMatrix(2, 2), DistanceMatrix(2, 2)};
        tm.durations(0, 1) = -3;
        Engineer e = engineer("e1");
        e.start = Location{std::nullopt, 0};
        b.add_engineer(e).set_travel(tm);
        REQUIRE(error_path(b) == "/travel/durations/0/1");
    }
}

TEST_CASE("a skill nobody has is a warning, not an error", "[model][validation]") {
    ProblemBuilder b;
    Job j = job("j1");
    j.skills = {{"hvac", 3}};  // e1 has hvac at level 2 only
    b.add_engineer(engineer("e1")).add_job(j).add_job(job("j2"));
    Problem p = b.build();
    REQUIRE(p.warnings().size() == 1);
    REQUIRE(p.warnings()[0].path == "/jobs/0/skills");
    REQUIRE(p.compatible_engineers(0).empty());
    REQUIRE(p.compatible(0, 1));
}

TEST_CASE("pins and forbidden lists restrict compatibility", "[model]") {
    ProblemBuilder b;
    Job pinned = job("j1");
    pinned.pinned_engineer = "e2";
    Job forbidden = job("j2");
    forbidden.forbidden_engineers = {"e1"};
    Job allowed = job("j3");
    allowed.allowed_engineers = {"e1"};
    b.add_engineer(engineer("e1")).add_engineer(engineer("e2")).add_job(pinned).add_job(forbidden).add_job(allowed);
    Problem p = b.build();
    REQUIRE(p.compatible_engineers(0) == std::vector<Index>{1});
    REQUIRE(p.compatible_engineers(1) == std::vector<Index>{1});
    REQUIRE(p.compatible_engineers(2) == std::vector<Index>{0});
}

TEST_CASE("speed factor scales an engineer's durations", "[model]") {
    ProblemBuilder b;
    Engineer fast = engineer("fast");
    fast.speed_factor = 2.0;
    b.add_engineer(engineer("e1")).add_engineer(fast).add_job(job("j1"));
    Problem p = b.build();
    const auto d1 = p.durations(0)(p.job_location(0), p.start_location(0));
    const auto d2 = p.durations(1)(p.job_location(0), p.start_location(0));
    REQUIRE(d1 > 0);
    REQUIRE(std::llabs(d2 * 2 - d1) <= 1);
}

TEST_CASE("breaks attach to the shift they overlap", "[model]") {
    ProblemBuilder b;
    Engineer e = engineer("e1");
    e.shifts = {{0, 1000}, {2000, 3000}};
    e.breaks = {Break{"lunch", {{2100, 2500}}, 300}, Break{"never", {{5000, 6000}}, 60}};
    b.add_engineer(e);
    Problem p = b.build();
    REQUIRE(p.slots().size() == 2);
    REQUIRE(p.slots()[0].breaks.empty());
    REQUIRE(p.slots()[1].breaks == std::vector<Index>{0});
    REQUIRE(p.warnings().size() == 1);
}

TEST_CASE("every remaining validation rule names its field", "[model][validation]") {
    struct Case {
        const char* expected_path;
        std::function<void(Engineer&, Job&, ProblemBuilder&)> spoil;
    };
    const std::vector<Case> cases = {
        {"/engineers/0/id", [](Engineer& e, Job&, ProblemBuilder&) { e.id.clear(); }},
        {"/jobs/0/id", [](Engineer&, Job& j, ProblemBuilder&) { j.id.clear(); }},
        {"/engineers/0/breaks/0/id", [](Engineer& e, Job&, ProblemBuilder&) { e.breaks = {Break{"", {{0, 10}}, 5}}; }},
        {"/engineers/0/breaks/1/id",
         [](Engineer& e, Job&, ProblemBuilder&) { e.breaks = {Break{"b", {{0, 10}}, 5}, Break{"b", {{0, 10}}, 5}}; }},
        {"/engineers/0/breaks/0/duration", [](Engineer& e, Job&, ProblemBuilder&) { e.breaks = {Break{"b", {{0, 10}}, -5}}; }},
        {"/engineers/0/breaks/0/time_windows", [](Engineer& e, Job&, ProblemBuilder&) { e.breaks = {Break{"b", {}, 5}}; }},
        {"/engineers/0/breaks/0/time_windows/0", [](Engineer& e, Job&, ProblemBuilder&) { e.breaks = {Break{"b", {{9, 3}}, 5}}; }},
        {"/engineers/0/skills/1/skill", [](Engineer& e, Job&, ProblemBuilder&) { e.skills = {{"hvac", 1}, {"hvac", 2}}; }},
        {"/engineers/0/skills/0/skill", [](Engineer& e, Job&, ProblemBuilder&) { e.skills = {{"", 1}}; }},
        {"/engineers/0/skills/0/level", [](Engineer& e, Job&, ProblemBuilder&) { e.skills = {{"hvac", -1}}; }},
        {"/jobs/0/skills/1/skill", [](Engineer&, Job& j, ProblemBuilder&) { j.skills = {{"hvac", 1}, {"hvac", 1}}; }},
        {"/jobs/0/skills/0/min_level", [](Engineer&, Job& j, ProblemBuilder&) { j.skills = {{"hvac", -2}}; }},
        {"/engineers/0/capacity/1", [](Engineer& e, Job&, ProblemBuilder&) { e.capacity = {3, -1}; }},
        {"/engineers/0/max_jobs", [](Engineer& e, Job&, ProblemBuilder&) { e.max_jobs = -1; }},
        {"/engineers/0/max_travel_time", [](Engineer& e, Job&, ProblemBuilder&) { e.max_travel_time = -60; }},
        {"/engineers/0/costs/fixed", [](Engineer& e, Job&, ProblemBuilder&) { e.costs.fixed = -1; }},
        {"/engineers/0/costs/per_hour", [](Engineer& e, Job&, ProblemBuilder&) { e.costs.per_hour = -1; }},
        {"/engineers/0/costs/per_km", [](Engineer& e, Job&, ProblemBuilder&) { e.costs.per_km = -1; }},
        {"/engineers/0/speed_factor", [](Engineer& e, Job&, ProblemBuilder&) { e.speed_factor = 0.0; }},
        {"/engineers/0/end/lat", [](Engineer& e, Job&, ProblemBuilder&) { e.end = Location{Coordinates{95.0, 0.0}, {}}; }},
        {"/jobs/0/location", [](Engineer&, Job& j, ProblemBuilder&) { j.location.coords.reset(); }},
        {"/jobs/0/sla/lateness_cost_per_second", [](Engineer&, Job& j, ProblemBuilder&) { j.sla = SlaDeadline{100, false, -3}; }},
        {"/jobs/0/penalty", [](Engineer&, Job& j, ProblemBuilder&) { j.optional = true; j.penalty = -1; }},
        {"/jobs/0/allowed_engineers/0", [](Engineer&, Job& j, ProblemBuilder&) { j.allowed_engineers = {"ghost"}; }},
        {"/jobs/0/time_windows/1", [](Engineer&, Job& j, ProblemBuilder&) { j.time_windows = {{100, 200}, {50, 80}}; }},
        {"/weights/unassigned", [](Engineer&, Job&, ProblemBuilder& b) { ObjectiveWeights w; w.unassigned = -1; b.set_weights(w); }},
        {"/weights/balance", [](Engineer&, Job&, ProblemBuilder& b) { ObjectiveWeights w; w.balance = -1; b.set_weights(w); }},
        {"/travel/speed_kmh", [](Engineer&, Job&, ProblemBuilder& b) { b.set_travel(GreatCircleOptions{0.0, 1.3}); }},
        {"/travel/detour_factor", [](Engineer&, Job&, ProblemBuilder& b) { b.set_travel(GreatCircleOptions{40.0, 0.5}); }},
        {"/travel/durations", [](Engineer& e, Job& j, ProblemBuilder& b) {
             e.start = Location{std::nullopt, 0};
             j.location = Location{std::nullopt, 0};
             b.set_travel(TravelMatrices{DurationMatrix(2, 3), DistanceMatrix(2, 2)});
         }},
    };
    for (const auto& c : cases) {
        INFO(c.expected_path);
        ProblemBuilder b;
        Engineer e = engineer("e1");
        Job j = job("j1");
        c.spoil(e, j, b);
        b.add_engineer(e).add_job(j);
        REQUIRE(error_path(b) == c.expected_path);
    }
}

TEST_CASE("travel a matrix entry cannot hold is refused at the field that causes it", "[model][validation]") {
    const Coordinates sydney{-33.87, 151.21};  // 16,000 km from the helpers' Berlin
    auto refusal = [](const ProblemBuilder& b) {
        try {
            (void)b.build();
        } catch (const InputError& e) {
            return std::string(e.path()) + ": " + e.message();
        }
        return std::string("<no error>");
    };
    SECTION("a speed factor that scales an explicit duration past the limit") {
        ProblemBuilder b;
        TravelMatrices tm{DurationMatrix(2, 2), DistanceMatrix(2, 2)};
        tm.durations(0, 1) = 30'000'000;
        Engineer e = engineer("e1");
        e.start = Location{std::nullopt, 0};
        Engineer slow = e;
        slow.id = "slow";
        slow.speed_factor = 0.01;
        Job j = job("j1");
        j.location = Location{std::nullopt, 1};
        b.add_engineer(e).add_engineer(slow).add_job(j).set_travel(tm);
        CHECK(refusal(b) == "/engineers/1/speed_factor: with speed factor 0.01 the travel duration from location 0 to "
                            "location 1 (30000000 s) becomes 3000000000 s, more than a travel matrix holds (at most "
                            "2147483647 s)");
        slow.speed_factor = 0.02;
        ProblemBuilder fits;
        fits.add_engineer(e).add_engineer(slow).add_job(j).set_travel(tm);
        CHECK(fits.build().durations(1)(0, 1) == 1'500'000'000);
    }
    SECTION("great-circle durations times a small speed factor") {
        ProblemBuilder b;
        Engineer e = engineer("e1");
        e.speed_factor = 0.0001;
        Job j = job("j1");
        j.location.coords = sydney;
        b.add_engineer(e).add_job(j);
        CHECK(error_path(b) == "/engineers/0/speed_factor");
    }
    SECTION("a great-circle speed too low for the distances") {
        ProblemBuilder b;
        Job j = job("j1");
        j.location.coords = sydney;
        b.add_engineer(engineer("e1")).add_job(j).set_travel(GreatCircleOptions{0.01, 1.3});
        CHECK(error_path(b) == "/travel/speed_kmh");
    }
    SECTION("a road path longer than the limit") {
        RoadNetwork net;
        net.nodes = {{"a", {52.52, 13.40}}, {"b", {52.51, 13.42}}, {"c", {52.505, 13.44}}, {"d", {52.50, 13.45}}};
        net.edges = {{"a", "b", 1'000'000'000, 60}, {"b", "c", 1'000'000'000, 60}, {"c", "d", 1'000'000'000, 60},
                     {"d", "a", 1000, 60}};
        ProblemBuilder b;
        b.add_engineer(engineer("e1")).add_job(job("j1")).set_travel(net);
        CHECK(refusal(b) == "/travel/road_network: the fastest path from location 1 to location 0 is 3000000000 m long, "
                            "more than a travel matrix holds (at most 2147483647 m)");
    }
}
