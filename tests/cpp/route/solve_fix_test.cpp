// The smallest change that lets a left-out job in, on problems where it is
// known by hand. Travel is on a line: seconds = metres = distance.
#include "route_test_support.hpp"

using namespace route_test;

namespace {


// Solves and returns the only unassigned entry, which must carry a fix.
Unassigned left_out(ProblemBuilder& b) {
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.size() == 1);
    INFO(s.unassigned[0].detail);
    REQUIRE(s.unassigned[0].fix.has_value());
    INFO(s.unassigned[0].fix->sentence);
    REQUIRE_FALSE(s.unassigned[0].fix->sentence.empty());
    return s.unassigned[0];
}

Unassigned alone(const Engineer& e, const Job& j, std::vector<double> xs) {
    ProblemBuilder b;
    b.add_engineer(e).add_job(j).set_travel(line(std::move(xs)));
    return left_out(b);
}

}  // namespace

TEST_CASE("a window closing before anyone can arrive is widened by the gap", "[route][fix]") {
    // One hour away, the window closes 30 minutes after the shift starts.
    Job j = job("a", 1);
    j.time_windows = {TimeWindow{0, 1800}};
    const Unassigned u = alone(engineer("e", 0, 0, 36000), j, {0, 3600});
    REQUIRE(u.reason == UnassignedReason::window_unreachable);
    CHECK(u.fix->kind == "widen_window");
    CHECK(u.fix->minutes == 30);
    CHECK(u.fix->amount == 1);
    CHECK(u.fix->sentence.find("30 minutes") != std::string::npos);
}

TEST_CASE("minutes are rounded up to whole minutes", "[route][fix]") {
    Job j = job("a", 1);
    j.time_windows = {TimeWindow{0, 1800}};
    const Unassigned u = alone(engineer("e", 0, 0, 36000), j, {0, 3630});  // 1,830 s late
    REQUIRE(u.reason == UnassignedReason::window_unreachable);
    CHECK(u.fix->kind == "widen_window");
    CHECK(u.fix->minutes == 31);
}

TEST_CASE("a window opening after the shift is opened earlier", "[route][fix]") {
    // 10 minutes out, 10 minutes of work, 20 minutes back to the end: the
    // latest start that gets back by 7,200 is 5,400, the window opens at 9,000.
    Engineer e = engineer("e", 0, 0, 7200);
    e.end = at(2);
    Job j = job("a", 1, 600);
    j.time_windows = {TimeWindow{9000, 9600}};
    const Unassigned u = alone(e, j, {0, 600, 1800});
    REQUIRE(u.reason == UnassignedReason::window_unreachable);
    CHECK(u.fix->kind == "widen_window");
    CHECK(u.fix->amount == -1);
    CHECK(u.fix->minutes == 60);
}

TEST_CASE("a hard deadline before the arrival asks for an earlier shift", "[route][fix]") {
    Job j = job("a", 1);
    j.sla = SlaDeadline{1800, true, 1};
    const Unassigned u = alone(engineer("e", 0, 0, 36000), j, {0, 3600});
    REQUIRE(u.reason == UnassignedReason::window_unreachable);
    CHECK(u.fix->kind == "extend_shift");
    CHECK(u.fix->engineer == "e");
    CHECK(u.fix->amount == -1);
    CHECK(u.fix->minutes == 30);
}

TEST_CASE("a shift too short asks for the overtime that fits the job", "[route][fix]") {
    // 100 out + 500 of work + 100 back = 700 > 600: 100 s over, 2 minutes.
    const Unassigned u = alone(engineer("e", 0, 0, 600), job("a", 1, 500), {0, 100});
    REQUIRE(u.reason == UnassignedReason::shift_too_short);
    CHECK(u.fix->kind == "overtime");
    CHECK(u.fix->engineer == "e");
    CHECK(u.fix->minutes == 2);
}

TEST_CASE("a job that does not fit beside the others asks for overtime on that route", "[route][fix]") {
    // Each job alone: 100 + 450 + 100 = 650; both: 1,100 > 1,000 by 100 s.
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0, 0, 1000)).add_job(job("a", 1, 450)).add_job(job("c", 1, 450));
    b.set_travel(line({0, 100}));
    const Unassigned u = left_out(b);
    REQUIRE(u.reason == UnassignedReason::not_inserted);
    CHECK(u.fix->kind == "overtime");
    CHECK(u.fix->minutes == 2);
}

TEST_CASE("a missing skill names the engineer or the engineer to hire", "[route][fix]") {
    Engineer e1 = engineer("e1", 0), e2 = engineer("e2", 0);
    e1.skills = {{"gas", 1}};
    SECTION("one level short: train the engineer") {
        Job j = job("a", 1);
        j.skills = {{"gas", 2}};
        ProblemBuilder b;
        b.add_engineer(e1).add_engineer(e2).add_job(j).set_travel(line({0, 100}));
        const Unassigned u = left_out(b);
        REQUIRE(u.reason == UnassignedReason::no_qualified_engineer);
        CHECK(u.fix->kind == "add_skill");
        CHECK(u.fix->engineer == "e1");
        REQUIRE(u.fix->skills.size() == 1);
        CHECK(u.fix->skills[0] == FixSkill{"gas", 2});
    }
    SECTION("two skills nobody has: hire") {
        Job j = job("a", 1);
        j.skills = {{"gas", 2}, {"hvac", 1}};
        ProblemBuilder b;
        b.add_engineer(e1).add_engineer(e2).add_job(j).set_travel(line({0, 100}));
        const Unassigned u = left_out(b);
        CHECK(u.fix->kind == "new_engineer");
        CHECK(u.fix->engineer.empty());
        CHECK(u.fix->skills == std::vector<FixSkill>{{"gas", 2}, {"hvac", 1}});
    }
    SECTION("pinned: only the pinned engineer can be trained") {
        Job j = job("a", 1);
        j.skills = {{"gas", 2}, {"hvac", 1}};
        j.pinned_engineer = "e2";
        ProblemBuilder b;
        b.add_engineer(e1).add_engineer(e2).add_job(j).set_travel(line({0, 100}));
        const Unassigned u = left_out(b);
        CHECK(u.fix->kind == "add_skill");
        CHECK(u.fix->engineer == "e2");
        CHECK(u.fix->skills.size() == 2);
    }
}

TEST_CASE("a demand too large asks for the smallest extra capacity", "[route][fix]") {
    Engineer e1 = engineer("e1", 0), e2 = engineer("e2", 0);
    e1.capacity = {3, 9};
    e2.capacity = {5, 9};
    Job j = job("a", 1);
    j.demand = {6, 1};
    ProblemBuilder b;
    b.add_engineer(e1).add_engineer(e2).add_job(j).set_travel(line({0, 100}));
    const Unassigned u = left_out(b);
    REQUIRE(u.reason == UnassignedReason::capacity);
    CHECK(u.fix->kind == "capacity");
    CHECK(u.fix->engineer == "e2");
    CHECK(u.fix->amount == 1);
    CHECK(u.fix->dimension == 0);
}

TEST_CASE("a job limit of zero is lifted for the cheapest engineer", "[route][fix]") {
    Engineer e1 = engineer("e1", 0), e2 = engineer("e2", 1);
    e1.max_jobs = 0;
    e2.max_jobs = 0;
    ProblemBuilder b;
    b.add_engineer(e1).add_engineer(e2).add_job(job("a", 2)).set_travel(line({0, 50, 100}));
    const Unassigned u = left_out(b);
    REQUIRE(u.reason == UnassignedReason::max_jobs);
    CHECK(u.fix->kind == "max_jobs");
    CHECK(u.fix->engineer == "e2");
    CHECK(u.fix->cost == 100);  // 50 out and 50 back
}

TEST_CASE("an optional job too costly names the penalty that would pay for it", "[route][fix]") {
    Job j = job("a", 1);
    j.optional = true;
    j.penalty = 199;  // serving costs 200
    const Unassigned u = alone(engineer("e", 0), j, {0, 100});
    REQUIRE(u.reason == UnassignedReason::too_costly);
    CHECK(u.fix->kind == "penalty");
    CHECK(u.fix->cost == 200);
    CHECK(u.fix->sentence.find("200") != std::string::npos);
}

TEST_CASE("a fix that needs more than eight hours is not offered", "[route][fix]") {
    Job j = job("a", 1);
    j.time_windows = {TimeWindow{0, 10}};
    j.sla = SlaDeadline{10, true, 1};  // the deadline too: only an earlier shift helps
    ProblemBuilder b;
    b.add_engineer(engineer("e", 0, 0, 100000)).add_job(j).set_travel(line({0, 40000}));
    const Problem p = b.build();
    const Solution s = solve_checked(p);
    REQUIRE(s.unassigned.size() == 1);
    CHECK(s.unassigned[0].reason == UnassignedReason::window_unreachable);
    CHECK_FALSE(s.unassigned[0].fix.has_value());
}

TEST_CASE("applying the suggested change lets the job in", "[route][fix]") {
    // Two engineers an hour and 50 minutes away; the window closes at 30 minutes.
    Job j = job("a", 2);
    j.time_windows = {TimeWindow{0, 1800}};
    ProblemBuilder b;
    b.add_engineer(engineer("far", 0, 0, 36000)).add_engineer(engineer("near", 1, 0, 36000)).add_job(j);
    b.set_travel(line({0, 600, 3600}));
    const Unassigned u = left_out(b);
    REQUIRE(u.fix->kind == "widen_window");
    CHECK(u.fix->minutes == 20);  // "near" arrives at 3,000
    CHECK(u.fix->engineer == "near");
    j.time_windows[0].end += u.fix->minutes * 60;
    ProblemBuilder c;
    c.add_engineer(engineer("far", 0, 0, 36000)).add_engineer(engineer("near", 1, 0, 36000)).add_job(j);
    c.set_travel(line({0, 600, 3600}));
    CHECK(solve_checked(c.build()).unassigned.empty());
    // One minute less is not enough.
    j.time_windows[0].end -= 60;
    ProblemBuilder d;
    d.add_engineer(engineer("far", 0, 0, 36000)).add_engineer(engineer("near", 1, 0, 36000)).add_job(j);
    d.set_travel(line({0, 600, 3600}));
    CHECK(solve_checked(d.build()).unassigned.size() == 1);
}

TEST_CASE("every job left out of a crowded generated day gets a reasoned fix", "[route][fix]") {
    const Problem p = generate(60, 3, 11);
    const Solution s = solve_checked(p);
    REQUIRE_FALSE(s.unassigned.empty());
    size_t with_fix = 0;
    for (const Unassigned& u : s.unassigned) {
        INFO(p.job(u.job).id << ": " << u.detail);
        if (!u.fix) continue;
        ++with_fix;
        CHECK_FALSE(u.fix->sentence.empty());
        const std::string& k = u.fix->kind;
        if (k == "widen_window" || k == "extend_shift" || k == "overtime") {
            CHECK(u.fix->minutes >= 1);
            CHECK(u.fix->minutes <= 480);
        }
        if (k == "overtime" || k == "extend_shift" || k == "capacity" || k == "max_jobs")
            CHECK(p.engineer_index(u.fix->engineer).has_value());
    }
    CHECK(with_fix > 0);
}
