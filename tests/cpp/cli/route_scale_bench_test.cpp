#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "input_error_text.hpp"
#include "route_scale_bench.hpp"
#include "temp_folder.hpp"
#include "text_file.hpp"

using namespace fsdcli;
using cli_test::input_error;

TEST_CASE("scale sizes and limits are read from comma-separated lists", "[cli][scale]") {
    const auto sizes = parse_scale_sizes("1000x100, 5000X500,10000x1000");
    REQUIRE(sizes.size() == 3);
    CHECK(sizes[0].jobs == 1000);
    CHECK(sizes[0].engineers == 100);
    CHECK(sizes[1].jobs == 5000);
    CHECK(sizes[2].engineers == 1000);
    CHECK(parse_scale_limits("1, 0.2,10") == std::vector<double>{1.0, 0.2, 10.0});

    for (const char* bad : {"", "1000", "1000x", "x100", "1000x100x2", "0x10", "10x0", "-5x10", "1.5x10", "2000000x10"})
        CHECK_THAT(input_error([&] { parse_scale_sizes(bad); }), Catch::StartsWith("--sizes: "));
    for (const char* bad : {"", "fast", "-1", "1,,2", "inf", "1e9"})
        CHECK_THAT(input_error([&] { parse_scale_limits(bad); }), Catch::StartsWith("--limits: "));
}

TEST_CASE("a scale row goes through its CSV line unchanged", "[cli][scale]") {
    CHECK(scale_csv_header() == "jobs,engineers,limit_s,build_s,solve_s,wall_s,peak_rss_mb,served,verified");
    ScaleRow row;
    row.jobs = 5000;
    row.engineers = 500;
    row.limit_s = 0.5;
    row.build_s = 1.25;
    row.solve_s = 0.625;
    row.wall_s = 2.5;
    row.peak_rss_mb = 812.5;
    row.served = 4321;
    row.verified = true;
    const std::string line = scale_csv_line(row);
    CHECK(line == "5000,500,0.5,1.250,0.625,2.500,812.5,4321,1");
    const auto back = parse_scale_csv_line(line + "\n");
    REQUIRE(back);
    CHECK(back->jobs == 5000);
    CHECK(back->limit_s == 0.5);
    CHECK(back->build_s == 1.25);
    CHECK(back->peak_rss_mb == 812.5);
    CHECK(back->served == 4321);
    CHECK(back->verified);

    // A run whose process died: only what the parent knows.
    ScaleRow dead;
    dead.jobs = 10000;
    dead.engineers = 1000;
    dead.limit_s = 10;
    dead.wall_s = 3;
    CHECK(scale_csv_line(dead) == "10000,1000,10,,,3.000,,,0");
    const auto dead_back = parse_scale_csv_line(scale_csv_line(dead));
    REQUIRE(dead_back);
    CHECK_FALSE(dead_back->build_s);
    CHECK_FALSE(dead_back->served);
    CHECK_FALSE(dead_back->verified);

    for (const char* bad : {"", "warning: something", "1,2,3", "5000,500,0.5,x,0.6,2.5,812.5,4321,1",
                            "5000,500,0.5,1,0.6,2.5,812.5,4321,2"})
        CHECK_FALSE(parse_scale_csv_line(bad));
}

TEST_CASE("this process's peak memory is read from /proc", "[cli][scale]") {
    const auto before = peak_rss_mb();
    REQUIRE(before);
    CHECK(*before > 0.5);
    std::vector<char> block(32 << 20, 1);  // 32 MB touched
    const auto after = peak_rss_mb();
    REQUIRE(after);
    CHECK(*after >= *before);
    CHECK(*after > 30.0);
    CHECK(block[12345] == 1);
}

TEST_CASE("a measuring process that dies or reports no row is a failed row, and the runs go on", "[cli][scale]") {
    // A stand-in for fsd: called as `PROGRAM bench scale --one SIZE --limit S --seed N`. The failing
    // runs last 20 ms: the CSV keeps milliseconds, and a child that died at once would read as 0.000.
    cli_test::TempFolder dir;
    const std::string program = dir.write("fake_fsd",
                                          "#!/bin/sh\n"
                                          "case \"$4\" in\n"
                                          "  10x1) sleep 0.02; kill -KILL $$ ;;\n"
                                          "  20x2) sleep 0.02; echo 'not a row'; exit 3 ;;\n"
                                          "  *) echo 'noise first'; echo \"30,3,$6,0.010,0.500,0.6,12.5,7,1\" ;;\n"
                                          "esac\n");
    REQUIRE(::chmod(program.c_str(), 0755) == 0);
    ScaleBenchOptions o;
    o.sizes = "10x1,20x2,30x3";
    o.limits = "0.5";
    o.program = program;
    o.csv = (dir.path() / "rows.csv").string();
    std::ostringstream out, err;
    CHECK(run_scale_bench(o, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("10x1 at 0.5 s") && Catch::Contains("killed by signal 9"));
    CHECK_THAT(err.str(), Catch::Contains("20x2 at 0.5 s") && Catch::Contains("exit code 3"));
    CHECK_THAT(err.str(), Catch::Contains("2 of 3 runs FAILED"));

    std::vector<ScaleRow> rows;
    std::istringstream csv(fsdcli::read_text_file(o.csv));
    std::string line;
    std::getline(csv, line);
    CHECK(line == scale_csv_header());
    while (std::getline(csv, line)) {
        const auto row = parse_scale_csv_line(line);
        REQUIRE(row);
        rows.push_back(*row);
    }
    REQUIRE(rows.size() == 3);
    for (int i : {0, 1}) {
        CHECK(rows[i].jobs == (i + 1) * 10);
        CHECK(rows[i].limit_s == 0.5);
        CHECK_FALSE(rows[i].verified);
        CHECK_FALSE(rows[i].build_s);
        CHECK_FALSE(rows[i].served);
        CHECK(rows[i].wall_s >= 0.015);
    }
    CHECK(rows[2].verified);
    CHECK(rows[2].served == 7);
    CHECK(rows[2].peak_rss_mb == 12.5);
    CHECK(rows[2].wall_s != 0.6);  // the parent's clock, not the child's figure
}
