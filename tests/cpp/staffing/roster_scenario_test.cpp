#include <catch2/catch.hpp>

#include "../sim/sim_tiny_scenarios.hpp"
#include "fsd/core/error.hpp"
#include "fsd/staffing/roster_scenario.hpp"

using namespace fsd;

namespace {
RosteredShift shift(const std::string& person, int weekday, Duration from, Duration to, Duration lunch_at = 0,
                    Duration lunch = 0) {
    RosteredShift s;
    s.person = person;
    s.template_id = "T";
    s.weekday = weekday;
    s.start = weekday * 86400 + from;
    s.end = weekday * 86400 + to;
    s.break_start = lunch ? weekday * 86400 + lunch_at : s.start;
    s.break_end = lunch ? s.break_start + lunch : s.start;
    s.skill = "boiler";
    return s;
}
}  // namespace

TEST_CASE("a roster becomes the engineers' shifts and engineers left off do not work") {
    Scenario s = sim_test::team({1, 1, 1}, {});
    Roster r;
    r.shifts = {shift("E2", 0, 8 * 3600, 16 * 3600, 12 * 3600, 1800), shift("E2", 1, 8 * 3600, 16 * 3600, 11 * 3600, 3600),
                shift("E2", 5, 10 * 3600, 18 * 3600), shift("E3", 6, 6 * 3600, 14 * 3600)};
    Scenario out = scenario_with_roster(s, r);
    REQUIRE(out.engineers.size() == 2);
    const SimEngineer& e2 = out.engineers[0];
    CHECK(e2.id == "E2");
    REQUIRE(e2.shifts.size() == 2);
    CHECK(e2.shifts[0] == SimShift{{0, 1}, 8 * 3600, 16 * 3600});
    CHECK(e2.shifts[1] == SimShift{{5}, 10 * 3600, 18 * 3600});
    REQUIRE(e2.lunch.has_value());
    CHECK(e2.lunch->earliest == 11 * 3600);  // the earliest break of the week
    CHECK(e2.lunch->duration == 3600);       // the longest
    CHECK(out.engineers[1].id == "E3");
    CHECK_FALSE(out.engineers[1].lunch.has_value());
}

TEST_CASE("a roster the simulator cannot take is refused at the shift") {
    Scenario s = sim_test::team({1}, {});
    Roster r;
    r.shifts = {shift("E9", 0, 8 * 3600, 16 * 3600)};
    try {
        scenario_with_roster(s, r);
        FAIL("accepted a stranger");
    } catch (const InputError& e) {
        CHECK(e.path() == "/shifts/0/person");
    }
    r.shifts = {shift("E1", 0, 20 * 3600, 28 * 3600)};
    try {
        scenario_with_roster(s, r);
        FAIL("accepted a night shift");
    } catch (const InputError& e) {
        CHECK(e.path() == "/shifts/0");
    }
    r.shifts = {shift("", 0, 8 * 3600, 16 * 3600)};
    CHECK_THROWS_AS(scenario_with_roster(s, r), InputError);
}

TEST_CASE("demand sets the arrival rate, its profiles and the types' shares") {
    Scenario s = sim_test::team({1}, {});
    TicketType second = s.ticket_types[0];
    second.name = "boiler-b";
    second.weight = 3.0;  // with the first's 1.0 it takes 3/4 of the skill's tickets
    s.ticket_types.push_back(second);
    SkillDemand d;
    d.skill = "boiler";
    d.interval = 7200;
    d.arrivals.assign(84, 0.0);
    d.arrivals[4] = 10.0;           // Monday 08:00-10:00
    d.arrivals[12 * 2 + 6] = 4.0;   // Wednesday 12:00-14:00
    Scenario out = scenario_with_demand(s, {d});
    CHECK(out.arrivals.tickets_per_day == Approx(2.0));
    CHECK(out.arrivals.weekday_profile[0] == Approx(10.0));
    CHECK(out.arrivals.weekday_profile[2] == Approx(4.0));
    CHECK(out.arrivals.weekday_profile[1] == 0.0);
    CHECK(out.arrivals.hour_profile[8] == Approx(5.0));
    CHECK(out.arrivals.hour_profile[9] == Approx(5.0));
    CHECK(out.arrivals.hour_profile[13] == Approx(2.0));
    CHECK(out.ticket_types[0].weight == Approx(0.25));
    CHECK(out.ticket_types[1].weight == Approx(0.75));
    CHECK(out.arrivals.replay.empty());

    SkillDemand unknown = d;
    unknown.skill = "lift";
    try {
        scenario_with_demand(s, {d, unknown});
        FAIL("accepted an unknown skill");
    } catch (const InputError& e) {
        CHECK(e.path() == "/demand/1/skill");
    }
}
