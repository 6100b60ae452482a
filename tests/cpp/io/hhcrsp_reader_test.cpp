#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/io/hhcrsp.hpp"

using namespace fsd;

namespace {

std::string bench_dir() {
    if (const char* env = std::getenv("FSD_BENCH_DATA")) return env;
    return std::string(FSD_SOURCE_DIR) + "/../shared/benchmarks";
}

// A hand-made instance: 2 patients (nodes 1 and 2), 2 caregivers, 2
// service types; node 2 needs both services, the second 5 to 10 after the
// first (DS counts from 1: {3} is node 2).
std::string tiny(const std::string& replace_from = "", const std::string& replace_to = "") {
    std::string text =
        "nbNodes=4;\nnbVehi=2;\nnbServi=2;\n"
        "r=[[1,1]\n[1,0]\n[1,1]\n[1,1]];\n"
        "DS={3};\n"
        "a=[[1,1]\n[0,1]];\n"
        "// x and y are comments in the published files\n"
        "d=[[0,3,4,0]\n[3,0,5,3]\n[4,5,0,4]\n[0,3,4,0]];\n"
        "p=[[[0,0][0,0]]\n[[2.5,2.5][2.5,2.5]]\n[[2.5,2.5][9,2.5]]\n[[0,0][0,0]]];\n"
        "mind=[0,0,5,0];\nmaxd=[0,0,10,0];\n"
        "e=[0,10,20,0];\nl=[100,30,40,200];\n";
    if (!replace_from.empty()) {
        const auto at = text.find(replace_from);
        REQUIRE(at != std::string::npos);
        text.replace(at, replace_from.size(), replace_to);
    }
    return text;
}

// The error parse_hhcrsp throws for `text`, as "path | message".
std::string error_of(const std::string& text) {
    try {
        (void)parse_hhcrsp(text, "bad.txt");
    } catch (const InputError& e) {
        return e.path() + " | " + e.message();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("a hand-made HHCRSP file maps to caregivers, services and a linked pair", "[io][hhcrsp]") {
    const HhcrspInstance inst = parse_hhcrsp(tiny(), "tiny.txt");
    CHECK(inst.nodes == 4);
    CHECK(inst.caregivers == 2);
    CHECK(inst.service_types == 2);
    CHECK(inst.patients == 2);
    CHECK(inst.double_services == 1);
    const Problem& p = inst.problem;
    REQUIRE(p.num_engineers() == 2);
    CHECK(p.engineer(0).id == "c1");
    CHECK(p.engineer(0).skills == std::vector<SkillLevel>{{"s1", 1}, {"s2", 1}});
    CHECK(p.engineer(1).skills == std::vector<SkillLevel>{{"s2", 1}});
    CHECK(p.engineer(0).start.matrix_index == 0);
    CHECK_FALSE(p.engineer(0).end.has_value());
    REQUIRE(p.num_jobs() == 3);
    CHECK(p.job(0).id == "1-s1");
    CHECK(p.job(1).id == "2-s1");
    CHECK(p.job(2).id == "2-s2");
    CHECK(inst.job_node == std::vector<int>{1, 2, 2});
    CHECK(inst.job_service == std::vector<int>{0, 0, 1});
    // Service 2.5 scaled by 1000; e is the hard window start, l the soft deadline.
    CHECK(p.job(0).duration == 2500);
    CHECK(p.job(0).skills == std::vector<SkillRequirement>{{"s1", 1}});
    CHECK(p.job(0).time_windows == std::vector<TimeWindow>{{10'000, inst.horizon}});
    REQUIRE(p.job(0).sla.has_value());
    CHECK(p.job(0).sla->deadline == 30'000);
    CHECK_FALSE(p.job(0).sla->hard);
    CHECK(p.job(0).sla->lateness_cost_per_second == 1);
    CHECK(p.engineer(0).shifts == std::vector<TimeWindow>{{0, inst.horizon}});
    // The horizon never binds: past every deadline with all the work done after it.
    CHECK(inst.horizon > 200'000 + 5 * 2500 + 10'000);
    REQUIRE(p.num_links() == 1);
    CHECK(p.links()[0] == JobLink{"2-s1", "2-s2", 5000, 10'000, LinkEngineers::different});
    CHECK(p.weights().max_lateness == 1);
    CHECK(p.weights().lateness == 1);
    CHECK(p.weights().travel == 1);
    CHECK(p.engineer(0).costs.per_hour == 3600);
    CHECK(p.base_durations()(1, 2) == 5000);
}

TEST_CASE("the measures of a plan are read from its routes in the file's units", "[io][hhcrsp]") {
    const HhcrspInstance inst = parse_hhcrsp(tiny(), "tiny.txt");
    // c1: depot → 1-s1 at 31 (1 late) → 2-s1 at 40 → depot; c2: depot → 2-s2 at 46.5 (6.5 late) → depot.
    const auto step = [](StepKind kind, Index index, Time start) {
        Step s;
        s.kind = kind;
        s.index = index;
        s.arrival = start;
        s.start = start;
        s.end = start;
        return s;
    };
    Solution sol;
    Route r1;
    r1.engineer = 0;
    r1.steps = {step(StepKind::start, -1, 0), step(StepKind::job, 0, 31'000), step(StepKind::job, 1, 40'000),
                step(StepKind::end, -1, 50'000)};
    Route r2;
    r2.engineer = 1;
    r2.steps = {step(StepKind::start, -1, 0), step(StepKind::job, 2, 46'500), step(StepKind::end, -1, 60'000)};
    sol.routes = {r1, r2};
    const HhcrspMeasure m = hhcrsp_measure(inst, sol);
    CHECK(m.served == 3);
    CHECK(m.services == 3);
    CHECK(m.distance == Approx(3 + 5 + 4 + 4 + 4));
    CHECK(m.total_tardiness == Approx(1 + 0 + 6.5));
    CHECK(m.max_tardiness == Approx(6.5));
    CHECK(m.objective() == Approx((20 + 7.5 + 6.5) / 3));
}

TEST_CASE("instance 10_1 of Mankowska et al. reads with its double services as links", "[io][hhcrsp]") {
    const std::string path = bench_dir() + "/hhcrsp_mankowska/InstanzCPLEX_HCSRP_10_1.txt";
    if (!std::filesystem::exists(path)) FAIL("benchmark data not found at " << path << ": set FSD_BENCH_DATA");
    const HhcrspInstance inst = read_hhcrsp(path);
    CHECK(inst.nodes == 12);
    CHECK(inst.caregivers == 3);
    CHECK(inst.service_types == 6);
    CHECK(inst.patients == 10);
    CHECK(inst.double_services == 3);
    const Problem& p = inst.problem;
    CHECK(p.num_engineers() == 3);
    CHECK(p.num_jobs() == 13);  // 7 single services and 3 patients with two
    CHECK(p.warnings().empty());
    // DS={11,10,9} counts from 1: nodes 8 (s5, s6 together), 9 (s1 then s4) and 10 (s3 then s6).
    REQUIRE(p.num_links() == 3);
    CHECK(p.links()[0] == JobLink{"8-s5", "8-s6", 0, 0, LinkEngineers::different});
    CHECK(p.links()[1] == JobLink{"9-s1", "9-s4", 51'000, 102'000, LinkEngineers::different});
    CHECK(p.links()[2] == JobLink{"10-s3", "10-s6", 8000, 16'000, LinkEngineers::different});
    // Node 1 needs s4 in [345, 465], 14 long.
    CHECK(p.job(0).id == "1-s4");
    CHECK(p.job(0).duration == 14'000);
    CHECK(p.job(0).time_windows.front().start == 345'000);
    CHECK(p.job(0).sla->deadline == 465'000);
    // Distances scale by 1000: node 0 to 1 is 38.470768.
    CHECK(p.base_durations()(0, 1) == 38'471);
    CHECK(inst.distance_between(0, 1) == Approx(38.470768));
    CHECK(p.engineer(2).skills == std::vector<SkillLevel>{{"s4", 1}, {"s5", 1}, {"s6", 1}});
}

TEST_CASE("malformed HHCRSP files name the field and the line", "[io][hhcrsp][errors]") {
    CHECK(error_of("") == "nbNodes | bad.txt: missing (the instance must give nbNodes)");
    CHECK(error_of("nbNodes=2;") ==
          "nbNodes | bad.txt:1: must be at least 3: a depot, at least one patient and the depot's copy");
    CHECK(error_of(tiny("nbVehi=2", "nbVehi=1.5")) == "nbVehi | bad.txt:2: must be a whole number (got 1.5)");
    CHECK(error_of(tiny("nbVehi=2;", "nbVehi=2;\nfoo=1;")) == "foo | bad.txt:3: not a field of an HHCRSP instance");
    CHECK(error_of(tiny("nbServi=2;", "nbServi=2;\nnbVehi=3;")) == "nbVehi | bad.txt:4: given twice (first on line 2)");
    CHECK(error_of(tiny("DS={3};", "DS={3}")) == "DS | bad.txt:9: expected ';', got 'a'");
    CHECK(error_of(tiny("e=[0,10,20,0]", "e=[0,10,x,0]")) == "e | bad.txt:22: expected a number or a list, got \"x\"");
    CHECK(error_of(tiny("e=[0,10,20,0]", "e=[0,10,20]")) == "e | bad.txt:22: expected 4 entries (one per node), got 3");
    CHECK(error_of(tiny("e=[0,10,20,0]", "e=[0,10,-1,0]")) == "e[2] | bad.txt:22: must not be negative (got -1)");
    CHECK(error_of(tiny("l=[100,30,40,200]", "l=[100,5,40,200]")) ==
          "l[1] | bad.txt:23: the window of node 1 ends (5) before it starts (10)");
    CHECK(error_of(tiny("r=[[1,1]\n[1,0]", "r=[[1,1]\n[1,2]")) == "r[1][1] | bad.txt:5: must be 0 or 1 (got 2)");
    CHECK(error_of(tiny("[1,0]\n[1,1]\n[1,1]];", "[0,0]\n[1,1]\n[1,1]];")) ==
          "r[1] | bad.txt:5: patient node 1 needs 0 services; the model knows one or two per patient");
    // DS counts from 1 and must name exactly the patients with two services.
    CHECK(error_of(tiny("DS={3};", "DS={2};")) ==
          "DS[0] | bad.txt:8: node 2 (counted from 1) needs 1 service(s) in r; a double service needs two");
    CHECK(error_of(tiny("DS={3};", "DS={4};")) ==
          "DS[0] | bad.txt:8: 4 is not a patient node (DS counts nodes from 1: 2 to 3)");
    CHECK(error_of(tiny("DS={3};", "DS={};")) ==
          "DS | bad.txt:8: patient node 2 (3 counted from 1) needs two services in r but is not in DS");
    CHECK(error_of(tiny("DS={3};", "DS={3,3};")) == "DS[1] | bad.txt:8: 3 is listed twice");
    CHECK(error_of(tiny("maxd=[0,0,10,0]", "maxd=[0,0,4,0]")) ==
          "maxd[2] | bad.txt:21: the largest gap (4) is below the smallest (mind 5)");
    // Caregivers 0 and 1 both hold s2 and would take different times for it at node 2.
    CHECK(error_of(tiny("[[2.5,2.5][9,2.5]]", "[[2.5,2.5][2.5,9]]")) ==
          "p[2][1][1] | bad.txt:18: caregiver 1 takes 9 for service 1 and caregiver 0 takes 2.5; service times that "
          "depend on the caregiver are not supported (fsd's depend on the skill level only)");
    CHECK(error_of(tiny("d=[[0,3,4,0]", "d=[[0,3,4]")) == "d[0] | bad.txt:12: expected 4 entries (one distance per node), got 3");
    CHECK(error_of(tiny("d=[[0,3,4,0]", "d=[[0,3,4,0")) == "d | bad.txt:12: a list opened with '[' is not closed with ']' before ';'");
    CHECK(error_of("nbNodes=[[[[[[[[[[1]]]]]]]]]];") == "nbNodes | bad.txt:1: brackets nested deeper than 8");
    CHECK(error_of("/* open") == " | bad.txt:1: a comment opened with /* is not closed with */");
    CHECK(error_of("nbNodes=4") == "nbNodes | bad.txt:1: the file ends where ';' is expected");
    CHECK_THROWS_AS(parse_hhcrsp(tiny(), "tiny.txt", 0), InputError);
    CHECK_THROWS_AS(read_hhcrsp("/nonexistent/file.txt"), InputError);
}
