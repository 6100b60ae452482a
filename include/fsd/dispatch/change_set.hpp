#pragma once
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// How one engineer's route changed in an operation on a live plan, so that a
/// backend notifies only the engineers concerned.
struct RouteChange {
    Index engineer = 0;
    std::vector<Index> added;       ///< tickets now on this route that were not before
    std::vector<Index> removed;     ///< tickets no longer on this route
    bool reordered = false;         ///< tickets kept on the route visit in another order
    bool retimed = false;           ///< a planned arrival or start moved
    friend bool operator==(const RouteChange&, const RouteChange&) = default;
};

/// A ticket the operation left without an engineer, and why.
struct LeftOut {
    Index job = 0;
    UnassignedReason reason = UnassignedReason::not_inserted;
    std::string detail;
    friend bool operator==(const LeftOut&, const LeftOut&) = default;
};

/// Everything an operation on a live plan changed. Empty when nothing did.
struct ChangeSet {
    std::vector<RouteChange> routes;   ///< one per engineer entry (engineer and shift) whose route changed, in entry order
    std::vector<LeftOut> left_out;     ///< tickets that lost their place (or found none)
    std::vector<Index> missed_breaks;  ///< engineers whose pending break can no longer be taken
    bool empty() const noexcept { return routes.empty() && left_out.empty() && missed_breaks.empty(); }
    friend bool operator==(const ChangeSet&, const ChangeSet&) = default;
};

}  // namespace fsd
