#include "fsd/travel/road_network.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/property_map/property_map.hpp>

#include "fsd/core/error.hpp"
#include "fsd/core/utf8.hpp"
#include "fsd/travel/great_circle.hpp"
#include "matrix_storage.hpp"

namespace fsd {
namespace {

// Keeps every path sum far below int64 overflow even on networks with
// millions of edges, while no real road segment comes near it.
constexpr std::int64_t kMaxEdgeValue = 1'000'000'000;

std::string at(const std::string& prefix, const char* list, size_t i, const char* field) {
    return prefix + "/" + list + "/" + std::to_string(i) + "/" + field;
}

std::unordered_map<std::string_view, Index> node_indices(const RoadNetwork& network) {
    std::unordered_map<std::string_view, Index> ids;
    ids.reserve(network.nodes.size());
    for (size_t i = 0; i < network.nodes.size(); ++i)
        ids.emplace(network.nodes[i].id, static_cast<Index>(i));
    return ids;
}

// Cost of a path, compared lexicographically: the shortest duration wins and,
// among paths of equal duration, the shortest length. Running Dijkstra on this
// pair (instead of durations alone plus predecessors) gives the length of the
// chosen path directly and makes the choice between equally fast paths
// deterministic. When it cannot overflow, the pair is packed into one integer,
// duration * M + length with M above any path's length, which orders the same
// way and makes the heap noticeably faster; otherwise the pair itself is used.
struct PathCost {
    Duration duration = 0;
    Distance length = 0;
};

constexpr PathCost kUnreached{std::numeric_limits<Duration>::max(), std::numeric_limits<Distance>::max()};

struct PathCostLess {
    bool operator()(const PathCost& a, const PathCost& b) const noexcept {
        return a.duration != b.duration ? a.duration < b.duration : a.length < b.length;
    }
};

struct PathCostPlus {
    PathCost operator()(const PathCost& a, const PathCost& b) const noexcept {
        if (a.duration == kUnreached.duration || b.duration == kUnreached.duration) return kUnreached;
        return {a.duration + b.duration, a.length + b.length};
    }
};

constexpr std::int64_t kPackedUnreached = std::numeric_limits<std::int64_t>::max();

// Saturates at kPackedUnreached; the packing bound keeps real sums below it.
struct PackedPlus {
    std::int64_t operator()(std::int64_t a, std::int64_t b) const noexcept {
        return (a == kPackedUnreached || b == kPackedUnreached) ? kPackedUnreached : a + b;
    }
};

struct EdgeData {
    PathCost cost;
    std::int64_t packed = 0;
};

using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeData>;

// Lets one Dijkstra run end as soon as every node a point snapped to is
// settled; the rest of the graph does not matter for the matrix.
struct AllTargetsSettled {};

class StopAtTargets : public boost::default_dijkstra_visitor {
public:
    StopAtTargets(const std::vector<char>* is_target, size_t targets) : is_target_(is_target), remaining_(targets) {}
    void finish_vertex(Graph::vertex_descriptor v, const Graph&) {
        if ((*is_target_)[v] && --remaining_ == 0) throw AllTargetsSettled{};
    }

private:
    const std::vector<char>* is_target_;
    size_t remaining_;
};

// A lower bound on the great-circle distance between two points: their
// difference in latitude, measured along a meridian. The small slack absorbs
// rounding in haversine_metres so that pruning never loses the nearest node.
double latitude_bound(double lat_a, double lat_b) {
    constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
    return std::abs(lat_a - lat_b) * kMetresPerDegree * (1.0 - 1e-9) - 1.0;
}

// Nearest-node search over nodes sorted by latitude. The difference in
// latitude is a lower bound on the great-circle angle between two points, so
// the scan outwards from the query's latitude stops once that bound exceeds
// the best distance found. Exact, and fast for the compact regions of a
// service area.
class LatitudeIndex {
public:
    explicit LatitudeIndex(const RoadNetwork& network) : network_(&network), order_(network.nodes.size()) {
        std::iota(order_.begin(), order_.end(), Index{0});
        std::sort(order_.begin(), order_.end(), [&](Index a, Index b) {
            const double la = lat(a), lb = lat(b);
            return la != lb ? la < lb : a < b;
        });
        lats_.reserve(order_.size());
        for (Index i : order_) lats_.push_back(lat(i));
    }

    Index nearest(const Coordinates& p) const {
        const auto n = static_cast<std::ptrdiff_t>(lats_.size());
        const auto mid = static_cast<std::ptrdiff_t>(std::lower_bound(lats_.begin(), lats_.end(), p.lat) - lats_.begin());
        Index best = -1;
        double best_d = std::numeric_limits<double>::infinity();
        auto consider = [&](std::ptrdiff_t k) {
            const Index i = order_[static_cast<size_t>(k)];
            const double d = haversine_metres(p, network_->nodes[static_cast<size_t>(i)].coords);
            if (d < best_d || (d == best_d && i < best)) {
                best_d = d;
                best = i;
            }
        };
        std::ptrdiff_t up = mid, down = mid - 1;
        bool up_open = true, down_open = true;
        while (up_open || down_open) {
            if (up_open) {
                if (up >= n || latitude_bound(lats_[static_cast<size_t>(up)], p.lat) > best_d)
                    up_open = false;
                else
                    consider(up++);
            }
            if (down_open) {
                if (down < 0 || latitude_bound(p.lat, lats_[static_cast<size_t>(down)]) > best_d)
                    down_open = false;
                else
                    consider(down--);
            }
        }
        return best;
    }

private:
    double lat(Index i) const { return network_->nodes[static_cast<size_t>(i)].coords.lat; }

    const RoadNetwork* network_;
    std::vector<Index> order_;
    std::vector<double> lats_;
};

// Returns 0 when packing could overflow. A shortest path needs no edge twice,
// so the sums over all edges bound every path.
std::int64_t packing_multiplier(const RoadNetwork& network) {
    // Validation caps every edge value at 1e9, so these sums cannot overflow.
    std::int64_t total_length = 0, total_duration = 0;
    for (const auto& e : network.edges) {
        total_length += e.length;
        total_duration += e.duration;
    }
    const std::int64_t m = total_length + 1;
    if (total_duration > (kPackedUnreached - 1 - total_length) / m) return 0;
    return m;
}

Graph make_graph(const RoadNetwork& network, std::int64_t multiplier) {
    const auto ids = node_indices(network);
    std::vector<std::pair<Index, Index>> ends;
    std::vector<EdgeData> data;
    ends.reserve(network.edges.size());
    data.reserve(network.edges.size());
    for (const auto& e : network.edges) {
        ends.emplace_back(ids.at(e.from), ids.at(e.to));
        data.push_back({{e.duration, e.length}, e.duration * multiplier + e.length});
    }
    return Graph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), data.begin(), network.nodes.size());
}

// Path sums are int64 (up to 1e9 per edge); a matrix entry holds less.
[[noreturn]] void refuse_path(std::ptrdiff_t from, std::ptrdiff_t to, const PathCost& path, const std::string& path_prefix) {
    const std::string where = "the fastest path from location " + std::to_string(from) + " to location " + std::to_string(to);
    if (path.duration > kTravelValueMax)
        throw InputError(path_prefix, where + " takes " + std::to_string(path.duration) + " s, " + beyond_travel_limit("s"));
    throw InputError(path_prefix, where + " is " + std::to_string(path.length) + " m long, " + beyond_travel_limit("m"));
}

// One Dijkstra per distinct snapped node, in the order of the points, so an
// unreachable pair is reported for the first row that has one.
template <class Cost, class WeightMap, class Less, class Plus, class Unpack>
void fill_matrices(const Graph& graph, WeightMap weights, Less less, Plus plus, Cost unreached, Cost zero,
                   Unpack unpack, const std::vector<Index>& snapped, const std::string& path_prefix, TravelMatrices& tm) {
    const size_t num_nodes = boost::num_vertices(graph);
    std::vector<char> is_target(num_nodes, 0);
    size_t targets = 0;
    for (Index s : snapped) {
        if (!is_target[static_cast<size_t>(s)]) ++targets;
        is_target[static_cast<size_t>(s)] = 1;
    }
    // first_point[v]: the first point snapped to node v; its row is reused by
    // every later point on the same node.
    std::vector<std::ptrdiff_t> first_point(num_nodes, -1);
    std::vector<Cost> cost(num_nodes, unreached);
    const auto n = static_cast<std::ptrdiff_t>(snapped.size());
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        const auto source = static_cast<size_t>(snapped[static_cast<size_t>(i)]);
        if (first_point[source] >= 0) {
            std::ranges::copy(tm.durations.row(first_point[source]), tm.durations.row(i).begin());
            std::ranges::copy(tm.distances.row(first_point[source]), tm.distances.row(i).begin());
            continue;
        }
        first_point[source] = i;
        try {
            boost::dijkstra_shortest_paths_no_color_map(graph, source, boost::dummy_property_map(), cost.data(), weights,
                                                        boost::get(boost::vertex_index, graph), less, plus, unreached,
                                                        zero, StopAtTargets(&is_target, targets));
        } catch (const AllTargetsSettled&) {
        }
        for (std::ptrdiff_t j = 0; j < n; ++j) {
            const Cost& c = cost[static_cast<size_t>(snapped[static_cast<size_t>(j)])];
            if (!less(c, unreached))
                throw InputError(path_prefix, "location " + std::to_string(j) + " cannot be reached from location " +
                                                  std::to_string(i) + " on the road network");
            const PathCost path = unpack(c);
            if (path.duration > kTravelValueMax || path.length > kTravelValueMax) refuse_path(i, j, path, path_prefix);
            tm.durations(i, j) = static_cast<TravelValue>(path.duration);
            tm.distances(i, j) = static_cast<TravelValue>(path.length);
        }
    }
}

// ---- CSV -------------------------------------------------------------------

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view line) {
    std::vector<std::string_view> fields;
    size_t begin = 0;
    while (true) {
        const size_t comma = line.find(',', begin);
        fields.push_back(trim(line.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin)));
        if (comma == std::string_view::npos) break;
        begin = comma + 1;
    }
    return fields;
}

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open the file for reading");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(path, "cannot read the file");
    return std::move(text).str();
}

struct CsvRow {
    size_t line = 0;
    std::vector<std::string_view> fields;
};

// Reads a whole CSV file with the given header; rows keep their line numbers
// so that later errors can point back to the file.
class CsvFile {
public:
    CsvFile(const CsvFile&) = delete;  // rows view into lines_
    CsvFile& operator=(const CsvFile&) = delete;
    // `name` is what messages call the file ("nodes.csv:12").
    CsvFile(std::string name, std::string_view text, std::string_view header) : path_(std::move(name)) {
        bool header_seen = false;
        for (size_t begin = 0; begin < text.size();) {
            const size_t end = std::min(text.find('\n', begin), text.size());
            lines_.emplace_back(text.substr(begin, end - begin));
            begin = end + 1;
        }
        // Spreadsheet programs often start a UTF-8 file with a byte-order mark.
        if (!lines_.empty() && lines_[0].rfind("\xEF\xBB\xBF", 0) == 0) lines_[0].erase(0, 3);
        for (size_t k = 0; k < lines_.size(); ++k) {
            // Node ids go into JSON documents and messages, which hold UTF-8 only.
            if (const size_t bad = find_invalid_utf8(lines_[k]); bad != std::string_view::npos)
                throw InputError(location(k + 1), "byte " + std::to_string(bad + 1) + " of the line is not UTF-8 text");
            const std::string_view line = trim(lines_[k]);
            if (line.empty()) continue;
            if (!header_seen) {
                if (split(line) != split(header))
                    throw InputError(location(k + 1), "the first line must be the header \"" + std::string(header) + "\"");
                header_seen = true;
                continue;
            }
            rows_.push_back({k + 1, split(line)});
        }
        if (!header_seen) throw InputError(path_, "the file is empty; it needs the header \"" + std::string(header) + "\"");
        columns_ = split(header).size();
        for (const auto& row : rows_)
            if (row.fields.size() != columns_)
                throw InputError(location(row.line), "expected " + std::to_string(columns_) + " comma-separated fields, got " +
                                                         std::to_string(row.fields.size()));
    }

    const std::vector<CsvRow>& rows() const noexcept { return rows_; }
    std::string location(size_t line) const { return path_ + ":" + std::to_string(line); }

    double real(const CsvRow& row, size_t column, const char* name) const {
        const std::string_view f = row.fields[column];
        double v = 0.0;
        const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
        if (f.empty() || ec != std::errc() || end != f.data() + f.size())
            throw InputError(location(row.line), std::string("column ") + name + ": \"" + std::string(f) + "\" is not a number");
        return v;
    }

    std::int64_t integer(const CsvRow& row, size_t column, const char* name) const {
        const std::string_view f = row.fields[column];
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
        if (f.empty() || ec != std::errc() || end != f.data() + f.size())
            throw InputError(location(row.line),
                             std::string("column ") + name + ": \"" + std::string(f) + "\" is not a whole number");
        return v;
    }

private:
    std::string path_;
    std::vector<std::string> lines_;
    std::vector<CsvRow> rows_;
    size_t columns_ = 0;
};

// Maps a validation path ("/edges/5/to") to the CSV row it came from, and
// names the column in the sentence.
InputError csv_error(const InputError& e, const CsvFile& nodes, const CsvFile& edges, const std::string& nodes_path) {
    const std::string& path = e.path();
    for (const auto& [list, file] : {std::pair{std::string("/nodes/"), &nodes}, std::pair{std::string("/edges/"), &edges}}) {
        if (path.rfind(list, 0) != 0) continue;
        const size_t k = std::stoul(path.substr(list.size()));
        const auto& rows = file->rows();
        if (k < rows.size())
            return InputError(file->location(rows[k].line), "column " + path.substr(path.rfind('/') + 1) + ": " + e.message());
    }
    return InputError(nodes_path, e.message());
}

}  // namespace

void validate_road_network(const RoadNetwork& network, const std::string& path_prefix) {
    if (network.nodes.empty()) throw InputError(path_prefix + "/nodes", "the road network has no nodes");
    std::unordered_map<std::string_view, Index> ids;
    ids.reserve(network.nodes.size());
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        const RoadNode& node = network.nodes[i];
        if (node.id.empty()) throw InputError(at(path_prefix, "nodes", i, "id"), "a node id must not be empty");
        if (!ids.emplace(node.id, static_cast<Index>(i)).second)
            throw InputError(at(path_prefix, "nodes", i, "id"), "node id \"" + node.id + "\" is used twice");
        if (!std::isfinite(node.coords.lat) || node.coords.lat < -90.0 || node.coords.lat > 90.0)
            throw InputError(at(path_prefix, "nodes", i, "lat"), "latitude must be a number between -90 and 90");
        if (!std::isfinite(node.coords.lon) || node.coords.lon < -180.0 || node.coords.lon > 180.0)
            throw InputError(at(path_prefix, "nodes", i, "lon"), "longitude must be a number between -180 and 180");
    }
    for (size_t i = 0; i < network.edges.size(); ++i) {
        const RoadEdge& edge = network.edges[i];
        if (!ids.count(edge.from))
            throw InputError(at(path_prefix, "edges", i, "from"), "unknown node id \"" + edge.from + "\"");
        if (!ids.count(edge.to)) throw InputError(at(path_prefix, "edges", i, "to"), "unknown node id \"" + edge.to + "\"");
        if (edge.length < 0 || edge.length > kMaxEdgeValue)
            throw InputError(at(path_prefix, "edges", i, "length_m"),
                             "the length must be between 0 and 1,000,000,000 metres (got " + std::to_string(edge.length) + ")");
        if (edge.duration < 0 || edge.duration > kMaxEdgeValue)
            throw InputError(at(path_prefix, "edges", i, "duration_s"),
                             "the duration must be between 0 and 1,000,000,000 seconds (got " +
                                 std::to_string(edge.duration) + ")");
    }
}

Index nearest_node(const RoadNetwork& network, const Coordinates& point) {
    if (network.nodes.empty()) throw InputError("/nodes", "the road network has no nodes");
    // Nothing is worth building for one query, so two linear passes: a cheap
    // flat-earth estimate finds a node that is nearly the nearest, then the
    // exact pass computes haversine only for nodes the latitude bound cannot
    // rule out. Ties go to the lowest index, as in the matrices.
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double cos_lat = std::cos(point.lat * kRad);
    Index best = 0;
    double best_flat = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        const Coordinates& c = network.nodes[i].coords;
        double dlon = std::abs(c.lon - point.lon);
        if (dlon > 180.0) dlon = 360.0 - dlon;
        const double dlat = c.lat - point.lat, x = dlon * cos_lat;
        const double flat = dlat * dlat + x * x;
        if (flat < best_flat) {
            best_flat = flat;
            best = static_cast<Index>(i);
        }
    }
    double best_d = haversine_metres(point, network.nodes[static_cast<size_t>(best)].coords);
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        const Coordinates& c = network.nodes[i].coords;
        if (latitude_bound(point.lat, c.lat) > best_d) continue;
        const double d = haversine_metres(point, c);
        if (d < best_d || (d == best_d && static_cast<Index>(i) < best)) {
            best_d = d;
            best = static_cast<Index>(i);
        }
    }
    return best;
}

TravelMatrices road_network_matrices(const RoadNetwork& network, const std::vector<Coordinates>& points,
                                     const std::string& path_prefix) {
    validate_road_network(network, path_prefix);
    const auto n = static_cast<std::ptrdiff_t>(points.size());
    // Not zeroed: fill_matrices writes every row (computed, or copied from the
    // first point on the same node).
    TravelMatrices tm{travel_detail::unwritten_matrix(n, n), travel_detail::unwritten_matrix(n, n)};
    if (n == 0) return tm;

    const LatitudeIndex index(network);
    std::vector<Index> snapped;
    snapped.reserve(points.size());
    for (const auto& p : points) snapped.push_back(index.nearest(p));

    const std::int64_t multiplier = packing_multiplier(network);
    const Graph graph = make_graph(network, multiplier);
    if (multiplier > 0) {
        fill_matrices<std::int64_t>(
            graph, boost::get(&EdgeData::packed, graph), std::less<std::int64_t>(), PackedPlus{}, kPackedUnreached,
            std::int64_t{0}, [multiplier](std::int64_t c) { return PathCost{c / multiplier, c % multiplier}; }, snapped,
            path_prefix, tm);
    } else {
        fill_matrices<PathCost>(graph, boost::get(&EdgeData::cost, graph), PathCostLess{}, PathCostPlus{}, kUnreached,
                                PathCost{}, [](const PathCost& c) { return c; }, snapped, path_prefix, tm);
    }
    return tm;
}

RoadNetwork parse_road_network_csv(std::string_view nodes_csv, std::string_view edges_csv,
                                   const std::string& nodes_name, const std::string& edges_name) {
    const CsvFile nodes(nodes_name, nodes_csv, "id,lat,lon");
    const CsvFile edges(edges_name, edges_csv, "from,to,length_m,duration_s");
    RoadNetwork network;
    network.nodes.reserve(nodes.rows().size());
    for (const auto& row : nodes.rows())
        network.nodes.push_back({std::string(row.fields[0]), {nodes.real(row, 1, "lat"), nodes.real(row, 2, "lon")}});
    network.edges.reserve(edges.rows().size());
    for (const auto& row : edges.rows())
        network.edges.push_back({std::string(row.fields[0]), std::string(row.fields[1]),
                                 edges.integer(row, 2, "length_m"), edges.integer(row, 3, "duration_s")});
    try {
        validate_road_network(network);
    } catch (const InputError& e) {
        // Point at the file and line rather than at an index the reader of a
        // CSV file never sees.
        throw csv_error(e, nodes, edges, nodes_name);
    }
    return network;
}

RoadNetwork read_road_network_csv(const std::string& nodes_csv_path, const std::string& edges_csv_path) {
    return parse_road_network_csv(read_whole_file(nodes_csv_path), read_whole_file(edges_csv_path), nodes_csv_path,
                                  edges_csv_path);
}

}  // namespace fsd
