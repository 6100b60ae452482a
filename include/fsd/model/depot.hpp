#pragma once
#include <string>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/core/time_window.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// A number of units of one spare part (a van's stock, a job's need, a
/// pickup at a depot). Part names are free text; one name is one part.
struct PartCount {
    std::string part;
    Amount count = 0;
    friend bool operator==(const PartCount&, const PartCount&) = default;
};

/// A place engineers stop at during a route to pick up tools and spare parts
/// (a warehouse, a branch office, a parts counter). A stop starts inside one
/// of `opening` (empty: always open) and lasts `duration`. Tools picked up
/// stay on board for the rest of the route; parts are stocked without a
/// quantity limit (a depot that runs out is not modelled).
struct Depot {
    std::string id;
    Location location;
    std::vector<TimeWindow> opening;     ///< sorted, disjoint; empty = always open
    Duration duration = 0;               ///< how long a stop takes
    std::vector<std::string> tools;      ///< tools it lends
    std::vector<std::string> parts;      ///< part types it stocks
    friend bool operator==(const Depot&, const Depot&) = default;
};

}  // namespace fsd
