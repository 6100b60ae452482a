// Time-window segments and the moves priced from them, against routes built
// out and timed visit by visit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>
#include <tuple>

#include "fsd/route/detail/move_eval.hpp"

using namespace fsd;
using namespace fsd::detail;

namespace {

struct Node {
    Duration service;
    Time open, close;
    Amount load;
};

// Nodes 0 and 1 are depots (window = the shift), the rest customers.
struct Instance {
    DurationMatrix durations;
    DistanceMatrix distances;
    std::vector<Node> nodes;
    SegmentInstance segments;
};

Instance random_instance(std::mt19937_64& rng, int customers) {
    std::uniform_int_distribution<int> coord(0, 60), service(0, 20), open(0, 300), width(0, 120), load(0, 10);
    const int n = customers + 2;
    std::vector<std::pair<int, int>> xy(static_cast<size_t>(n));
    for (auto& p : xy) p = {coord(rng), coord(rng)};
    Instance in;
    in.durations.resize(n, n);
    in.distances.resize(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double d = std::hypot(xy[static_cast<size_t>(i)].first - xy[static_cast<size_t>(j)].first,
                                        xy[static_cast<size_t>(i)].second - xy[static_cast<size_t>(j)].second);
            in.durations(i, j) = static_cast<Duration>(std::lround(d));
            in.distances(i, j) = static_cast<Distance>(std::lround(10 * d));
        }
    in.nodes.push_back({0, 0, 600, 0});
    in.nodes.push_back({0, 0, 600, 0});
    for (int c = 0; c < customers; ++c) {
        const Time o = open(rng);
        in.nodes.push_back({service(rng), o, o + width(rng), load(rng)});
    }
    in.segments.durations = &in.durations;
    in.segments.distances = &in.distances;
    for (size_t i = 0; i < in.nodes.size(); ++i) {
        const Node& nd = in.nodes[i];
        in.segments.nodes.push_back(visit_segment(static_cast<Index>(i), nd.service, nd.open, nd.close, {nd.load, 0, 0, 0}));
    }
    return in;
}

struct Timed {
    Duration warp = 0;
    Duration duration = 0;
};

// Visit by visit from a first arrival at `t0`: wait when early, warp back to
// the window's close when late. The duration is service, driving and waiting
// from the first start on; warping back does not shorten it.
Timed forward(const Instance& in, const std::vector<Index>& route, Time t0) {
    Timed out;
    Time t = t0;
    for (size_t i = 0; i < route.size(); ++i) {
        const Node& nd = in.nodes[static_cast<size_t>(route[i])];
        if (i > 0) {
            const Duration step = in.nodes[static_cast<size_t>(route[i - 1])].service + in.durations(route[i - 1], route[i]);
            t += step;
            out.duration += step + std::max<Duration>(nd.open - t, 0);
        }
        t = std::max(t, nd.open);
        if (t > nd.close) out.warp += t - nd.close, t = nd.close;
    }
    out.duration += in.nodes[static_cast<size_t>(route.back())].service;
    return out;
}

// The least warp over all first arrivals, then the least duration among them.
Timed best_timing(const Instance& in, const std::vector<Index>& route) {
    Timed best{std::numeric_limits<Duration>::max(), 0};
    for (Time t0 = -50; t0 <= 1200; ++t0) {
        const Timed f = forward(in, route, t0);
        if (f.warp < best.warp || (f.warp == best.warp && f.duration < best.duration)) best = f;
    }
    return best;
}

TwSegment fold(const Instance& in, const std::vector<Index>& route) {
    TwSegment s = in.segments.nodes[static_cast<size_t>(route[0])];
    for (size_t i = 1; i < route.size(); ++i) s = in.segments.join(s, in.segments.nodes[static_cast<size_t>(route[i])]);
    return s;
}

const SegmentLoad kCapacity{25, 0, 0, 0};
const PenaltyWeights kWeights{7, 13};

// The penalised cost of a route built out, timed by brute force.
Cost brute_cost(const Instance& in, const std::vector<Index>& route) {
    Distance distance = 0;
    Amount load = 0;
    for (size_t i = 0; i < route.size(); ++i) {
        if (i > 0) distance += in.distances(route[i - 1], route[i]);
        load += in.nodes[static_cast<size_t>(route[i])].load;
    }
    return distance + kWeights.time_warp * best_timing(in, route).warp + kWeights.excess_load * std::max<Amount>(0, load - kCapacity[0]);
}

Cost cost(const TwSegment& s) { return penalised_cost(s, kCapacity, kWeights); }

// Two routes over disjoint random customers, each 0 ... 1.
std::pair<std::vector<Index>, std::vector<Index>> random_routes(std::mt19937_64& rng, int customers) {
    std::vector<Index> c;
    for (int i = 2; i < customers + 2; ++i) c.push_back(i);
    std::shuffle(c.begin(), c.end(), rng);
    const size_t cut = std::uniform_int_distribution<size_t>(1, c.size() - 1)(rng);
    std::vector<Index> a{0}, b{0};
    a.insert(a.end(), c.begin(), c.begin() + static_cast<std::ptrdiff_t>(cut));
    b.insert(b.end(), c.begin() + static_cast<std::ptrdiff_t>(cut), c.end());
    a.push_back(1), b.push_back(1);
    return {a, b};
}

// Two random routes and their segments.
struct TwoRoutes {
    std::vector<Index> ra, rb;
    RouteSegments a, b;
    TwoRoutes(const Instance& in, std::mt19937_64& rng) {
        std::tie(ra, rb) = random_routes(rng, static_cast<int>(in.nodes.size()) - 2);
        a.build(in.segments, ra);
        b.build(in.segments, rb);
    }
};

std::vector<Index> cat(std::initializer_list<std::vector<Index>> parts) {
    std::vector<Index> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

std::vector<Index> sub(const std::vector<Index>& r, size_t from, size_t to_exclusive) {
    return {r.begin() + static_cast<std::ptrdiff_t>(from), r.begin() + static_cast<std::ptrdiff_t>(to_exclusive)};
}

}  // namespace

TEST_CASE("a segment's warp and duration are the least any start time achieves", "[route][segment]") {
    std::mt19937_64 rng(11);
    for (int trial = 0; trial < 300; ++trial) {
        const Instance in = random_instance(rng, 6);
        std::vector<Index> seq{2, 3, 4, 5, 6, 7};
        std::shuffle(seq.begin(), seq.end(), rng);
        seq.resize(std::uniform_int_distribution<size_t>(1, 6)(rng));
        const TwSegment s = fold(in, seq);
        const Timed best = best_timing(in, seq);
        INFO("trial " << trial);
        REQUIRE(s.time_warp == best.warp);
        REQUIRE(s.duration == best.duration);
        // Starting at `earliest` achieves both; starting after `latest` adds warp one for one.
        const Timed at_e = forward(in, seq, s.earliest);
        CHECK(at_e.warp == best.warp);
        CHECK(at_e.duration == best.duration);
        CHECK(forward(in, seq, s.latest).warp == best.warp);
        CHECK(forward(in, seq, s.latest + 1).warp == best.warp + 1);
        // Concatenation is associative: any bracketing gives the same summary.
        if (seq.size() >= 3) {
            const std::vector<Index> left(seq.begin(), seq.begin() + 1), right(seq.begin() + 1, seq.end());
            const TwSegment other = in.segments.join(fold(in, left), fold(in, right));
            CHECK(other.duration == s.duration);
            CHECK(other.time_warp == s.time_warp);
            CHECK(other.earliest == s.earliest);
            CHECK(other.latest == s.latest);
            CHECK(other.distance == s.distance);
        }
    }
}

TEST_CASE("moves between routes priced from segments equal the routes built out", "[route][segment]") {
    std::mt19937_64 rng(5);
    for (int trial = 0; trial < 150; ++trial) {
        const Instance in = random_instance(rng, 8);
        const TwoRoutes two(in, rng);
        const std::vector<Index>&ra = two.ra, &rb = two.rb;
        const RouteSegments &a = two.a, &b = two.b;
        INFO("trial " << trial);
        CHECK(cost(a.route()) == brute_cost(in, ra));
        for (size_t p = 1; p + 1 < ra.size(); ++p) {
            for (size_t q = 0; q + 1 < rb.size(); ++q) {
                // relocate
                const MoveResult m = relocate(in.segments, a, p, b, q);
                CHECK(cost(m.first) == brute_cost(in, cat({sub(ra, 0, p), sub(ra, p + 1, ra.size())})));
                CHECK(cost(m.second) == brute_cost(in, cat({sub(rb, 0, q + 1), {ra[p]}, sub(rb, q + 1, rb.size())})));
                // 2-opt*
                const MoveResult t = two_opt_star(in.segments, a, p, b, q);
                CHECK(cost(t.first) == brute_cost(in, cat({sub(ra, 0, p + 1), sub(rb, q + 1, rb.size())})));
                CHECK(cost(t.second) == brute_cost(in, cat({sub(rb, 0, q + 1), sub(ra, p + 1, ra.size())})));
                // or-opt of a chain of 2
                if (p + 2 < ra.size()) {
                    const MoveResult c = move_chain(in.segments, a, p, 2, b, q);
                    CHECK(cost(c.first) == brute_cost(in, cat({sub(ra, 0, p), sub(ra, p + 2, ra.size())})));
                    CHECK(cost(c.second) == brute_cost(in, cat({sub(rb, 0, q + 1), sub(ra, p, p + 2), sub(rb, q + 1, rb.size())})));
                }
                if (q == 0) continue;
                // swap
                const MoveResult s = swap(in.segments, a, p, b, q);
                CHECK(cost(s.first) == brute_cost(in, cat({sub(ra, 0, p), {rb[q]}, sub(ra, p + 1, ra.size())})));
                CHECK(cost(s.second) == brute_cost(in, cat({sub(rb, 0, q), {ra[p]}, sub(rb, q + 1, rb.size())})));
                // cross-exchange of chains of up to 2, either side possibly empty
                for (size_t k = 0; k <= 2 && p + k < ra.size(); ++k)
                    for (size_t mm = 0; mm <= 2 && q + mm < rb.size(); ++mm) {
                        if (k == 0 && mm == 0) continue;
                        const MoveResult x = cross_exchange(in.segments, a, p, k, b, q, mm);
                        CHECK(cost(x.first) == brute_cost(in, cat({sub(ra, 0, p), sub(rb, q, q + mm), sub(ra, p + k, ra.size())})));
                        CHECK(cost(x.second) == brute_cost(in, cat({sub(rb, 0, q), sub(ra, p, p + k), sub(rb, q + mm, rb.size())})));
                    }
            }
        }
    }
}

TEST_CASE("moves within a route priced from segments equal the route built out", "[route][segment]") {
    std::mt19937_64 rng(8);
    for (int trial = 0; trial < 150; ++trial) {
        const Instance in = random_instance(rng, 7);
        const auto [ra, unused] = random_routes(rng, 7);
        (void)unused;
        RouteSegments r;
        r.build(in.segments, ra);
        INFO("trial " << trial);
        for (size_t p = 1; p + 1 < ra.size(); ++p)
            for (size_t q = 0; q + 1 < ra.size(); ++q) {
                if (q == p || q + 1 == p) continue;
                std::vector<Index> moved = ra;
                const Index u = moved[p];
                moved.erase(moved.begin() + static_cast<std::ptrdiff_t>(p));
                const size_t at = q < p ? q + 1 : q;  // q's index after the erase is q - 1 when q > p
                moved.insert(moved.begin() + static_cast<std::ptrdiff_t>(at), u);
                CHECK(cost(relocate_within(in.segments, r, p, q)) == brute_cost(in, moved));
            }
        for (size_t i = 1; i + 1 < ra.size(); ++i)
            for (size_t j = i + 1; j + 1 < ra.size(); ++j) {
                std::vector<Index> rev = ra;
                std::reverse(rev.begin() + static_cast<std::ptrdiff_t>(i), rev.begin() + static_cast<std::ptrdiff_t>(j + 1));
                CHECK(cost(reverse_within(in.segments, r, i, j)) == brute_cost(in, rev));
            }
    }
}

TEST_CASE("SWAP* finds the best reinsertion of both visits", "[route][segment]") {
    std::mt19937_64 rng(21);
    for (int trial = 0; trial < 100; ++trial) {
        const Instance in = random_instance(rng, 8);
        const TwoRoutes two(in, rng);
        const std::vector<Index>&ra = two.ra, &rb = two.rb;
        const RouteSegments &a = two.a, &b = two.b;
        INFO("trial " << trial);
        for (size_t p = 1; p + 1 < ra.size(); ++p)
            for (size_t q = 1; q + 1 < rb.size(); ++q) {
                const SwapStarResult s = swap_star(in.segments, a, p, b, q, kCapacity, kCapacity, kWeights);
                // By brute force: every place for v in a without u, every place for u in b without v.
                auto best_place = [&](std::vector<Index> route, size_t out, Index in_node) {
                    route.erase(route.begin() + static_cast<std::ptrdiff_t>(out));
                    Cost best = std::numeric_limits<Cost>::max();
                    for (size_t t = 0; t + 1 < route.size(); ++t) {
                        std::vector<Index> r2 = route;
                        r2.insert(r2.begin() + static_cast<std::ptrdiff_t>(t + 1), in_node);
                        best = std::min(best, brute_cost(in, r2));
                    }
                    return best;
                };
                CHECK(s.cost == best_place(ra, p, rb[q]) + best_place(rb, q, ra[p]));
                CHECK(s.cost == cost(s.routes.first) + cost(s.routes.second));
                CHECK(s.v_after != p);
                CHECK(s.u_after != q);
            }
    }
}

TEST_CASE("2-opt* keeps each route's own end when the ends differ", "[route][segment]") {
    std::mt19937_64 rng(34);
    for (int trial = 0; trial < 100; ++trial) {
        const Instance in = random_instance(rng, 8);
        auto [ra, rb] = random_routes(rng, 8);
        rb.back() = 0;  // b ends where the routes start: another place than a's end
        RouteSegments a, b;
        a.build(in.segments, ra);
        b.build(in.segments, rb);
        INFO("trial " << trial);
        for (size_t p = 0; p + 1 < ra.size(); ++p)
            for (size_t q = 0; q + 1 < rb.size(); ++q) {
                const MoveResult t = two_opt_star(in.segments, a, p, b, q);
                CHECK(cost(t.first) == brute_cost(in, cat({sub(ra, 0, p + 1), sub(rb, q + 1, rb.size() - 1), {ra.back()}})));
                CHECK(cost(t.second) == brute_cost(in, cat({sub(rb, 0, q + 1), sub(ra, p + 1, ra.size() - 1), {rb.back()}})));
            }
    }
}
