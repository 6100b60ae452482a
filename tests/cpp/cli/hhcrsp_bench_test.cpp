#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fsd/core/error.hpp"
#include "route_hhcrsp_bench.hpp"
#include "temp_folder.hpp"

using namespace fsdcli;

namespace {

std::string bench_dir() {
    if (const char* env = std::getenv("FSD_BENCH_DATA")) return env;
    return std::string(FSD_SOURCE_DIR) + "/../shared/benchmarks";
}

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string f; std::getline(in, f, ',');) out.push_back(f);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

}  // namespace

TEST_CASE("an HHCRSP file is named as the paper's Table 7 names it", "[cli][hhcrsp]") {
    CHECK(hhcrsp_instance_name("/data/hhcrsp_mankowska/InstanzCPLEX_HCSRP_10_1.txt") == "ins10-1");
    CHECK(hhcrsp_instance_name("InstanzCPLEX_HCSRP_75_6.txt") == "ins75-6");
    CHECK(hhcrsp_instance_name("my_case.txt") == "my_case");
}

TEST_CASE("Table 7 gives LB, zopt and z4, with missing values left out", "[cli][hhcrsp]") {
    cli_test::TempFolder dir;
    const std::string path = dir.write("t7.csv", "Instance,LB,zopt,gap,CPU,zinit,z4,gap4\n"
                                                 "ins10-1,218.2,218.2,0.00%,2,464.4,218.2,0.00%\n"
                                                 "ins50-1,401.1,missing,missing,36000,2263.7,1123.6,64.30%\n");
    const auto t = read_hhcrsp_table7(path);
    REQUIRE(t.size() == 2);
    CHECK(*t.at("ins10-1").lb == Approx(218.2));
    CHECK(*t.at("ins10-1").zopt == Approx(218.2));
    CHECK(*t.at("ins50-1").z4 == Approx(1123.6));
    CHECK_FALSE(t.at("ins50-1").zopt.has_value());

    const std::string bad = dir.write("bad.csv", "Instance,z4\nins10-1,soon\n");
    CHECK_THROWS_WITH(read_hhcrsp_table7(bad), Catch::Contains(bad + ":2:") && Catch::Contains("\"soon\""));
    const std::string zero = dir.write("zero.csv", "Instance,z4\nins10-1,0\n");
    CHECK_THROWS_WITH(read_hhcrsp_table7(zero), Catch::Contains(zero + ":2:") && Catch::Contains("positive"));
    const std::string no_column = dir.write("cols.csv", "Instance,z3\nins10-1,1\n");
    CHECK_THROWS_WITH(read_hhcrsp_table7(no_column), Catch::Contains("z4"));
}

TEST_CASE("an HHCRSP row's gap is relative to z4 and a win needs a verified plan", "[cli][hhcrsp]") {
    HhcrspRow row;
    row.objective = 110.0;
    CHECK_FALSE(row.gap_pct().has_value());
    CHECK_FALSE(row.wins());
    row.z4 = 100.0;
    CHECK(*row.gap_pct() == Approx(10.0));
    CHECK_FALSE(row.wins());
    row.objective = 100.04;  // z4 is printed with one decimal
    CHECK_FALSE(row.wins());
    row.verified = true;
    CHECK(row.wins());
    row.objective = 100.1;
    CHECK_FALSE(row.wins());
}

TEST_CASE("fsd bench hhcrsp solves instance 10_1, verifies and writes the documented CSV", "[cli][hhcrsp]") {
    const std::string src = bench_dir() + "/hhcrsp_mankowska/InstanzCPLEX_HCSRP_10_1.txt";
    if (!std::filesystem::exists(src)) FAIL("benchmark data not found at " << src << ": set FSD_BENCH_DATA");
    cli_test::TempFolder dir;
    dir.write("InstanzCPLEX_HCSRP_10_1.txt", file_text(src));
    dir.write("mankowska2014_table7.csv", "Instance,LB,zopt,z4\nins10-1,218.2,218.2,218.2\n");
    HhcrspBenchOptions o;
    o.dir = dir.path().string();
    o.time_limit_seconds = 0.3;
    o.csv = (dir.path() / "out.csv").string();
    std::ostringstream out, err;
    const int code = run_hhcrsp_bench(o, out, err);
    INFO(out.str() << err.str());
    CHECK(code == 0);
    CHECK_THAT(out.str(), Catch::Contains("ins10-1") && Catch::Contains("wins"));

    std::istringstream csv(file_text(o.csv));
    std::string header, line, extra;
    REQUIRE(std::getline(csv, header));
    CHECK(header == "instance,objective,distance,total_tardiness,max_tardiness,z4,gap_pct,seconds,verified");
    REQUIRE(std::getline(csv, line));
    CHECK_FALSE(std::getline(csv, extra));
    const auto f = csv_fields(line);
    REQUIRE(f.size() == 9);
    CHECK(f[0] == "ins10-1");
    const double objective = std::stod(f[1]);
    CHECK(objective == Approx((std::stod(f[2]) + std::stod(f[3]) + std::stod(f[4])) / 3).margin(0.002));
    // 218.2 is the proven optimum of the paper's model: no verified plan is below it.
    CHECK(objective >= 218.2 - 0.05);
    CHECK(f[5] == "218.200");
    CHECK(std::stod(f[6]) == Approx(100.0 * (objective - 218.2) / 218.2).margin(0.001));
    CHECK(f[8] == "1");
}

TEST_CASE("fsd bench hhcrsp refuses a folder without instances", "[cli][hhcrsp][errors]") {
    cli_test::TempFolder dir;
    HhcrspBenchOptions o;
    o.dir = dir.path().string();
    std::ostringstream out, err;
    CHECK_THROWS_AS(run_hhcrsp_bench(o, out, err), fsd::InputError);
}
