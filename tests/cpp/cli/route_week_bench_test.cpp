#include <catch2/catch.hpp>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "route_week_bench.hpp"
#include "input_error_text.hpp"
#include "temp_folder.hpp"
#include "text_fields.hpp"
#include "text_file.hpp"

using namespace fsdcli;
using cli_test::input_error;

TEST_CASE("week seeds are read from a comma-separated list", "[cli][week]") {
    CHECK(parse_week_seeds("1, 2,3") == std::vector<std::uint64_t>{1, 2, 3});
    CHECK(parse_week_seeds("18446744073709551615") == std::vector<std::uint64_t>{18446744073709551615ULL});
    for (const char* bad : {"", "1,,2", "-1", "x", "1.5", "18446744073709551616"})
        CHECK_THAT(input_error([&] { parse_week_seeds(bad); }), Catch::StartsWith("--seeds: "));
}

TEST_CASE("an SLA deadline is meetable when one engineer serving the job alone meets it", "[cli][week]") {
    // One engineer driving 10 m/s straight-line: a job 36 km north is an hour away.
    const fsd::Time day = 1'795'478'400;
    fsd::ProblemBuilder b;
    b.set_travel(fsd::GreatCircleOptions{36.0, 1.0});
    fsd::Engineer e;
    e.id = "e";
    e.start.coords = fsd::Coordinates{48.0, 11.0};
    e.shifts = {{day + 8 * 3600, day + 17 * 3600}, {day + 32 * 3600, day + 41 * 3600}};
    e.skills = {{"it", 1}};
    e.capacity = {5};
    b.add_engineer(e);
    const auto job = [&](const std::string& id, fsd::Time deadline) {
        fsd::Job j;
        j.id = id;
        j.location.coords = fsd::Coordinates{48.0 + 36.0 / 111.195, 11.0};
        j.duration = 3600;
        j.skills = {{"it", 1}};
        j.demand = {1};
        j.sla = fsd::SlaDeadline{deadline, false, 1};
        return j;
    };
    b.add_job(job("in-time", day + 9 * 3600 + 600));
    b.add_job(job("too-early", day + 8 * 3600 + 1800));
    fsd::Job late_window = job("late-window", day + 20 * 3600);
    late_window.time_windows = {{day + 16 * 3600 + 1800, day + 16 * 3600 + 2400}};  // no time to drive back
    b.add_job(late_window);
    fsd::Job second_day = job("second-day", day + 33 * 3600 + 600);
    second_day.time_windows = {{day + 32 * 3600, day + 40 * 3600}};
    b.add_job(second_day);
    fsd::Job unqualified = job("unqualified", day + 12 * 3600);
    unqualified.skills = {{"hvac", 1}};
    b.add_job(unqualified);
    fsd::Job heavy = job("heavy", day + 12 * 3600);
    heavy.demand = {6};
    b.add_job(heavy);
    fsd::Job no_sla = job("no-sla", 0);
    no_sla.sla.reset();
    b.add_job(no_sla);
    const fsd::Problem p = b.build();
    CHECK(week_sla_meetable(p, 0));
    CHECK_FALSE(week_sla_meetable(p, 1));
    CHECK_FALSE(week_sla_meetable(p, 2));
    CHECK(week_sla_meetable(p, 3));
    CHECK_FALSE(week_sla_meetable(p, 4));
    CHECK_FALSE(week_sla_meetable(p, 5));
    CHECK_FALSE(week_sla_meetable(p, 6));
}

TEST_CASE("a small week is planned, verified and counted", "[cli][week]") {
    cli_test::TempFolder dir;
    WeekBenchOptions o;
    o.engineers = 3;
    o.jobs = 30;
    o.days = 2;
    o.seeds = "1,2";
    o.time_limit = 0.5;
    o.lateness_weight = 10;  // a week with deadlines before travel plans and verifies alike
    o.csv = (dir.path() / "week.csv").string();
    std::ostringstream out, err;
    CHECK(run_week_bench(o, out, err) == 0);
    CHECK(err.str().empty());

    std::istringstream csv(read_text_file(o.csv));
    std::string line;
    std::getline(csv, line);
    CHECK(line == "seed,engineers,jobs,days,served,sla_jobs,sla_met,sla_meetable,hard_missed,travel_s,seconds,verified");
    int rows = 0;
    while (std::getline(csv, line)) {
        ++rows;
        const std::vector<std::string> f = split(line, ',');
        REQUIRE(f.size() == 12);
        INFO(line);
        CHECK(f[0] == std::to_string(rows));
        CHECK(f[1] == "3");
        CHECK(f[2] == "30");
        CHECK(f[3] == "2");
        const int served = std::stoi(f[4]), sla_jobs = std::stoi(f[5]), met = std::stoi(f[6]),
                  meetable = std::stoi(f[7]);
        CHECK(served > 0);
        CHECK(served <= 30);
        CHECK(sla_jobs > 0);
        CHECK(met <= meetable);
        CHECK(meetable <= sla_jobs);
        CHECK(std::stoi(f[8]) >= 0);
        CHECK(std::stoll(f[9]) > 0);
        CHECK(std::stod(f[10]) > 0.0);
        CHECK(f[11] == "1");
    }
    CHECK(rows == 2);
}

TEST_CASE("bad week options name the option", "[cli][week]") {
    std::ostringstream out, err;
    WeekBenchOptions o;
    o.days = 0;
    CHECK(input_error([&] { run_week_bench(o, out, err); }) == "--days: days must be between 1 and 28");
    o = WeekBenchOptions{};
    o.engineers = 0;
    CHECK_THAT(input_error([&] { run_week_bench(o, out, err); }), Catch::StartsWith("--engineers: "));
    o = WeekBenchOptions{};
    o.time_limit = -1;
    CHECK_THAT(input_error([&] { run_week_bench(o, out, err); }), Catch::StartsWith("--time-limit: "));
    o = WeekBenchOptions{};
    o.seeds = "";
    CHECK_THAT(input_error([&] { run_week_bench(o, out, err); }), Catch::StartsWith("--seeds: "));
    for (const std::int64_t bad : {-1, 10'001}) {
        o = WeekBenchOptions{};
        o.lateness_weight = bad;
        CHECK_THAT(input_error([&] { run_week_bench(o, out, err); }), Catch::StartsWith("--lateness-weight: "));
    }
}
