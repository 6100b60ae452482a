// The route model of the search: segments (with breaks) against the
// node-by-node timing, prices of moves against the routes they build, break
// placement, window choice and SLA lateness pushing later visits.
#include <algorithm>
#include <random>

#include "fsd/route/detail/plan.hpp"
#include "fsd/route/detail/route_evaluator.hpp"
#include "route_test_support.hpp"

using namespace route_test;
using namespace fsd::detail;

namespace {

// A random small day: jobs on a plane with windows (some two, some none),
// some priced SLA deadlines, demands, preferred engineers; engineers with
// 0-2 breaks, capacities, a speed factor, job and travel limits, overtime.
Problem random_day(std::mt19937_64& rng, int jobs, int engineers, bool timed) {
    std::uniform_int_distribution<int> coord(0, 3000), service(100, 1500), open(0, 20000), width(900, 7200), pick(0, 9);
    std::vector<std::pair<double, double>> pts;
    for (int i = 0; i < jobs + engineers; ++i) pts.emplace_back(coord(rng), coord(rng));
    ProblemBuilder b;
    for (int e = 0; e < engineers; ++e) {
        Engineer eng = engineer(name("e", e), jobs + e, 0, 30000);
        const int breaks = pick(rng) % 3;
        if (breaks >= 1) eng.breaks.push_back(Break{"lunch", {TimeWindow{9000, 14000}}, 1800});
        if (breaks >= 2) eng.breaks.push_back(Break{"tea", {TimeWindow{18000, 22000}}, 600});
        eng.capacity = {20};
        if (pick(rng) < 3) eng.max_jobs = 5;
        if (pick(rng) < 3) eng.max_travel_time = 9000;
        if (pick(rng) < 3) eng.speed_factor = 1.5;
        if (pick(rng) < 5) eng.max_overtime = 3600, eng.costs.overtime_per_hour = 7200;
        b.add_engineer(std::move(eng));
    }
    for (int j = 0; j < jobs; ++j) {
        Job jb = job(name("j", j), j, service(rng));
        const int kind = pick(rng);
        const Time o = open(rng);
        if (kind < 6) jb.time_windows = {TimeWindow{o, o + width(rng)}};
        if (timed && kind >= 6 && kind < 8) jb.time_windows = {TimeWindow{o, o + 1800}, TimeWindow{o + 5400, o + 9000}};
        if (timed && pick(rng) < 4) jb.sla = SlaDeadline{o + 3600, false, 2};
        jb.demand = {pick(rng) % 5};
        if (pick(rng) < 2) jb.preferred_engineer = name("e", pick(rng) % engineers), jb.preference_cost = 500;
        b.add_job(std::move(jb));
    }
    b.set_travel(plane(pts));
    return b.build();
}

// Random node lists for the slots: every job in some slot (or out), breaks at random places.
PlanRoutes random_routes(std::mt19937_64& rng, const RouteModel& m) {
    PlanRoutes routes(static_cast<std::size_t>(m.num_slots()));
    std::vector<std::vector<Index>> inner(routes.size());
    for (Index j = 0; j < m.num_jobs(); ++j) {
        const auto s = std::uniform_int_distribution<std::size_t>(0, routes.size())(rng);
        if (s < routes.size()) inner[s].push_back(j);
    }
    for (std::size_t s = 0; s < routes.size(); ++s) {
        const SlotData& d = m.slot(static_cast<Index>(s));
        std::shuffle(inner[s].begin(), inner[s].end(), rng);
        // Breaks keep their order, at random gaps.
        std::size_t from = 0;
        for (Index k = 0; k < d.breaks; ++k) {
            const std::size_t at = std::uniform_int_distribution<std::size_t>(from, inner[s].size())(rng);
            inner[s].insert(inner[s].begin() + static_cast<std::ptrdiff_t>(at), d.first_break + k);
            from = at + 1;
        }
        routes[s].push_back(m.start_node(static_cast<Index>(s)));
        routes[s].insert(routes[s].end(), inner[s].begin(), inner[s].end());
        routes[s].push_back(m.end_node(static_cast<Index>(s)));
    }
    return routes;
}

void check_same(const RouteCost& a, const RouteCost& b) {
    CHECK(a.jobs == b.jobs);
    CHECK(a.travel == b.travel);
    CHECK(a.overtime == b.overtime);
    CHECK(a.lateness == b.lateness);
    CHECK(a.preference == b.preference);
    CHECK(a.warp == b.warp);
    CHECK(a.excess == b.excess);
    if (a.jobs > 0) CHECK(a.end == b.end);
}

}  // namespace

TEST_CASE("segments with breaks time every route as the node-by-node timing does", "[route][model]") {
    std::mt19937_64 rng(11);
    for (int round = 0; round < 40; ++round) {
        const Problem p = random_day(rng, 12, 3, false);
        const RouteModel m(p);
        REQUIRE_FALSE(m.any_timed());
        const PlanRoutes routes = random_routes(rng, m);
        for (Index s = 0; s < m.num_slots(); ++s) {
            const auto& nodes = routes[static_cast<std::size_t>(s)];
            RouteState state;
            state.build(m, s, nodes);
            const RouteTiming t = time_route(m, s, nodes);
            const TwSegment& seg = state.prefix(state.size() - 1);
            INFO("round " << round << " slot " << s);
            CHECK(seg.timing().time_warp == t.warp);
            CHECK(seg.earliest_end() == t.end);
            CHECK(seg.travel == t.travel);
            // Any split of the route into two segments joins to the same.
            for (Index i = 0; i + 1 < state.size(); ++i) {
                const TwSegment joined = join(state.prefix(i), state.suffix(i + 1), m.legs(s));
                CHECK(joined.timing().time_warp == t.warp);
                CHECK(joined.earliest_end() == t.end);
                CHECK(joined.cost == seg.cost);
            }
        }
    }
}

TEST_CASE("a move is priced exactly as the route it builds costs", "[route][model]") {
    std::mt19937_64 rng(5);
    for (const bool timed : {false, true}) {
        for (int round = 0; round < 25; ++round) {
            const Problem p = random_day(rng, 14, 3, timed);
            const RouteModel m(p);
            Plan plan(m);
            plan.load(random_routes(rng, m));
            for (int trial = 0; trial < 60; ++trial) {
                const Index a = std::uniform_int_distribution<Index>(0, m.num_slots() - 1)(rng);
                const Index b = (a + 1) % m.num_slots();
                const RouteState& A = plan.route(a);
                const RouteState& B = plan.route(b);
                if (A.size() < 4 || B.size() < 4) continue;
                auto at = [&](const RouteState& r) { return std::uniform_int_distribution<Index>(1, r.size() - 2)(rng); };
                const Index i = at(A), k = at(B);
                std::vector<RouteSpec> specs;
                // Moves as the local search makes them: jobs change routes,
                // breaks stay in their own (2-opt* only swaps tails whose
                // breaks match).
                const bool ji = m.is_job(A.node(i)), jk = m.is_job(B.node(k));
                if (ji) specs.push_back(RouteSpec(b).add(prefix_part(b, k - 1)).add(node_part(A.node(i))).add(suffix_part(b, k)));
                specs.push_back(RouteSpec(a).add(prefix_part(a, i - 1)).add(suffix_part(a, i + 1)));
                if (ji && i + 2 < A.size() && m.is_job(A.node(i + 1)))
                    specs.push_back(RouteSpec(b).add(prefix_part(b, k)).add(range_part(a, i, i + 1)).add(suffix_part(b, k + 1)));
                if (jk) specs.push_back(RouteSpec(a).add(prefix_part(a, i - 1)).add(node_part(B.node(k))).add(suffix_part(a, i + 1)));
                const Index tail_a = A.counts(A.size() - 2).breaks - A.counts(i).breaks;
                const Index tail_b = B.counts(B.size() - 2).breaks - B.counts(k - 1).breaks;
                if ((tail_a == 0 && tail_b == 0) || (m.same_breaks(a, b) && tail_a == tail_b))
                    specs.push_back(RouteSpec(a).add(prefix_part(a, i)).add(range_part(b, k, B.size() - 2)).add(node_part(m.end_node(a))));
                const Index j = std::uniform_int_distribution<Index>(i, A.size() - 2)(rng);
                specs.push_back(RouteSpec(a).add(prefix_part(a, i - 1)).add(reversed_part(a, i, j)).add(suffix_part(a, j + 1)));
                for (const RouteSpec& spec : specs) {
                    INFO("timed " << timed << " round " << round << " trial " << trial << " parts " << spec.count);
                    RouteState built;
                    built.build(m, spec.slot, plan.materialize(spec));
                    const RouteCost priced = plan.price(spec);
                    check_same(priced, built.cost());
                    // The relaxed price and the engineer costs alone bound it from below.
                    const Penalties w{7, 3};
                    CHECK(plan.price(spec, true).penalised(w) <= priced.penalised(w));
                    CHECK(plan.travel_bound(spec) <= priced.penalised(w));
                }
            }
        }
    }
}

TEST_CASE("a break is taken where the engineer is, at the place that costs least", "[route][model][breaks]") {
    // Home at 0, jobs at 1000 and 3000; a lunch break of 1800 s starting in
    // [3000, 6000]. Driving 0 -> 1000 -> 3000 -> 0 with 500 s visits.
    ProblemBuilder b;
    Engineer e = engineer("e", 2, 0, 20000);
    e.breaks = {Break{"lunch", {TimeWindow{3000, 6000}}, 1800}};
    b.add_engineer(e).add_job(job("a", 0, 500)).add_job(job("b", 1, 500)).set_travel(line({1000, 3000, 0}));
    const Problem p = b.build();
    const RouteModel m(p);
    const std::vector<Index> jobs{0, 1};
    const ArrangedRoute r = arrange_route(m, 0, jobs);
    REQUIRE(r.feasible());
    // Without waiting the first visit ends at 1500, the second at 4000: the
    // break fits after the second visit (start 4000), not after the first
    // (it would wait from 1500 to 3000 and push the second visit).
    const std::vector<Index> expected{m.start_node(0), 0, 1, m.slot(0).first_break, m.end_node(0)};
    CHECK(r.nodes == expected);
    std::vector<Step> steps;
    time_route(m, 0, r.nodes, &steps);
    REQUIRE(steps.size() == 5);
    CHECK(steps[3].kind == StepKind::break_);
    CHECK(steps[3].start == 4000);
    CHECK(steps[3].travel_time == 0);
    // The drive home starts from the second job's place after the break.
    CHECK(steps[4].travel_time == 3000);
    CHECK(steps[4].arrival == 4000 + 1800 + 3000);
    // A window that closes before the second visit ends moves the break between the visits.
    ProblemBuilder b2;
    e.breaks = {Break{"lunch", {TimeWindow{1000, 2000}}, 1800}};
    b2.add_engineer(e).add_job(job("a", 0, 500)).add_job(job("b", 1, 500)).set_travel(line({1000, 3000, 0}));
    const Problem p2 = b2.build();
    const RouteModel m2(p2);
    const ArrangedRoute r2 = arrange_route(m2, 0, jobs);
    REQUIRE(r2.feasible());
    CHECK(r2.nodes == std::vector<Index>{m2.start_node(0), 0, m2.slot(0).first_break, 1, m2.end_node(0)});
}

TEST_CASE("a visit starts in the first window it can still reach", "[route][model][windows]") {
    ProblemBuilder b;
    Job two = job("two", 0, 300);
    two.time_windows = {TimeWindow{1000, 1200}, TimeWindow{3000, 4000}};
    b.add_engineer(engineer("e", 1, 0, 10000)).add_job(two).set_travel(line({500, 0}));
    const Problem p = b.build();
    const RouteModel m(p);
    REQUIRE(m.timed(0));
    std::vector<Step> steps;
    // Leaving at 0 arrives at 500: waits for the first window.
    time_route(m, 0, std::vector<Index>{m.start_node(0), 0, m.end_node(0)}, &steps);
    CHECK(steps[1].start == 1000);
    // A shift starting at 900 arrives at 1400, after the first window: the second one.
    ProblemBuilder b2;
    b2.add_engineer(engineer("e", 1, 900, 10000)).add_job(two).set_travel(line({500, 0}));
    const Problem p2 = b2.build();
    const RouteModel m2(p2);
    const RouteTiming t = time_route(m2, 0, std::vector<Index>{m2.start_node(0), 0, m2.end_node(0)}, &steps);
    CHECK(steps[1].start == 3000);
    CHECK(t.warp == 0);
    // Leaving as late as the first visit allows: departure 2500, arrival 3000.
    CHECK(steps[0].start == 2500);
}

TEST_CASE("SLA lateness pushes the later visits and is priced per second", "[route][model][lateness]") {
    // Two visits of 1000 s, 100 s apart; the first due at 500 (soft, 3 per
    // second), the second due at 1500 (soft, 1 per second).
    ProblemBuilder b;
    Job first = job("first", 0, 1000), second = job("second", 1, 1000);
    first.sla = SlaDeadline{500, false, 3};
    second.sla = SlaDeadline{1500, false, 1};
    b.add_engineer(engineer("e", 2, 0, 10000)).add_job(first).add_job(second).set_travel(line({600, 700, 0}));
    const Problem p = b.build();
    const RouteModel m(p);
    std::vector<Step> steps;
    const std::vector<Index> nodes{m.start_node(0), 0, 1, m.end_node(0)};
    const RouteTiming t = time_route(m, 0, nodes, &steps);
    // First starts at 600 (100 s late), second at 600 + 1000 + 100 = 1700 (200 s late).
    CHECK(steps[1].lateness == 100);
    CHECK(steps[2].start == 1700);
    CHECK(steps[2].lateness == 200);
    CHECK(t.lateness == 3 * 100 + 1 * 200);
    // The plan prices it the same, and the other order is dearer.
    Plan plan(m);
    plan.load({nodes});
    CHECK(plan.route(0).cost().lateness == 500);
    const RouteCost swapped = plan.price(RouteSpec(0).add(prefix_part(0, 0)).add(node_part(1)).add(node_part(0)).add(suffix_part(0, 3)));
    CHECK(swapped.lateness > 500);
}

TEST_CASE("feasible routes as the model prices them pass the independent verifier at the same cost", "[route][model]") {
    std::mt19937_64 rng(23);
    int checked = 0;
    for (int round = 0; round < 60; ++round) {
        const Problem p = random_day(rng, 10, 3, round % 2 == 1);
        const RouteModel m(p);
        Plan plan(m);
        plan.load(random_routes(rng, m));
        // Each feasible route on its own, written out as the solver writes plans.
        for (Index s = 0; s < m.num_slots(); ++s) {
            const RouteState& r = plan.route(s);
            if (r.empty() || !r.cost().feasible()) continue;
            Solution one;
            one.routes.push_back(plan.written_route(s));
            std::vector<char> served(static_cast<size_t>(p.num_jobs()), 0);
            for (Index node : r.nodes())
                if (m.is_job(node)) served[static_cast<size_t>(node)] = 1;
            for (Index j = 0; j < p.num_jobs(); ++j)
                if (!served[static_cast<size_t>(j)]) one.unassigned.push_back({j, UnassignedReason::not_inserted, ""});
            one.objective.unassigned = 0;
            for (const Unassigned& u : one.unassigned) one.objective.unassigned += p.unassigned_cost(u.job);
            one.objective.travel = r.cost().travel;
            one.objective.lateness = r.cost().lateness;
            one.objective.overtime = r.cost().overtime;
            one.objective.preference = r.cost().preference;
            const VerifyReport report = verify(p, one);
            INFO("round " << round << " slot " << s);
            for (const auto& v : report.violations) INFO(v.kind << ": " << v.message);
            CHECK(report.ok());
            CHECK(report.objective == one.objective);
            ++checked;
        }
    }
    CHECK(checked > 20);
}

TEST_CASE("drives cost nothing for an engineer paid only by the working hour (legs_free)", "[route][model]") {
    ProblemBuilder b;
    b.set_travel(line({0, 600}));
    Engineer paid = engineer("paid", 0);
    paid.costs.per_hour = 0;
    paid.costs.per_working_hour = 3600;
    Engineer by_km = engineer("by-km", 0);
    by_km.costs.per_hour = 0;
    by_km.costs.per_km = 500;
    b.add_engineer(paid).add_engineer(engineer("hourly", 0)).add_engineer(by_km);
    b.add_job(job("a", 1));
    const Problem p = b.build();
    const RouteModel m(p);
    REQUIRE(m.num_slots() == 3);
    CHECK(m.legs_free(0));
    CHECK(m.leg(0, 0, 1).cost == 0);
    CHECK(m.leg(0, 0, 1).duration == 600);
    CHECK_FALSE(m.legs_free(1));
    CHECK(m.leg(1, 0, 1).cost == 600);
    CHECK_FALSE(m.legs_free(2));
    CHECK(m.leg(2, 0, 1).cost == 300);
}
