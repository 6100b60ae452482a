// Fixed parts of a warm start: InitialRoute::fixed (the whole route) and
// fixed_jobs (a head that stays first and in order), honoured by every
// search, validated with paths, and fix_engineer_routes.
#include "route_test_support.hpp"

using namespace route_test;

namespace {

const SolveAlgorithm kAll[] = {SolveAlgorithm::ils, SolveAlgorithm::hgs};

SolveOptions with(SolveAlgorithm a, std::int64_t iterations = 30) {
    SolveOptions o = quick(iterations);
    o.algorithm = a;
    return o;
}

std::vector<Index> jobs_of(const Solution& s, Index engineer, Index shift = 0) {
    std::vector<Index> out;
    for (const Route& r : s.routes)
        if (r.engineer == engineer && r.shift == shift)
            for (const Step& st : r.steps)
                if (st.kind == StepKind::job) out.push_back(st.index);
    return out;
}

// Engineer A at 0 and B at 100 on a line; jobs at 10, 20, 30, 40, 90.
Problem line_day() {
    ProblemBuilder b;
    b.add_engineer(engineer("A", 0));
    b.add_engineer(engineer("B", 1));
    for (int k = 0; k < 5; ++k) b.add_job(job(name("j", k), static_cast<Index>(k + 2)));
    b.set_travel(line({0, 100, 10, 20, 30, 40, 90}));
    return b.build();
}

// A at 0 holds skill "gas", B at 100 does not; jobs "gas" (needs it) at 10,
// "early" (start by 100) at 60, "any" at 30.
Problem gas_day() {
    ProblemBuilder b;
    Engineer a = engineer("A", 0);
    a.skills = {{"gas", 1}};
    b.add_engineer(a);
    b.add_engineer(engineer("B", 1));
    Job gas = job("gas", 2);
    gas.skills = {{"gas", 1}};
    b.add_job(gas);
    Job early = job("early", 3);
    early.time_windows = {TimeWindow{0, 100}};
    b.add_job(early);
    b.add_job(job("any", 4));
    b.set_travel(line({0, 100, 10, 60, 30}));
    return b.build();
}

}  // namespace

TEST_CASE("a route fixed whole comes back as given, with nothing added, whatever the search", "[route][warm_start][fixed]") {
    const Problem p = line_day();
    for (SolveAlgorithm a : kAll) {
        INFO(to_string(a));
        SolveOptions o = with(a);
        // A zig-zag the search would never keep: A serves j3, j0 and nothing else.
        o.initial_routes = {InitialRoute{0, 0, {3, 0}, true, 0}};
        const Solution s = solve_checked(p, o);
        CHECK(jobs_of(s, 0) == std::vector<Index>{3, 0});
        CHECK(jobs_of(s, 1).size() == 3);
        CHECK(s.unassigned.empty());
        // Fixed whole and empty: A stays at home, B serves everything.
        o.initial_routes = {InitialRoute{0, 0, {}, true, 0}};
        const Solution off = solve_checked(p, o);
        CHECK(jobs_of(off, 0).empty());
        CHECK(jobs_of(off, 1).size() == 5);
    }
}

TEST_CASE("a fixed head stays first and in order, and the search plans the rest after it", "[route][warm_start][fixed]") {
    const Problem p = line_day();
    for (SolveAlgorithm a : kAll) {
        INFO(to_string(a));
        SolveOptions o = with(a);
        // A must first go to j2 (30), then j0 (10); the rest is free.
        o.initial_routes = {InitialRoute{0, 0, {2, 0, 1}, false, 2}};
        const Solution s = solve_checked(p, o);
        const std::vector<Index> a_jobs = jobs_of(s, 0);
        REQUIRE(a_jobs.size() >= 2);
        CHECK(a_jobs[0] == 2);
        CHECK(a_jobs[1] == 0);
        CHECK(s.unassigned.empty());
        // Free, the search finds the shorter day (out along the line and back).
        o.initial_routes[0].fixed_jobs = 0;
        const Solution free = solve_checked(p, o);
        CHECK(free.objective.total() < s.objective.total());
    }
}

TEST_CASE("fixed parts hold on larger days for every search, threads and seeds, deterministically",
          "[route][warm_start][fixed]") {
    for (const bool skills : {false, true}) {
        const Problem p = vrptw(60, 8, 5, skills);
        const Solution cold = solve_checked(p, with(SolveAlgorithm::ils, 0));
        std::vector<InitialRoute> init = initial_routes_from(cold);
        REQUIRE(init.size() >= 4);
        // The first route fixed whole, the next two with heads of 1 and 2 jobs
        // in reversed order where that stays feasible (else as planned).
        init[0].fixed = true;
        for (size_t r = 1; r <= 2; ++r) {
            init[r].fixed_jobs = static_cast<Index>(std::min<size_t>(r, init[r].jobs.size()));
            std::vector<Index> flipped = init[r].jobs;
            std::reverse(flipped.begin(), flipped.begin() + init[r].fixed_jobs);
            SolveOptions probe = with(SolveAlgorithm::ils, 0);
            probe.initial_routes = {InitialRoute{init[r].engineer, init[r].shift, flipped, false, init[r].fixed_jobs}};
            bool fine = true;
            try {
                (void)solve(p, probe);
            } catch (const InputError&) {
                fine = false;
            }
            if (fine) init[r].jobs = flipped;
        }
        for (SolveAlgorithm a : kAll)
            for (int threads : {1, 2}) {
                INFO(to_string(a) << ", threads " << threads << ", skills " << skills);
                SolveOptions o = with(a, 40);
                o.threads = threads;
                o.seed = 17;
                o.initial_routes = init;
                const Solution s = solve_checked(p, o);
                CHECK(jobs_of(s, init[0].engineer) == init[0].jobs);
                for (size_t r = 1; r <= 2; ++r) {
                    const std::vector<Index> got = jobs_of(s, init[r].engineer);
                    const auto head = static_cast<size_t>(init[r].fixed_jobs);
                    REQUIRE(got.size() >= head);
                    CHECK(std::equal(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(head), init[r].jobs.begin()));
                }
                const Solution again = solve_checked(p, o);
                CHECK(again.routes == s.routes);
                CHECK(again.objective == s.objective);
            }
    }
}

TEST_CASE("fixed parts that cannot hold are refused by field", "[route][warm_start][fixed][validation]") {
    const Problem p = gas_day();

    SolveOptions o = quick(0);
    o.initial_routes = {InitialRoute{0, 0, {1}, false, 2}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/fixed_jobs");
    o.initial_routes = {InitialRoute{0, 0, {1}, false, -1}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/fixed_jobs");
    // B lacks the skill: refused when fixed, dropped (and re-planned) when not.
    o.initial_routes = {InitialRoute{1, 0, {2, 0}, false, 2}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/jobs/1");
    o.initial_routes = {InitialRoute{1, 0, {2, 0}, true, 0}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/jobs/1");
    o.initial_routes = {InitialRoute{1, 0, {2, 0}, false, 1}};
    CHECK(solve_checked(p, o).unassigned.empty());
    // "early" cannot start by 100 after going to "gas" and "any" first.
    o.initial_routes = {InitialRoute{0, 0, {0, 2, 1}, true, 0}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/fixed");
    o.initial_routes = {InitialRoute{0, 0, {0, 2, 1}, false, 3}};
    CHECK(solve_error_path(p, o) == "/options/initial_routes/0/fixed_jobs");
    try {
        (void)solve(p, o);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.message()).find("3 fixed jobs of engineer \"A\"") != std::string::npos);
    }
    // Not fixed, the same order is repaired instead.
    o.initial_routes = {InitialRoute{0, 0, {0, 2, 1}, false, 2}};
    const Solution s = solve_checked(p, o);
    CHECK(jobs_of(s, 0).at(0) == 0);
    CHECK(jobs_of(s, 0).at(1) == 2);
    CHECK(s.unassigned.size() <= 1);
}

TEST_CASE("a job only engineers with fixed routes may serve is left out with that reason", "[route][warm_start][fixed]") {
    const Problem p = gas_day();
    SolveOptions o = quick(5);
    o.initial_routes = {InitialRoute{0, 0, {2}, true, 0}};
    const Solution s = solve_checked(p, o);
    CHECK(jobs_of(s, 0) == std::vector<Index>{2});
    const Unassigned* u = unassigned_of(s, 0);
    REQUIRE(u != nullptr);
    CHECK(u->reason == UnassignedReason::not_inserted);
    CHECK(u->detail.find("fixed whole") != std::string::npos);
    CHECK_FALSE(u->fix.has_value());
}

TEST_CASE("fix_engineer_routes fixes an engineer's routes by id", "[route][warm_start][fixed][validation]") {
    const Problem p = line_day();
    std::vector<InitialRoute> routes = {InitialRoute{0, 0, {0, 1, 2}}, InitialRoute{1, 0, {4}}};
    fix_engineer_routes(p, routes, "A", 2, "--fix A:2");
    CHECK(routes[0].fixed_jobs == 2);
    CHECK_FALSE(routes[0].fixed);
    fix_engineer_routes(p, routes, "B", std::nullopt, "--fix B");
    CHECK(routes[1].fixed);
    auto path_of = [&](const std::string& id, std::optional<Index> n) {
        std::vector<InitialRoute> copy = routes;
        try {
            fix_engineer_routes(p, copy, id, n, "--fix X");
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("<no error>");
    };
    CHECK(path_of("nobody", std::nullopt) == "--fix X");
    CHECK(path_of("A", 4) == "--fix X");
    CHECK(path_of("A", -1) == "--fix X");
    // Fixed whole without a route: kept off the plan; a head needs a route.
    std::vector<InitialRoute> only_a = {InitialRoute{0, 0, {0}}};
    fix_engineer_routes(p, only_a, "B", std::nullopt, "--fix B");
    REQUIRE(only_a.size() == 2);
    CHECK(only_a[1].engineer == 1);
    CHECK(only_a[1].fixed);
    CHECK(only_a[1].jobs.empty());
    std::vector<InitialRoute> again = {InitialRoute{0, 0, {0}}};
    CHECK_THROWS_AS(fix_engineer_routes(p, again, "B", 1, "--fix B:1"), InputError);
    const Solution s = solve_checked(p, [&] {
        SolveOptions o = quick(5);
        o.initial_routes = {InitialRoute{0, 0, {0}}};
        fix_engineer_routes(p, o.initial_routes, "B", std::nullopt, "--fix B");
        return o;
    }());
    CHECK(jobs_of(s, 1).empty());
    CHECK(jobs_of(s, 0).size() == 5);
}
