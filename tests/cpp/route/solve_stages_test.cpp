// The one search as stages (construct, improve by ils or hgs, polish): names
// and the automatic choice, determinism with threads, never worse than the
// first plan, progress, cancellation, the stopping criterion, and choosing
// which optional jobs to serve.
#include <atomic>
#include <thread>

#include "fsd/route/detail/stopping_criterion.hpp"
#include "route_test_support.hpp"

using namespace route_test;

namespace {

SolveOptions with(SolveAlgorithm a, std::int64_t iterations = 40) {
    SolveOptions o = quick(iterations);
    o.algorithm = a;
    return o;
}

const SolveAlgorithm kStages[] = {SolveAlgorithm::ils, SolveAlgorithm::hgs};

}  // namespace

TEST_CASE("the improving stage is chosen by name or by the time per job", "[route][stages]") {
    const Problem p = vrptw(120, 30, 3);
    SolveOptions o = with(SolveAlgorithm::automatic, 5);
    o.time_limit_seconds = 10.0;  // 8 s per 100 jobs
    const Solution roomy = solve_checked(p, o);
    for (const Unassigned& u : roomy.unassigned) CHECK(u.reason == UnassignedReason::window_unreachable);
    CHECK(roomy.stats.solver == "hgs");
    o.time_limit_seconds = 1.0;  // under 2 s per 100 jobs
    CHECK(solve_checked(p, o).stats.solver == "ils");
    // Two engineers for 120 jobs: the first plan leaves jobs out, so ils chooses which to serve.
    const Problem crowded = vrptw(120, 2, 3);
    o.time_limit_seconds = 10.0;
    const Solution c = solve_checked(crowded, o);
    REQUIRE_FALSE(c.unassigned.empty());
    CHECK(c.unassigned.front().reason == UnassignedReason::not_inserted);
    CHECK(c.stats.solver == "ils");
    // Small days take ils whatever the limit.
    const Problem small = generate(40, 4, 2);
    o.time_limit_seconds = 30.0;
    CHECK(solve_checked(small, o).stats.solver == "ils");
    for (const SolveAlgorithm a : kStages) CHECK(solve_checked(small, with(a)).stats.solver == to_string(a));
    CHECK(parse_solve_algorithm("segment-ils", "/algorithm") == SolveAlgorithm::ils);
    CHECK(parse_solve_algorithm("hgs", "/algorithm") == SolveAlgorithm::hgs);
    try {
        parse_solve_algorithm("regret-ls", "/algorithm");
        FAIL("regret-ls accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/algorithm");
        CHECK_THAT(e.what(), Catch::Contains("auto, ils, hgs"));
    }
    CHECK_THROWS_AS(parse_solve_algorithm("genetic", "/algorithm"), InputError);
}

TEST_CASE("both stages are deterministic, never worse than the first plan, and threads never lose",
          "[route][stages]") {
    const SolveAlgorithm algorithm = GENERATE(SolveAlgorithm::ils, SolveAlgorithm::hgs);
    INFO(to_string(algorithm));
    for (const bool field : {false, true}) {
        INFO("field day " << field);
        const Problem p = field ? generate(60, 6, 7) : vrptw(80, 10, 7, true);
        Solution a = solve_checked(p, with(algorithm, 60));
        Solution b = solve_checked(p, with(algorithm, 60));
        CHECK(a.stats.solver == to_string(algorithm));
        a.stats.seconds = b.stats.seconds = 0.0;
        REQUIRE(a == b);
        CHECK(a.stats.iterations == 60);
        // Iteration limit 0: the first plan, its descent and the polish only.
        const Solution first = solve_checked(p, with(algorithm, 0));
        CHECK(a.objective.total() <= first.objective.total());
        // Two threads (meeting at iteration 100 / 200): the same answer again, and not worse.
        SolveOptions two = with(algorithm, algorithm == SolveAlgorithm::hgs ? 105 : 205);
        const Solution one = solve_checked(p, two);
        two.threads = 2;
        Solution c = solve_checked(p, two), d = solve_checked(p, two);
        c.stats.seconds = d.stats.seconds = 0.0;
        REQUIRE(c == d);
        CHECK(c.objective.total() <= one.objective.total());
    }
}

TEST_CASE("progress reports falling objectives over rising times, and a cancelled solve still plans",
          "[route][stages]") {
    const SolveAlgorithm algorithm = GENERATE(SolveAlgorithm::ils, SolveAlgorithm::hgs);
    INFO(to_string(algorithm));
    const Problem p = generate(80, 8, 11);
    std::vector<Progress> seen;
    SolveOptions o = with(algorithm, 200);
    o.on_progress = [&](const Progress& pr) { seen.push_back(pr); };
    const Solution s = solve_checked(p, o);
    REQUIRE(!seen.empty());
    for (size_t i = 1; i < seen.size(); ++i) {
        CHECK(seen[i].objective.total() < seen[i - 1].objective.total());
        CHECK(seen[i].seconds >= seen[i - 1].seconds);
    }
    CHECK(seen.back().objective.total() >= s.objective.total());

    // Cancelled at once, it still returns a checked plan, every job explained.
    std::atomic<bool> cancel{true};
    SolveOptions c = with(algorithm, -1);
    c.cancel = &cancel;
    const Solution cancelled = solve_checked(p, c);
    size_t served = 0;
    for (const Route& r : cancelled.routes)
        for (const Step& st : r.steps) served += st.kind == StepKind::job;
    CHECK(served + cancelled.unassigned.size() == 80);
}

TEST_CASE("the stopping criterion stops on time, iterations, stagnation and cancellation", "[route][stages][stop]") {
    using detail::StoppingCriterion;
    const auto now = StoppingCriterion::Clock::now();
    std::atomic<bool> cancel{false};
    const StoppingCriterion s(now, 3600.0, 100, 10, &cancel);
    CHECK_FALSE(s.done(5, 3));
    CHECK(s.done(100, 0));
    CHECK(s.reason(100, 0) == "iteration_limit");
    CHECK(s.done(50, 10));
    CHECK(s.reason(50, 10) == "stagnation");
    CHECK(s.fraction(25) == Approx(0.25));
    cancel = true;
    CHECK(s.done(1, 0));
    CHECK(s.reason(1, 0) == "cancelled");
    const StoppingCriterion past(now - std::chrono::seconds(2), 1.0, -1, 0, nullptr);
    CHECK(past.out_of_time());
    CHECK(past.reason(1, 0) == "time_limit");
    CHECK_FALSE(StoppingCriterion(now, 3600.0, -1, 0, nullptr).done(1'000'000, 1'000'000));
    // An earlier deadline for a stage keeps the limits.
    const StoppingCriterion stage = s.until(now);
    CHECK(stage.out_of_time());

    // In a solve: stagnation ends the search before the iteration limit, deterministically.
    const Problem p = generate(30, 5, 4);
    SolveOptions o = with(SolveAlgorithm::ils, 100'000);
    o.stagnation_limit = 50;
    Solution a = solve_checked(p, o), b = solve_checked(p, o);
    CHECK(a.stats.iterations < 100'000);
    a.stats.seconds = b.stats.seconds = 0.0;
    CHECK(a == b);
    CHECK_THROWS_AS(solve(p, [] {
                        SolveOptions bad;
                        bad.stagnation_limit = -2;
                        return bad;
                    }()),
                    InputError);
}

TEST_CASE("optional jobs are served when worth their penalty and left out when not", "[route][stages][optional]") {
    // One engineer at 0; jobs at 100 (penalty 1,000,000), at 5000 (penalty 10),
    // at 200 (mandatory). Serving the far one costs 10,000 s of driving.
    ProblemBuilder b;
    Job near = job("near", 0), far = job("far", 1), must = job("must", 2);
    near.optional = true, near.penalty = 1'000'000;
    far.optional = true, far.penalty = 10;
    b.add_engineer(engineer("e", 3)).add_job(near).add_job(far).add_job(must).set_travel(line({100, 5000, 200, 0}));
    const Problem p = b.build();
    for (const SolveAlgorithm a : kStages) {
        const Solution s = solve_checked(p, with(a, 20));
        CHECK(route_of(s, 0) != nullptr);
        CHECK(route_of(s, 2) != nullptr);
        REQUIRE(s.unassigned.size() == 1);
        CHECK(s.unassigned[0].job == 1);
        CHECK(s.unassigned[0].reason == UnassignedReason::too_costly);
    }
    // A warm start that serves the far job and leaves out the near one: the
    // search takes the far one out and puts the near one in.
    SolveOptions o = with(SolveAlgorithm::ils, 20);
    o.initial_routes = {InitialRoute{0, 0, {2, 1}}};
    const Solution s = solve_checked(p, o);
    CHECK(route_of(s, 0) != nullptr);
    CHECK(route_of(s, 1) == nullptr);
}

TEST_CASE("on an overloaded day higher priorities are served first", "[route][stages][optional]") {
    // Eight jobs of an hour each at one place, a four-hour shift: four fit.
    // Priorities 90 for jobs 4-7: they are the ones served.
    ProblemBuilder b;
    b.add_engineer(engineer("e", 1, 0, 4 * 3600 + 100));
    for (int k = 0; k < 8; ++k) {
        Job j = job(name("j", k), 0, 3600);
        j.priority = k >= 4 ? 90 : 0;
        b.add_job(j);
    }
    b.set_travel(line({10, 0}));
    const Problem p = b.build();
    for (const SolveAlgorithm a : kStages) {
        const Solution s = solve_checked(p, with(a, 30));
        for (Index k = 0; k < 8; ++k) CHECK((route_of(s, k) != nullptr) == (k >= 4));
    }
}
