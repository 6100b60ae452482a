// Moves that make room and the repair of infeasible plans, on hand-built
// plans: shedding the job whose leaving removes the warp (the least prize
// among equals), the repair when penalties cannot price a job out, and a
// left-out job let in by moving a more valuable one to another engineer.
#include "fsd/route/detail/local_search.hpp"
#include "plan_test_support.hpp"
#include "route_test_support.hpp"

using namespace route_test;
using namespace fsd::detail;

namespace {

Job optional_job(const std::string& id, Index location, Duration duration, Cost penalty) {
    Job j = job(id, location, duration);
    j.optional = true;
    j.penalty = penalty;
    return j;
}

const StoppingCriterion kNoLimit(StoppingCriterion::Clock::now(), 600.0, -1, 0, nullptr);

}  // namespace

TEST_CASE("shedding takes out the job whose leaving removes the warp, the least prize among equals",
          "[route][repair]") {
    // One engineer, a 10,000 s shift, three jobs at the depot of 4,000, 4,000
    // and 3,000 s: 1,000 s of warp, and any one job's leaving removes it all.
    ProblemBuilder b;
    b.add_engineer(engineer("e", 3, 0, 10000));
    b.add_job(optional_job("a", 0, 4000, 900)).add_job(optional_job("b", 1, 4000, 50));
    b.add_job(optional_job("c", 2, 3000, 700));
    b.set_travel(line({0, 0, 0, 0}));
    const Problem p = b.build();
    const RouteModel m(p);
    Plan plan(m);
    plan.load(routes_of(m, {{0, 1, 2}}));
    REQUIRE(plan.warp() == 1000);
    const RouteLocks locks = route_locks(p, {});
    LocalSearch ls(plan, locks, 1);
    CHECK(ls.shed_infeasible());
    CHECK(plan.feasible());
    CHECK(plan.served(0));
    CHECK_FALSE(plan.served(1));
    CHECK(plan.served(2));
}

TEST_CASE("repair sheds what penalties cannot price out, and keeps the rest served", "[route][repair]") {
    // Mandatory jobs (prizes far beyond any penalty weight) that cannot all
    // fit: raising the penalties changes nothing, shedding one makes the plan
    // feasible with the two others served.
    ProblemBuilder b;
    b.add_engineer(engineer("e", 3, 0, 10000));
    for (int k = 0; k < 3; ++k) b.add_job(job(name("j", k), k, 4000));
    b.set_travel(line({0, 0, 0, 0}));
    const Problem p = b.build();
    const RouteModel m(p);
    Plan plan(m);
    plan.load(routes_of(m, {{0, 1, 2}}));
    REQUIRE_FALSE(plan.feasible());
    const RouteLocks locks = route_locks(p, {});
    LocalSearch ls(plan, locks, 1);
    CHECK(repair(plan, ls, kNoLimit));
    CHECK(plan.feasible());
    CHECK(plan.unserved().size() == 1);
}

TEST_CASE("a left-out job gets in by moving more valuable jobs to other engineers", "[route][repair]") {
    // Only A has the skill for P (2 h). A serves Q1 and Q2 (1.5 h each, worth
    // more than P) in a 3.2 h shift; B and C (1.6 h shifts) are unused and
    // travel costs nothing, so no move of Q1 or Q2 alone gains anything.
    // Nothing is worth dropping for P, but Q1 and Q2 can each move to B or C:
    // then all three are served.
    ProblemBuilder b;
    Engineer a = engineer("A", 3, 0, 11600);
    a.skills = {SkillLevel{"gas", 1}};
    b.add_engineer(a).add_engineer(engineer("B", 4, 0, 5800)).add_engineer(engineer("C", 4, 0, 5800));
    Job pj = optional_job("P", 2, 7200, 500'000);
    pj.skills = {SkillRequirement{"gas", 1}};
    b.add_job(optional_job("Q1", 0, 5400, 1'000'000)).add_job(optional_job("Q2", 1, 5400, 1'000'000)).add_job(pj);
    b.set_travel(line({0, 0, 0, 0, 0}));
    const Problem p = b.build();
    const RouteModel m(p);
    Plan plan(m);
    plan.load(routes_of(m, {{0, 1}}));
    REQUIRE(plan.feasible());
    REQUIRE_FALSE(plan.served(2));
    const RouteLocks locks = route_locks(p, {});
    LocalSearch ls(plan, locks, 1);
    ls.mark_all();
    ls.run(kNoLimit);
    CHECK(plan.feasible());
    CHECK(plan.unserved().empty());
    CHECK(plan.route_of(2) == 0);
    CHECK(plan.route_of(0) != 0);
    CHECK(plan.route_of(1) != 0);
    CHECK(plan.route_of(0) != plan.route_of(1));
}
