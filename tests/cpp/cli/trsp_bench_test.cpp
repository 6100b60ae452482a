#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "fsd/core/error.hpp"
#include "route_trsp_bench.hpp"
#include "temp_folder.hpp"

using namespace fsdcli;

namespace {

const std::string kData = FSD_TEST_DATA;

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

TEST_CASE("a TRSP instance is named by its file name up to the first dot", "[cli][trsp]") {
    CHECK(trsp_instance_name("/data/trsp_pillac/C101.100_25-5-5-5.txt") == "C101");
    CHECK(trsp_instance_name("RC108.txt") == "RC108");
}

TEST_CASE("the TRSP best-known durations come from duration_report_2013", "[cli][trsp]") {
    cli_test::TempFolder dir;
    const std::string path = dir.write("bks.csv", "instance,duration_report_2013,duration_thesis\n"
                                                  "C101,10717.516,10770.627\n\nR101,3134.863,3134.863\n");
    const auto bks = read_trsp_bks(path);
    REQUIRE(bks.size() == 2);
    CHECK(bks.at("c101") == Approx(10717.516));
    CHECK(bks.at("r101") == Approx(3134.863));

    const std::string bad = dir.write("bad.csv", "instance,duration_report_2013\nC101,10717.516\nC102,soon\n");
    CHECK_THROWS_WITH(read_trsp_bks(bad), Catch::Contains(bad + ":3:") && Catch::Contains("\"soon\""));
    const std::string zero = dir.write("zero.csv", "instance,duration_report_2013\nC101,0\n");
    CHECK_THROWS_WITH(read_trsp_bks(zero), Catch::Contains(zero + ":2:") && Catch::Contains("positive"));
    const std::string no_column = dir.write("cols.csv", "instance,duration_thesis\nC101,1\n");
    CHECK_THROWS_WITH(read_trsp_bks(no_column), Catch::Contains("duration_report_2013"));
}

TEST_CASE("the gap of a TRSP row is relative to the best-known duration", "[cli][trsp]") {
    TrspRow row;
    row.duration = 110.0;
    CHECK_FALSE(row.gap_pct().has_value());
    row.bks_duration = 100.0;
    CHECK(*row.gap_pct() == Approx(10.0));
}

TEST_CASE("fsd bench trsp solves, verifies and writes the documented CSV", "[cli][trsp]") {
    cli_test::TempFolder dir;
    dir.write("TINY.3_2-2-2-2.txt", file_text(kData + "/io_trsp_tiny.txt"));
    dir.write("bks.csv", "instance,duration_report_2013\nTINY,200.0\n");
    TrspBenchOptions o;
    o.dir = dir.path().string();
    o.time_limit_seconds = 0.2;
    o.csv = (dir.path() / "out.csv").string();
    std::ostringstream out, err;
    CHECK(run_trsp_bench(o, out, err) == 0);
    INFO(out.str() << err.str());
    CHECK_THAT(out.str(), Catch::Contains("TINY") && Catch::Contains("all served"));

    std::istringstream csv(file_text(o.csv));
    std::string header, line, extra;
    REQUIRE(std::getline(csv, header));
    CHECK(header == "instance,served,requests,duration,bks_duration,gap_pct,seconds,verified");
    REQUIRE(std::getline(csv, line));
    CHECK_FALSE(std::getline(csv, extra));
    const auto f = csv_fields(line);
    REQUIRE(f.size() == 8);
    CHECK(f[0] == "TINY");
    CHECK(f[2] == "3");
    // tech1 serves requests 3 and 5 from its own van: at least those two.
    CHECK(std::stoi(f[1]) >= 2);
    CHECK(f[4] == "200.000");
    const double duration = std::stod(f[3]);
    CHECK(duration > 0);
    CHECK(std::stod(f[5]) == Approx(100.0 * (duration - 200.0) / 200.0).margin(0.001));
    CHECK(f[7] == "1");
}

TEST_CASE("fsd bench trsp runs without bks.csv and leaves the gap empty", "[cli][trsp]") {
    cli_test::TempFolder dir;
    dir.write("TINY.3_2-2-2-2.txt", file_text(kData + "/io_trsp_tiny.txt"));
    TrspBenchOptions o;
    o.dir = dir.path().string();
    o.time_limit_seconds = 0.05;
    o.csv = (dir.path() / "out.csv").string();
    std::ostringstream out, err;
    CHECK(run_trsp_bench(o, out, err) == 0);
    CHECK_THAT(err.str(), Catch::Contains("bks.csv: not found"));
    std::istringstream csv(file_text(o.csv));
    std::string header, line;
    REQUIRE(std::getline(csv, header));
    REQUIRE(std::getline(csv, line));
    const auto f = csv_fields(line);
    REQUIRE(f.size() == 8);
    CHECK(f[4].empty());
    CHECK(f[5].empty());
}

TEST_CASE("fsd bench trsp refuses a folder without instances", "[cli][trsp][errors]") {
    cli_test::TempFolder dir;
    TrspBenchOptions o;
    o.dir = dir.path().string();
    std::ostringstream out, err;
    CHECK_THROWS_AS(run_trsp_bench(o, out, err), fsd::InputError);
    o.dir = (dir.path() / "missing").string();
    CHECK_THROWS_WITH(run_trsp_bench(o, out, err), Catch::Contains("no such directory"));
}
