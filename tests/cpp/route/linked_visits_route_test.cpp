// Linked visits planned by the search (docs/design.md, "Linked visits"):
// two-person jobs whose engineers start together, follow-ups inside their
// gap, links the plan cannot keep left out as linked_visit_out, and the
// largest-lateness part of the objective.
#include <algorithm>
#include <random>

#include "route_test_support.hpp"

using namespace route_test;

namespace {

JobLink make_link(const std::string& a, const std::string& b, Duration min_gap = 0, Duration max_gap = 0,
             LinkEngineers who = LinkEngineers::different) {
    JobLink l;
    l.first = a;
    l.second = b;
    l.min_gap = min_gap;
    l.max_gap = max_gap;
    l.engineers = who;
    return l;
}

// Every link of the problem, checked on the written steps.
void check_links(const Problem& p, const Solution& s) {
    for (Index k = 0; k < p.num_links(); ++k) {
        const JobLink& l = p.links()[static_cast<size_t>(k)];
        const Step* a = step_of(s, p.link_first(k));
        const Step* b = step_of(s, p.link_second(k));
        INFO("link " << l.first << " -> " << l.second);
        REQUIRE((a == nullptr) == (b == nullptr));
        if (!a) continue;
        REQUIRE(b->start - a->start >= l.min_gap);
        REQUIRE(b->start - a->start <= l.max_gap);
        const Index ea = route_of(s, p.link_first(k))->engineer;
        const Index eb = route_of(s, p.link_second(k))->engineer;
        if (l.engineers == LinkEngineers::different) REQUIRE(ea != eb);
        if (l.engineers == LinkEngineers::same) REQUIRE(ea == eb);
    }
}

}  // namespace

TEST_CASE("a two-person job: both engineers start together, the nearer one waits", "[route][links]") {
    // Homes at 0 and 600; the job at 100 (both visits), other jobs around.
    ProblemBuilder b;
    b.set_travel(line({0, 600, 100, 50, 550, 500}));
    b.add_engineer(engineer("near", 0));
    b.add_engineer(engineer("far", 1));
    b.add_job(job("lift", 2, 300));
    b.add_job(job("lift-helper", 2, 300));
    b.add_job(job("a", 3));
    b.add_job(job("b", 4));
    b.add_job(job("c", 5));
    b.add_link(make_link("lift", "lift-helper"));
    const Problem p = b.build();
    const Solution s = solve(p, quick());
    check_solution(p, s);
    check_links(p, s);
    REQUIRE(s.unassigned.empty());
    const Step* lead = step_of(s, 0);
    const Step* helper = step_of(s, 1);
    CHECK(lead->start == helper->start);
    CHECK(route_of(s, 0)->engineer != route_of(s, 1)->engineer);
}

TEST_CASE("a job for three engineers: three visits linked to the first", "[route][links]") {
    ProblemBuilder b;
    b.set_travel(line({0, 200, 400, 300}));
    b.add_engineer(engineer("e0", 0));
    b.add_engineer(engineer("e1", 1));
    b.add_engineer(engineer("e2", 2));
    for (int k = 0; k < 3; ++k) b.add_job(job(name("crane", k), 3, 600));
    b.add_link(make_link("crane0", "crane1"));
    b.add_link(make_link("crane0", "crane2"));
    const Problem p = b.build();
    const Solution s = solve(p, quick());
    check_solution(p, s);
    check_links(p, s);
    REQUIRE(s.unassigned.empty());
    CHECK(step_of(s, 0)->start == step_of(s, 2)->start);
    CHECK(route_of(s, 1)->engineer != route_of(s, 2)->engineer);
}

TEST_CASE("a follow-up by the same engineer inside its gap", "[route][links]") {
    ProblemBuilder b;
    b.set_travel(line({0, 100, 120, 2000}));
    b.add_engineer(engineer("solo", 0));
    b.add_job(job("diagnose", 1, 100));
    b.add_job(job("repair", 2, 100));
    b.add_job(job("far", 3, 100));
    b.add_link(make_link("diagnose", "repair", 1500, 1800, LinkEngineers::same));
    const Problem p = b.build();
    const Solution s = solve(p, quick());
    check_solution(p, s);
    check_links(p, s);
    REQUIRE(s.unassigned.empty());
    const Duration gap = step_of(s, 1)->start - step_of(s, 0)->start;
    CHECK(gap >= 1500);
    CHECK(gap <= 1800);
}

TEST_CASE("links the plan cannot keep leave both visits out as linked_visit_out", "[route][links]") {
    ProblemBuilder b;
    b.set_travel(line({0, 100}));
    b.add_engineer(engineer("only", 0));
    b.add_job(job("two-person", 1, 100));
    b.add_job(job("helper", 1, 100));
    b.add_job(job("alone", 1, 100));
    b.add_link(make_link("two-person", "helper"));   // a second engineer is needed and there is none
    const Problem p = b.build();
    const Solution s = solve(p, quick());
    check_solution(p, s);
    check_links(p, s);
    REQUIRE(step_of(s, 2) != nullptr);
    for (Index j : {0, 1}) {
        const Unassigned* u = unassigned_of(s, j);
        REQUIRE(u != nullptr);
        CHECK(u->reason == UnassignedReason::linked_visit_out);
    }
}

TEST_CASE("a visit whose partner nobody can serve is left out with it", "[route][links]") {
    ProblemBuilder b;
    b.set_travel(line({0, 100, 200}));
    b.add_engineer(engineer("e0", 0));
    b.add_engineer(engineer("e1", 0));
    Job needs = job("install", 1);
    Job helper = job("helper", 1);
    helper.skills = {SkillRequirement{"crane", 1}};   // nobody has it
    b.add_job(needs);
    b.add_job(helper);
    b.add_job(job("other", 2));
    b.add_link(make_link("install", "helper"));
    const Problem p = b.build();
    const Solution s = solve(p, quick());
    check_solution(p, s);
    REQUIRE(unassigned_of(s, 1) != nullptr);
    CHECK(unassigned_of(s, 1)->reason == UnassignedReason::no_qualified_engineer);
    REQUIRE(unassigned_of(s, 0) != nullptr);
    CHECK(unassigned_of(s, 0)->reason == UnassignedReason::linked_visit_out);
    CHECK(step_of(s, 2) != nullptr);
}

TEST_CASE("random small days with links: every link kept, plans verified", "[route][links]") {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> coord(0.0, 3000.0);
        std::vector<std::pair<double, double>> pts;
        const int engineers = 3, jobs = 14;
        for (int k = 0; k < engineers + jobs; ++k) pts.emplace_back(coord(rng), coord(rng));
        ProblemBuilder b;
        b.set_travel(plane(pts));
        for (int e = 0; e < engineers; ++e) b.add_engineer(engineer(name("e", e), e, 0, 20000));
        for (int j = 0; j < jobs; ++j) {
            Job x = job(name("j", j), engineers + j, 300);
            if (j % 3 == 0) x.time_windows = {TimeWindow{2000 + 500 * j, 6000 + 500 * j}};
            b.add_job(x);
        }
        // A two-person job, a follow-up by anyone, a follow-up by the same engineer.
        b.add_link(make_link("j0", "j1"));
        b.add_link(make_link("j2", "j3", 600, 3000, LinkEngineers::any));
        b.add_link(make_link("j4", "j5", 0, 5000, LinkEngineers::same));
        const Problem p = b.build();
        const Solution s = solve(p, quick(30));
        INFO("seed " << seed);
        check_solution(p, s);
        check_links(p, s);
        CHECK(s.unassigned.size() <= 2);
    }
}

TEST_CASE("max_lateness prices the largest lateness once", "[route][links]") {
    ProblemBuilder b;
    b.set_travel(line({0, 1000, 1000}));
    b.add_engineer(engineer("e", 0));
    Job x = job("x", 1, 500);
    x.sla = SlaDeadline{800, false, 1};
    Job y = job("y", 2, 500);
    y.sla = SlaDeadline{800, false, 1};
    b.add_job(x);
    b.add_job(y);
    ObjectiveWeights w;
    w.max_lateness = 3;
    b.set_weights(w);
    const Problem p = b.build();
    const Solution s = solve(p, quick());
    check_solution(p, s);
    // One of them starts at 1000 (200 late), the other at 1500 (700 late).
    CHECK(s.objective.lateness == 200 + 700);
    CHECK(s.objective.max_lateness == 3 * 700);
}
