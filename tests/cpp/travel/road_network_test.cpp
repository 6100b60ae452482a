#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/travel/great_circle.hpp"
#include "fsd/travel/road_network.hpp"

using namespace fsd;

namespace {

const std::string kData = FSD_TEST_DATA;

// Five reachable nodes and one (U) that nothing leads to. A->C is a shortcut:
// shorter in metres than A->B->C but slower. D->B and D->A->B take the same
// time; the shorter one (D->B, 1500 m) must be chosen.
RoadNetwork hand_network() {
    RoadNetwork net;
    net.nodes = {{"A", {48.100, 11.500}}, {"B", {48.100, 11.520}}, {"C", {48.110, 11.520}},
                 {"D", {48.110, 11.500}}, {"E", {48.120, 11.540}}, {"U", {48.200, 11.700}}};
    net.edges = {{"A", "B", 1000, 100}, {"B", "A", 1200, 150}, {"B", "C", 800, 80},  {"C", "D", 900, 90},
                 {"D", "A", 700, 60},   {"A", "C", 500, 300},  {"C", "E", 2000, 120}, {"E", "C", 2100, 130},
                 {"D", "B", 1500, 160}, {"U", "A", 100, 10}};
    return net;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + string at -O3.
std::string node_name(std::uint64_t i) {
    std::string name("n");
    name += std::to_string(i);
    return name;
}

std::string error_path(const RoadNetwork& net) {
    try {
        validate_road_network(net, "/travel/road_network");
    } catch (const InputError& e) {
        return e.path();
    }
    return "<no error>";
}

std::string csv_error(const std::string& nodes, const std::string& edges) {
    try {
        (void)read_road_network_csv(kData + "/" + nodes, kData + "/" + edges);
    } catch (const InputError& e) {
        return e.what();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("road matrices on a hand-computed directed graph", "[travel][road]") {
    const RoadNetwork net = hand_network();
    // Points on A..E, plus one a few metres from A (snaps to A).
    std::vector<Coordinates> points;
    for (int i = 0; i < 5; ++i) points.push_back(net.nodes[static_cast<size_t>(i)].coords);
    points.push_back({48.10003, 11.50002});
    const TravelMatrices tm = road_network_matrices(net, points);
    REQUIRE(tm.durations.rows() == 6);
    REQUIRE(tm.distances.cols() == 6);

    // Rows: from A, B, C, D, E; columns: to A, B, C, D, E (hand-computed).
    const std::int64_t duration[5][5] = {{0, 100, 180, 270, 300},
                                         {150, 0, 80, 170, 200},
                                         {150, 250, 0, 90, 120},
                                         {60, 160, 240, 0, 360},
                                         {280, 380, 130, 220, 0}};
    const std::int64_t distance[5][5] = {{0, 1000, 1800, 2700, 3800},
                                         {1200, 0, 800, 1700, 2800},
                                         {1600, 2400, 0, 900, 2000},
                                         {700, 1500, 2300, 0, 4300},
                                         {3700, 4500, 2100, 3000, 0}};
    for (int i = 0; i < 5; ++i) {
        for (int j = 0; j < 5; ++j) {
            INFO("from " << i << " to " << j);
            CHECK(tm.durations(i, j) == duration[i][j]);
            CHECK(tm.distances(i, j) == distance[i][j]);
        }
    }
    // The extra point shares node A: same row and column as A, zero between them.
    for (int j = 0; j < 5; ++j) {
        CHECK(tm.durations(5, j) == tm.durations(0, j));
        CHECK(tm.durations(j, 5) == tm.durations(j, 0));
        CHECK(tm.distances(5, j) == tm.distances(0, j));
    }
    CHECK(tm.durations(0, 5) == 0);
    CHECK(tm.durations(5, 0) == 0);
    CHECK(tm.distances(5, 5) == 0);
}

TEST_CASE("huge edge values give the same matrices", "[travel][road]") {
    // Forces the unpacked (duration, length) Dijkstra; results must not change.
    const RoadNetwork net = hand_network();
    RoadNetwork heavy = net;
    heavy.nodes.push_back({"far1", {10.0, 10.0}});
    heavy.nodes.push_back({"far2", {10.0, 10.1}});
    for (int k = 0; k < 4; ++k) heavy.edges.push_back({"far1", "far2", 1'000'000'000, 1'000'000'000});
    heavy.edges.push_back({"far2", "far1", 5, 7});
    std::vector<Coordinates> points;
    for (int i = 0; i < 5; ++i) points.push_back(net.nodes[static_cast<size_t>(i)].coords);
    const TravelMatrices a = road_network_matrices(net, points);
    const TravelMatrices b = road_network_matrices(heavy, points);
    CHECK(a.durations == b.durations);
    CHECK(a.distances == b.distances);
    // And the far edge itself, on its own scale.
    const TravelMatrices far = road_network_matrices(heavy, {{10.0, 10.0}, {10.0, 10.1}});
    CHECK(far.durations(0, 1) == 1'000'000'000);
    CHECK(far.distances(0, 1) == 1'000'000'000);
    CHECK(far.durations(1, 0) == 7);
    CHECK(far.distances(1, 0) == 5);
}

TEST_CASE("an unreachable pair names both points", "[travel][road]") {
    const RoadNetwork net = hand_network();
    const Coordinates a = net.nodes[0].coords, u = net.nodes[5].coords;
    SECTION("nothing leads to U") {
        try {
            (void)road_network_matrices(net, {a, a, u});
            FAIL("expected an InputError");
        } catch (const InputError& e) {
            CHECK(std::string(e.message()) == "location 2 cannot be reached from location 0 on the road network");
        }
    }
    SECTION("U reaches A but not the other way") {
        try {
            (void)road_network_matrices(net, {u, a});
            FAIL("expected an InputError");
        } catch (const InputError& e) {
            CHECK(std::string(e.message()) == "location 0 cannot be reached from location 1 on the road network");
        }
    }
    SECTION("a single point on U is fine") {
        const TravelMatrices tm = road_network_matrices(net, {u});
        CHECK(tm.durations(0, 0) == 0);
    }
}

TEST_CASE("no points give empty matrices", "[travel][road]") {
    const TravelMatrices tm = road_network_matrices(hand_network(), {});
    CHECK(tm.durations.size() == 0);
    CHECK(tm.distances.size() == 0);
}

TEST_CASE("nearest_node snaps to the closest node", "[travel][road]") {
    const RoadNetwork net = hand_network();
    CHECK(nearest_node(net, {48.1001, 11.5199}) == 1);    // by B
    CHECK(nearest_node(net, {48.1099, 11.5001}) == 3);    // by D
    CHECK(nearest_node(net, {48.3, 11.9}) == 5);          // far out, U is closest
    CHECK(nearest_node(net, {48.100, 11.500}) == 0);      // exactly on A
    // On the meridian of A and D, just past halfway towards D.
    CHECK(nearest_node(net, {48.1051, 11.500}) == 3);

    // Two nodes on the same spot: the lower index wins, in the matrix too.
    RoadNetwork twins;
    twins.nodes = {{"p", {48.0, 11.0}}, {"q", {48.0, 11.0}}, {"r", {48.01, 11.0}}};
    twins.edges = {{"p", "r", 1000, 100}, {"r", "p", 1000, 100}, {"q", "r", 1, 1}, {"r", "q", 1, 1}};
    CHECK(nearest_node(twins, {48.0, 11.0}) == 0);
    CHECK(nearest_node(twins, {47.9, 11.0}) == 0);
    const TravelMatrices tm = road_network_matrices(twins, {{47.9999, 11.0}, {48.01, 11.0}});
    CHECK(tm.durations(0, 1) == 100);
}

TEST_CASE("matrices agree with brute force on random graphs", "[travel][road]") {
    // Floyd-Warshall on (duration, length) compared lexicographically is the
    // definition the Dijkstra implementation must match.
    std::mt19937_64 rng(7);
    for (int round = 0; round < 5; ++round) {
        const int n = 25;
        RoadNetwork net;
        for (int i = 0; i < n; ++i)
            net.nodes.push_back({node_name(static_cast<std::uint64_t>(i)),
                                 {48.0 + static_cast<double>(rng() % 10000) * 1e-5,
                                  11.0 + static_cast<double>(rng() % 10000) * 1e-5}});
        // A ring keeps everything reachable; random chords add choices and ties.
        for (int i = 0; i < n; ++i)
            net.edges.push_back({node_name(static_cast<std::uint64_t>(i)), node_name(static_cast<std::uint64_t>((i + 1) % n)),
                                 static_cast<Distance>(rng() % 50), static_cast<Duration>(rng() % 5)});
        for (int k = 0; k < 60; ++k)
            net.edges.push_back({node_name(rng() % n), node_name(rng() % n),
                                 static_cast<Distance>(rng() % 50), static_cast<Duration>(rng() % 5)});

        if (round % 2 == 1) {
            // Two far-away nodes joined by huge edges: packing (duration, length)
            // into one integer could overflow, so the pair itself is used.
            net.nodes.push_back({"far1", {10.0, 10.0}});
            net.nodes.push_back({"far2", {10.0, 10.1}});
            for (int k = 0; k < 4; ++k) net.edges.push_back({"far1", "far2", 1'000'000'000, 1'000'000'000});
        }

        constexpr std::int64_t kInf = std::int64_t{1} << 50;
        std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> best(
            n, std::vector<std::pair<std::int64_t, std::int64_t>>(n, {kInf, kInf}));
        for (int i = 0; i < n; ++i) best[i][i] = {0, 0};
        for (const auto& e : net.edges) {
            if (e.from.rfind("far", 0) == 0) continue;
            const int a = std::stoi(e.from.substr(1)), b = std::stoi(e.to.substr(1));
            if (a != b) best[a][b] = std::min(best[a][b], std::pair{e.duration, e.length});
        }
        for (int k = 0; k < n; ++k)
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) {
                    const std::pair via{best[i][k].first + best[k][j].first, best[i][k].second + best[k][j].second};
                    if (via < best[i][j]) best[i][j] = via;
                }

        std::vector<Coordinates> points;
        for (int i = 0; i < n; ++i) points.push_back(net.nodes[static_cast<size_t>(i)].coords);
        const TravelMatrices tm = road_network_matrices(net, points);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                INFO("round " << round << " from " << i << " to " << j);
                REQUIRE(tm.durations(i, j) == best[i][j].first);
                REQUIRE(tm.distances(i, j) == best[i][j].second);
            }
    }
}

TEST_CASE("snapping inside the matrix matches nearest_node", "[travel][road]") {
    // Many nodes and random points: the matrix between the points must equal
    // the matrix between the nodes nearest_node picks for them.
    std::mt19937_64 rng(11);
    RoadNetwork net;
    const int side = 30;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c)
            net.nodes.push_back({std::to_string(r) + "-" + std::to_string(c),
                                 {48.0 + r * 0.002 + static_cast<double>(rng() % 1000) * 1e-6,
                                  11.0 + c * 0.003 + static_cast<double>(rng() % 1000) * 1e-6}});
    auto id = [](int r, int c) { return std::to_string(r) + "-" + std::to_string(c); };
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            if (c + 1 < side) {
                net.edges.push_back({id(r, c), id(r, c + 1), 220, 20 + static_cast<Duration>(rng() % 10)});
                net.edges.push_back({id(r, c + 1), id(r, c), 220, 20 + static_cast<Duration>(rng() % 10)});
            }
            if (r + 1 < side) {
                net.edges.push_back({id(r, c), id(r + 1, c), 230, 20 + static_cast<Duration>(rng() % 10)});
                net.edges.push_back({id(r + 1, c), id(r, c), 230, 20 + static_cast<Duration>(rng() % 10)});
            }
        }
    std::vector<Coordinates> points, snapped;
    for (int k = 0; k < 60; ++k) {
        const Coordinates p{47.99 + static_cast<double>(rng() % 100000) * 0.08 / 100000.0,
                            10.99 + static_cast<double>(rng() % 100000) * 0.11 / 100000.0};
        points.push_back(p);
        const Index nearest = nearest_node(net, p);
        snapped.push_back(net.nodes[static_cast<size_t>(nearest)].coords);
        double best = haversine_metres(p, net.nodes[0].coords);
        for (const auto& node : net.nodes) best = std::min(best, haversine_metres(p, node.coords));
        CHECK(haversine_metres(p, net.nodes[static_cast<size_t>(nearest)].coords) == best);
    }
    const TravelMatrices a = road_network_matrices(net, points);
    const TravelMatrices b = road_network_matrices(net, snapped);
    CHECK(a.durations == b.durations);
    CHECK(a.distances == b.distances);
    CHECK(a.durations(0, 1) > 0);
}

TEST_CASE("validation names the offending field", "[travel][road][validation]") {
    SECTION("a valid network passes") { CHECK(error_path(hand_network()) == "<no error>"); }
    SECTION("no nodes") { CHECK(error_path(RoadNetwork{}) == "/travel/road_network/nodes"); }
    SECTION("empty node id") {
        RoadNetwork net = hand_network();
        net.nodes[2].id = "";
        CHECK(error_path(net) == "/travel/road_network/nodes/2/id");
    }
    SECTION("duplicate node id") {
        RoadNetwork net = hand_network();
        net.nodes[3].id = "A";
        CHECK(error_path(net) == "/travel/road_network/nodes/3/id");
    }
    SECTION("latitude out of range") {
        RoadNetwork net = hand_network();
        net.nodes[1].coords.lat = 91.0;
        CHECK(error_path(net) == "/travel/road_network/nodes/1/lat");
    }
    SECTION("longitude not finite") {
        RoadNetwork net = hand_network();
        net.nodes[4].coords.lon = std::numeric_limits<double>::quiet_NaN();
        CHECK(error_path(net) == "/travel/road_network/nodes/4/lon");
    }
    SECTION("unknown node ids in edges") {
        RoadNetwork net = hand_network();
        net.edges[5].to = "x";
        CHECK(error_path(net) == "/travel/road_network/edges/5/to");
        try {
            validate_road_network(net);
        } catch (const InputError& e) {
            CHECK(std::string(e.what()) == "/edges/5/to: unknown node id \"x\"");
        }
        net.edges[5].to = "A";
        net.edges[7].from = "";
        CHECK(error_path(net) == "/travel/road_network/edges/7/from");
    }
    SECTION("negative length and duration") {
        RoadNetwork net = hand_network();
        net.edges[1].length = -1;
        CHECK(error_path(net) == "/travel/road_network/edges/1/length_m");
        net.edges[1].length = 0;
        net.edges[2].duration = -3;
        CHECK(error_path(net) == "/travel/road_network/edges/2/duration_s");
    }
    SECTION("zero length and duration are allowed") {
        RoadNetwork net = hand_network();
        net.edges[0].length = 0;
        net.edges[0].duration = 0;
        CHECK(error_path(net) == "<no error>");
    }
    SECTION("road_network_matrices validates too") {
        RoadNetwork net = hand_network();
        net.edges[0].from = "nowhere";
        CHECK_THROWS_AS(road_network_matrices(net, {net.nodes[0].coords}), InputError);
        CHECK_THROWS_AS(nearest_node(RoadNetwork{}, {48.0, 11.0}), InputError);
    }
}

TEST_CASE("reading a road network from CSV", "[travel][road][csv]") {
    SECTION("the hand network round-trips") {
        const RoadNetwork net = read_road_network_csv(kData + "/travel_nodes.csv", kData + "/travel_edges.csv");
        CHECK(net == hand_network());
    }
    SECTION("CRLF line ends, blank lines and spaces around fields") {
        const RoadNetwork net = read_road_network_csv(kData + "/travel_nodes_crlf.csv", kData + "/travel_edges_crlf.csv");
        REQUIRE(net.nodes.size() == 2);
        CHECK(net.nodes[1].id == "B");
        CHECK(net.nodes[1].coords == Coordinates{48.100, 11.520});
        REQUIRE(net.edges.size() == 1);
        CHECK(net.edges[0] == RoadEdge{"A", "B", 1000, 100});
    }
    SECTION("a UTF-8 byte-order mark before the header") {
        const RoadNetwork net = read_road_network_csv(kData + "/travel_nodes_bom.csv", kData + "/travel_edges_crlf.csv");
        REQUIRE(net.nodes.size() == 2);
        CHECK(net.nodes[0].id == "A");
    }
    SECTION("bad rows name the file and line") {
        const std::string nodes = kData + "/travel_nodes.csv", edges = kData + "/travel_edges.csv";
        CHECK(csv_error("travel_nodes_bad_header.csv", "travel_edges.csv") ==
              kData + "/travel_nodes_bad_header.csv:1: the first line must be the header \"id,lat,lon\"");
        CHECK(csv_error("travel_nodes_bad_number.csv", "travel_edges.csv") ==
              kData + "/travel_nodes_bad_number.csv:3: column lat: \"48.1x\" is not a number");
        CHECK(csv_error("travel_nodes_duplicate.csv", "travel_edges.csv") ==
              kData + "/travel_nodes_duplicate.csv:4: column id: node id \"A\" is used twice");
        CHECK(csv_error("travel_nodes.csv", "travel_edges_unknown_node.csv") ==
              kData + "/travel_edges_unknown_node.csv:4: column to: unknown node id \"X\"");
        CHECK(csv_error("travel_nodes.csv", "travel_edges_missing_field.csv") ==
              kData + "/travel_edges_missing_field.csv:2: expected 4 comma-separated fields, got 3");
        CHECK(csv_error("travel_nodes.csv", "travel_edges_fraction.csv") ==
              kData + "/travel_edges_fraction.csv:2: column length_m: \"1000.5\" is not a whole number");
        CHECK(csv_error("travel_nodes.csv", "travel_edges_negative.csv") ==
              kData + "/travel_edges_negative.csv:3: column duration_s: the duration must be between 0 and "
                      "1,000,000,000 seconds (got -1)");
        CHECK(csv_error("no_such_file.csv", "travel_edges.csv") ==
              kData + "/no_such_file.csv: cannot open the file for reading");
    }
}

TEST_CASE("a road network from CSV text names the given file names", "[travel][road][csv]") {
    const std::string nodes = "id,lat,lon\nA,48.1,11.5\nB,48.1,11.52\n", edges = "from,to,length_m,duration_s\nA,B,1000,100\n";
    SECTION("text reads as the files would") {
        const RoadNetwork net = parse_road_network_csv(nodes, edges);
        REQUIRE(net.nodes.size() == 2);
        CHECK(net.edges == std::vector<RoadEdge>{{"A", "B", 1000, 100}});
    }
    SECTION("a line without its newline is read") {
        CHECK(parse_road_network_csv("id,lat,lon\nA,48.1,11.5", "from,to,length_m,duration_s").nodes.size() == 1);
    }
    auto message = [](std::string_view n, std::string_view e) {
        try {
            (void)parse_road_network_csv(n, e, "depots/nodes.csv", "depots/edges.csv");
        } catch (const InputError& err) {
            return std::string(err.what());
        }
        return std::string("<no error>");
    };
    SECTION("bytes that are not UTF-8 are refused by line, before they reach a node id") {
        CHECK(message("id,lat,lon\nA\xff,48.1,11.5\n", edges) ==
              "depots/nodes.csv:2: byte 2 of the line is not UTF-8 text");
        CHECK(message(nodes, "from,to,length_m,duration_s\nA,\xc0\xaf,1,1\n") ==
              "depots/edges.csv:2: byte 3 of the line is not UTF-8 text");
    }
    SECTION("an empty edges text names its file") {
        CHECK(message(nodes, "") == "depots/edges.csv: the file is empty; it needs the header \"from,to,length_m,duration_s\"");
    }
    SECTION("validation errors point at the line in the named file") {
        CHECK(message(nodes, "from,to,length_m,duration_s\nA,X,1,1\n") == "depots/edges.csv:2: column to: unknown node id \"X\"");
    }
}

TEST_CASE("a path too long for a matrix entry is refused, naming both points", "[travel][road]") {
    // A chain of three edges at the 1e9 edge cap, back in one short edge.
    RoadNetwork chain;
    chain.nodes = {{"a", {10.0, 10.0}}, {"b", {10.0, 10.1}}, {"c", {10.0, 10.2}}, {"d", {10.0, 10.3}}};
    const std::vector<Coordinates> ends{chain.nodes[0].coords, chain.nodes[3].coords};
    auto message = [&](const RoadNetwork& net) {
        try {
            (void)road_network_matrices(net, ends, "/travel/road_network");
        } catch (const InputError& e) {
            CHECK(e.path() == "/travel/road_network");
            return e.message();
        }
        return std::string("<no error>");
    };
    SECTION("3e9 metres") {
        chain.edges = {{"a", "b", 1'000'000'000, 1}, {"b", "c", 1'000'000'000, 1}, {"c", "d", 1'000'000'000, 1},
                       {"d", "a", 1, 1}};
        CHECK(message(chain) == "the fastest path from location 0 to location 1 is 3000000000 m long, more than a "
                                "travel matrix holds (at most 2147483647 m)");
    }
    SECTION("3e9 seconds") {
        chain.edges = {{"a", "b", 1, 1'000'000'000}, {"b", "c", 1, 1'000'000'000}, {"c", "d", 1, 1'000'000'000},
                       {"d", "a", 1, 1}};
        CHECK(message(chain) == "the fastest path from location 0 to location 1 takes 3000000000 s, more than a travel "
                                "matrix holds (at most 2147483647 s)");
    }
    SECTION("two edges at the cap still fit") {
        chain.edges = {{"a", "b", 1'000'000'000, 1'000'000'000}, {"b", "d", 1'000'000'000, 1'000'000'000}, {"d", "a", 1, 1}};
        const TravelMatrices tm = road_network_matrices(chain, ends);
        CHECK(tm.distances(0, 1) == 2'000'000'000);
        CHECK(tm.durations(0, 1) == 2'000'000'000);
        CHECK(tm.durations(1, 0) == 1);
    }
}
