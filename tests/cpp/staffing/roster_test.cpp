#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/staffing/roster.hpp"
#include "fsd/staffing/roster_check.hpp"

using namespace fsd;

namespace {

constexpr Duration kH = 3600;

ShiftTemplate tmpl(std::string id, std::vector<int> days, Duration start, Duration length, double cost) {
    ShiftTemplate t;
    t.id = std::move(id);
    t.weekdays = std::move(days);
    t.start = start;
    t.length = length;
    t.cost = cost;
    return t;
}

// A requirement of `value` from `from` to `to` (seconds from Monday 00:00).
StaffRequirement need(const std::string& skill, Duration interval, Time from, Time to, int value) {
    StaffRequirement r{skill, std::vector<int>(static_cast<std::size_t>(kWeek / interval), 0)};
    for (Time t = from; t < to; t += interval) r.required[static_cast<std::size_t>(t / interval)] = value;
    return r;
}

RosterPerson person(std::string id, std::vector<std::string> skills) {
    RosterPerson p;
    p.id = std::move(id);
    p.skills = std::move(skills);
    return p;
}

int count_of(const Roster& r, const std::string& template_id) {
    return static_cast<int>(std::count_if(r.shifts.begin(), r.shifts.end(),
                                          [&](const RosteredShift& s) { return s.template_id == template_id; }));
}

// A roster for hand-written shifts, with its coverage and shortfall filled in
// the way solve_roster does, so a check finds only what the shifts break.
Roster hand_roster(const RosterProblem& p, std::vector<RosteredShift> shifts) {
    Roster r;
    r.status = RosterStatus::feasible;
    r.shifts = std::move(shifts);
    r.coverage = roster_coverage(p, r.shifts);
    r.shortfall = r.coverage;
    for (std::size_t k = 0; k < r.shortfall.size(); ++k)
        for (std::size_t i = 0; i < r.shortfall[k].required.size(); ++i)
            r.shortfall[k].required[i] = std::max(0, p.requirements[k].required[i] - r.coverage[k].required[i]);
    return r;
}

bool mentions(const std::vector<std::string>& violations, const std::string& words) {
    return std::any_of(violations.begin(), violations.end(),
                       [&](const std::string& v) { return v.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("a tiny roster solved by hand: requirement 1,2,2,1 on Monday costs 7") {
    // Four 6-hour intervals on Monday need 1,2,2,1. Templates (Monday only):
    // long 00-24 (5), early 00-12 (3), late 12-24 (3), mid 06-18 (2).
    // Intervals 1 and 2 need two shifts each; interval 0 needs long or early,
    // interval 3 long or late. long + mid = 7 covers exactly; every other
    // set is dearer (early + late + mid = 8) or leaves a gap (mid x2 + early = 7
    // misses interval 3), so 7 with one long and one mid is the optimum.
    RosterProblem p;
    p.interval = 6 * kH;
    StaffRequirement r = need("", p.interval, 0, 0, 0);
    r.required[0] = 1;
    r.required[1] = 2;
    r.required[2] = 2;
    r.required[3] = 1;
    p.requirements = {r};
    p.templates = {tmpl("long", {0}, 0, 24 * kH, 5), tmpl("early", {0}, 0, 12 * kH, 3), tmpl("late", {0}, 12 * kH, 12 * kH, 3),
                   tmpl("mid", {0}, 6 * kH, 12 * kH, 2)};
    const Roster roster = solve_roster(p);
    CHECK(roster.status == RosterStatus::optimal);
    CHECK(roster.cost == Approx(7.0));
    CHECK(count_of(roster, "long") == 1);
    CHECK(count_of(roster, "mid") == 1);
    CHECK(roster.shifts.size() == 2);
    CHECK(roster.gap <= 0.01);
    CHECK(roster.coverage[0].required[1] == 2);
    CHECK(roster.shortfall[0].required == std::vector<int>(28, 0));
    CHECK(check_roster(p, roster).empty());
}

TEST_CASE("the week is cyclic: a Sunday night shift covers Monday morning") {
    RosterProblem p;
    p.interval = 6 * kH;
    p.requirements = {need("", p.interval, 0, 6 * kH, 1)};  // Mon 00-06
    p.templates = {tmpl("night", {6}, 18 * kH, 12 * kH, 4)};  // Sun 18:00 - Mon 06:00
    const Roster roster = solve_roster(p);
    REQUIRE(roster.status == RosterStatus::optimal);
    REQUIRE(roster.shifts.size() == 1);
    CHECK(roster.shifts[0].weekday == 6);
    CHECK(roster.shifts[0].start == 6 * 86400 + 18 * kH);
    CHECK(roster.shifts[0].end == kWeek + 6 * kH);
    CHECK(roster.coverage[0].required[0] == 1);   // Mon 00-06
    CHECK(roster.coverage[0].required[27] == 1);  // Sun 18-24
    CHECK(roster.cost == Approx(4.0));
}

TEST_CASE("breaks are placed where they hurt least") {
    // A 4-hour shift with a 1-hour unpaid break at 1, 2 or 3 h; the requirement
    // needs one person at 08:00-10:00 and 11:00-12:00, so the break goes to 10:00.
    RosterProblem p;
    p.interval = kH;
    StaffRequirement r = need("", kH, 8 * kH, 10 * kH, 1);
    r.required[11] = 1;
    p.requirements = {r};
    ShiftTemplate t = tmpl("am", {0}, 8 * kH, 4 * kH, 1);
    t.break_duration = kH;
    t.break_earliest = kH;
    t.break_latest = 3 * kH;
    p.templates = {t};
    const Roster roster = solve_roster(p);
    REQUIRE(roster.shifts.size() == 1);
    CHECK(roster.shifts[0].break_start == 10 * kH);
    CHECK(roster.shifts[0].break_end == 11 * kH);
    CHECK(roster.cost == Approx(1.0));
}

TEST_CASE("soft coverage: a shortfall cheaper than a shift is chosen") {
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("", kH, 9 * kH, 10 * kH, 1)};  // one hour, one person
    p.templates = {tmpl("day", {0}, 8 * kH, 8 * kH, 10)};
    p.shortfall_cost = 4;  // one missing person-hour costs 4 < 10 for the shift
    const Roster cheap = solve_roster(p);
    CHECK(cheap.status == RosterStatus::optimal);
    CHECK(cheap.shifts.empty());
    CHECK(cheap.cost == Approx(4.0));
    CHECK(cheap.shortfall[0].required[9] == 1);
    p.shortfall_cost = 20;
    const Roster dear = solve_roster(p);
    CHECK(dear.shifts.size() == 1);
    CHECK(dear.cost == Approx(10.0));
}

TEST_CASE("surplus is priced when asked") {
    // One person needed 08-12. "half" (08-12) costs 5, "full" (08-16) 4.5:
    // with surplus free full wins; at 1 per surplus person-hour it costs
    // 4.5 + 4 = 8.5 > 5 and half wins.
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("", kH, 8 * kH, 12 * kH, 1)};
    p.templates = {tmpl("half", {0}, 8 * kH, 4 * kH, 5), tmpl("full", {0}, 8 * kH, 8 * kH, 4.5)};
    const Roster free_surplus = solve_roster(p);
    CHECK(count_of(free_surplus, "full") == 1);
    p.surplus_cost = 1;  // full: 4.5 + 4 surplus hours = 8.5 > 5
    const Roster priced = solve_roster(p);
    CHECK(count_of(priced, "half") == 1);
    CHECK(priced.cost == Approx(5.0));
}

TEST_CASE("hard coverage no template covers is infeasible, naming skill and interval") {
    RosterProblem p;
    p.interval = 1800;
    p.requirements = {need("gas", 1800, 86400 + 3 * kH, 86400 + 4 * kH, 1)};  // Tue 03:00-04:00
    p.templates = {tmpl("day", {0, 1, 2, 3, 4}, 8 * kH, 8 * kH, 1)};
    const Roster r = solve_roster(p);
    CHECK(r.status == RosterStatus::infeasible);
    CHECK(r.message.find("Tue 03:00") != std::string::npos);
    CHECK(r.message.find("\"gas\"") != std::string::npos);
    CHECK(r.shifts.empty());
}

TEST_CASE("hard coverage the people cannot staff is infeasible with the short interval named") {
    // Two people hold the skill but only one is available on Monday, where two are needed.
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("", kH, 9 * kH, 10 * kH, 2)};
    p.templates = {tmpl("day", {0}, 8 * kH, 8 * kH, 1)};
    RosterPerson a = person("a", {});
    RosterPerson b = person("b", {});
    b.available_weekdays = {1, 2, 3};
    p.people = {a, b};
    const Roster r = solve_roster(p);
    CHECK(r.status == RosterStatus::infeasible);
    CHECK(r.message.find("Mon 09:00") != std::string::npos);
    CHECK(r.message.find("short by 1") != std::string::npos);
}

TEST_CASE("templates off the interval grid are refused naming the field") {
    RosterProblem p;
    p.interval = 1800;
    p.requirements = {need("", 1800, 0, 0, 0)};
    p.templates = {tmpl("ok", {0}, 8 * kH, 8 * kH, 1), tmpl("odd", {0}, 8 * kH + 600, 8 * kH, 1)};
    CHECK_THROWS_WITH(solve_roster(p), Catch::Contains("/templates/1/start") && Catch::Contains("multiple of the interval"));
    p.templates[1].start = 8 * kH;
    p.templates[1].break_duration = 900;
    CHECK_THROWS_WITH(solve_roster(p), Catch::Contains("/templates/1/break_duration"));
    p.templates[1].break_duration = 0;
    p.requirements[0].required.pop_back();
    CHECK_THROWS_WITH(solve_roster(p), Catch::Contains("/requirements/0/required") && Catch::Contains("336"));
}

TEST_CASE("names onto shifts respect skills") {
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("gas", kH, 9 * kH, 12 * kH, 1), need("elec", kH, 9 * kH, 12 * kH, 1)};
    p.templates = {tmpl("day", {0}, 8 * kH, 8 * kH, 1)};
    p.people = {person("alice", {"gas"}), person("bob", {"elec"})};
    const Roster r = solve_roster(p);
    REQUIRE(r.status == RosterStatus::optimal);
    REQUIRE(r.shifts.size() == 2);
    CHECK(r.unfilled.empty());
    for (const RosteredShift& s : r.shifts) CHECK(s.person == (s.skill == "gas" ? "alice" : "bob"));
}

TEST_CASE("names onto shifts respect availability and hours of the day") {
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("", kH, 9 * kH, 12 * kH, 1)};
    p.templates = {tmpl("day", {0}, 8 * kH, 8 * kH, 1)};
    RosterPerson a = person("alice", {});
    a.available_weekdays = {1, 2, 3, 4};  // not Monday
    RosterPerson b = person("bob", {});
    b.available_end = 14 * kH;  // must leave by 14:00: the 08-16 shift is too long
    RosterPerson c = person("carol", {});
    c.cost_per_hour = 30;
    p.people = {a, b, c};
    const Roster r = solve_roster(p);
    REQUIRE(r.shifts.size() == 1);
    CHECK(r.shifts[0].person == "carol");
    CHECK(r.cost == Approx(1.0 + 8 * 30.0));  // template cost + 8 paid hours at 30
}

TEST_CASE("min rest: the only person who could work both shifts cannot, one is left unfilled") {
    // Late Monday 14:00-22:00 and early Tuesday 06:00-14:00: 8 h of rest < 11 h.
    RosterProblem p;
    p.interval = kH;
    StaffRequirement r = need("", kH, 14 * kH, 22 * kH, 1);
    for (Time t = 86400 + 6 * kH; t < 86400 + 14 * kH; t += kH) r.required[static_cast<std::size_t>(t / kH)] = 1;
    p.requirements = {r};
    p.templates = {tmpl("late", {0}, 14 * kH, 8 * kH, 1), tmpl("early", {1}, 6 * kH, 8 * kH, 1)};
    p.people = {person("alice", {})};
    const Roster alone = solve_roster(p);
    CHECK(alone.shifts.size() == 1);
    REQUIRE(alone.unfilled.size() == 1);
    CHECK(alone.unfilled[0].find("other shifts or at a limit") != std::string::npos);
    int short_hours = 0;
    for (int v : alone.shortfall[0].required) short_hours += v;
    CHECK(short_hours == 8);
    CHECK(check_roster(p, alone).empty());  // the unfilled shift explains the shortfall

    p.rules.min_rest = 8 * kH;  // now 8 h of rest is enough
    const Roster relaxed = solve_roster(p);
    CHECK(relaxed.shifts.size() == 2);
    CHECK(relaxed.unfilled.empty());

    p.rules.min_rest = 11 * kH;
    p.people.push_back(person("bob", {}));
    const Roster two = solve_roster(p);
    REQUIRE(two.shifts.size() == 2);
    CHECK(two.shifts[0].person != two.shifts[1].person);
}

TEST_CASE("min rest is counted around the week, Sunday night to Monday morning") {
    RosterProblem p;
    p.interval = kH;
    StaffRequirement r = need("", kH, 6 * kH, 14 * kH, 1);                        // Mon 06-14
    for (Time t = 6 * 86400 + 14 * kH; t < 6 * 86400 + 22 * kH; t += kH) r.required[static_cast<std::size_t>(t / kH)] = 1;  // Sun 14-22
    p.requirements = {r};
    p.templates = {tmpl("early", {0}, 6 * kH, 8 * kH, 1), tmpl("late", {6}, 14 * kH, 8 * kH, 1)};
    p.people = {person("alice", {})};
    const Roster roster = solve_roster(p);
    CHECK(roster.shifts.size() == 1);
    CHECK(roster.unfilled.size() == 1);
}

TEST_CASE("max shifts, days off and consecutive days bound a person's week") {
    RosterProblem p;
    p.interval = kH;
    // Seven gas shifts; alice is the only gas engineer (bob's electric shifts
    // let the count stage plan all seven), so her limits decide how many she takes.
    StaffRequirement r = need("gas", kH, 0, 0, 0);
    for (int d = 0; d < 7; ++d)
        for (Time t = d * 86400 + 9 * kH; t < d * 86400 + 17 * kH; t += kH) r.required[static_cast<std::size_t>(t / kH)] = 1;
    p.requirements = {r};
    p.templates = {tmpl("day", {0, 1, 2, 3, 4, 5, 6}, 9 * kH, 8 * kH, 1)};
    RosterPerson a = person("alice", {"gas"});
    a.max_shifts = 3;
    RosterPerson b = person("bob", {"elec"});
    b.max_shifts = 7;
    p.people = {a, b};
    const Roster three = solve_roster(p);
    CHECK(three.shifts.size() == 3);
    CHECK(three.unfilled.size() == 4);

    p.people[0].max_shifts = 7;
    p.people[0].max_week = 7 * 8 * kH;
    p.rules.min_days_off = 2;  // 5 days at most
    CHECK(solve_roster(p).shifts.size() == 5);

    p.rules.min_days_off = 0;
    p.rules.max_consecutive_days = 3;  // around the week: at most 3 in any 4 days, so 5 of 7 (e.g. 3 on, 1 off, 2 on, 1 off)
    const Roster consec = solve_roster(p);
    CHECK(consec.shifts.size() == 5);
    CHECK(check_roster(p, consec).empty());

    p.rules.max_consecutive_days = 7;
    p.people[0].max_week = 3 * 8 * kH;  // hours bind before the shift count
    CHECK(solve_roster(p).shifts.size() == 3);
}

TEST_CASE("min_week is soft and priced per missing hour") {
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("", kH, 9 * kH, 17 * kH, 1)};
    p.templates = {tmpl("day", {0}, 9 * kH, 8 * kH, 1)};
    RosterPerson a = person("alice", {});
    a.min_week = 20 * kH;
    p.people = {a};
    p.min_week_cost = 2;
    const Roster r = solve_roster(p);
    REQUIRE(r.shifts.size() == 1);
    CHECK(r.cost == Approx(1.0 + 12 * 2.0));  // 8 of 20 hours: 12 missing at 2
}

TEST_CASE("check_roster catches each broken rule") {
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("gas", kH, 0, 0, 0)};
    ShiftTemplate day = tmpl("day", {0, 1, 2, 3, 4, 5, 6}, 9 * kH, 8 * kH, 1);
    day.break_duration = kH;
    day.break_earliest = 3 * kH;
    day.break_latest = 4 * kH;
    ShiftTemplate late = tmpl("late", {0, 1, 2, 3, 4, 5, 6}, 15 * kH, 8 * kH, 1);
    p.templates = {day, late};
    RosterPerson a = person("alice", {"gas"});
    a.available_weekdays = {0, 1, 2, 3, 4, 5};
    a.max_week = 40 * kH;
    p.people = {a, person("bob", {"elec"})};
    auto shift = [&](std::string who, std::string t, int d) {
        const ShiftTemplate& tp = t == "day" ? day : late;
        const Time s = d * 86400 + tp.start;
        const Time b = s + (tp.break_duration > 0 ? 3 * kH : 0);
        return RosteredShift{std::move(who), std::move(t), d, s, s + tp.length, b, b + tp.break_duration, "gas"};
    };
    CHECK(check_roster(p, hand_roster(p, {shift("alice", "day", 0)})).empty());
    CHECK(mentions(check_roster(p, hand_roster(p, {shift("bob", "day", 0)})), "does not hold skill"));
    CHECK(mentions(check_roster(p, hand_roster(p, {shift("alice", "day", 6)})), "not available that weekday"));
    CHECK(mentions(check_roster(p, hand_roster(p, {shift("carl", "day", 0)})), "unknown person"));
    CHECK(mentions(check_roster(p, hand_roster(p, {shift("alice", "day", 0), shift("alice", "late", 0)})),
                   "at most one a day"));
    // late Monday ends 23:00, day Tuesday starts 09:00: 10 h < 11 h.
    CHECK(mentions(check_roster(p, hand_roster(p, {shift("alice", "late", 0), shift("alice", "day", 1)})), "min_rest"));
    std::vector<RosteredShift> six;
    for (int d = 0; d < 6; ++d) six.push_back(shift("alice", "day", d));
    const auto v6 = check_roster(p, hand_roster(p, six));
    CHECK(mentions(v6, "above max_week"));      // 6 x 7 paid h = 42 > 40
    CHECK(mentions(v6, "above max_shifts"));    // 6 > 5
    CHECK(mentions(v6, "below min_days_off"));  // 1 < 2
    p.rules.max_consecutive_days = 5;
    CHECK(mentions(check_roster(p, hand_roster(p, six)), "consecutive days"));
    p.rules.max_consecutive_days = 6;
    RosteredShift moved = shift("alice", "day", 0);
    moved.break_start += 2 * kH;  // break at 5 h: outside 3-4 h
    moved.break_end += 2 * kH;
    CHECK(mentions(check_roster(p, hand_roster(p, {moved})), "break window"));
    RosteredShift unknown = shift("alice", "day", 0);
    unknown.template_id = "night";
    CHECK(mentions(check_roster(p, hand_roster(p, {unknown})), "unknown template"));
    RosteredShift wrong_start = shift("alice", "day", 0);
    wrong_start.start += kH;
    CHECK(mentions(check_roster(p, hand_roster(p, {wrong_start})), "start differs"));
    Roster lying = hand_roster(p, {shift("alice", "day", 0)});
    lying.coverage[0].required[9] = 5;
    CHECK(mentions(check_roster(p, lying), "coverage of skill \"gas\" differs"));
    // Hard coverage short with nothing unfilled to explain it.
    p.requirements = {need("gas", kH, 9 * kH, 10 * kH, 2)};
    CHECK(mentions(check_roster(p, hand_roster(p, {shift("alice", "day", 0)})), "hard coverage of skill \"gas\" short by 1"));
}

TEST_CASE("the count stage bounds shifts by the people who can take them") {
    // Two shifts are wanted but only one person exists: with soft coverage
    // the count stage plans one shift and the rest is shortfall, not an unfilled shift.
    RosterProblem p;
    p.interval = kH;
    p.requirements = {need("", kH, 9 * kH, 17 * kH, 2)};
    p.templates = {tmpl("day", {0}, 9 * kH, 8 * kH, 1)};
    p.people = {person("alice", {})};
    p.shortfall_cost = 10;
    const Roster r = solve_roster(p);
    CHECK(r.shifts.size() == 1);
    CHECK(r.unfilled.empty());
    CHECK(r.cost == Approx(1.0 + 8 * 10.0));
}
