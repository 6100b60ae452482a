// The week policy: it plans the coming days each evening, groups tickets that
// can wait by area and day, and still serves the day's new tickets.
#include <algorithm>

#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"
#include "fsd/sim/simulate.hpp"
#include "sim_tiny_scenarios.hpp"

using namespace fsd;
using namespace fsd::sim_test;

namespace {

// Two areas 40 km either side of the engineer's home.
const Coordinates kNorth{52.36, 5.0};
const Coordinates kSouth{51.64, 5.0};

SimResult run(const Scenario& s, const std::string& policy, int days, std::uint64_t seed = 1) {
    auto p = make_policy(policy);
    SimOptions o;
    o.days = days;
    o.seed = seed;
    return simulate(s, *p, o);
}

// One engineer (08:00-17:00, every visit fixes) and, on Monday evening, ten
// P5 tickets (72 h to respond) in each of two areas, alternating: more than
// one day's work, so the days can be split by area.
Scenario two_areas() {
    std::vector<ReplayTicket> replay;
    for (int i = 0; i < 20; ++i) {
        const Coordinates& at = i % 2 == 0 ? kNorth : kSouth;
        const double jitter = 0.004 * (i / 2);
        replay.push_back({17 * 3600 + 1800 + 60 * i, "boiler", {at.lat + jitter, at.lon + jitter}, 5, std::nullopt});
    }
    Scenario s = tiny(std::move(replay));
    s.engineers[0].lunch.reset();
    return s;
}

}  // namespace

TEST_CASE("the week policy is listed and its name is checked", "[sim][policy][week]") {
    const std::vector<std::string>& names = builtin_policy_names();
    REQUIRE(std::find(names.begin(), names.end(), "week") != names.end());
    CHECK(make_policy("week")->name() == "week:5");
    CHECK(make_policy("week:3")->name() == "week:3");
    for (const std::string bad : {"week:bad", "week:0", "week:15", "week:-2"}) {
        try {
            make_policy(bad);
            FAIL("accepted " << bad);
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find("week") != std::string::npos);
            CHECK(e.path() == "/policy");
        }
    }
}

TEST_CASE("planning the week groups waiting tickets by area and day", "[sim][policy][week]") {
    const Scenario s = two_areas();
    const SimResult ins = run(s, "insertion", 5);
    const SimResult week = run(s, "week", 5);
    INFO("insertion: resolved " << ins.report.kpis.resolved << ", " << ins.report.kpis.travel_km << " km");
    INFO("week: resolved " << week.report.kpis.resolved << ", " << week.report.kpis.travel_km << " km");
    CHECK(week.report.kpis.resolved == 20);
    CHECK(week.report.kpis.resolved >= ins.report.kpis.resolved);
    CHECK(week.report.kpis.sla_response_rate >= ins.report.kpis.sla_response_rate);
    CHECK(week.report.kpis.travel_km < ins.report.kpis.travel_km);
    // Each day of the week plan stays in one area: no drive between the two.
    Index day_of_area[2] = {-1, -1};
    for (const SimEvent& e : week.log.events) {
        if (e.kind != SimEventKind::arrive) continue;
        const int area = (s.arrivals.replay[static_cast<size_t>(e.ticket)].location.lat > 52.0 ? 0 : 1);
        const Index day = e.time / 86400;
        if (day_of_area[area] < 0) day_of_area[area] = day;
        CHECK(day_of_area[1 - area] != day);
    }
}

TEST_CASE("the week policy serves a ticket that arrives during the day", "[sim][policy][week]") {
    // The evening plan has nothing to plan; the P1 at 10:00 goes in by insertion.
    const Scenario s = tiny({{10 * 3600, "boiler", kA, 1, std::nullopt}});
    const SimResult r = run(s, "week", 1);
    CHECK(r.report.kpis.resolved == 1);
    CHECK(r.report.kpis.sla_response_rate == 1.0);
}

TEST_CASE("the week policy gives the same run for the same seed", "[sim][policy][week]") {
    ScenarioGenerateOptions g;
    g.engineers = 4;
    g.tickets_per_day = 30;
    g.radius_km = 15;
    g.seed = 3;
    const Scenario s = generate_scenario(g);
    const SimResult a = run(s, "week:3", 3, 5);
    const SimResult b = run(s, "week:3", 3, 5);
    REQUIRE(a.report.kpis.tickets > 0);
    CHECK(a.log.events == b.log.events);
    CHECK(a.report.kpis.resolved == b.report.kpis.resolved);
}

TEST_CASE("the week policy plans skills listed twice and types sharing a skill", "[sim][policy][week]") {
    // The scenario may say a skill twice (the highest level counts) and two
    // ticket types may need one skill; the evening's Problem takes each once.
    Scenario s = tiny({{18 * 3600, "boiler", kA, 4, std::nullopt}, {18 * 3600 + 60, "boiler_big", kB, 4, std::nullopt}});
    s.engineers[0].skills = {{"boiler", 1}, {"boiler", 2}};
    TicketType big = s.ticket_types[0];
    big.name = "boiler_big";
    big.skill.min_level = 2;
    s.ticket_types.push_back(big);
    const SimResult r = run(s, "week", 2);
    CHECK(r.report.kpis.resolved == 2);
}
