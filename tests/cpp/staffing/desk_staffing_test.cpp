#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "staffing_test_support.hpp"
#include "fsd/core/error.hpp"
#include "fsd/staffing/desk_staffing.hpp"

using namespace fsd;

namespace {

using staffing_test::error_path;


}  // namespace

TEST_CASE("desk staffing reproduces the published 100 calls per half hour example") {
    // callcentrehelper.com's worked example, also in the READMEs of CRAN ErlangC 0.1.0
    // (calculate_agents) and pyworkforce 0.1.0 (required_positions): 100 calls per 30
    // minutes, AHT 180 s, 80 % within 20 s, occupancy at most 85 %, shrinkage 30 %:
    // 14 agents (service level 0.88835, occupancy 0.7142857), 20 to schedule.
    DeskTarget t;
    t.service_level = 0.8;
    t.answer_within = 20;
    t.max_occupancy = 0.85;
    t.shrinkage = 0.3;
    const DeskStaffing s = staff_desk_interval({100, 1800, 180}, t);
    CHECK(s.agents == 14);
    CHECK(s.scheduled == 20);
    CHECK(s.measures.service_level == Approx(0.88835).margin(5e-6));
    CHECK(s.measures.occupancy == Approx(0.7142857).margin(5e-8));
    // 13 agents reach 0.7956, short of 80 %: the reason the example stops at 14.
    CHECK(erlang_c_measures({100, 1800, 180}, 13, 20).service_level < 0.8);
}

TEST_CASE("each target binds on its own") {
    const DeskDemand d{100, 1800, 180};  // 10 Erlangs
    DeskTarget t;
    t.service_level = 0;
    CHECK(staff_desk_interval(d, t).agents == 11);  // the smallest stable desk
    t.max_occupancy = 0.7;                          // 10 / 0.7 = 14.3
    CHECK(staff_desk_interval(d, t).agents == 15);
    t.max_occupancy = 1;
    t.max_average_speed_of_answer = 10.0;  // ASA(13) = 17.1 s, ASA(14) = 7.84 s (C aht / (n - a))
    CHECK(staff_desk_interval(d, t).agents == 14);
    t.max_average_speed_of_answer.reset();
    t.service_level = 0.95;
    t.answer_within = 0;  // 95 % answered at once: C(n) <= 0.05
    const DeskStaffing s = staff_desk_interval(d, t);
    CHECK(s.measures.wait_probability <= 0.05);
    CHECK(erlang_c(s.agents - 1, 10.0) > 0.05);
}

TEST_CASE("shrinkage rounds up without floating-point surprises") {
    CHECK(scheduled_agents(70, 0.3) == 100);  // 70 / 0.7 is 100.00000000000001 in doubles
    CHECK(scheduled_agents(14, 0.3) == 20);
    CHECK(scheduled_agents(71, 0.3) == 102);  // 101.43 up
    CHECK(scheduled_agents(3, 0.5) == 6);
    CHECK(scheduled_agents(10, 0) == 10);
    CHECK(scheduled_agents(0, 0.4) == 0);
    CHECK(scheduled_agents(9, 0.1) == 10);
}

TEST_CASE("erlang A staffing needs no more agents than erlang C and may go below the load") {
    DeskTarget c;
    DeskTarget a = c;
    a.patience = 120.0;
    for (double calls : {20.0, 100.0, 400.0, 2000.0}) {
        const DeskDemand d{calls, 1800, 240};
        const DeskStaffing sc = staff_desk_interval(d, c);
        const DeskStaffing sa = staff_desk_interval(d, a);
        CHECK(sa.agents <= sc.agents);
        CHECK(sa.measures.service_level >= 0.8);
        CHECK(erlang_a_measures(d, sa.agents - 1, 20, 120).service_level < 0.8);
    }
    // Callers who give up after 10 s on average: a low service level target is met below the load.
    a.patience = 10.0;
    a.service_level = 0.3;
    const DeskStaffing low = staff_desk_interval({1000, 1800, 360}, a);  // 200 Erlangs
    CHECK(low.agents < 200);
    CHECK(low.measures.abandonment > 0);
}

TEST_CASE("erlang A staffing with a very long patience equals erlang C staffing") {
    DeskTarget c;
    DeskTarget a = c;
    a.patience = 1e7;
    for (double calls : {30.0, 100.0, 360.0}) {
        const DeskDemand d{calls, 1800, 240};
        CHECK(staff_desk_interval(d, a).agents == staff_desk_interval(d, c).agents);
    }
}

TEST_CASE("per-interval staffing rises with the calls and is zero without calls") {
    std::vector<DeskDemand> day;
    for (double calls : {0.0, 10.0, 50.0, 200.0, 800.0}) day.push_back({calls, 1800, 300});
    const auto plan = staff_desk(day, DeskTarget{});
    REQUIRE(plan.size() == 5);
    CHECK(plan[0].agents == 0);
    CHECK(plan[0].scheduled == 0);
    CHECK(plan[0].measures.service_level == 1);
    for (std::size_t i = 1; i < plan.size(); ++i) {
        CHECK(plan[i].agents > plan[i - 1].agents);
        CHECK(plan[i].agents > offered_load(day[i]));
        CHECK(plan[i].measures.service_level >= 0.8);
    }
}

TEST_CASE("staffing refuses bad input naming the field") {
    DeskTarget t;
    std::vector<DeskDemand> day{{10, 1800, 180}, {10, 1800, 180}, {10, 1800, 180}, {-1, 1800, 180}};
    CHECK(error_path([&] { staff_desk(day, t); }) == "/intervals/3/calls");
    day[3] = {10, 1800, NAN};
    CHECK(error_path([&] { staff_desk(day, t); }) == "/intervals/3/aht");
    day[3] = {10, -5, 180};
    CHECK(error_path([&] { staff_desk(day, t); }) == "/intervals/3/interval");
    day[3] = {3e6, 1, 1};  // three million Erlangs
    CHECK(error_path([&] { staff_desk(day, t); }) == "/intervals/3/calls");
    const DeskDemand d{10, 1800, 180};
    t.shrinkage = 1;
    CHECK(error_path([&] { staff_desk_interval(d, t); }) == "/target/shrinkage");
    t = {};
    t.service_level = 1;
    CHECK(error_path([&] { staff_desk_interval(d, t); }) == "/target/service_level");
    t = {};
    t.max_occupancy = 0;
    CHECK(error_path([&] { staff_desk_interval(d, t); }) == "/target/max_occupancy");
    t = {};
    t.max_average_speed_of_answer = -3.0;
    CHECK(error_path([&] { staff_desk_interval(d, t); }) == "/target/max_average_speed_of_answer");
    t = {};
    t.patience = INFINITY;
    CHECK(error_path([&] { staff_desk_interval(d, t); }) == "/target/patience");
    t = {};
    t.answer_within = -1;
    CHECK(error_path([&] { staff_desk_interval(d, t); }) == "/target/answer_within");
    t = {};
    t.patience = 1e12;  // with too few agents the queue would need billions of states
    CHECK(error_path([&] { staff_desk_interval({100000, 1800, 180}, t); }) == "/target/patience");
    CHECK(error_path([] { scheduled_agents(3, -0.1); }) == "/shrinkage");
}
