#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "fsd/model/problem_builder.hpp"
#include "fsd/verify.hpp"

using namespace fsd;

namespace {

// Depot (0,0) and three customers; customer 3 at (1,1) makes the distance
// irrational, so the scaled integer matrix and the double check differ.
struct Nodes {
    std::vector<double> x{0, 3, 6, 1}, y{0, 4, 8, 1};
    std::vector<double> demand{0, 5, 4, 3}, ready{0, 0, 10, 0}, due{100, 20, 30, 50}, service{0, 2, 2, 1};
    double capacity = 10;
    int vehicles = 2;
};

EuclideanInstance make_instance(const Nodes& n) {
    const std::int64_t scale = 10000;
    const std::ptrdiff_t size = static_cast<std::ptrdiff_t>(n.x.size());
    TravelMatrices tm;
    tm.durations.resize(size, size);
    tm.distances.resize(size, size);
    for (std::ptrdiff_t a = 0; a < size; ++a)
        for (std::ptrdiff_t b = 0; b < size; ++b) {
            const double d = std::hypot(n.x[static_cast<size_t>(a)] - n.x[static_cast<size_t>(b)],
                                        n.y[static_cast<size_t>(a)] - n.y[static_cast<size_t>(b)]);
            tm.distances(a, b) = std::llround(d * static_cast<double>(scale));
            tm.durations(a, b) = static_cast<Duration>(std::ceil(d * static_cast<double>(scale) - 1e-6));
        }
    ProblemBuilder builder;
    for (int v = 1; v <= n.vehicles; ++v) {
        Engineer e;
        e.id = std::string(1, 'v').append(std::to_string(v));
        e.start.matrix_index = 0;
        e.shifts = {{0, static_cast<Time>(n.due[0] * static_cast<double>(scale))}};
        e.capacity = {static_cast<Amount>(n.capacity)};
        builder.add_engineer(e);
    }
    for (size_t c = 1; c < n.x.size(); ++c) {
        Job j;
        j.id = std::to_string(c);
        j.location.matrix_index = static_cast<Index>(c);
        j.duration = static_cast<Duration>(n.service[c] * static_cast<double>(scale));
        j.time_windows = {{static_cast<Time>(n.ready[c] * static_cast<double>(scale)),
                           static_cast<Time>(n.due[c] * static_cast<double>(scale))}};
        j.demand = {static_cast<Amount>(n.demand[c])};
        builder.add_job(j);
    }
    builder.set_travel(tm);
    return EuclideanInstance{.name = "tiny",
                             .vehicles = n.vehicles,
                             .capacity = n.capacity,
                             .x = n.x,
                             .y = n.y,
                             .demand = n.demand,
                             .ready = n.ready,
                             .due = n.due,
                             .service = n.service,
                             .scale = scale,
                             .problem = builder.build()};
}

// Only the order of job steps matters to the Euclidean check.
Route route_of(Index vehicle, std::vector<Index> jobs) {
    Route r;
    r.engineer = vehicle;
    Step start;
    start.kind = StepKind::start;
    r.steps.push_back(start);
    for (Index j : jobs) {
        Step s;
        s.kind = StepKind::job;
        s.index = j;
        r.steps.push_back(s);
    }
    Step end;
    end.kind = StepKind::end;
    r.steps.push_back(end);
    return r;
}

Solution two_routes() {
    Solution sol;
    sol.routes = {route_of(0, {0, 1}), route_of(1, {2})};  // 0-1-2-0 and 0-3-0
    return sol;
}

std::string joined(const EuclideanCheck& check) {
    std::string out;
    for (const auto& v : check.violations) out += v + "\n";
    return out;
}

}  // namespace

TEST_CASE("a feasible Euclidean solution: distance in the original scale", "[verify][euclidean]") {
    const EuclideanInstance inst = make_instance(Nodes{});
    const EuclideanCheck check = verify_euclidean(inst, two_routes());
    INFO(joined(check));
    REQUIRE(check.violations.empty());
    REQUIRE(check.vehicles == 2);
    // 5 + 5 + 10 for the first route, 2 * sqrt(2) for the second.
    REQUIRE(check.distance == Approx(20.0 + 2.0 * std::sqrt(2.0)).epsilon(1e-12));
}

TEST_CASE("Euclidean violations are listed as sentences", "[verify][euclidean]") {
    Nodes nodes;
    Solution sol = two_routes();
    std::string expected;
    SECTION("a customer served after its due time") {
        nodes.due[2] = 11.5;  // reached at 12
        expected = "customer 2 is served at 12";
    }
    SECTION("the vehicle comes back after the depot closes") {
        nodes.due[0] = 23.9;  // the first route is back at 24
        expected = "returns to the depot at 24";
    }
    SECTION("load above capacity") {
        nodes.capacity = 9;  // 6 + 4 on the first route
        nodes.demand[1] = 6;
        expected = "exceeds the capacity 9";
    }
    SECTION("a customer not served") {
        sol.routes.pop_back();
        expected = "Customer 3 is not served";
    }
    SECTION("a customer served twice") {
        sol.routes[1] = route_of(1, {2, 0});
        expected = "Customer 1 is served 2 times";
    }
    SECTION("more vehicles than the fleet") {
        sol.routes = {route_of(0, {0}), route_of(1, {1}), route_of(1, {2})};
        expected = "uses 3 vehicles but the fleet has 2";
    }
    const EuclideanInstance inst = make_instance(nodes);
    const EuclideanCheck check = verify_euclidean(inst, sol);
    INFO(joined(check));
    REQUIRE(check.violations.size() == 1);
    REQUIRE(check.violations[0].find(expected) != std::string::npos);
}

TEST_CASE("a time exactly at the due time is accepted", "[verify][euclidean]") {
    Nodes nodes;
    nodes.due[2] = 12;  // reached at exactly 5 + 2 + 5
    const EuclideanCheck check = verify_euclidean(make_instance(nodes), two_routes());
    INFO(joined(check));
    REQUIRE(check.violations.empty());
}
