#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/error.hpp"
#include "fsd/staffing/roster.hpp"
#include "fsd/staffing/roster_check.hpp"
#include "fsd/staffing/roster_json.hpp"

using namespace fsd;

namespace {

// 168 hourly entries: one person Monday 09:00-17:00.
std::string monday_requirement() {
    std::string s = "[";
    for (int i = 0; i < 168; ++i) s += std::string(i ? "," : "") + (i >= 9 && i < 17 ? "1" : "0");
    return s + "]";
}

std::string problem_text(const std::string& templates_extra = "", const std::string& top_extra = "") {
    return R"({"interval": 3600, "requirements": [{"skill": "gas", "required": )" + monday_requirement() +
           R"(}], "templates": [{"id": "day", "weekdays": ["mon", 1, "Wednesday"], "start": "09:00", "length": "08:00",
             "break_duration": 3600, "break_earliest": "03:00", "break_latest": 14400, "cost": 2.5, "skills": ["gas"])" +
           templates_extra + R"(}],
           "people": [{"id": "alice", "skills": ["gas"], "max_week": "50:00", "available_weekdays": [0, 1, 2],
                       "available_start": "07:00", "cost_per_hour": 20}],
           "rules": {"min_rest": 39600, "min_days_off": 2, "max_consecutive_days": 5}, "shortfall_cost": 100)" +
           top_extra + "}";
}

}  // namespace

TEST_CASE("a roster problem reads from JSON with clock times and weekday names") {
    const RosterProblem p = roster_problem_from_json(problem_text());
    CHECK(p.interval == 3600);
    REQUIRE(p.templates.size() == 1);
    CHECK(p.templates[0].weekdays == std::vector<int>{0, 1, 2});
    CHECK(p.templates[0].start == 9 * 3600);
    CHECK(p.templates[0].break_earliest == 3 * 3600);
    CHECK(p.templates[0].break_latest == 4 * 3600);
    CHECK(p.templates[0].cost == 2.5);
    REQUIRE(p.people.size() == 1);
    CHECK(p.people[0].max_week == 50 * 3600);
    CHECK(p.people[0].available_start == 7 * 3600);
    CHECK(p.rules.max_consecutive_days == 5);
    CHECK(p.shortfall_cost == 100);
}

TEST_CASE("a roster problem survives a JSON round trip") {
    const RosterProblem p = roster_problem_from_json(problem_text());
    const RosterProblem q = roster_problem_from_json(roster_problem_to_json(p));
    CHECK(roster_problem_to_json(q) == roster_problem_to_json(p));
    CHECK(q.requirements[0].required == p.requirements[0].required);
    CHECK(q.people[0].cost_per_hour == 20);
}

TEST_CASE("a roster survives a JSON round trip and still checks") {
    const RosterProblem p = roster_problem_from_json(problem_text());
    const Roster r = solve_roster(p);
    REQUIRE(r.shifts.size() == 1);
    const Roster back = roster_from_json(roster_to_json(p, r));
    CHECK(back.status == r.status);
    CHECK(back.cost == Approx(r.cost));
    REQUIRE(back.shifts.size() == 1);
    CHECK(back.shifts[0].person == "alice");
    CHECK(back.shifts[0].break_start == r.shifts[0].break_start);
    CHECK(back.coverage[0].required == r.coverage[0].required);
    CHECK(check_roster(p, back).empty());
}

TEST_CASE("JSON errors name the field") {
    CHECK_THROWS_WITH(roster_problem_from_json(problem_text(R"(, "strat": 1)")), Catch::Contains("/templates/0/strat: unknown field"));
    CHECK_THROWS_WITH(roster_problem_from_json(problem_text(R"(, "weekdays": [7])")), Catch::Contains("/templates/0"));
    CHECK_THROWS_WITH(roster_problem_from_json(R"({"interval": 1000})"), Catch::Contains("/interval"));
    CHECK_THROWS_WITH(roster_problem_from_json(R"({"templates": [{"id": "x", "start": "25:99", "length": 3600}]})"),
                      Catch::Contains("/templates/0/start"));
    CHECK_THROWS_WITH(roster_problem_from_json(R"({"templates": [{"id": "x", "start": 0}]})"),
                      Catch::Contains("/templates/0/length: missing required field"));
    CHECK_THROWS_WITH(roster_problem_from_json(R"({"requirements": [{"required": [1, 2]}]})"),
                      Catch::Contains("/requirements/0/required: needs 336 entries"));
    CHECK_THROWS_WITH(roster_problem_from_json(R"({"people": [{"id": "a", "cost_per_hour": "x"}]})"),
                      Catch::Contains("/people/0/cost_per_hour"));
    CHECK_THROWS_WITH(roster_problem_from_json(R"({"rules": {"min_days_off": 9}})"), Catch::Contains("/rules/min_days_off"));
    CHECK_THROWS_WITH(roster_problem_from_json("{\"interval\": "), Catch::Contains("not valid JSON"));
    CHECK_THROWS_AS(shift_templates_from_json(R"([{"id": "x", "start": 0, "length": 3600, "cost": -1}])"), InputError);
}

TEST_CASE("requirements read from CSV by weekday and time or by local date-time") {
    const auto by_day = roster_requirements_from_csv("weekday,time,skill,required\n0,08:00,gas,2\ntue,09:30,gas,1\n1,10:00,,3\n", 1800);
    REQUIRE(by_day.size() == 2);
    CHECK(by_day[0].skill == "gas");
    CHECK(by_day[0].required[16] == 2);       // Mon 08:00 = interval 16
    CHECK(by_day[0].required[48 + 19] == 1);  // Tue 09:30
    CHECK(by_day[1].skill.empty());
    CHECK(by_day[1].required[48 + 20] == 3);
    // 2026-12-07 is a Monday; 2026-12-13 a Sunday.
    const auto by_time = roster_requirements_from_csv(
        "interval_start,required\n2026-12-07T08:00:00+01:00,4\n2026-12-13T23:30,1\n", 1800);
    REQUIRE(by_time.size() == 1);
    CHECK(by_time[0].required[16] == 4);
    CHECK(by_time[0].required[335] == 1);
}

TEST_CASE("requirement CSV errors name the row and column") {
    CHECK_THROWS_WITH(roster_requirements_from_csv("weekday,time,required\n0,08:00,2\n0,08:15,1\n", 1800),
                      Catch::Contains("/rows/1/time") && Catch::Contains("interval boundary"));
    CHECK_THROWS_WITH(roster_requirements_from_csv("weekday,time,required\n0,08:00,x\n", 1800),
                      Catch::Contains("/rows/0/required"));
    CHECK_THROWS_WITH(roster_requirements_from_csv("weekday,time,required\n0,08:00,1\nmon,08:00,1\n", 1800),
                      Catch::Contains("/rows/1/required") && Catch::Contains("given twice"));
    CHECK_THROWS_WITH(roster_requirements_from_csv("weekday,time,required\nfunday,08:00,1\n", 1800),
                      Catch::Contains("/rows/0/weekday"));
    CHECK_THROWS_WITH(roster_requirements_from_csv("when,required\nx,1\n", 1800), Catch::Contains("/header"));
}

TEST_CASE("a hostile roster read from JSON is checked, not trusted") {
    const RosterProblem p = roster_problem_from_json(problem_text());
    const Roster r = roster_from_json(
        R"({"shifts": [{"person": "bob", "template": "day", "weekday": 0, "start": 0, "end": 4000000000000}]})");
    const std::vector<std::string> v = check_roster(p, r);
    const auto has = [&](const std::string& words) {
        for (const std::string& s : v)
            if (s.find(words) != std::string::npos) return true;
        return false;
    };
    CHECK(has("start differs"));
    CHECK(has("length differs"));
    CHECK(has("unknown person \"bob\""));
    CHECK(has("one entry per requirement"));
    CHECK_THROWS_WITH(roster_from_json(R"({"shifts": [{"template": "day", "weekday": 8, "start": 0, "end": 1}]})"),
                      Catch::Contains("/shifts/0/weekday"));
}
