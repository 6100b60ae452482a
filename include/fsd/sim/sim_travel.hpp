#pragma once
// Planned travel in a simulation: great-circle legs or road-network shortest
// paths, behind one call.
#include <memory>

#include "fsd/sim/scenario.hpp"

namespace fsd {

/// Expected drives between points of a scenario. With a road network the
/// all-pairs matrices of its nodes are computed once (InputError at
/// "/travel/road_network" when some node cannot reach another), and points
/// are snapped to their nearest node (remembered, so each point costs one
/// search). Not thread-safe: one per simulation.
class SimTravelModel {
public:
    explicit SimTravelModel(const SimTravel& travel);
    ~SimTravelModel();
    SimTravelModel(SimTravelModel&&) noexcept;
    SimTravelModel& operator=(SimTravelModel&&) noexcept;

    /// Metres and seconds from `from` to `to`.
    GreatCircleLeg leg(const Coordinates& from, const Coordinates& to) const;

private:
    struct Network;
    GreatCircleOptions great_circle_;
    std::unique_ptr<Network> network_;
};

}  // namespace fsd
