#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/vroom_json.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

const std::string kData = FSD_TEST_DATA;

json load(const std::string& name) {
    std::ifstream in(kData + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

/// Path of the InputError the document raises, or "<accepted>".
std::string refusal(const json& doc) {
    try {
        (void)vroom_from_json(doc.dump());
    } catch (const InputError& e) {
        return e.path();
    }
    return "<accepted>";
}

Solution small_solve(const Problem& p) {
    SolveOptions o;
    o.iteration_limit = 50;
    o.time_limit_seconds = 5.0;
    o.seed = 3;
    return solve(p, o);
}

/// Checks VROOM's output shape and that its figures add up; returns the output.
json check_output(const VroomInput& in, const Solution& s) {
    const json out = json::parse(vroom_output_json(in, s));
    CHECK(out.at("code") == 0);
    const json& summary = out.at("summary");
    for (const char* key : {"cost", "routes", "unassigned", "delivery", "pickup", "setup", "service", "duration",
                            "waiting_time", "priority", "violations", "computing_times"})
        CHECK(summary.contains(key));
    CHECK(summary.at("routes") == out.at("routes").size());
    CHECK(summary.at("unassigned") == out.at("unassigned").size());
    std::int64_t cost = 0, service = 0, duration = 0, waiting = 0, priority = 0, distance = 0, delivered = 0;
    std::map<std::int64_t, int> seen;
    for (const json& r : out.at("routes")) {
        cost += r.at("cost").get<std::int64_t>();
        service += r.at("service").get<std::int64_t>();
        duration += r.at("duration").get<std::int64_t>();
        waiting += r.at("waiting_time").get<std::int64_t>();
        priority += r.at("priority").get<std::int64_t>();
        distance += r.at("distance").get<std::int64_t>();
        delivered += r.at("delivery").at(0).get<std::int64_t>();
        std::int64_t last_arrival = -1, step_service = 0, step_waiting = 0;
        for (const json& st : r.at("steps")) {
            CHECK(st.at("arrival").get<std::int64_t>() >= last_arrival);
            last_arrival = st.at("arrival").get<std::int64_t>();
            step_service += st.at("type") == "job" ? st.at("service").get<std::int64_t>() : 0;
            step_waiting += st.at("waiting_time").get<std::int64_t>();
            if (st.at("type") == "job") ++seen[st.at("id").get<std::int64_t>()];
            CHECK(st.at("violations").empty());
        }
        CHECK(step_service == r.at("service").get<std::int64_t>());
        CHECK(step_waiting == r.at("waiting_time").get<std::int64_t>());
        // The last step's cumulated travel is the route's.
        CHECK(r.at("steps").back().at("duration") == r.at("duration"));
        CHECK(r.at("steps").back().at("distance") == r.at("distance"));
    }
    for (const json& u : out.at("unassigned")) {
        CHECK(u.at("type") == "job");
        CHECK(u.contains("reason"));
        ++seen[u.at("id").get<std::int64_t>()];
    }
    CHECK(summary.at("cost") == cost);
    CHECK(summary.at("service") == service);
    CHECK(summary.at("duration") == duration);
    CHECK(summary.at("waiting_time") == waiting);
    CHECK(summary.at("priority") == priority);
    CHECK(summary.at("distance") == distance);
    CHECK(summary.at("delivery").at(0) == delivered);
    CHECK(seen.size() == in.jobs.size());
    for (const auto& job : in.jobs) CHECK(seen[job.id] == 1);
    return out;
}

}  // namespace

TEST_CASE("a VROOM input with a matrix loads into the expected problem", "[io][vroom]") {
    const VroomInput in = read_vroom_file(kData + "/io_vroom_matrix.json");
    const Problem& p = in.problem;
    REQUIRE(p.num_engineers() == 3);
    REQUIRE(p.num_jobs() == 8);
    CHECK(in.explicit_matrix);
    CHECK(in.has_distances);
    // Ten rows from the input plus the "nowhere" row for vehicle 2's open end.
    CHECK(p.num_locations() == 11);

    const Engineer& e0 = p.engineer(0);
    CHECK(e0.id == "1");
    CHECK(in.vehicles[0].id == 1);
    CHECK(in.vehicles[0].description == std::optional<std::string>("van one"));
    CHECK(e0.shifts == std::vector<TimeWindow>{{0, 36000}});
    REQUIRE(e0.breaks.size() == 1);
    CHECK(e0.breaks[0].id == "7");
    CHECK(e0.breaks[0].duration == 1800);
    CHECK(e0.breaks[0].windows == std::vector<TimeWindow>{{10800, 14400}});
    CHECK(in.vehicles[0].break_ids == std::vector<std::int64_t>{7});
    CHECK(e0.capacity == std::vector<Amount>{10});
    CHECK(e0.costs == EngineerCosts{100, 3600, 0});
    CHECK(e0.skills == std::vector<SkillLevel>{{"1", 1}});
    CHECK(p.start_location(0) == 0);
    CHECK(p.end_location(0) == 0);

    CHECK(in.vehicles[1].has_start);
    CHECK_FALSE(in.vehicles[1].has_end);
    CHECK(p.end_location(1) == 10);
    CHECK(p.engineer(1).skills == std::vector<SkillLevel>{{"1", 1}, {"2", 1}});

    const Engineer& e2 = p.engineer(2);
    CHECK(e2.speed_factor == 1.5);
    CHECK(e2.max_jobs == std::optional<int>(2));
    CHECK(p.start_location(2) == 9);

    const Job& j0 = p.job(0);
    CHECK(j0.id == "101");
    CHECK(in.jobs[0].description == std::optional<std::string>("boiler check"));
    CHECK(j0.duration == 600);
    CHECK(j0.demand == std::vector<Amount>{1});
    CHECK(j0.optional);
    CHECK(j0.time_windows.empty());
    CHECK(p.job_location(0) == 1);
    CHECK(p.job(1).skills == std::vector<SkillRequirement>{{"2", 1}});
    CHECK(p.job(1).priority == 50);
    CHECK(p.job(1).penalty == vroom_unassigned_penalty(50, 8));
    // Windows given out of order come back sorted.
    CHECK(p.job(3).time_windows == std::vector<TimeWindow>{{1000, 2000}, {20000, 30000}});
    // Warnings name VROOM's fields: nobody holds skill 5 of job 108.
    REQUIRE(in.warnings.size() == 1);
    CHECK(in.warnings[0].path == "/jobs/7/skills");
    // The nowhere row costs nothing to reach.
    CHECK(p.base_durations()(4, 10) == 0);
    CHECK(p.distances()(10, 4) == 0);
}

TEST_CASE("the VROOM penalty ranks priority sum, then served jobs, then cost", "[io][vroom]") {
    const std::size_t n = 8;
    // One unit of priority outweighs every priority-0 job.
    CHECK(vroom_unassigned_penalty(1, n) - vroom_unassigned_penalty(0, n) > static_cast<Cost>(n) * vroom_unassigned_penalty(0, n));
    // Equal priority sums: two jobs left out cost more than one.
    CHECK(vroom_unassigned_penalty(0, n) + vroom_unassigned_penalty(50, n) > vroom_unassigned_penalty(50, n));
    CHECK(2 * vroom_unassigned_penalty(25, n) > vroom_unassigned_penalty(50, n));
    CHECK(vroom_unassigned_penalty(0, n) >= 1'000'000'000);
    // Large inputs stay far from overflow when every job is left out.
    const std::size_t big = 200'000;
    CHECK(vroom_unassigned_penalty(100, big) < std::numeric_limits<Cost>::max() / 8 / static_cast<Cost>(big));
}

TEST_CASE("a VROOM input with a matrix solves and writes VROOM's output", "[io][vroom]") {
    const VroomInput in = read_vroom_file(kData + "/io_vroom_matrix.json");
    const Solution s = small_solve(in.problem);
    CHECK(verify(in.problem, s).ok());
    const json out = check_output(in, s);
    bool found_unqualified = false;
    for (const json& u : out.at("unassigned"))
        if (u.at("id") == 108) {
            found_unqualified = true;
            CHECK(u.at("reason") == "no_qualified_engineer");
            CHECK(u.at("location_index") == 8);
        }
    CHECK(found_unqualified);
    for (const json& r : out.at("routes")) {
        const json& steps = r.at("steps");
        CHECK(steps.front().at("type") == "start");
        if (r.at("vehicle") == 2) {
            CHECK(steps.back().at("type") == "job");  // open route: no end step
        } else {
            CHECK(steps.back().at("type") == "end");
        }
        if (r.at("vehicle") == 1) {
            int breaks = 0;
            for (const json& st : steps)
                if (st.at("type") == "break") {
                    ++breaks;
                    CHECK(st.at("id") == 7);
                    CHECK(st.at("service") == 1800);
                    CHECK(st.at("description") == "lunch");
                }
            CHECK(breaks == 1);
            CHECK(r.at("description") == "van one");
        }
        // Load when leaving the start is the route's whole delivery.
        CHECK(steps.front().at("load") == r.at("delivery"));
    }
}

TEST_CASE("a VROOM input with coordinates and no matrix uses great-circle travel", "[io][vroom]") {
    const VroomInput in = read_vroom_file(kData + "/io_vroom_coords.json");
    CHECK_FALSE(in.explicit_matrix);
    CHECK(in.has_distances);
    REQUIRE(in.jobs[0].coords);
    CHECK(in.jobs[0].coords->lon == Approx(11.52));
    CHECK(in.jobs[0].coords->lat == Approx(48.11));
    REQUIRE(in.problem.job(0).location.coords);
    CHECK(in.problem.job(0).location.coords->lat == Approx(48.11));
    const Solution s = small_solve(in.problem);
    CHECK(verify(in.problem, s).ok());
    const json out = check_output(in, s);
    REQUIRE_FALSE(out.at("routes").empty());
    const json& first = out.at("routes").at(0).at("steps").at(0);
    CHECK(first.at("location").size() == 2);
    CHECK_FALSE(first.contains("location_index"));
    CHECK(out.at("summary").at("distance").get<std::int64_t>() > 0);
}

TEST_CASE("a matrix without distances leaves distance out of the output", "[io][vroom]") {
    json doc = load("io_vroom_matrix.json");
    doc["matrices"]["car"].erase("distances");
    const VroomInput in = vroom_from_json(doc.dump());
    CHECK_FALSE(in.has_distances);
    const json out = json::parse(vroom_output_json(in, small_solve(in.problem)));
    CHECK_FALSE(out.at("summary").contains("distance"));
    for (const json& r : out.at("routes")) CHECK_FALSE(r.contains("distance"));
    doc["vehicles"][0]["costs"]["per_km"] = 5;
    CHECK(refusal(doc) == "/vehicles/0/costs/per_km");
}

TEST_CASE("VROOM fields we cannot honour are refused by name", "[io][vroom]") {
    const json base = load("io_vroom_matrix.json");
    json doc = base;
    doc["shipments"] = json::array({{{"pickup", {{"id", 1}, {"location_index", 1}}}, {"delivery", {{"id", 1}, {"location_index", 2}}}}});
    CHECK(refusal(doc) == "/shipments");
    doc = base;
    doc["shipments"] = json::array();
    CHECK(refusal(doc) == "<accepted>");

    doc = base;
    doc["jobs"][2]["pickup"] = {1};
    CHECK(refusal(doc) == "/jobs/2/pickup");
    doc["jobs"][2]["pickup"] = {0};
    CHECK(refusal(doc) == "<accepted>");

    doc = base;
    doc["vehicles"][2]["steps"] = json::array({{{"type", "start"}}});
    CHECK(refusal(doc) == "/vehicles/2/steps");

    doc = base;
    doc["jobs"][0]["colour"] = "red";
    CHECK(refusal(doc) == "/jobs/0/colour");
    doc = base;
    doc["options"] = json::object();
    CHECK(refusal(doc) == "/options");

    doc = base;
    doc["jobs"][0]["setup"] = 60;
    CHECK(refusal(doc) == "/jobs/0/setup");
    doc = base;
    doc["vehicles"][1]["max_distance"] = 10000;
    CHECK(refusal(doc) == "/vehicles/1/max_distance");
    doc = base;
    doc["vehicles"][0]["breaks"][0]["max_load"] = {3};
    CHECK(refusal(doc) == "/vehicles/0/breaks/0/max_load");
    doc = base;
    doc["matrices"]["car"]["costs"] = doc["matrices"]["car"]["durations"];
    CHECK(refusal(doc) == "/matrices/car/costs");
    doc = base;
    doc["vehicles"][1]["profile"] = "bike";
    CHECK(refusal(doc) == "/vehicles/1/profile");
    doc = base;
    doc["matrices"]["bike"] = doc["matrices"]["car"];
    CHECK(refusal(doc) == "/matrices/bike");
}

TEST_CASE("bad VROOM matrices, indices, ids and locations are refused by path", "[io][vroom]") {
    const json base = load("io_vroom_matrix.json");
    json doc = base;
    doc["matrices"]["car"]["durations"][3].erase(0);
    CHECK(refusal(doc) == "/matrices/car/durations/3");
    doc = base;
    doc["matrices"]["car"]["distances"].erase(0);
    CHECK(refusal(doc) == "/matrices/car/distances/0");
    doc = base;
    doc["matrices"]["car"]["durations"][1][2] = -5;
    CHECK(refusal(doc) == "/matrices/car/durations/1/2");
    doc["matrices"]["car"]["durations"][1][2] = 2'147'483'648LL;  // one past a 32-bit matrix entry
    try {
        (void)vroom_from_json(doc.dump());
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.path() == "/matrices/car/durations/1/2");
        CHECK(e.message() == "the value 2147483648 is too large (the most accepted is 2147483647)");
    }
    doc["matrices"]["car"]["durations"][1][2] = 2'147'483'647;
    CHECK(refusal(doc) == "<accepted>");
    doc["matrices"]["car"]["distances"][2][0] = 1e12;
    CHECK(refusal(doc) == "/matrices/car/distances/2/0");
    doc = base;
    doc["matrix"] = doc["matrices"]["car"]["durations"];
    doc.erase("matrices");
    doc["matrix"][0][3] = 3'000'000'000LL;
    CHECK(refusal(doc) == "/matrix/0/3");
    doc = base;
    doc["matrices"]["car"]["durations"][1][2] = 30'000'000;
    doc["vehicles"][0]["speed_factor"] = 0.01;  // 3e9 s for this vehicle
    CHECK(refusal(doc) == "/vehicles/0/speed_factor");

    doc = base;
    doc["jobs"][4]["location_index"] = 42;
    CHECK(refusal(doc) == "/jobs/4/location_index");
    doc = base;
    doc["vehicles"][2]["end_index"] = 10;
    CHECK(refusal(doc) == "/vehicles/2/end_index");

    doc = base;
    doc["jobs"][5]["id"] = 101;
    CHECK(refusal(doc) == "/jobs/5/id");
    doc = base;
    doc["vehicles"][1]["id"] = 1;
    CHECK(refusal(doc) == "/vehicles/1/id");
    doc = base;
    doc["jobs"][3].erase("id");
    CHECK(refusal(doc) == "/jobs/3/id");

    doc = base;
    doc["jobs"][6].erase("location_index");
    CHECK(refusal(doc) == "/jobs/6/location_index");
    doc = base;
    doc["jobs"][6]["location"] = {11.5, 48.1};
    doc["jobs"][6].erase("location_index");
    CHECK(refusal(doc) == "/jobs/6/location_index");
    doc = base;
    doc["vehicles"][0].erase("start_index");
    doc["vehicles"][0].erase("end_index");
    CHECK(refusal(doc) == "/vehicles/0");

    // Checks of the model come back under VROOM's names.
    doc = base;
    doc["vehicles"][0]["time_window"] = {100, 100};
    CHECK(refusal(doc) == "/vehicles/0/time_window");
    doc = base;
    doc["jobs"][2]["priority"] = 101;
    CHECK(refusal(doc) == "/jobs/2/priority");
    doc = base;
    doc["vehicles"][0]["capacity"] = {10, 3};
    CHECK(refusal(doc).rfind("/", 0) == 0);
    CHECK(refusal(doc).find("/engineers") == std::string::npos);

    json coords = load("io_vroom_coords.json");
    coords["jobs"][6].erase("location");
    CHECK(refusal(coords) == "/jobs/6/location");
    coords = load("io_vroom_coords.json");
    coords["jobs"][1]["location"] = {48.1, 181.0};
    CHECK(refusal(coords) == "/jobs/1/location/1");
    coords = load("io_vroom_coords.json");
    coords["jobs"][1]["location_index"] = 0;
    CHECK(refusal(coords) == "/jobs/1/location_index");
    CHECK(refusal(json::parse("{\"jobs\": []}")) == "/vehicles");
}

TEST_CASE("model warnings about vehicles come back under VROOM's names", "[io][vroom]") {
    json doc = load("io_vroom_matrix.json");
    doc["vehicles"][0]["breaks"][0]["time_windows"] = {{50000, 60000}};
    const VroomInput in = vroom_from_json(doc.dump());
    bool found = false;
    for (const auto& w : in.warnings) found = found || w.path == "/vehicles/0/breaks/0";
    CHECK(found);
}

TEST_CASE("a VROOM vehicle without a start begins at its first job", "[io][vroom]") {
    json doc = load("io_vroom_matrix.json");
    doc["vehicles"][0].erase("start_index");
    const VroomInput in = vroom_from_json(doc.dump());
    CHECK_FALSE(in.vehicles[0].has_start);
    CHECK(in.vehicles[0].has_end);
    const Solution s = small_solve(in.problem);
    CHECK(verify(in.problem, s).ok());
    const json out = check_output(in, s);
    for (const json& r : out.at("routes"))
        if (r.at("vehicle") == 1) {
            CHECK(r.at("steps").front().at("type") != "start");
            CHECK(r.at("steps").back().at("type") == "end");
        }
}
