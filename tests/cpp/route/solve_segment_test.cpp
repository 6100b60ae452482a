// The segment searches (segment-ils, hgs): chosen where the problem allows
// it, refused by name where not, deterministic, never worse than their opening.
#include <atomic>

#include "route_test_support.hpp"

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
