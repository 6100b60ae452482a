#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fsd/core/error.hpp"
#include "fsd/io/solomon.hpp"

using namespace fsd;

namespace {

const std::string kData = FSD_TEST_DATA;

std::string bench_dir() {
    if (const char* env = std::getenv("FSD_BENCH_DATA")) return env;
    return std::string(FSD_SOURCE_DIR) + "/../shared/benchmarks";
}

std::string error_message(const std::string& path) {
    try {
        (void)read_solomon(path);
    } catch (const InputError& e) {
        CHECK(e.path().empty());
        return e.message();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("a crafted Solomon file is scaled as documented", "[io][solomon]") {
    const EuclideanInstance inst = read_solomon(kData + "/io_solomon_tiny.txt");
    CHECK(inst.name == "TINY3");
    CHECK(inst.vehicles == 2);
    CHECK(inst.capacity == 15);
    CHECK(inst.scale == 10000);
    CHECK(inst.x == std::vector<double>{0, 3, 1.5, 0});
    CHECK(inst.service == std::vector<double>{0, 2, 0.25, 1});

    const Problem& p = inst.problem;
    REQUIRE(p.num_jobs() == 3);
    REQUIRE(p.num_engineers() == 2);
    REQUIRE(p.num_locations() == 4);
    CHECK(p.engineer(0).id == "v1");
    CHECK(p.engineer(1).id == "v2");
    CHECK(p.job(0).id == "1");
    CHECK(p.job(2).id == "3");
    CHECK(p.start_location(1) == 0);
    CHECK(p.end_location(1) == 0);
    CHECK(p.engineer(0).shifts == std::vector<TimeWindow>{{0, 1'000'000}});
    CHECK(p.engineer(0).capacity == std::vector<Amount>{15});
    CHECK(p.engineer(0).costs == EngineerCosts{0, 0, 1000});
    CHECK(p.job(0).time_windows == std::vector<TimeWindow>{{100'000, 500'000}});
    CHECK(p.job(1).duration == 2'500);
    CHECK(p.job(2).demand == std::vector<Amount>{1});
    CHECK(p.job_location(2) == 3);

    // Distances round to nearest, durations round up (never shorter than exact).
    CHECK(p.distances()(0, 1) == 50'000);
    CHECK(p.base_durations()(0, 1) == 50'000);
    CHECK(p.distances()(0, 3) == 3'000);        // 0.3 * 10000 stays 3000 despite binary noise
    CHECK(p.base_durations()(0, 3) == 3'000);
    CHECK(p.distances()(1, 3) == 47'634);       // 47634.02
    CHECK(p.base_durations()(1, 3) == 47'635);
    CHECK(p.distances()(3, 2) == 22'672);       // 22671.57
    CHECK(p.base_durations()(3, 2) == 22'672);
    CHECK(p.distances()(2, 2) == 0);
}

TEST_CASE("the scale is a parameter", "[io][solomon]") {
    const EuclideanInstance inst = read_solomon(kData + "/io_solomon_tiny.txt", 100);
    CHECK(inst.scale == 100);
    CHECK(inst.problem.distances()(1, 3) == 476);
    CHECK(inst.problem.base_durations()(1, 3) == 477);
    CHECK(inst.problem.job(1).duration == 25);
    CHECK_THROWS_AS(read_solomon(kData + "/io_solomon_tiny.txt", 0), InputError);
}

TEST_CASE("malformed Solomon files name the file and line", "[io][solomon][errors]") {
    CHECK_THAT(error_message(kData + "/io_solomon_short_row.txt"), Catch::Contains("io_solomon_short_row.txt:11: expected 7 numbers"));
    CHECK_THAT(error_message(kData + "/io_solomon_bad_id.txt"), Catch::Contains("io_solomon_bad_id.txt:11: expected customer number 1"));
    CHECK_THAT(error_message(kData + "/io_solomon_bad_window.txt"), Catch::Contains("io_solomon_bad_window.txt:11: the due date"));
    CHECK_THAT(error_message(kData + "/io_solomon_no_fleet.txt"), Catch::Contains("io_solomon_no_fleet.txt:3:"));
    CHECK_THAT(error_message(kData + "/io_no_such_file.txt"), Catch::Contains("io_no_such_file.txt"));
}

TEST_CASE("a distance too large for a matrix entry at the scale names the customer's line", "[io][solomon][errors]") {
    // 300,000 units apart: 3e9 at the default scale 10,000, beyond a 32-bit matrix entry.
    const std::string path = (std::filesystem::temp_directory_path() / "fsd_solomon_far_apart.txt").string();
    std::ofstream(path) << "FAR\n\nVEHICLE\nNUMBER     CAPACITY\n  1         10\n\nCUSTOMER\n"
                           "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n"
                           "    0      0          0          0          0        1000          0\n"
                           "    1      300000     0          1          0        1000          0\n";
    CHECK(error_message(path) == path + ":11: the distance from customer 0 to customer 1 is 3000000000 at scale 10000, "
                                        "more than a travel matrix holds (at most 2147483647); use a smaller scale");
    CHECK(read_solomon(path, 100).problem.distances()(1, 0) == 30'000'000);
    std::filesystem::remove(path);
}

TEST_CASE("Solomon C101 is read from the benchmark set", "[io][solomon][bench-data]") {
    const EuclideanInstance inst = read_solomon(bench_dir() + "/solomon/C101.txt");
    CHECK(inst.name == "C101");
    CHECK(inst.vehicles == 25);
    CHECK(inst.capacity == 200);
    const Problem& p = inst.problem;
    CHECK(p.num_jobs() == 100);
    CHECK(p.num_engineers() == 25);
    CHECK(p.num_locations() == 101);
    CHECK(p.engineer(24).id == "v25");
    CHECK(p.engineer(0).shifts[0] == TimeWindow{0, 12'360'000});
    // Customer 1 at (45, 68), depot at (40, 50): sqrt(349) = 18.68154...
    CHECK(p.distances()(0, 1) == 186'815);
    CHECK(p.base_durations()(0, 1) == 186'816);
    CHECK(p.job(0).time_windows[0] == TimeWindow{9'120'000, 9'670'000});
    CHECK(p.job(0).duration == 900'000);
    CHECK(p.job(0).demand == std::vector<Amount>{10});
    CHECK(p.job(99).id == "100");
}

TEST_CASE("a Gehring-Homberger 200-customer file is read", "[io][solomon][bench-data]") {
    const EuclideanInstance inst = read_solomon(bench_dir() + "/homberger_200/c1_2_1.txt");
    CHECK(inst.name == "c1_2_1");
    CHECK(inst.vehicles == 50);
    CHECK(inst.capacity == 200);
    CHECK(inst.problem.num_jobs() == 200);
    CHECK(inst.problem.num_engineers() == 50);
    // Customer 1 at (33, 78), depot at (70, 70): sqrt(1433) = 37.85498...
    CHECK(inst.problem.distances()(0, 1) == 378'550);
    CHECK(inst.problem.distances()(1, 0) == 378'550);
    CHECK(inst.problem.job(199).time_windows[0] == TimeWindow{6'040'000, 6'570'000});
}
