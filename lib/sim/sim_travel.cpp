#include "fsd/sim/sim_travel.hpp"

#include <bit>
#include <unordered_map>

#include "fsd/core/error.hpp"
#include "fsd/travel/matrix.hpp"

namespace fsd {

namespace {

// A point by the bits of its coordinates: exact, so equal points share a node.
struct PointKey {
    std::uint64_t lat, lon;
    bool operator==(const PointKey&) const = default;
};
struct PointHash {
    size_t operator()(const PointKey& k) const noexcept {
        return static_cast<size_t>(k.lat * 0x9e3779b97f4a7c15ULL ^ (k.lon + 0x632be59bd9b4e019ULL + (k.lat << 6)));
    }
};

}  // namespace

struct SimTravelModel::Network {
    RoadNetwork graph;
    TravelMatrices matrices;
    // The snapped node of each point seen: a policy prices the same ticket
    // and the same engineer position again and again.
    mutable std::unordered_map<PointKey, Index, PointHash> snapped;

    Index node(const Coordinates& c) const {
        const auto [it, fresh] = snapped.try_emplace(PointKey{std::bit_cast<std::uint64_t>(c.lat), std::bit_cast<std::uint64_t>(c.lon)}, -1);
        if (fresh) it->second = nearest_node(graph, c);
        return it->second;
    }
};

SimTravelModel::SimTravelModel(const SimTravel& travel) : great_circle_(travel.great_circle) {
    if (!travel.road_network) return;
    network_ = std::make_unique<Network>();
    network_->graph = *travel.road_network;
    std::vector<Coordinates> points;
    for (const RoadNode& n : network_->graph.nodes) points.push_back(n.coords);
    try {
        network_->matrices = road_network_matrices(network_->graph, points);
    } catch (const InputError& e) {
        // Either an unreachable pair or a path too long for a matrix entry.
        throw InputError("/travel/road_network",
                         "the simulation needs travel between every two nodes (location k is node k): " + e.message());
    }
}

SimTravelModel::~SimTravelModel() = default;
SimTravelModel::SimTravelModel(SimTravelModel&&) noexcept = default;
SimTravelModel& SimTravelModel::operator=(SimTravelModel&&) noexcept = default;

GreatCircleLeg SimTravelModel::leg(const Coordinates& from, const Coordinates& to) const {
    if (!network_) return great_circle_leg(from, to, great_circle_);
    const Index a = network_->node(from), b = network_->node(to);
    return {network_->matrices.distances(a, b), network_->matrices.durations(a, b)};
}

}  // namespace fsd
