// The segment searches (segment-ils, hgs): chosen where the problem allows
// it, refused by name where not, deterministic, never worse than their opening.
#include <atomic>
#include <chrono>

#include "route_test_support.hpp"
#include "fsd/route/detail/genetic_search.hpp"
#include "fsd/route/detail/search.hpp"
#include "fsd/route/detail/segment_search.hpp"

using namespace route_test;

namespace {

SolveOptions with(SolveAlgorithm a, std::int64_t iterations = 40) {
    SolveOptions o = quick(iterations);
    o.algorithm = a;
    return o;
}

}  // namespace

TEST_CASE("auto takes the segment search where segments express the problem", "[route][segment]") {
    const Problem p = vrptw(60, 8, 3);
    CHECK(solve_checked(p, with(SolveAlgorithm::automatic)).stats.solver == "hgs");
    CHECK(solve_checked(p, with(SolveAlgorithm::segment_ils)).stats.solver == "segment-ils");
    CHECK(solve_checked(p, with(SolveAlgorithm::regret_ls)).stats.solver == "regret-ls");
    // Breaks, two windows, SLAs and optional jobs: the generated field-service day is not expressible.
    const Problem field = generate(40, 4, 2);
    CHECK(solve_checked(field, with(SolveAlgorithm::automatic)).stats.solver == "regret-ls");
    try {
        solve(field, with(SolveAlgorithm::segment_ils));
        FAIL("segment-ils accepted a problem with breaks");
    } catch (const InputError& e) {
        CHECK(e.path() == "/options/algorithm");
        CHECK_THAT(e.what(), Catch::Contains("breaks"));
    }
    try {
        solve(field, with(SolveAlgorithm::hgs));
        FAIL("hgs accepted a problem with breaks");
    } catch (const InputError& e) {
        CHECK(e.path() == "/options/algorithm");
        CHECK_THAT(e.what(), Catch::Contains("hgs cannot plan this problem"));
    }
    CHECK_THROWS_AS(parse_solve_algorithm("genetic", "/algorithm"), InputError);
    CHECK(parse_solve_algorithm("segment-ils", "/algorithm") == SolveAlgorithm::segment_ils);
    CHECK(parse_solve_algorithm("hgs", "/algorithm") == SolveAlgorithm::hgs);
}

TEST_CASE("the segment searches are deterministic and never worse than their opening plan", "[route][segment]") {
    const SolveAlgorithm algorithm = GENERATE(SolveAlgorithm::segment_ils, SolveAlgorithm::hgs);
    INFO(to_string(algorithm));
    for (bool skills : {false, true}) {
        INFO("skills " << skills);
        const Problem p = vrptw(80, 10, 7, skills);
        Solution a = solve_checked(p, with(algorithm, 60));
        Solution b = solve_checked(p, with(algorithm, 60));
        CHECK(a.stats.solver == to_string(algorithm));
        a.stats.seconds = b.stats.seconds = 0.0;
        REQUIRE(a == b);
        CHECK(a.stats.iterations == 60);
        // The opening is regret-ls without iterations; the segment search starts from it.
        const Solution opening = solve_checked(p, with(SolveAlgorithm::regret_ls, 0));
        CHECK(a.objective.total() <= opening.objective.total());
        CHECK(a.unassigned.size() <= opening.unassigned.size());
        // Two threads: the same answer again, and not worse.
        SolveOptions two = with(algorithm, 60);
        two.threads = 2;
        Solution c = solve_checked(p, two), d = solve_checked(p, two);
        c.stats.seconds = d.stats.seconds = 0.0;
        REQUIRE(c == d);
        CHECK(c.objective.total() <= a.objective.total());
    }
}

TEST_CASE("the segment searches report falling objectives over rising times", "[route][segment]") {
    const SolveAlgorithm algorithm = GENERATE(SolveAlgorithm::segment_ils, SolveAlgorithm::hgs);
    INFO(to_string(algorithm));
    const Problem p = vrptw(80, 10, 11);
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

    // Cancelled at once, it still returns a checked plan.
    std::atomic<bool> cancel{true};
    SolveOptions c = with(algorithm, -1);
    c.cancel = &cancel;
    solve_checked(p, c);
}

namespace {

// vrptw with what segments carry beyond plain windows: job limits, travel
// limits, hard SLA deadlines (some inside a window, some alone) and optional
// jobs with a penalty.
Problem limited_vrptw(std::uint64_t seed) {
    int k = 0;
    return vrptw(60, 8, seed, false, [&k](Engineer* e, Job* j) {
        if (e) {
            e->max_jobs = 8;
            e->max_travel_time = 12000;
            return;
        }
        ++k;
        if (k % 4 == 0) {
            const Time end = j->time_windows.empty() ? 20000 : j->time_windows[0].end - 900;
            j->sla = SlaDeadline{end, true, 0};
        }
        if (k % 3 == 0) {
            j->optional = true;
            j->penalty = 4000;
        }
    });
}

}  // namespace

TEST_CASE("segments carry job and travel limits, hard SLA deadlines and optional jobs", "[route][segment]") {
    const Problem p = limited_vrptw(5);
    REQUIRE(detail::segment_search_obstacle(p).empty());
    const SolveAlgorithm algorithm = GENERATE(SolveAlgorithm::segment_ils, SolveAlgorithm::hgs);
    INFO(to_string(algorithm));
    const Solution s = solve_checked(p, with(algorithm, 80));
    CHECK(s.stats.solver == to_string(algorithm));
    const Solution opening = solve_checked(p, with(SolveAlgorithm::regret_ls, 0));
    CHECK(s.objective.total() <= opening.objective.total());
    // Two threads meet (hgs: at child 100) though their openings may serve other jobs.
    SolveOptions two = with(algorithm, algorithm == SolveAlgorithm::hgs ? 105 : 1050);
    two.threads = 2;
    Solution t1 = solve_checked(p, two), t2 = solve_checked(p, two);
    t1.stats.seconds = t2.stats.seconds = 0.0;
    CHECK(t1 == t2);

    // The segment search's own plan (before the closing exact descent) must
    // already be feasible under the exact rules: segments price these limits
    // exactly, they do not only hope the repair catches them.
    SolveOptions o = with(SolveAlgorithm::regret_ls, 0);
    o.seed = 3;
    detail::Search first(p, o);
    SolveStats stats;
    const detail::Plan start = first.run(stats);
    detail::SegmentPlan seed;
    seed.routes = start.routes;
    SolveOptions many = with(algorithm, 120);
    const auto now = std::chrono::steady_clock::now();
    const detail::SegmentPlan best =
        algorithm == SolveAlgorithm::hgs ? detail::genetic_search(p, many, seed, first.neighbours(), 30.0, now)
                                         : detail::segment_search(p, many, seed, first.neighbours(), 30.0, now);
    detail::RouteEvaluator eval(p);
    size_t served = 0, served_before = 0;
    for (size_t r = 0; r < best.routes.size(); ++r) {
        served += best.routes[r].size();
        served_before += start.routes[r].size();
        if (!best.routes[r].empty()) CHECK(eval.evaluate(static_cast<Index>(r), best.routes[r]).feasible);
    }
    CHECK(served == served_before);
    size_t longest = 0;
    Duration most_travel = 0;
    for (const Route& r : s.routes) {
        longest = std::max(longest, static_cast<size_t>(std::count_if(r.steps.begin(), r.steps.end(), [](const Step& st) {
                                      return st.kind == StepKind::job;
                                  })));
        Duration t = 0;
        for (const Step& st : r.steps) t += st.travel_time;
        most_travel = std::max(most_travel, t);
    }
    // Both limits bind on this day (else the case would test nothing); verify checks they hold.
    CHECK(longest == 8);
    CHECK(most_travel > 11000);
}

TEST_CASE("priced soft SLA deadlines and job limits beside four dimensions keep regret-ls", "[route][segment]") {
    const Problem soft = vrptw(30, 4, 2, false, [](Engineer*, Job* j) {
        if (j) j->sla = SlaDeadline{15000, false, 1};
    });
    CHECK(detail::segment_search_obstacle(soft) == "soft SLA deadlines");
    CHECK(solve_checked(soft, with(SolveAlgorithm::automatic)).stats.solver == "regret-ls");
    const Problem four = vrptw(30, 4, 2, false, [](Engineer* e, Job* j) {
        if (e) e->capacity = {40, 40, 40, 40}, e->max_jobs = 10;
        if (j) j->demand = {1, 1, 1, 1};
    });
    CHECK(detail::segment_search_obstacle(four) == "job limits beside more than 3 capacity dimensions");
}

TEST_CASE("segment searches on several threads meet, stay deterministic and never lose to one thread",
          "[route][segment][exchange]") {
    // On this day hgs's thread 1 takes thread 0's plan at the meeting (child
    // 100; seen in a run with a trace), so the shared path runs.
    const Problem p = vrptw(30, 5, 26);
    // Enough iterations for a meeting (every 1,000 for segment-ils, 100 for hgs).
    for (const auto& [algorithm, iterations] : {std::pair{SolveAlgorithm::segment_ils, 1050}, {SolveAlgorithm::hgs, 105}}) {
        INFO(to_string(algorithm));
        SolveOptions o = with(algorithm, iterations);
        const Solution one = solve_checked(p, o);
        o.threads = 2;
        Solution a = solve_checked(p, o), b = solve_checked(p, o);
        a.stats.seconds = b.stats.seconds = 0.0;
        REQUIRE(a == b);
        CHECK(a.objective.total() <= one.objective.total());
    }
}
