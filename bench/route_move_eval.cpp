// Moves priced per second by the route model of the search (Google
// Benchmark): relocate, swap, 2-opt* and or-opt of two on 20 routes over 200
// random customers with time windows, with and without a lunch break per
// route and with priced SLA deadlines (routes timed node by node).
//   bench_route_move_eval [--benchmark_min_time=1]
#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>
#include <random>

#include "fsd/model/problem_builder.hpp"
#include "fsd/route/detail/plan.hpp"

namespace {

using namespace fsd;
using namespace fsd::detail;

enum class Kind { windows, breaks, lateness };

struct Fixture {
    std::unique_ptr<Problem> problem;
    std::unique_ptr<RouteModel> model;
    std::unique_ptr<Plan> plan;

    explicit Fixture(Kind kind) {
        std::mt19937_64 rng(3);
        const int customers = 200, fleet = 20, n = customers + 1;
        std::uniform_real_distribution<double> coord(0.0, 100.0);
        std::uniform_int_distribution<int> open(0, 28'000), width(3'600, 10'800), service(600, 1'800);
        std::vector<std::pair<double, double>> xy(static_cast<size_t>(n));
        for (auto& p : xy) p = {coord(rng), coord(rng)};
        TravelMatrices m{DurationMatrix(n, n), DistanceMatrix(n, n)};
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const double d = std::hypot(xy[static_cast<size_t>(i)].first - xy[static_cast<size_t>(j)].first,
                                            xy[static_cast<size_t>(i)].second - xy[static_cast<size_t>(j)].second);
                m.durations(i, j) = static_cast<Duration>(std::lround(60 * d));
                m.distances(i, j) = static_cast<Distance>(std::lround(1000 * d));
            }
        ProblemBuilder b;
        for (int c = 0; c < customers; ++c) {
            Job job;
            job.id = "c" + std::to_string(c);
            job.location = Location{std::nullopt, c};
            job.duration = service(rng);
            const int o = open(rng);
            job.time_windows = {TimeWindow{o, o + width(rng)}};
            if (kind == Kind::lateness) job.sla = SlaDeadline{o + 1'800, false, 1};
            job.optional = true;
            job.penalty = 1'000'000'000;
            b.add_job(std::move(job));
        }
        for (int e = 0; e < fleet; ++e) {
            Engineer eng;
            eng.id = "e" + std::to_string(e);
            eng.start = Location{std::nullopt, customers};
            eng.shifts = {TimeWindow{0, 40'000}};
            if (kind != Kind::windows) eng.breaks = {Break{"lunch", {TimeWindow{14'000, 22'000}}, 1'800}};
            b.add_engineer(std::move(eng));
        }
        b.set_travel(std::move(m));
        problem = std::make_unique<Problem>(b.build());
        model = std::make_unique<RouteModel>(*problem);
        plan = std::make_unique<Plan>(*model);
        std::vector<Index> order(static_cast<size_t>(customers));
        for (int c = 0; c < customers; ++c) order[static_cast<size_t>(c)] = c;
        std::shuffle(order.begin(), order.end(), rng);
        PlanRoutes routes(static_cast<size_t>(fleet));
        for (int r = 0; r < fleet; ++r) {
            routes[static_cast<size_t>(r)].push_back(model->start_node(r));
            for (int k = r; k < customers; k += fleet) routes[static_cast<size_t>(r)].push_back(order[static_cast<size_t>(k)]);
            if (kind != Kind::windows) routes[static_cast<size_t>(r)].push_back(model->slot(r).first_break);
            routes[static_cast<size_t>(r)].push_back(model->end_node(r));
        }
        plan->load(routes);
    }
};

const Fixture& fixture(Kind kind) {
    static const Fixture windows(Kind::windows), breaks(Kind::breaks), lateness(Kind::lateness);
    return kind == Kind::windows ? windows : kind == Kind::breaks ? breaks : lateness;
}

// Cycles over route pairs and positions so that every call prices a different move.
template <class Move>
void run_moves(benchmark::State& state, Kind kind, Move move) {
    const Plan& plan = *fixture(kind).plan;
    const Index fleet = plan.num_slots();
    Index r = 0, p = 1, q = 0;
    Cost sink = 0;
    for (auto _ : state) {
        const Index a = r % fleet, b = (r + 1) % fleet;
        const Index pa = 1 + p % (plan.route(a).size() - 3), pb = q % (plan.route(b).size() - 2);
        sink += move(plan, a, pa, b, pb);
        ++r, p += 3, q += 5;
    }
    benchmark::DoNotOptimize(sink);
    state.SetItemsProcessed(state.iterations());
}

Cost relocate(const Plan& plan, Index a, Index pa, Index b, Index pb) {
    RouteSpec x(a), y(b);
    x.add(prefix_part(a, pa - 1)).add(suffix_part(a, pa + 1));
    y.add(prefix_part(b, pb)).add(node_part(plan.route(a).node(pa))).add(suffix_part(b, pb + 1));
    return plan.price(x).objective() + plan.price(y).objective();
}

Cost swap(const Plan& plan, Index a, Index pa, Index b, Index pb) {
    pb = std::max<Index>(pb, 1);
    RouteSpec x(a), y(b);
    x.add(prefix_part(a, pa - 1)).add(node_part(plan.route(b).node(pb))).add(suffix_part(a, pa + 1));
    y.add(prefix_part(b, pb - 1)).add(node_part(plan.route(a).node(pa))).add(suffix_part(b, pb + 1));
    return plan.price(x).objective() + plan.price(y).objective();
}

Cost two_opt_star(const Plan& plan, Index a, Index pa, Index b, Index pb) {
    const Index na = plan.route(a).size(), nb = plan.route(b).size();
    RouteSpec x(a), y(b);
    x.add(prefix_part(a, pa)).add(range_part(b, pb + 1, nb - 2)).add(node_part(plan.model().end_node(a)));
    y.add(prefix_part(b, pb)).add(range_part(a, pa + 1, na - 2)).add(node_part(plan.model().end_node(b)));
    return plan.price(x).objective() + plan.price(y).objective();
}

Cost or_opt(const Plan& plan, Index a, Index pa, Index b, Index pb) {
    RouteSpec x(a), y(b);
    x.add(prefix_part(a, pa - 1)).add(suffix_part(a, pa + 2));
    y.add(prefix_part(b, pb)).add(range_part(a, pa, pa + 1)).add(suffix_part(b, pb + 1));
    return plan.price(x).objective() + plan.price(y).objective();
}

void BM_relocate(benchmark::State& s) { run_moves(s, Kind::windows, relocate); }
void BM_swap(benchmark::State& s) { run_moves(s, Kind::windows, swap); }
void BM_two_opt_star(benchmark::State& s) { run_moves(s, Kind::windows, two_opt_star); }
void BM_or_opt(benchmark::State& s) { run_moves(s, Kind::windows, or_opt); }
void BM_relocate_breaks(benchmark::State& s) { run_moves(s, Kind::breaks, relocate); }
void BM_two_opt_star_breaks(benchmark::State& s) { run_moves(s, Kind::breaks, two_opt_star); }
void BM_relocate_lateness(benchmark::State& s) { run_moves(s, Kind::lateness, relocate); }

}  // namespace

BENCHMARK(BM_relocate);
BENCHMARK(BM_swap);
BENCHMARK(BM_two_opt_star);
BENCHMARK(BM_or_opt);
BENCHMARK(BM_relocate_breaks);
BENCHMARK(BM_two_opt_star_breaks);
BENCHMARK(BM_relocate_lateness);
BENCHMARK_MAIN();
