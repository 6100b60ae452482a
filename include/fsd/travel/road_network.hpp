#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/travel/matrix.hpp"

namespace fsd {

/// A node of a road network.
struct RoadNode {
    std::string id;
    Coordinates coords;
    friend bool operator==(const RoadNode&, const RoadNode&) = default;
};

/// A directed road segment between two nodes (by id).
struct RoadEdge {
    std::string from;
    std::string to;
    Distance length = 0;   ///< metres
    Duration duration = 0; ///< seconds
    friend bool operator==(const RoadEdge&, const RoadEdge&) = default;
};

/// A directed road graph. Locations are snapped to their nearest node (by
/// great-circle distance); travel between them is the shortest-duration path.
struct RoadNetwork {
    std::vector<RoadNode> nodes;
    std::vector<RoadEdge> edges;
    friend bool operator==(const RoadNetwork&, const RoadNetwork&) = default;
};

/// Checks ids, references and values; throws InputError naming the field
/// (paths below `path_prefix`, e.g. "/travel/road_network").
void validate_road_network(const RoadNetwork& network, const std::string& path_prefix = "");

/// Index of the node nearest to `point`.
Index nearest_node(const RoadNetwork& network, const Coordinates& point);

/// Many-to-many shortest paths (Boost.Graph Dijkstra from every distinct
/// snapped point) between all `points`. Durations are the shortest-duration
/// path's; distances the length of that same path. An unreachable pair, or a
/// path whose duration or length exceeds kTravelValueMax, throws InputError at
/// `path_prefix` naming both points' indices.
TravelMatrices road_network_matrices(const RoadNetwork& network,
                                     const std::vector<Coordinates>& points, const std::string& path_prefix = "");

/// Reads a network from the text of two CSV files: nodes `id,lat,lon` and
/// edges `from,to,length_m,duration_s`, each with that header line (a UTF-8
/// byte-order mark and CRLF line ends are accepted; bytes that are not UTF-8
/// are refused). Errors name `nodes_name:line` or `edges_name:line`.
RoadNetwork parse_road_network_csv(std::string_view nodes_csv, std::string_view edges_csv,
                                   const std::string& nodes_name = "nodes.csv",
                                   const std::string& edges_name = "edges.csv");

/// parse_road_network_csv on the two files' contents; errors name the files.
RoadNetwork read_road_network_csv(const std::string& nodes_csv_path,
                                  const std::string& edges_csv_path);

}  // namespace fsd
