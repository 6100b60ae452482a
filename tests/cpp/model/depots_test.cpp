// Depots, engineers' tools and van stock, jobs' tools and parts in the
// builder: validation with field paths, matrix rows, compatibility and the
// warning for a job whose tools or parts nobody can obtain.
#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;

namespace {

Engineer engineer(const char* id, std::vector<std::string> tools = {}, std::vector<PartCount> stock = {}) {
    Engineer e;
    e.id = id;
    e.start.coords = Coordinates{52.52, 13.40};
    e.shifts = {{8 * 3600, 17 * 3600}};
    e.skills = {{"hvac", 1}};
    e.tools = std::move(tools);
    e.stock = std::move(stock);
    return e;
}

Job job(const char* id, std::vector<std::string> tools = {}, std::vector<PartCount> parts = {}) {
    Job j;
    j.id = id;
    j.location.coords = Coordinates{52.50, 13.45};
    j.duration = 1800;
    j.skills = {{"hvac", 1}};
    j.tools = std::move(tools);
    j.parts = std::move(parts);
    return j;
}

Depot depot(const char* id, std::vector<std::string> tools = {}, std::vector<std::string> parts = {}) {
    Depot d;
    d.id = id;
    d.location.coords = Coordinates{52.48, 13.38};
    d.opening = {{7 * 3600, 12 * 3600}, {13 * 3600, 18 * 3600}};
    d.duration = 600;
    d.tools = std::move(tools);
    d.parts = std::move(parts);
    return d;
}

// The path of the InputError that building throws ("<no error>" when it builds).
std::string error_path(const ProblemBuilder& b) {
    try {
        (void)b.build();
    } catch (const InputError& err) {
        return err.path();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("depots build, keep their fields and get matrix rows after everything else", "[model][depots]") {
    ProblemBuilder b;
    Engineer e1 = engineer("e1", {"ladder"}, {{"filter", 2}});
    e1.end = Location{Coordinates{52.53, 13.41}, std::nullopt};
    e1.costs.per_working_hour = 1200;
    b.add_engineer(e1).add_engineer(engineer("e2"));
    b.add_job(job("j1", {"ladder"}, {{"filter", 1}})).add_job(job("j2"));
    Depot south = depot("south");
    south.location.coords = Coordinates{52.45, 13.50};
    b.add_depot(depot("north", {"ladder"}, {"filter", "belt"})).add_depot(south);
    const Problem p = b.build();
    REQUIRE(p.num_depots() == 2);
    CHECK(p.depot(0) == depot("north", {"ladder"}, {"filter", "belt"}));
    CHECK(p.depot_index("south") == Index{1});
    CHECK_FALSE(p.depot_index("east").has_value());
    // Rows: 2 jobs, 2 starts, e1's explicit end, then the depots.
    CHECK(p.num_locations() == 7);
    CHECK(p.end_location(0) == 4);
    CHECK(p.depot_location(0) == 5);
    CHECK(p.depot_location(1) == 6);
    CHECK(p.distances()(5, 6) > 0);
    CHECK(p.base_durations()(0, 5) > 0);
    CHECK(p.has_resources());
    CHECK(p.engineer(0).costs.per_working_hour == 1200);
    CHECK(p.engineer(0).stock == std::vector<PartCount>{{"filter", 2}});
    CHECK(p.job(0).tools == std::vector<std::string>{"ladder"});
    CHECK(p.warnings().empty());
}

TEST_CASE("a problem without tools or parts has no resources and the rows of before", "[model][depots]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e1")).add_job(job("j1"));
    const Problem p = b.build();
    CHECK_FALSE(p.has_resources());
    CHECK(p.num_depots() == 0);
    CHECK(p.num_locations() == 2);
}

TEST_CASE("depots take rows of an explicit matrix by index", "[model][depots]") {
    TravelMatrices tm;
    tm.durations = DurationMatrix::constant(3, 3, 60);
    tm.distances = DistanceMatrix::constant(3, 3, 1000);
    Engineer e = engineer("e1");
    e.start = Location{std::nullopt, 0};
    Job j = job("j1");
    j.location = Location{std::nullopt, 1};
    Depot d = depot("d");
    d.location = Location{std::nullopt, 2};
    ProblemBuilder b;
    b.add_engineer(e).add_job(j).add_depot(d).set_travel(tm);
    CHECK(b.build().depot_location(0) == 2);

    d.location = Location{std::nullopt, 3};
    ProblemBuilder bad;
    bad.add_engineer(e).add_job(j).add_depot(d).set_travel(tm);
    CHECK(error_path(bad) == "/depots/0/location/index");
    d.location = Location{Coordinates{52.5, 13.4}, std::nullopt};
    ProblemBuilder no_index;
    no_index.add_engineer(e).add_job(j).add_depot(d).set_travel(tm);
    CHECK(error_path(no_index) == "/depots/0/location/index");
}

TEST_CASE("depot validation names the field", "[model][depots][validation]") {
    auto path_of = [](Depot d) {
        ProblemBuilder b;
        b.add_engineer(engineer("e1")).add_job(job("j1")).add_depot(depot("ok")).add_depot(std::move(d));
        return error_path(b);
    };
    CHECK(path_of(depot("")) == "/depots/1/id");
    CHECK(path_of(depot("ok")) == "/depots/1/id");
    Depot no_coords = depot("d");
    no_coords.location = Location{};
    CHECK(path_of(no_coords) == "/depots/1/location");
    Depot bad_coords = depot("d");
    bad_coords.location.coords = Coordinates{95.0, 13.0};
    CHECK(path_of(bad_coords).rfind("/depots/1/location", 0) == 0);
    Depot inverted = depot("d");
    inverted.opening = {{9 * 3600, 8 * 3600}};
    CHECK(path_of(inverted) == "/depots/1/opening/0");
    Depot overlapping = depot("d");
    overlapping.opening = {{8 * 3600, 12 * 3600}, {11 * 3600, 14 * 3600}};
    CHECK(path_of(overlapping) == "/depots/1/opening/1");
    Depot negative = depot("d");
    negative.duration = -1;
    CHECK(path_of(negative) == "/depots/1/duration");
    CHECK(path_of(depot("d", {"ladder", ""})) == "/depots/1/tools/1");
    CHECK(path_of(depot("d", {"ladder", "ladder"})) == "/depots/1/tools/1");
    CHECK(path_of(depot("d", {}, {""})) == "/depots/1/parts/0");
    CHECK(path_of(depot("d", {}, {"belt", "filter", "belt"})) == "/depots/1/parts/2");
    CHECK(path_of(depot("d", {"ladder"}, {"belt"})) == "<no error>");
}

TEST_CASE("engineer tools, stock and per_working_hour are validated", "[model][depots][validation]") {
    auto path_of = [](Engineer e) {
        ProblemBuilder b;
        b.add_engineer(std::move(e)).add_job(job("j1"));
        return error_path(b);
    };
    CHECK(path_of(engineer("e", {""})) == "/engineers/0/tools/0");
    CHECK(path_of(engineer("e", {"a", "b", "a"})) == "/engineers/0/tools/2");
    CHECK(path_of(engineer("e", {}, {{"", 1}})) == "/engineers/0/stock/0/part");
    CHECK(path_of(engineer("e", {}, {{"f", 1}, {"f", 2}})) == "/engineers/0/stock/1/part");
    CHECK(path_of(engineer("e", {}, {{"f", -1}})) == "/engineers/0/stock/0/count");
    CHECK(path_of(engineer("e", {}, {{"f", 2'000'000'000}})) == "/engineers/0/stock/0/count");
    CHECK(path_of(engineer("e", {}, {{"f", 0}})) == "<no error>");  // an empty slot in the van is fine
    Engineer costly = engineer("e");
    costly.costs.per_working_hour = -5;
    CHECK(path_of(costly) == "/engineers/0/costs/per_working_hour");
    costly.costs.per_working_hour = 2'000'000;
    CHECK(path_of(costly) == "/engineers/0/costs/per_working_hour");
}

TEST_CASE("job tools and parts are validated", "[model][depots][validation]") {
    auto path_of = [](Job j) {
        ProblemBuilder b;
        b.add_engineer(engineer("e1", {"ladder"}, {{"f", 5}})).add_job(job("j0")).add_job(std::move(j));
        return error_path(b);
    };
    CHECK(path_of(job("j", {""})) == "/jobs/1/tools/0");
    CHECK(path_of(job("j", {"ladder", "ladder"})) == "/jobs/1/tools/1");
    CHECK(path_of(job("j", {}, {{"", 1}})) == "/jobs/1/parts/0/part");
    CHECK(path_of(job("j", {}, {{"f", 1}, {"f", 1}})) == "/jobs/1/parts/1/part");
    CHECK(path_of(job("j", {}, {{"f", 0}})) == "/jobs/1/parts/0/count");  // a need is at least one unit
    CHECK(path_of(job("j", {}, {{"f", -3}})) == "/jobs/1/parts/0/count");
    CHECK(path_of(job("j", {"ladder"}, {{"f", 2}})) == "<no error>");
}

TEST_CASE("compatibility asks for every tool and part on the van or at some depot", "[model][depots][compatibility]") {
    ProblemBuilder b;
    b.add_engineer(engineer("has_ladder", {"ladder"}, {{"filter", 1}}));
    b.add_engineer(engineer("bare"));
    b.add_job(job("ladder_job", {"ladder"}));
    b.add_job(job("one_filter", {}, {{"filter", 1}}));
    b.add_job(job("two_filters", {}, {{"filter", 2}}));
    b.add_job(job("plain"));
    {
        const Problem p = b.build();
        CHECK(p.compatible(0, 0));
        CHECK_FALSE(p.compatible(1, 0));
        CHECK(p.compatible(0, 1));
        CHECK_FALSE(p.compatible(1, 1));
        CHECK_FALSE(p.compatible(0, 2));  // the van holds one filter, the job needs two
        CHECK(p.compatible_engineers(3) == std::vector<Index>{0, 1});
        // two_filters: no van holds two and no depot stocks filters.
        REQUIRE(p.warnings().size() == 1);
        CHECK(p.warnings()[0].path == "/jobs/2/parts/0");
        CHECK(p.warnings()[0].message.find("\"filter\"") != std::string::npos);
    }
    // A depot that lends the ladder and stocks filters makes every job possible for both.
    b.add_depot(depot("north", {"ladder"}, {"filter"}));
    const Problem p = b.build();
    for (Index j = 0; j < 4; ++j) CHECK(p.compatible_engineers(j) == std::vector<Index>{0, 1});
    CHECK(p.warnings().empty());
}

TEST_CASE("the resource warning names the item nobody can obtain, or the job", "[model][depots][compatibility]") {
    SECTION("a tool in no van and at no depot") {
        ProblemBuilder b;
        b.add_engineer(engineer("e1", {"ladder"})).add_job(job("j", {"ladder", "torch"}));
        const Problem p = b.build();
        REQUIRE(p.warnings().size() == 1);
        CHECK(p.warnings()[0].path == "/jobs/0/tools/1");
        CHECK(p.warnings()[0].message.find("\"torch\"") != std::string::npos);
        CHECK(p.warnings()[0].message.find("parts_unavailable") != std::string::npos);
    }
    SECTION("each item with someone, but no one with both") {
        ProblemBuilder b;
        b.add_engineer(engineer("e1", {"ladder"})).add_engineer(engineer("e2", {"torch"}));
        b.add_job(job("j", {"ladder", "torch"}));
        const Problem p = b.build();
        REQUIRE(p.warnings().size() == 1);
        CHECK(p.warnings()[0].path == "/jobs/0");
    }
    SECTION("an unqualified engineer's van does not count") {
        ProblemBuilder b;
        Engineer plumber = engineer("plumber", {"torch"});
        plumber.skills = {{"plumbing", 1}};
        b.add_engineer(engineer("e1")).add_engineer(plumber).add_job(job("j", {"torch"}));
        const Problem p = b.build();
        CHECK(p.compatible_engineers(0).empty());
        REQUIRE(p.warnings().size() == 1);
        CHECK(p.warnings()[0].path == "/jobs/0/tools/0");
    }
    SECTION("the skills warning comes first and alone") {
        ProblemBuilder b;
        Job j = job("j", {"torch"});
        j.skills = {{"gas", 1}};
        b.add_engineer(engineer("e1")).add_job(j);
        const Problem p = b.build();
        REQUIRE(p.warnings().size() == 1);
        CHECK(p.warnings()[0].path == "/jobs/0/skills");
    }
}

TEST_CASE("on a road network a depot snaps to its node like any other location", "[model][depots]") {
    // Three nodes on a line: home (0) - job (1) - depot (2), 1 km and 100 s apart, both ways.
    RoadNetwork net;
    net.nodes = {{"a", {52.50, 13.40}}, {"b", {52.51, 13.40}}, {"c", {52.52, 13.40}}};
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"a", "b"}, {"b", "c"}}) {
        net.edges.push_back({from, to, 1000, 100});
        net.edges.push_back({to, from, 1000, 100});
    }
    Engineer e = engineer("e1");
    e.start.coords = Coordinates{52.50, 13.40};
    Job j = job("j1");
    j.location.coords = Coordinates{52.51, 13.40};
    Depot d = depot("d");
    d.location.coords = Coordinates{52.52, 13.40};
    ProblemBuilder b;
    b.add_engineer(e).add_job(j).add_depot(d).set_travel(net);
    const Problem p = b.build();
    const Index row = p.depot_location(0);
    CHECK(row == 2);  // job, start, then the depot
    CHECK(p.base_durations()(p.start_location(0), row) == 200);
    CHECK(p.distances()(p.job_location(0), row) == 1000);
}
