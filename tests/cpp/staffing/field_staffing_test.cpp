// Field staffing: grouping, headcount changes, common random numbers and the
// search, on hand-built scenarios small enough to run in a second.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/simulate.hpp"
#include "fsd/sim/ticket_stream.hpp"
#include "fsd/staffing/field_staffing.hpp"
#include "fsd/travel/great_circle.hpp"

using namespace fsd;

namespace {

const Coordinates kDepot{52.0, 5.0};

SimEngineer engineer(const std::string& id, std::vector<SkillLevel> skills, Coordinates home = kDepot) {
    SimEngineer e;
    e.id = id;
    e.home = home;
    e.skills = std::move(skills);
    e.shifts = {{{0, 1, 2, 3, 4, 5, 6}, 8 * 3600, 17 * 3600}};
    return e;
}

TicketType ticket_type(const std::string& skill) {
    TicketType t;
    t.name = skill;
    t.skill = {skill, 1};
    t.priority_mix = {0, 1};  // all P2: response within 8 h
    t.duration.empirical = {1800};
    return t;
}

// One "boiler" engineer per count, 30-minute visits within 5 km of home,
// every visit fixes, no noise, no cancellations; tickets arrive from 08:00 to
// 13:00 only, so a P2 ticket (8 h) is due by 21:00 of its day. A visit with
// its drive takes about 45 minutes, so one engineer serves about 12 of the
// 30 tickets a day and clearly fails 90 %, while three (about 36) clearly
// meet it.
Scenario boiler_shop() {
    Scenario s;
    s.name = "boiler-shop";
    s.engineers = {engineer("E1", {{"boiler", 1}})};
    s.ticket_types = {ticket_type("boiler")};
    s.region.centre = kDepot;
    s.region.radius_km = 5;
    s.arrivals.tickets_per_day = 30;
    s.arrivals.hour_profile = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    s.first_time_fix.by_level = {1.0};
    s.rules.duration_factor_by_level = {1.0};
    s.cancellation.probability = 0;
    s.travel.noise_sigma = 0;
    s.sla = default_sim_sla_policy();
    return s;
}

// Two groups: boiler (E1, E3) and electrical (E2, who also does boilers).
Scenario two_skills() {
    Scenario s = boiler_shop();
    s.engineers = {engineer("E1", {{"boiler", 2}}), engineer("E2", {{"electrical", 1}, {"boiler", 1}}, {52.1, 5.1}),
                   engineer("E3", {{"boiler", 1}}, {52.05, 5.0})};
    s.ticket_types = {ticket_type("boiler"), ticket_type("electrical")};
    return s;
}

FieldStaffingOptions quick() {
    FieldStaffingOptions o;
    o.days = 3;
    o.replications = 4;
    o.seed = 7;
    return o;
}

std::vector<std::string> ids(const Scenario& s) {
    std::vector<std::string> out;
    for (const SimEngineer& e : s.engineers) out.push_back(e.id);
    return out;
}

}  // namespace

TEST_CASE("engineers are grouped by their first skill, in order of first appearance", "[staffing][field]") {
    const FieldGroups groups = group_engineers(two_skills());
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].skill == "boiler");
    CHECK(groups[0].members == std::vector<Index>{0, 2});
    CHECK(groups[1].skill == "electrical");
    CHECK(groups[1].members == std::vector<Index>{1});
    CHECK(current_headcount(groups) == std::vector<int>{2, 1});
}

TEST_CASE("with_headcount keeps the first members and names copies id+k", "[staffing][field]") {
    const Scenario s = two_skills();
    const FieldGroups groups = group_engineers(s);

    CHECK(ids(with_headcount(s, groups, {2, 1}, 1)) == std::vector<std::string>{"E1", "E2", "E3"});
    CHECK(ids(with_headcount(s, groups, {1, 1}, 1)) == std::vector<std::string>{"E1", "E2"});
    // Copies cycle through the members: E1+2, E3+2, E1+3, then the electrical copies.
    const Scenario more = with_headcount(s, groups, {5, 3}, 1);
    CHECK(ids(more) == std::vector<std::string>{"E1", "E2", "E3", "E1+2", "E3+2", "E1+3", "E2+2", "E2+3"});
    const SimEngineer& copy = more.engineers[3];
    CHECK(copy.skills == s.engineers[0].skills);
    CHECK(copy.shifts == s.engineers[0].shifts);
    CHECK(copy.lunch == s.engineers[0].lunch);
    const double km = haversine_metres(copy.home, s.engineers[0].home) / 1000.0;
    CHECK(km <= 2.0 + 1e-9);
    CHECK(!(copy.home == s.engineers[0].home));
    CHECK_NOTHROW(validate_scenario(more));

    // Same seed, same homes; a copy's home does not depend on the other counts.
    CHECK(with_headcount(s, groups, {5, 3}, 1).engineers == more.engineers);
    const Scenario fewer = with_headcount(s, groups, {4, 1}, 1);
    REQUIRE(fewer.engineers[3].id == "E1+2");
    CHECK(fewer.engineers[3].home == copy.home);
    CHECK(!(with_headcount(s, groups, {5, 3}, 2).engineers[3].home == copy.home));

    // No electrical engineer left: the electrical tickets have nobody.
    const Scenario none = with_headcount(s, groups, {3, 0}, 1);
    CHECK(ids(none) == std::vector<std::string>{"E1", "E3", "E1+2"});
    CHECK_FALSE(covers_all_types(none));
    CHECK(covers_all_types(more));
}

TEST_CASE("with_headcount refuses a wrong count naming it", "[staffing][field]") {
    const Scenario s = two_skills();
    const FieldGroups groups = group_engineers(s);
    auto path_of = [&](const std::vector<int>& h) {
        try {
            with_headcount(s, groups, h, 1);
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("no error");
    };
    CHECK(path_of({1}) == "/headcount");
    CHECK(path_of({1, -1}) == "/headcount/1");
    CHECK(path_of({10'000, 1}) == "/headcount/1");
}

TEST_CASE("every headcount faces the same tickets under one seed", "[staffing][field]") {
    const Scenario s = two_skills();
    const FieldGroups groups = group_engineers(s);
    const TicketStream few = draw_ticket_stream(with_headcount(s, groups, {1, 1}, 1), 3, 99);
    const TicketStream many = draw_ticket_stream(with_headcount(s, groups, {6, 4}, 1), 3, 99);
    REQUIRE(!few.tickets.empty());
    CHECK(few.tickets == many.tickets);
    CHECK(few.draws == many.draws);
}

TEST_CASE("a headcount's attainment is the simulator's KPI over the replication seeds", "[staffing][field]") {
    const Scenario s = boiler_shop();
    const FieldGroups groups = group_engineers(s);
    FieldStaffingOptions o = quick();
    o.replications = 3;
    const StaffingPoint p = evaluate_headcount(s, groups, {2}, o);
    const Scenario staffed = with_headcount(s, groups, {2}, o.seed);
    std::vector<double> rates;
    double overtime = 0;
    for (int r = 0; r < 3; ++r) {
        auto policy = make_policy("nearest");
        SimOptions so;
        so.days = 3;
        so.seed = replication_seed(o.seed, r);
        const Kpis k = simulate(staffed, *policy, so).report.kpis;
        rates.push_back(k.sla_response_rate);
        overtime += k.overtime_hours;
    }
    const KpiSummary want = summarise(rates);
    CHECK(p.attainment.mean == Approx(want.mean));
    CHECK(p.attainment.half_width == Approx(want.half_width));
    CHECK(p.attainment.n == 3);
    // Two engineers, 3 days of 9 scheduled hours: 54 h, plus the overtime.
    CHECK(p.engineer_hours == Approx(54.0 + overtime / 3));
    CHECK(p.engineer_cost == Approx(40 * p.engineer_hours));
    CHECK(p.breach_cost == Approx(200 * p.breaches));
    CHECK(p.total_cost == Approx(p.engineer_cost + p.breach_cost));
    CHECK(p.meets == (p.attainment.mean - p.attainment.half_width >= 0.9));
    CHECK(p.accepted == (p.attainment.mean - 2 * p.attainment.half_width >= 0.9));
}

TEST_CASE("one engineer clearly fails the target, three clearly meet it", "[staffing][field]") {
    const Scenario s = boiler_shop();
    const FieldGroups groups = group_engineers(s);
    const FieldStaffingOptions o = quick();
    const StaffingPoint one = evaluate_headcount(s, groups, {1}, o);
    const StaffingPoint three = evaluate_headcount(s, groups, {3}, o);
    CHECK(one.attainment.mean < 0.7);
    CHECK_FALSE(one.meets);
    CHECK(three.meets);
    CHECK(three.attainment.mean > one.attainment.mean);
    CHECK(three.breaches < one.breaches);
}

TEST_CASE("the search returns the smallest headcount that meets the target", "[staffing][field]") {
    const Scenario s = boiler_shop();
    const FieldGroups groups = group_engineers(s);
    const FieldStaffingOptions o = quick();
    // Brute force over the counts the search may try (cap 2 x 1 + 2 = 4):
    // the smallest the search's test accepts (guard 1: mean - 2 x half-width).
    int smallest = -1;
    for (int c = 1; c <= 4 && smallest < 0; ++c) {
        const StaffingPoint p = evaluate_headcount(s, groups, {c}, o);
        CHECK(p.accepted == (p.attainment.mean - 2 * p.attainment.half_width >= o.target));
        if (p.accepted) smallest = c;
    }
    REQUIRE(smallest > 1);

    const FieldStaffingResult r = staff_field(s, o);
    REQUIRE(r.groups.size() == 1);
    CHECK(r.groups[0].skill == "boiler");
    CHECK(r.groups[0].today == 1);
    CHECK(r.groups[0].found == smallest);
    CHECK(r.feasible);
    CHECK(r.found.accepted);
    CHECK(r.found.meets);  // accepted implies meets: the guard only adds to the test
    CHECK(r.found.headcount == std::vector<int>{smallest});
    CHECK_FALSE(r.today.accepted);
    REQUIRE(r.verification.minus_two.size() == 1);
    // Each simulated point once (zero engineers is judged without a run);
    // the cheapest is one of them.
    int simulated = 0;
    bool cheapest_seen = false;
    for (const StaffingPoint& p : r.points) {
        if (!p.covered) {
            CHECK(p.headcount == std::vector<int>{0});
            continue;
        }
        ++simulated;
        CHECK(p.total_cost >= r.cheapest.total_cost);
        cheapest_seen = cheapest_seen || p.headcount == r.cheapest.headcount;
    }
    CHECK(cheapest_seen);
    CHECK(r.evaluations == simulated);
    // The search's runs, the verification of the answer and of the answer minus one.
    const int verified = 2 + (r.verification.minus_two[0].headcount.empty() ? 0 : 1);
    CHECK(r.simulations == static_cast<std::int64_t>(r.evaluations + verified) * o.replications);
    // The verification runs on replications the search did not use.
    CHECK(r.verification.found.headcount == r.found.headcount);
    const StaffingPoint fresh = evaluate_headcount(s, groups, r.found.headcount, o, o.replications);
    CHECK(r.verification.found.attainment.mean == fresh.attainment.mean);
    CHECK(r.verification.found.breaches == fresh.breaches);
    REQUIRE(r.verification.minus_one.size() == 1);
    CHECK(r.verification.minus_one[0].headcount == std::vector<int>{smallest - 1});
    REQUIRE(r.verification.minus_two.size() == 1);
    if (r.verification.minus_one[0].meets)
        CHECK(r.verification.minus_two[0].headcount == std::vector<int>{smallest - 2});
    else
        CHECK(r.verification.minus_two[0].headcount.empty());

    // Deterministic for a seed.
    const FieldStaffingResult again = staff_field(s, o);
    CHECK(again.found.headcount == r.found.headcount);
    CHECK(again.points.size() == r.points.size());
    CHECK(again.verification.found.attainment.mean == r.verification.found.attainment.mean);
}

TEST_CASE("without a guard the search accepts what the plain 95 % test meets", "[staffing][field]") {
    const Scenario s = boiler_shop();
    const FieldGroups groups = group_engineers(s);
    FieldStaffingOptions o = quick();
    o.guard = 0;
    int smallest = -1;
    for (int c = 1; c <= 4 && smallest < 0; ++c) {
        const StaffingPoint p = evaluate_headcount(s, groups, {c}, o);
        CHECK(p.accepted == p.meets);
        if (p.meets) smallest = c;
    }
    REQUIRE(smallest > 1);
    CHECK(staff_field(s, o).found.headcount == std::vector<int>{smallest});
}

TEST_CASE("a group whose skill others also hold may drop to zero", "[staffing][field]") {
    // E2 (electrical, boiler) is the only electrical engineer: the electrical
    // group cannot go below one, so zero is judged uncovered without a run.
    const Scenario s = two_skills();
    FieldStaffingOptions o = quick();
    o.replications = 2;
    o.days = 1;
    o.max_headcount_per_group = 3;
    const FieldStaffingResult r = staff_field(s, o);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[1].found >= 1);
    for (const StaffingPoint& p : r.points) {
        if (p.headcount[1] == 0) {
            CHECK_FALSE(p.covered);
            CHECK_FALSE(p.meets);
            CHECK_FALSE(p.accepted);
        }
    }
}

TEST_CASE("bad options are refused naming the field", "[staffing][field]") {
    const Scenario s = boiler_shop();
    auto path_of = [&](auto change) {
        FieldStaffingOptions o = quick();
        change(o);
        try {
            staff_field(s, o);
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("no error");
    };
    CHECK(path_of([](FieldStaffingOptions& o) { o.target = 0; }) == "/target");
    CHECK(path_of([](FieldStaffingOptions& o) { o.target = 1.5; }) == "/target");
    CHECK(path_of([](FieldStaffingOptions& o) { o.target = std::nan(""); }) == "/target");
    CHECK(path_of([](FieldStaffingOptions& o) { o.kpi = "travel_km"; }) == "/kpi");
    CHECK(path_of([](FieldStaffingOptions& o) { o.kpi = "sla_response_rate:x"; }) == "/kpi");
    CHECK(path_of([](FieldStaffingOptions& o) { o.kpi = "sla_response_rate:0"; }) == "/kpi");
    CHECK(path_of([](FieldStaffingOptions& o) { o.policy = "psychic"; }) == "/policy");
    CHECK(path_of([](FieldStaffingOptions& o) { o.days = 0; }) == "/days");
    CHECK(path_of([](FieldStaffingOptions& o) { o.replications = 1; }) == "/replications");
    CHECK(path_of([](FieldStaffingOptions& o) { o.cost_per_engineer_hour = -1; }) == "/cost_per_engineer_hour");
    CHECK(path_of([](FieldStaffingOptions& o) { o.cost_per_breach = INFINITY; }) == "/cost_per_breach");
    CHECK(path_of([](FieldStaffingOptions& o) { o.guard = -0.5; }) == "/guard");
    CHECK(path_of([](FieldStaffingOptions& o) { o.max_evaluations = 0; }) == "/max_evaluations");
    CHECK(path_of([](FieldStaffingOptions& o) { o.max_headcount_per_group = -2; }) == "/max_headcount_per_group");

    Scenario broken = s;
    broken.arrivals.tickets_per_day = -1;
    CHECK_THROWS_AS(staff_field(broken, quick()), InputError);
}

TEST_CASE("a priority's attainment counts that priority only", "[staffing][field]") {
    const Scenario s = boiler_shop();  // every ticket is P2
    const FieldGroups groups = group_engineers(s);
    FieldStaffingOptions o = quick();
    o.replications = 2;
    const StaffingPoint all = evaluate_headcount(s, groups, {2}, o);
    o.kpi = "sla_response_rate:2";
    const StaffingPoint p2 = evaluate_headcount(s, groups, {2}, o);
    CHECK(p2.attainment.mean == Approx(all.attainment.mean));
    o.kpi = "sla_response_rate:1";
    const StaffingPoint p1 = evaluate_headcount(s, groups, {2}, o);
    CHECK(std::isnan(p1.attainment.mean));  // no P1 ticket at all
    CHECK(p1.breaches == 0);
    CHECK_FALSE(p1.meets);
}
