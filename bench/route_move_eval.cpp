// Moves evaluated per second by the time-window segments of the route layer
// (Google Benchmark): relocate, swap, 2-opt*, or-opt of two, and SWAP* on
// 20 routes over 200 random customers with time windows.
//   bench_route_move_eval [--benchmark_min_time=1]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "fsd/route/detail/move_eval.hpp"

namespace {

using namespace fsd;
using namespace fsd::detail;

struct Fixture {
    DurationMatrix durations;
    DistanceMatrix distances;
    SegmentInstance instance;
    std::vector<RouteSegments> routes;

    Fixture() {
        std::mt19937_64 rng(3);
        const int customers = 200, n = customers + 2, fleet = 20;
        std::uniform_real_distribution<double> coord(0.0, 100.0);
        std::uniform_int_distribution<int> open(0, 800), width(60, 240), service(10, 30), load(1, 20);
        std::vector<std::pair<double, double>> xy(static_cast<size_t>(n));
        for (auto& p : xy) p = {coord(rng), coord(rng)};
        durations.resize(n, n);
        distances.resize(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const double d = std::hypot(xy[static_cast<size_t>(i)].first - xy[static_cast<size_t>(j)].first,
                                            xy[static_cast<size_t>(i)].second - xy[static_cast<size_t>(j)].second);
                durations(i, j) = std::lround(d);
                distances(i, j) = std::lround(100 * d);
            }
        instance.durations = &durations;
        instance.distances = &distances;
        instance.nodes.push_back(visit_segment(0, 0, 0, 1200));
        instance.nodes.push_back(visit_segment(1, 0, 0, 1200));
        for (int c = 2; c < n; ++c) {
            const int o = open(rng);
            instance.nodes.push_back(visit_segment(c, service(rng), o, o + width(rng), {load(rng), 0, 0, 0}));
        }
        std::vector<Index> order;
        for (int c = 2; c < n; ++c) order.push_back(c);
        std::shuffle(order.begin(), order.end(), rng);
        for (int r = 0; r < fleet; ++r) {
            std::vector<Index> nodes{0};
            for (int k = r; k < customers; k += fleet) nodes.push_back(order[static_cast<size_t>(k)]);
            nodes.push_back(1);
            RouteSegments seg;
            seg.build(instance, nodes);
            routes.push_back(std::move(seg));
        }
    }
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

const SegmentLoad kCapacity{200, 0, 0, 0};
const PenaltyWeights kWeights{10, 100};

// Cycles over route pairs and positions so that every call prices a different move.
template <class Move>
void run_moves(benchmark::State& state, Move move) {
    const Fixture& f = fixture();
    const size_t fleet = f.routes.size();
    size_t r = 0, p = 1, q = 0;
    Cost sink = 0;
    for (auto _ : state) {
        const RouteSegments& a = f.routes[r % fleet];
        const RouteSegments& b = f.routes[(r + 1) % fleet];
        sink += move(f.instance, a, 1 + p % (a.size() - 3), b, q % (b.size() - 2));
        ++p, ++q;
        if (q % 7 == 0) ++r;
    }
    benchmark::DoNotOptimize(sink);
    state.SetItemsProcessed(state.iterations());
}

Cost both(const MoveResult& m) { return penalised_cost(m.first, kCapacity, kWeights) + penalised_cost(m.second, kCapacity, kWeights); }

void BM_relocate(benchmark::State& state) {
    run_moves(state, [](const SegmentInstance& in, const RouteSegments& a, size_t p, const RouteSegments& b, size_t q) {
        return both(relocate(in, a, p, b, q));
    });
}
void BM_swap(benchmark::State& state) {
    run_moves(state, [](const SegmentInstance& in, const RouteSegments& a, size_t p, const RouteSegments& b, size_t q) {
        return both(swap(in, a, p, b, q + 1));
    });
}
void BM_two_opt_star(benchmark::State& state) {
    run_moves(state, [](const SegmentInstance& in, const RouteSegments& a, size_t p, const RouteSegments& b, size_t q) {
        return both(two_opt_star(in, a, p, b, q));
    });
}
void BM_or_opt_2(benchmark::State& state) {
    run_moves(state, [](const SegmentInstance& in, const RouteSegments& a, size_t p, const RouteSegments& b, size_t q) {
        return both(move_chain(in, a, p, 2, b, q));
    });
}
// One SWAP* pair prices every reinsertion place in both routes (about 2 x 11 here).
void BM_swap_star(benchmark::State& state) {
    run_moves(state, [](const SegmentInstance& in, const RouteSegments& a, size_t p, const RouteSegments& b, size_t q) {
        return swap_star(in, a, p, b, q + 1, kCapacity, kCapacity, kWeights).cost;
    });
}

BENCHMARK(BM_relocate);
BENCHMARK(BM_swap);
BENCHMARK(BM_two_opt_star);
BENCHMARK(BM_or_opt_2);
BENCHMARK(BM_swap_star);

}  // namespace

BENCHMARK_MAIN();
