// Load benchmarks of travel and problem building:
//  1. a 2,000 x 2,000 road-network matrix on a generated city grid of ~20,000
//     nodes (one-way streets, faster arterials);
//  2. generating, then building and validating, a 5,000-job problem.
// Prints a table; `--csv FILE` also writes rows `metric,value`.
//
//   travel_matrix [--csv FILE] [--seed N]
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fsd/model/generate.hpp"
#include "fsd/travel/great_circle.hpp"
#include "fsd/travel/road_network.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Process CPU time: on a shared machine it says more than the wall clock.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Wall and CPU seconds of one measured step.
struct Timer {
    Clock::time_point wall = Clock::now();
    double cpu = cpu_seconds();
};

// Uniform in [0, 1) from the top 53 bits (the bench must give the same network
// with any standard library).
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

struct CityOptions {
    int side = 141;                 ///< nodes per row and column (141^2 = 19,881)
    double spacing_m = 150.0;       ///< distance between neighbouring crossings
    int arterial_every = 10;        ///< every n-th row and column is a two-way arterial
    double one_way_share = 0.35;    ///< local streets that are one-way
    double local_kmh = 25.0;
    double arterial_kmh = 50.0;
    fsd::Coordinates south_west{48.04, 11.43};
    std::uint64_t seed = 1;
};

// A perturbed grid. Arterials run along rows and columns 0, n, 2n, ... and
// along the last ones, in both directions. One-way local streets alternate
// their direction with the row (column) parity, as in a Manhattan grid; since
// every street reaches an arterial in its direction and every crossing can be
// entered from an arterial, the network is strongly connected.
fsd::RoadNetwork make_city(const CityOptions& o) {
    std::mt19937_64 rng(o.seed);
    constexpr double kMetresPerDegree = 111'195.0;
    const double cos_lat = std::cos(o.south_west.lat * 3.14159265358979323846 / 180.0);
    fsd::RoadNetwork net;
    net.nodes.reserve(static_cast<size_t>(o.side) * static_cast<size_t>(o.side));
    auto id = [&](int r, int c) { return static_cast<size_t>(r) * static_cast<size_t>(o.side) + static_cast<size_t>(c); };
    for (int r = 0; r < o.side; ++r)
        for (int c = 0; c < o.side; ++c) {
            const double north = (r + 0.4 * (unit(rng) - 0.5)) * o.spacing_m;
            const double east = (c + 0.4 * (unit(rng) - 0.5)) * o.spacing_m;
            std::string name("x");
            name += std::to_string(r);
            name += '_';
            name += std::to_string(c);
            net.nodes.push_back({std::move(name),
                                 {o.south_west.lat + north / kMetresPerDegree,
                                  o.south_west.lon + east / (kMetresPerDegree * cos_lat)}});
        }
    auto arterial = [&](int k) { return k % o.arterial_every == 0 || k == o.side - 1; };
    auto add = [&](size_t a, size_t b, double kmh) {
        const double metres =
            fsd::haversine_metres(net.nodes[a].coords, net.nodes[b].coords) * (1.0 + 0.15 * unit(rng));
        const auto length = static_cast<fsd::Distance>(std::llround(metres));
        const auto duration = static_cast<fsd::Duration>(std::llround(metres / (kmh / 3.6)));
        net.edges.push_back({net.nodes[a].id, net.nodes[b].id, length, duration});
    };
    // A street between consecutive crossings; `forward` is its direction when one-way.
    auto street = [&](size_t a, size_t b, bool is_arterial, bool one_way, bool forward) {
        const double kmh = is_arterial ? o.arterial_kmh : o.local_kmh;
        if (is_arterial || !one_way) {
            add(a, b, kmh);
            add(b, a, kmh);
        } else if (forward) {
            add(a, b, kmh);
        } else {
            add(b, a, kmh);
        }
    };
    for (int r = 0; r < o.side; ++r) {
        const bool one_way = unit(rng) < o.one_way_share;
        for (int c = 0; c + 1 < o.side; ++c) street(id(r, c), id(r, c + 1), arterial(r), one_way, r % 2 == 0);
    }
    for (int c = 0; c < o.side; ++c) {
        const bool one_way = unit(rng) < o.one_way_share;
        for (int r = 0; r + 1 < o.side; ++r) street(id(r, c), id(r + 1, c), arterial(c), one_way, c % 2 == 0);
    }
    return net;
}

std::vector<fsd::Coordinates> random_points(const fsd::RoadNetwork& net, int count, std::uint64_t seed) {
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (const auto& n : net.nodes) {
        lat0 = std::min(lat0, n.coords.lat);
        lat1 = std::max(lat1, n.coords.lat);
        lon0 = std::min(lon0, n.coords.lon);
        lon1 = std::max(lon1, n.coords.lon);
    }
    std::mt19937_64 rng(seed);
    std::vector<fsd::Coordinates> points;
    points.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        points.push_back({lat0 + (lat1 - lat0) * unit(rng), lon0 + (lon1 - lon0) * unit(rng)});
    return points;
}

struct Row {
    std::string metric;
    double value;
};

}  // namespace

int main(int argc, char** argv) {
    std::string csv_path;
    std::uint64_t seed = 1;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--csv") == 0 && i + 1 < argc) {
            csv_path = argv[++i];
        } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = std::stoull(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: %s [--csv FILE] [--seed N]\n", argv[0]);
            return 2;
        }
    }
    std::vector<Row> rows;
    auto record = [&rows](const std::string& name, const Timer& t) {
        const double cpu = cpu_seconds() - t.cpu;
        rows.push_back({name + "_wall_s", seconds_since(t.wall)});
        rows.push_back({name + "_cpu_s", cpu});
    };
    try {
        // 1. Road network matrix.
        CityOptions city;
        city.seed = seed;
        Timer t;
        const fsd::RoadNetwork net = make_city(city);
        rows.push_back({"road_nodes", static_cast<double>(net.nodes.size())});
        rows.push_back({"road_edges", static_cast<double>(net.edges.size())});
        record("road_network_generate", t);

        const std::vector<fsd::Coordinates> points = random_points(net, 2000, seed + 1);
        t = Timer{};
        const fsd::TravelMatrices tm = fsd::road_network_matrices(net, points);
        rows.push_back({"road_matrix_points", static_cast<double>(points.size())});
        record("road_matrix_2000", t);
        rows.push_back({"road_matrix_mean_duration_s", static_cast<double>(std::accumulate(tm.durations.data(), tm.durations.data() + tm.durations.size(), std::int64_t{0})) /
                                                           static_cast<double>(tm.durations.size())});
        rows.push_back({"road_matrix_mean_distance_m", static_cast<double>(std::accumulate(tm.distances.data(), tm.distances.data() + tm.distances.size(), std::int64_t{0})) /
                                                           static_cast<double>(tm.distances.size())});

        // Public nearest_node scans all nodes per point (pruned by latitude).
        const std::vector<fsd::Coordinates> snap_points = random_points(net, 4000, seed + 2);
        t = Timer{};
        long long checksum = 0;
        for (const auto& p : snap_points) checksum += fsd::nearest_node(net, p);
        record("nearest_node_4000", t);
        rows.push_back({"nearest_node_checksum", static_cast<double>(checksum)});

        // 2. A large generated problem.
        fsd::GenerateOptions gen;
        gen.jobs = 5000;
        gen.engineers = 834;  // the default ratio of about six jobs per engineer
        gen.seed = seed;
        t = Timer{};
        const fsd::ProblemBuilder builder = fsd::generate_builder(gen);
        rows.push_back({"problem_jobs", static_cast<double>(gen.jobs)});
        rows.push_back({"problem_engineers", static_cast<double>(gen.engineers)});
        record("problem_generate", t);
        t = Timer{};
        const fsd::Problem problem = builder.build();
        record("problem_build_validate", t);
        rows.push_back({"problem_locations", static_cast<double>(problem.num_locations())});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }

    std::printf("%-32s %16s\n", "metric", "value");
    for (const auto& r : rows) std::printf("%-32s %16.3f\n", r.metric.c_str(), r.value);
    if (!csv_path.empty()) {
        std::ofstream out(csv_path);
        if (!out) {
            std::fprintf(stderr, "error: cannot write %s\n", csv_path.c_str());
            return 2;
        }
        out << "metric,value\n";
        for (const auto& r : rows) out << r.metric << ',' << r.value << '\n';
    }
    return 0;
}
