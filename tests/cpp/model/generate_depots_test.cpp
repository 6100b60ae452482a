#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/model/generate.hpp"

using namespace fsd;

namespace {

constexpr Duration kDay = 24 * 3600;

// The part types each trade's repairs may use, as the generator documents them.
const std::map<std::string, std::set<std::string>> kTradeParts{
    {"appliance", {"belt", "filter", "compressor"}},
    {"hvac", {"compressor", "filter", "valve"}},
    {"electrical", {"fuse"}},
    {"plumbing", {"valve", "filter"}},
    {"it", {"fuse"}},
};

// Flat distance in km between two points of a city region (good to a
// fraction of a percent at these distances).
double km_between(const Coordinates& a, const Coordinates& b) {
    const double cos_lat = std::cos((a.lat + b.lat) * 0.5 * 3.14159265358979323846 / 180.0);
    const double dy = (a.lat - b.lat) * 111.195, dx = (a.lon - b.lon) * 111.195 * cos_lat;
    return std::sqrt(dx * dx + dy * dy);
}

}  // namespace

TEST_CASE("no depots is the generated day as it was", "[model][generate][depots]") {
    GenerateOptions a;
    a.engineers = 15;
    a.jobs = 150;
    a.seed = 7;
    GenerateOptions b = a;
    b.depots = 0;
    const Problem pa = generate_problem(a), pb = generate_problem(b);
    CHECK(a.depots == 0);
    CHECK(pa.engineers() == pb.engineers());
    CHECK(pa.jobs() == pb.jobs());
    CHECK(pa.num_depots() == 0);
    CHECK_FALSE(pa.has_resources());
    for (const Engineer& e : pa.engineers()) {
        CHECK(e.tools.empty());
        CHECK(e.stock.empty());
    }
    // The default day's first engineer and ticket, as `fsd generate --seed 1`
    // wrote them before depots existed.
    const Problem pinned = generate_problem(GenerateOptions{});
    CHECK(pinned.engineer(0).start.coords->lat == 48.12715429436893);
    CHECK(pinned.engineer(0).start.coords->lon == 11.465043643418372);
    CHECK(pinned.num_depots() == 0);
    for (const Job& j : pinned.jobs()) {
        CHECK(j.tools.empty());
        CHECK(j.parts.empty());
    }
}

TEST_CASE("depots add tools and parts and change nothing else", "[model][generate][depots]") {
    GenerateOptions o;
    o.engineers = 15;
    o.jobs = 150;
    o.seed = 7;
    const Problem plain = generate_problem(o);
    o.depots = 3;
    const Problem p = generate_problem(o);
    REQUIRE(p.num_depots() == 3);
    CHECK(p.has_resources());
    CHECK(p.warnings().empty());
    REQUIRE(p.num_engineers() == plain.num_engineers());
    REQUIRE(p.num_jobs() == plain.num_jobs());
    for (Index e = 0; e < p.num_engineers(); ++e) {
        Engineer stripped = p.engineer(e);
        stripped.tools.clear();
        stripped.stock.clear();
        CHECK(stripped == plain.engineer(e));
    }
    for (Index j = 0; j < p.num_jobs(); ++j) {
        Job stripped = p.job(j);
        stripped.tools.clear();
        stripped.parts.clear();
        CHECK(stripped == plain.job(j));
        // Every depot lends and stocks everything: whoever is qualified by
        // skill can obtain what the ticket needs, so nobody drops out.
        CHECK(p.compatible_engineers(j) == plain.compatible_engineers(j));
        CHECK_FALSE(p.compatible_engineers(j).empty());
    }
    for (Index d = 0; d < 3; ++d) {
        const Depot& depot = p.depot(d);
        CHECK(depot.id == "depot-" + std::to_string(d + 1));
        CHECK(p.depot_index(depot.id) == d);
        CHECK(depot.duration == 600);
        REQUIRE(depot.opening.size() == 1);
        CHECK(depot.opening[0].start == o.day_start + 7 * 3600 + 1800);
        CHECK(depot.opening[0].end == o.day_start + 17 * 3600);
        CHECK(depot.tools == std::vector<std::string>{"ladder-3m", "vacuum-pump"});
        CHECK(depot.parts == std::vector<std::string>{"filter", "compressor", "belt", "fuse", "valve"});
        REQUIRE(depot.location.coords);
        CHECK(km_between(*depot.location.coords, o.centre) <= 0.7 * o.radius_km + 0.1);
    }
}

TEST_CASE("the shares of tools and parts are about as documented", "[model][generate][depots]") {
    GenerateOptions o;
    o.engineers = 200;
    o.jobs = 3000;
    o.seed = 11;
    o.depots = 1;
    const Problem p = generate_problem(o);
    std::map<std::string, int> holders;
    for (const Engineer& e : p.engineers()) {
        for (const std::string& t : e.tools) ++holders[t];
        for (const PartCount& s : e.stock) {
            CHECK(s.count >= 1);
            CHECK(s.count <= 3);
        }
    }
    for (const char* tool : {"ladder-3m", "vacuum-pump"}) {
        INFO(tool);
        CHECK(holders[tool] > 70);   // about half of 200
        CHECK(holders[tool] < 130);
    }
    int with_tool = 0, with_part = 0;
    for (const Job& j : p.jobs()) {
        INFO(j.id);
        const std::string& trade = j.skills.at(0).skill;
        CHECK(j.tools.size() <= 1);
        if (!j.tools.empty()) {
            ++with_tool;
            CHECK(j.tools[0] == (trade == "hvac" ? "vacuum-pump" : "ladder-3m"));
            CHECK(trade != "appliance");
        }
        CHECK(j.parts.size() <= 1);
        if (!j.parts.empty()) {
            ++with_part;
            CHECK(kTradeParts.at(trade).count(j.parts[0].part) == 1);
            CHECK(j.parts[0].count >= 1);
            CHECK(j.parts[0].count <= 2);
        }
    }
    CHECK(with_tool > 0.15 * 3000);
    CHECK(with_tool < 0.25 * 3000);
    CHECK(with_part > 0.25 * 3000);
    CHECK(with_part < 0.35 * 3000);
}

TEST_CASE("depots are spread over the region and open every planned day", "[model][generate][depots]") {
    GenerateOptions o;
    o.engineers = 5;
    o.jobs = 20;
    o.days = 3;
    o.depots = 5;
    o.seed = 4;
    const Problem p = generate_problem(o);
    REQUIRE(p.num_depots() == 5);
    for (Index a = 0; a < 5; ++a) {
        const Depot& depot = p.depot(a);
        REQUIRE(depot.opening.size() == 3);
        for (int d = 0; d < 3; ++d) {
            CHECK(depot.opening[static_cast<size_t>(d)].start == o.day_start + d * kDay + 7 * 3600 + 1800);
            CHECK(depot.opening[static_cast<size_t>(d)].end == o.day_start + d * kDay + 17 * 3600);
        }
        // Best-candidate placement keeps depots well apart: five in a disc
        // of 17.5 km radius, none within 5 km of another.
        for (Index b = 0; b < a; ++b)
            CHECK(km_between(*depot.location.coords, *p.depot(b).location.coords) > 5.0);
    }
    // The first depot is the candidate nearest the centre (the main warehouse).
    CHECK(km_between(*p.depot(0).location.coords, o.centre) < 0.5 * 0.7 * o.radius_km);
}

TEST_CASE("a day with depots is determined by its options", "[model][generate][depots]") {
    GenerateOptions o;
    o.engineers = 6;
    o.jobs = 90;
    o.depots = 2;
    const Problem a = generate_problem(o), b = generate_problem(o);
    CHECK(a.engineers() == b.engineers());
    CHECK(a.jobs() == b.jobs());
    CHECK(a.depots() == b.depots());
    o.seed = 2;
    const Problem c = generate_problem(o);
    CHECK(c.depots() != a.depots());
    CHECK(c.jobs() != a.jobs());
}

TEST_CASE("depots out of range name /depots", "[model][generate][depots][validation]") {
    for (int depots : {-1, 51}) {
        GenerateOptions o;
        o.depots = depots;
        CHECK_THROWS_AS(generate_problem(o), InputError);
        CHECK_THROWS_WITH(generate_problem(o), "/depots: depots must be between 0 and 50");
    }
    GenerateOptions o;
    o.depots = 50;
    o.jobs = 10;
    CHECK(generate_problem(o).num_depots() == 50);
}
