// Validation of overtime (engineer) and service durations by level (job).
#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;

namespace {

Engineer engineer(const char* id) {
    Engineer e;
    e.id = id;
    e.start.coords = Coordinates{52.52, 13.40};
    e.shifts = {{8 * 3600, 17 * 3600}};
    e.skills = {{"gas", 3}};
    return e;
}

Job gas_job(std::vector<LevelDuration> levels) {
    Job j;
    j.id = "j1";
    j.location.coords = Coordinates{52.51, 13.44};
    j.duration = 1800;
    j.skills = {{"gas", 1}};
    j.durations_by_level = std::move(levels);
    return j;
}

InputError error_of(const Engineer& e, const Job& j) {
    ProblemBuilder b;
    Job filler;
    filler.id = "j0";
    filler.location.coords = Coordinates{52.50, 13.45};
    b.add_engineer(engineer("e0")).add_engineer(e).add_job(filler).add_job(j);
    try {
        (void)b.build();
    } catch (const InputError& err) {
        return err;
    }
    return InputError("<no error>", "");
}

}  // namespace

TEST_CASE("overtime and level durations build and keep their values", "[model][overtime][levels]") {
    Engineer e = engineer("e1");
    e.max_overtime = 1800;
    e.costs.overtime_per_hour = 5400;
    ProblemBuilder b;
    b.add_engineer(e).add_job(gas_job({{2, 1200}, {3, 900}}));
    const Problem p = b.build();
    CHECK(p.engineer(0).max_overtime == 1800);
    CHECK(p.engineer(0).costs.overtime_per_hour == 5400);
    CHECK(p.has_overtime());
    CHECK(p.has_level_durations());
    CHECK(p.latest_end(0) == 17 * 3600 + 1800);
    CHECK(p.service_duration(0, 0) == 900);
    CHECK(p.weights().overtime == 1);
}

TEST_CASE("defaults leave overtime and level durations off", "[model][overtime][levels]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e1")).add_job(gas_job({}));
    const Problem p = b.build();
    CHECK_FALSE(p.has_overtime());
    CHECK_FALSE(p.has_level_durations());
    CHECK(p.latest_end(0) == 17 * 3600);
    CHECK(p.service_duration(0, 0) == 1800);
    CHECK(ObjectiveParts{}.overtime == 0);
    ObjectiveParts parts;
    parts.travel = 5;
    parts.overtime = 7;
    CHECK(parts.total() == 12);
}

TEST_CASE("negative overtime figures are refused by path", "[model][overtime]") {
    Engineer e = engineer("e1");
    e.max_overtime = -1;
    CHECK(error_of(e, gas_job({})).path() == "/engineers/1/max_overtime");
    e.max_overtime = 0;
    e.costs.overtime_per_hour = -5;
    CHECK(error_of(e, gas_job({})).path() == "/engineers/1/costs/overtime_per_hour");

    ProblemBuilder b;
    ObjectiveWeights w;
    w.overtime = -1;
    b.add_engineer(engineer("e1")).set_weights(w);
    CHECK_THROWS_AS(b.build(), InputError);
    try {
        (void)b.build();
    } catch (const InputError& err) {
        CHECK(std::string(err.path()) == "/weights/overtime");
    }
}

TEST_CASE("level durations are refused by path when malformed", "[model][levels]") {
    const Engineer e = engineer("e1");
    SECTION("no required skill") {
        Job j = gas_job({{2, 600}});
        j.skills.clear();
        const InputError err = error_of(e, j);
        CHECK(err.path() == "/jobs/1/durations_by_level");
        CHECK(std::string(err.what()).find("required skill") != std::string::npos);
    }
    SECTION("levels not strictly increasing") {
        CHECK(error_of(e, gas_job({{2, 600}, {2, 500}})).path() == "/jobs/1/durations_by_level/1/level");
        CHECK(error_of(e, gas_job({{3, 600}, {1, 500}, {4, 400}})).path() == "/jobs/1/durations_by_level/1/level");
    }
    SECTION("a negative duration") {
        CHECK(error_of(e, gas_job({{1, 600}, {2, -1}})).path() == "/jobs/1/durations_by_level/1/duration");
    }
}
