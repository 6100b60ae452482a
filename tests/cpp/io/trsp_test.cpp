#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "fsd/core/error.hpp"
#include "fsd/io/trsp.hpp"

using namespace fsd;

namespace {

const std::string kData = FSD_TEST_DATA;

std::string bench_dir() {
    if (const char* env = std::getenv("FSD_BENCH_DATA")) return env;
    return std::string(FSD_SOURCE_DIR) + "/../shared/benchmarks";
}

// The header of a file with 1 technician, 2 skill, tool and part types.
const std::string kHead =
    "BAD.1\n\nINFO\nCREW COUNT  SKILLS  TOOLS   SPARE PARTS\n1 2 2 2\n\n"
    "DEPOT TECHNICIANS AND REQUESTS\nID X Y TWS TWE Serv SKILLS TOOLS SPARE PARTS\n"
    "0 0 0 0 100 0 [] [] []\n"
    "1 0 0 0 100 0 [0] [0] [1,0]\n";

std::string error_message(const std::string& text) {
    try {
        (void)parse_trsp(text, "bad.txt");
    } catch (const InputError& e) {
        CHECK(e.path().empty());
        return e.message();
    }
    return "<no error>";
}

Step step(StepKind kind, Index index, Time arrival, Time start, Time end) {
    Step s;
    s.kind = kind;
    s.index = index;
    s.arrival = arrival;
    s.start = start;
    s.end = end;
    return s;
}

}  // namespace

TEST_CASE("a crafted TRSP file maps to depot, engineers and jobs as documented", "[io][trsp]") {
    const TrspInstance inst = read_trsp(kData + "/io_trsp_tiny.txt");
    CHECK(inst.name == "TINY.3_2-2-2-2");
    CHECK(inst.crew == 2);
    CHECK(inst.skills == 2);
    CHECK(inst.tools == 2);
    CHECK(inst.parts == 2);
    CHECK(inst.requests == 3);
    CHECK(inst.scale == 1000);
    CHECK(inst.service == std::vector<double>{0, 0, 0, 10, 10, 0.5});

    const Problem& p = inst.problem;
    REQUIRE(p.num_depots() == 1);
    REQUIRE(p.num_engineers() == 2);
    REQUIRE(p.num_jobs() == 3);
    CHECK(p.num_locations() == 6);

    const Depot& d = p.depot(0);
    CHECK(d.id == "depot");
    CHECK(p.depot_location(0) == 0);
    CHECK(d.opening == std::vector<TimeWindow>{{0, 1'000'000}});
    CHECK(d.duration == 0);
    CHECK(d.tools == std::vector<std::string>{"t0", "t1"});
    CHECK(d.parts == std::vector<std::string>{"p0", "p1"});

    const Engineer& t1 = p.engineer(0);
    CHECK(t1.id == "tech1");
    CHECK(p.start_location(0) == 1);
    CHECK(p.end_location(0) == 1);
    CHECK(t1.shifts == std::vector<TimeWindow>{{0, 1'000'000}});
    CHECK(t1.skills == std::vector<SkillLevel>{{"s0", 1}});
    CHECK(t1.tools == std::vector<std::string>{"t0"});
    CHECK(t1.stock == std::vector<PartCount>{{"p0", 1}});
    CHECK(t1.capacity.empty());
    EngineerCosts duration_only;
    duration_only.per_hour = 0;
    duration_only.per_working_hour = 3600;
    CHECK(t1.costs == duration_only);
    const Engineer& t2 = p.engineer(1);
    CHECK(t2.id == "tech2");
    CHECK(t2.skills == std::vector<SkillLevel>{{"s0", 1}, {"s1", 1}});
    CHECK(t2.tools.empty());
    CHECK(t2.stock.empty());  // [0,0]: zero counts are no stock

    const Job& j3 = p.job(0);
    CHECK(j3.id == "3");
    CHECK(p.job_location(0) == 3);
    CHECK(j3.time_windows == std::vector<TimeWindow>{{0, 100'000}});
    CHECK(j3.duration == 10'000);
    CHECK(j3.skills == std::vector<SkillRequirement>{{"s0", 1}});
    CHECK(j3.tools == std::vector<std::string>{"t0"});
    CHECK(j3.parts == std::vector<PartCount>{{"p0", 1}});
    CHECK_FALSE(j3.optional);
    const Job& j4 = p.job(1);
    CHECK(j4.tools == std::vector<std::string>{"t1"});
    CHECK(j4.parts == std::vector<PartCount>{{"p1", 2}});
    const Job& j5 = p.job(2);
    CHECK(j5.duration == 500);  // 0.5 time units
    CHECK(j5.skills.empty());
    CHECK(j5.parts.empty());

    // Only tech2 has skill s1; the depot lends t1 and stocks p1, so it may serve request 4.
    CHECK(p.compatible(1, 1));
    CHECK_FALSE(p.compatible(0, 1));
    CHECK(p.has_resources());

    // Time = distance; distances to nearest, durations rounded up.
    CHECK(p.distances()(0, 3) == 5'000);
    CHECK(p.base_durations()(0, 3) == 5'000);
    CHECK(p.distances()(2, 4) == 40'000);
    CHECK(p.distances()(0, 5) == 1'414);  // sqrt(2) = 1.41421...
    CHECK(p.base_durations()(0, 5) == 1'415);
}

TEST_CASE("the scale is a parameter of the TRSP reader", "[io][trsp]") {
    const TrspInstance inst = read_trsp(kData + "/io_trsp_tiny.txt", 100);
    CHECK(inst.scale == 100);
    CHECK(inst.problem.base_durations()(0, 5) == 142);
    CHECK(inst.problem.job(2).duration == 50);
    CHECK_THROWS_AS(read_trsp(kData + "/io_trsp_tiny.txt", 0), InputError);
}

TEST_CASE("the TRSP duration of a plan is its routes' working time in instance units", "[io][trsp]") {
    const TrspInstance inst = read_trsp(kData + "/io_trsp_tiny.txt");
    Solution s;
    Route r;
    r.engineer = 0;
    // tech1 leaves home (0,0) at 80, serves request 3 at (3,4) from 100 to 110, back at 115.
    r.steps = {step(StepKind::start, -1, 80'000, 80'000, 80'000), step(StepKind::job, 0, 85'000, 100'000, 110'000),
               step(StepKind::end, -1, 115'000, 115'000, 115'000)};
    s.routes.push_back(r);
    CHECK(trsp_duration(inst, s) == Approx(35.0));
    // Timed to its shortest, the route leaves at 95 and waits nowhere: 5 + 10 + 5.
    CHECK(trsp_shortest_duration(inst, s, TrspArithmetic::exact) == Approx(20.0));
    CHECK(trsp_shortest_duration(inst, s, TrspArithmetic::scaled) == Approx(20.0));

    // A route through the depot to request 5 and back: 3 legs of sqrt(2), 0 and sqrt(2), service 0.5.
    Route via_depot;
    via_depot.engineer = 0;
    via_depot.steps = {step(StepKind::start, -1, 0, 0, 0), step(StepKind::depot, 0, 0, 0, 0),
                       step(StepKind::job, 2, 1'415, 1'415, 1'915), step(StepKind::end, -1, 3'330, 3'330, 3'330)};
    s.routes = {via_depot};
    CHECK(trsp_duration(inst, s) == Approx(3.330));
    CHECK(trsp_shortest_duration(inst, s, TrspArithmetic::exact) == Approx(2 * std::sqrt(2.0) + 0.5));
    CHECK(trsp_shortest_duration(inst, s, TrspArithmetic::scaled) == Approx(3.330));
}

TEST_CASE("malformed TRSP files name the line and the field", "[io][trsp][errors]") {
    CHECK(error_message("") == "bad.txt: the file is empty");
    CHECK_THAT(error_message("X\n\nINFO\n"), Catch::Contains("the INFO line") && Catch::Contains("is missing"));
    CHECK(error_message("X\nINFO\n1 2 2\n") ==
          "bad.txt:3: expected the INFO counts CREW COUNT SKILLS TOOLS SPARE PARTS (4 numbers), got 3 fields");
    CHECK(error_message("X\nINFO\n0 2 2 2\n") == "bad.txt:3: CREW COUNT: there must be at least one technician");
    CHECK(error_message("X\nINFO\n1 2.5 2 2\n") == "bad.txt:3: SKILLS: \"2.5\" is not a whole number");
    CHECK(error_message("X\nINFO\n1 2 2 2\n0 0 0 0 100 0 [] [] []\n") ==
          "bad.txt: expected at least 2 rows (the depot and 1 technicians), got 1");
    CHECK(error_message(kHead + "3 1 1 0 10 1 [] [] []\n") ==
          "bad.txt:11: ID: expected row 2 (rows are numbered from 0, the depot, then technicians, then requests), got 3");
    CHECK(error_message(kHead + "2 1 1 0 10 1 [] []\n") ==
          "bad.txt:11: expected 9 fields (ID X Y TWS TWE Serv [SKILLS] [TOOLS] [SPARE PARTS]), got 8");
    CHECK(error_message(kHead + "2 1 one 0 10 1 [] [] []\n") == "bad.txt:11: Y: \"one\" is not a number");
    CHECK(error_message(kHead + "2 1 1 20 10 1 [] [] []\n") == "bad.txt:11: TWE: the window ends (10) before it starts (20)");
    CHECK(error_message(kHead + "2 1 1 -5 10 1 [] [] []\n") == "bad.txt:11: TWS: the window start -5 is negative");
    CHECK(error_message(kHead + "2 1 1 0 10 -1 [] [] []\n") == "bad.txt:11: Serv: the service time -1 is negative");
    CHECK(error_message(kHead + "2 1 1 0 10 1 [2] [] []\n") ==
          "bad.txt:11: SKILLS: 2 is not a type of the INFO line (2 types, 0 to 1)");
    CHECK(error_message(kHead + "2 1 1 0 10 1 [] [1,1] []\n") == "bad.txt:11: TOOLS: 1 is listed twice");
    CHECK(error_message(kHead + "2 1 1 0 10 1 [] [1, ] []\n") == "bad.txt:11: TOOLS: an empty item in [1, ]");
    CHECK(error_message(kHead + "2 1 1 0 10 1 [] [] [1]\n") ==
          "bad.txt:11: SPARE PARTS: expected one count per part type (2) or [], got 1");
    CHECK(error_message(kHead + "2 1 1 0 10 1 [] [] [1,-1]\n") == "bad.txt:11: SPARE PARTS: -1 is negative");
    CHECK(error_message(kHead + "2 1 1 0 10 1 [] [] [1,0\n") ==
          "bad.txt:11: a list opened with '[' is not closed with ']'");
    CHECK_THAT(error_message(kHead + "2 1 1 0 10 1 [] [] []\nREQUESTS\n"),
               Catch::StartsWith("bad.txt:12: expected a row \"ID X Y TWS TWE Serv"));
    CHECK_THAT(error_message(kHead + "2 1e13 1 0 10 1 [] [] []\n"),
               Catch::StartsWith("bad.txt:11: X: 1e13 is too large for the scale 1000"));
    // Far apart, a leg no 32-bit matrix entry holds at this scale.
    CHECK_THAT(error_message(kHead + "2 3000000 0 0 10 1 [] [] []\n"),
               Catch::StartsWith("bad.txt:11: X: the distance from row 0 to row 2 is 3000000000 at scale 1000"));
}

TEST_CASE("a missing TRSP file is an input error naming it", "[io][trsp][errors]") {
    try {
        (void)read_trsp(kData + "/io_no_such_file.txt");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK_THAT(e.message(), Catch::Contains("io_no_such_file.txt"));
    }
}

TEST_CASE("Pillac's C101 is read from the benchmark set", "[io][trsp][bench-data]") {
    const TrspInstance inst = read_trsp(bench_dir() + "/trsp_pillac/C101.100_25-5-5-5.txt");
    CHECK(inst.name == "C101.100_25-5-5-5");
    CHECK(inst.crew == 25);
    CHECK(inst.requests == 100);
    const Problem& p = inst.problem;
    CHECK(p.num_engineers() == 25);
    CHECK(p.num_jobs() == 100);
    CHECK(p.num_locations() == 126);
    // Technician 1: home (9, 6), shift 0-1236, skills [1,3,4], tools [1,2,3], parts [3,0,4,4,0].
    CHECK(p.engineer(0).shifts[0] == TimeWindow{0, 1'236'000});
    CHECK(p.engineer(0).skills == std::vector<SkillLevel>{{"s1", 1}, {"s3", 1}, {"s4", 1}});
    CHECK(p.engineer(0).stock == std::vector<PartCount>{{"p0", 3}, {"p2", 4}, {"p3", 4}});
    // Request 26 at (45, 68): window 912-967, 90 of service, skill 4, parts [1,0,1,0,0].
    CHECK(p.job(0).id == "26");
    CHECK(p.job(0).time_windows[0] == TimeWindow{912'000, 967'000});
    CHECK(p.job(0).duration == 90'000);
    CHECK(p.job(0).parts == std::vector<PartCount>{{"p0", 1}, {"p2", 1}});
    // Depot (40, 50) to request 26: sqrt(349) = 18.68154...
    CHECK(p.distances()(0, 26) == 18'682);
    CHECK(p.base_durations()(0, 26) == 18'682);
    CHECK(p.depot(0).tools.size() == 5);
}
