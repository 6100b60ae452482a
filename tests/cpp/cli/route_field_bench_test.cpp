#include <catch2/catch.hpp>

#include <sstream>

#include "fsd/core/error.hpp"
#include "fsd/io/vroom_json.hpp"
#include "route_field_bench.hpp"
#include "temp_folder.hpp"

using namespace fsdcli;

namespace {

const std::string kHeader = "instance,setting,threads,served,unassigned,priority,travel_s,distance_m,wall_s\n";

fsd::InputError reading_error(const std::string& path) {
    try {
        (void)read_field_reference(path, "-x 5", 1);
    } catch (const fsd::InputError& e) {
        return e;
    }
    FAIL("no InputError for " << path);
    return fsd::InputError("", "");
}

}  // namespace

TEST_CASE("the field reference gives each day the row of the setting, same thread count first", "[cli][field]") {
    cli_test::TempFolder dir;
    const std::string path = dir.write("vroom_reference.csv",
                                       kHeader +
                                           "Day_A,-x 0,1,114,36,2680,72188,601553,0.05\n"
                                           "day_a,-x 5,1,116,34,2680,70697,589132,1.89\n"
                                           "\n"
                                           "day_b,-x 5,2,300,0,5840,207848,1732097,20.59\n"
                                           "day_b,-x 5,1,299,1,5830,207000,1732000,30.5\n");
    const auto one = read_field_reference(path, "-x 5", 1);
    REQUIRE(one.size() == 2);
    CHECK(one.at("day_a").figures == FieldFigures{116, 2680, 70697});
    CHECK(one.at("day_a").wall_s == Approx(1.89));
    CHECK(one.at("day_b").figures == FieldFigures{299, 5830, 207000});  // the 1-thread row, though second
    const auto two = read_field_reference(path, "-x 5", 2);
    CHECK(two.at("day_b").figures == FieldFigures{300, 5840, 207848});
    CHECK(two.at("day_a").figures.served == 116);  // no 2-thread row: the setting's first
    const auto x0 = read_field_reference(path, "-x 0", 1);
    REQUIRE(x0.size() == 1);
    CHECK(x0.at("day_a").figures == FieldFigures{114, 2680, 72188});  // names are matched in lower case
    CHECK(x0.at("day_a").wall_s == Approx(0.05));
}

TEST_CASE("a bad field reference is an input error naming the file and the line", "[cli][field][errors]") {
    cli_test::TempFolder dir;
    SECTION("a missing column") {
        const std::string path = dir.write("ref.csv", "instance,setting,threads,served,unassigned,priority,distance_m,wall_s\n"
                                                      "day_a,-x 5,1,116,34,2680,589132,1.89\n");
        const fsd::InputError e = reading_error(path);
        CHECK_THAT(e.what(), Catch::Contains(path + ":1:") && Catch::Contains("\"travel_s\""));
    }
    SECTION("a number that does not read") {
        const std::string path = dir.write("ref.csv", kHeader + "day_a,-x 5,1,116,34,2680,70697,589132,1.89\n"
                                                                "day_b,-x 5,1,116,34,lots,70697,589132,1.89\n");
        const fsd::InputError e = reading_error(path);
        CHECK_THAT(e.what(), Catch::Contains(path + ":3:") && Catch::Contains("\"lots\"") &&
                                 Catch::Contains("priority"));
    }
    SECTION("a count that is not whole") {
        const std::string path = dir.write("ref.csv", kHeader + "day_a,-x 5,1,116.5,34,2680,70697,589132,1.89\n");
        CHECK_THAT(reading_error(path).what(), Catch::Contains(path + ":2:") && Catch::Contains("served"));
    }
    SECTION("a bad thread count") {
        const std::string path = dir.write("ref.csv", kHeader + "day_a,-x 5,one,116,34,2680,70697,589132,1.89\n");
        CHECK_THAT(reading_error(path).what(), Catch::Contains(path + ":2:") && Catch::Contains("threads"));
    }
    SECTION("no file") {
        const std::string path = (dir.path() / "nothing.csv").string();
        CHECK_THAT(reading_error(path).what(), Catch::Contains(path));
    }
}

TEST_CASE("a day is compared with VROOM on priority, then tickets served, then travel", "[cli][field]") {
    const FieldFigures vroom{100, 5000, 70000};
    // Priority decides before anything else.
    CHECK(compare_field({90, 5010, 90000}, vroom) == Verdict::win);
    CHECK(compare_field({120, 4990, 10000}, vroom) == Verdict::loss);
    // Same priority: more tickets served wins, whatever the travel.
    CHECK(compare_field({101, 5000, 90000}, vroom) == Verdict::win);
    CHECK(compare_field({99, 5000, 10000}, vroom) == Verdict::loss);
    // Same priority and tickets: less travel wins.
    CHECK(compare_field({100, 5000, 69999}, vroom) == Verdict::win);
    CHECK(compare_field({100, 5000, 70001}, vroom) == Verdict::loss);
    CHECK(compare_field(vroom, vroom) == Verdict::tie);
    CHECK(std::string(to_string(Verdict::win)) == "win");
    CHECK(std::string(to_string(Verdict::tie)) == "tie");
    CHECK(std::string(to_string(Verdict::loss)) == "loss");

    CHECK(*travel_difference_pct({100, 5000, 63000}, vroom) == Approx(-10.0));
    CHECK(*travel_difference_pct({100, 5000, 77000}, vroom) == Approx(10.0));
    CHECK(*travel_difference_pct({0, 0, 0}, {0, 0, 0}) == 0.0);
    CHECK_FALSE(travel_difference_pct({1, 0, 10}, {0, 0, 0}).has_value());
}

TEST_CASE("the field CSV has exactly the documented columns, one row per day", "[cli][field]") {
    FieldDayRow a;
    a.instance = "field_15x150_s11";
    a.jobs = 150;
    a.ours = {116, 2680, 70123};
    a.seconds = 1.23456;
    a.verified = true;
    a.vroom = FieldReference{{116, 2680, 70697}, 1.89};
    FieldDayRow b;
    b.instance = "other";
    b.ours = {3, 50, 900};
    b.seconds = 0.1;
    b.verified = false;
    const std::string csv = field_bench_csv({a, b});
    CHECK(csv ==
          "instance,served,priority,travel_s,seconds,verified,vroom_served,vroom_priority,vroom_travel_s\n"
          "field_15x150_s11,116,2680,70123,1.235,1,116,2680,70697\n"
          "other,3,50,900,0.100,0,,,\n");
}

TEST_CASE("the figures of a plan count served tickets, their priority and route travel", "[cli][field]") {
    const fsd::VroomInput input = fsd::read_vroom_file(FSD_TEST_DATA "/io_vroom_matrix.json");
    // Jobs 1 (priority 50) and 4 (priority 100) served on one route, job 0
    // (priority 0) on another; the rest left out.
    const auto job = [](fsd::Index j) {
        fsd::Step s;
        s.kind = fsd::StepKind::job;
        s.index = j;
        return s;
    };
    fsd::Step start, end, lunch;
    start.kind = fsd::StepKind::start;
    end.kind = fsd::StepKind::end;
    lunch.kind = fsd::StepKind::break_;
    lunch.index = 0;
    fsd::Solution plan;
    plan.routes.resize(2);
    plan.routes[0].steps = {start, job(1), lunch, job(4), end};
    plan.routes[0].travel_time = 1200;
    plan.routes[0].cost = 1300;  // a fixed cost is not travel
    plan.routes[1].engineer = 1;
    plan.routes[1].steps = {start, job(0), end};
    plan.routes[1].travel_time = 345;
    CHECK(field_figures(input.problem, plan) == FieldFigures{3, 150, 1545});
    CHECK(field_figures(input.problem, fsd::Solution{}) == FieldFigures{0, 0, 0});
}

TEST_CASE("a field day is solved, verified and measured", "[cli][field]") {
    fsd::SolveOptions options;
    options.iteration_limit = 20;
    options.time_limit_seconds = 5;
    std::ostringstream err;
    const FieldDayRow row = run_field_day(FSD_TEST_DATA "/io_vroom_matrix.json", options, err);
    CHECK(row.instance == "io_vroom_matrix");
    CHECK(row.jobs == 8);
    CHECK(row.verified);
    CHECK(err.str().find("verify") == std::string::npos);
    CHECK(row.ours.served > 0);
    CHECK(row.ours.priority <= 150);
    CHECK(row.seconds > 0.0);
    CHECK_FALSE(row.vroom.has_value());
}
