#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <set>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/travel/great_circle.hpp"

using namespace fsd;

namespace {
std::string option_error(const GenerateOptions& o) {
    try {
        (void)generate_problem(o);
    } catch (const InputError& e) {
        return e.what();
    }
    return "<no error>";
}
}  // namespace

TEST_CASE("the generator is determined by its options", "[model][generate]") {
    GenerateOptions o;
    const Problem a = generate_problem(o);
    const Problem b = generate_problem(o);
    CHECK(a.engineers() == b.engineers());
    CHECK(a.jobs() == b.jobs());
    CHECK(a.distances() == b.distances());
    o.seed = 2;
    const Problem c = generate_problem(o);
    CHECK(a.jobs() != c.jobs());
    CHECK(a.engineers() != c.engineers());
}

TEST_CASE("the generator gives the same day on every platform", "[model][generate]") {
    // Pinned output of seed 1: it may change only on purpose (and then this
    // test with it), never with the compiler or standard library.
    const Problem p = generate_problem(GenerateOptions{});
    Duration total_service = 0;
    Amount total_demand = 0;
    for (const auto& job : p.jobs()) {
        total_service += job.duration;
        total_demand += job.demand.at(0);
    }
    INFO("total service " << total_service << ", total demand " << total_demand);
    CHECK(total_service == 207300);
    CHECK(total_demand == 57);
    CHECK(p.job(0).skills.at(0).skill == "plumbing");
}

TEST_CASE("generated sizes, ids and shapes", "[model][generate]") {
    GenerateOptions o;
    o.engineers = 12;
    o.jobs = 75;
    const Problem p = generate_problem(o);
    REQUIRE(p.num_engineers() == 12);
    REQUIRE(p.num_jobs() == 75);
    CHECK(p.engineer(0).id == "eng-01");
    CHECK(p.engineer(11).id == "eng-12");
    CHECK(p.job(0).id == "T-0001");
    CHECK(p.job(74).id == "T-0075");
    CHECK(p.dimensions() == 1);
    CHECK(p.slots().size() == 12);
    CHECK(p.warnings().empty());

    const Time day = o.day_start;
    std::set<std::string> skills_seen;
    for (const auto& e : p.engineers()) {
        REQUIRE(e.shifts.size() == 1);
        CHECK(e.shifts[0].start == day + 8 * 3600);
        CHECK(e.shifts[0].end == day + 17 * 3600);
        REQUIRE(e.breaks.size() == 1);
        CHECK(e.breaks[0].duration == 1800);
        CHECK(e.breaks[0].windows.at(0).start == day + 11 * 3600 + 1800);
        CHECK(e.breaks[0].windows.at(0).end + 1800 == day + 14 * 3600);
        CHECK(e.skills.size() >= 2);
        CHECK(e.skills.size() <= 3);
        for (const auto& s : e.skills) {
            CHECK(s.level >= 1);
            CHECK(s.level <= 3);
            skills_seen.insert(s.skill);
        }
        CHECK(e.capacity == std::vector<Amount>{o.van_stock});
        CHECK(haversine_metres(*e.start.coords, o.centre) <= o.radius_km * 1000.0 * 1.01);
    }
    CHECK(skills_seen.size() == 5);

    int optional = 0, windowed = 0, with_sla = 0;
    for (Index j = 0; j < p.num_jobs(); ++j) {
        const Job& job = p.job(j);
        CHECK(job.duration >= 30 * 60);
        CHECK(job.duration <= 120 * 60);
        CHECK(job.duration % 300 == 0);
        REQUIRE(job.skills.size() == 1);
        CHECK(job.skills[0].min_level >= 1);
        CHECK(job.skills[0].min_level <= 3);
        CHECK((job.priority == 0 || job.priority == 30 || job.priority == 60 || job.priority == 90));
        CHECK(job.demand.at(0) >= 0);
        CHECK(job.demand.at(0) <= 2);
        CHECK(haversine_metres(*job.location.coords, o.centre) <= o.radius_km * 1000.0 * 1.01);
        for (const auto& w : job.time_windows) {
            CHECK(w.start >= day + 8 * 3600);
            CHECK(w.end + job.duration <= day + 17 * 3600);
        }
        if (job.optional) {
            ++optional;
            CHECK(job.penalty == o.maintenance_penalty);
            CHECK_FALSE(job.sla.has_value());
        }
        if (job.sla && !job.sla->hard) CHECK(job.priority >= 60);
        if (!job.time_windows.empty()) ++windowed;
        if (job.sla) ++with_sla;
    }
    CHECK(windowed > 0);
    CHECK(windowed < 75);
    CHECK(with_sla > 0);
    CHECK(optional < 75 / 4);
}

TEST_CASE("every job has a compatible engineer", "[model][generate]") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        GenerateOptions o;
        o.seed = seed;
        const Problem p = generate_problem(o);
        for (Index j = 0; j < p.num_jobs(); ++j) {
            INFO("seed " << seed << " job " << p.job(j).id);
            CHECK_FALSE(p.compatible_engineers(j).empty());
        }
    }
    SECTION("also with a single engineer") {
        GenerateOptions o;
        o.engineers = 1;
        o.jobs = 40;
        const Problem p = generate_problem(o);
        for (Index j = 0; j < p.num_jobs(); ++j) CHECK(p.compatible(0, j));
    }
}

TEST_CASE("the workload fits the team at the default ratio", "[model][generate]") {
    // Service time alone must leave room for travel: below 75 % of the
    // engineers' working time (shift minus lunch).
    const Problem p = generate_problem(GenerateOptions{});
    Duration service = 0;
    for (const auto& job : p.jobs()) service += job.duration;
    const Duration capacity = p.num_engineers() * (9 * 3600 - 1800);
    CHECK(service < capacity * 75 / 100);
    Amount demand = 0;
    for (const auto& job : p.jobs()) demand += job.demand.at(0);
    CHECK(demand < p.num_engineers() * GenerateOptions{}.van_stock);
}

TEST_CASE("a large day generates and builds", "[model][generate]") {
    GenerateOptions o;
    o.engineers = 150;
    o.jobs = 1000;
    o.seed = 99;
    const Problem p = generate_problem(o);
    CHECK(p.num_jobs() == 1000);
    CHECK(p.engineer(149).id == "eng-150");
    CHECK(p.job(999).id == "T-1000");
    CHECK(p.num_locations() == 1000 + 150);  // engineers end where they start
}

TEST_CASE("bad options name the option", "[model][generate][validation]") {
    GenerateOptions o;
    SECTION("engineers") {
        o.engineers = 0;
        CHECK(option_error(o) == "/engineers: engineers must be at least 1");
    }
    SECTION("jobs") {
        o.jobs = -1;
        CHECK(option_error(o) == "/jobs: jobs must not be negative");
    }
    SECTION("zero jobs is fine") {
        o.jobs = 0;
        CHECK(option_error(o) == "<no error>");
    }
    SECTION("radius") {
        o.radius_km = 0.0;
        CHECK(option_error(o) == "/radius_km: radius_km must be more than 0 and at most 500");
    }
    SECTION("centre") {
        o.centre.lat = 85.0;
        CHECK_THROWS_WITH(generate_problem(o), Catch::StartsWith("/centre/lat: "));
    }
    SECTION("speed") {
        o.speed_kmh = std::numeric_limits<double>::infinity();
        CHECK_THROWS_WITH(generate_problem(o), Catch::StartsWith("/speed_kmh: "));
    }
    SECTION("shares") {
        o.optional_share = 1.5;
        CHECK_THROWS_WITH(generate_problem(o), Catch::StartsWith("/optional_share: "));
    }
    SECTION("van stock") {
        o.van_stock = -2;
        CHECK(option_error(o) == "/van_stock: van_stock must not be negative");
    }
}
