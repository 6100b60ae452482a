#include <atomic>

#include "route_test_support.hpp"

using namespace route_test;

TEST_CASE("same seed gives the identical solution", "[route]") {
    const Problem p = generate(60, 5, 7);
    SolveOptions o = quick(200);
    o.seed = 42;
    Solution a = solve_checked(p, o);
    Solution b = solve_checked(p, o);
    a.stats.seconds = b.stats.seconds = 0.0;
    REQUIRE(a == b);
    o.seed = 43;
    Solution c = solve_checked(p, o);
    REQUIRE(c.stats.seed == 43);
    REQUIRE(a.stats.solver == "ils");
}

TEST_CASE("several threads: the same answer for the same seed, never worse than one", "[route]") {
    const Problem p = generate(60, 5, 9);
    // 450 iterations: the threads meet twice (every 200) to share their best.
    SolveOptions o = quick(450);
    o.seed = 5;
    const Solution one = solve_checked(p, o);
    o.threads = 3;
    std::vector<Cost> reported;
    o.on_progress = [&](const Progress& pr) { reported.push_back(pr.objective.total()); };
    Solution a = solve_checked(p, o);
    o.on_progress = nullptr;
    Solution b = solve_checked(p, o);
    a.stats.seconds = b.stats.seconds = 0.0;
    REQUIRE(a == b);
    // Thread 0 runs the one-thread search, so the best of three is at most its objective.
    CHECK(a.objective.total() <= one.objective.total());
    CHECK(a.stats.iterations == 3 * 450);
    // Progress only ever reports a new best of all threads.
    REQUIRE(!reported.empty());
    for (size_t i = 1; i < reported.size(); ++i) CHECK(reported[i] < reported[i - 1]);
    CHECK(reported.back() == a.objective.total());
}

TEST_CASE("the iteration limit bounds the search", "[route]") {
    const Problem p = generate(30, 3, 3);
    for (std::int64_t limit : {0, 1, 25}) {
        const Solution s = solve_checked(p, quick(limit));
        REQUIRE(s.stats.iterations == limit);
    }
}

TEST_CASE("cancellation stops the search with a valid plan", "[route]") {
    const Problem p = generate(100, 8, 5);
    std::atomic<bool> cancel{true};
    SolveOptions o;
    o.time_limit_seconds = 60.0;
    o.cancel = &cancel;
    const Solution s = solve_checked(p, o);
    REQUIRE(s.stats.iterations == 0);
    REQUIRE(s.routes.size() + s.unassigned.size() > 0);

    // Cancelling from the progress callback also stops it.
    std::atomic<bool> later{false};
    o.cancel = &later;
    int calls = 0;
    o.on_progress = [&](const Progress&) {
        if (++calls == 2) later = true;
    };
    const Solution t = solve_checked(p, o);
    REQUIRE(calls == 2);
    REQUIRE(t.stats.seconds < 60.0);
}

TEST_CASE("progress reports a non-increasing objective", "[route]") {
    const Problem p = generate(80, 6, 11);
    SolveOptions o = quick(300);
    std::vector<Cost> seen;
    o.on_progress = [&](const Progress& pr) { seen.push_back(pr.objective.total()); };
    const Solution s = solve_checked(p, o);
    REQUIRE_FALSE(seen.empty());
    for (size_t i = 1; i < seen.size(); ++i) REQUIRE(seen[i] <= seen[i - 1]);
    REQUIRE(seen.back() == s.objective.total());
    REQUIRE(s.stats.improvements + 1 == static_cast<std::int64_t>(seen.size()));
}

TEST_CASE("generated problems of 10, 100 and 1000 jobs solve feasibly", "[route]") {
    struct Case {
        int jobs, engineers;
        std::int64_t iterations;
    };
    for (const Case c : {Case{10, 2, 100}, Case{100, 10, 100}, Case{1000, 50, 2}}) {
        const Problem p = generate(c.jobs, c.engineers, 1234);
        const Solution s = solve_checked(p, quick(c.iterations));
        size_t served = 0;
        for (const auto& r : s.routes)
            for (const auto& st : r.steps) served += st.kind == StepKind::job;
        INFO(c.jobs << " jobs: " << served << " served");
        REQUIRE(served + s.unassigned.size() == static_cast<size_t>(c.jobs));
        REQUIRE(served >= static_cast<size_t>(c.jobs) / 2);
    }
}
