#pragma once
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/core/types.hpp"
#include "fsd/model/engineer.hpp"
#include "fsd/travel/travel_spec.hpp"

namespace fsd {

/// Travel of one leg as an engineer drives it.
struct Leg {
    Duration duration = 0;
    Distance distance = 0;
};

/// Travel between arbitrary locations of a live plan, computed per leg (a new
/// ticket has no row in any matrix built beforehand). Gives exactly the values
/// a Problem built with the same TravelSpec puts in its matrices, so a live
/// plan and the residual Problem made from it agree to the second and metre.
/// Great-circle travel needs coordinates; an explicit matrix needs locations
/// with a matrix index. Road networks are refused (they would need a shortest
/// path per leg).
class LiveTravel {
public:
    /// Throws InputError at "/travel" for a road network.
    LiveTravel(TravelSpec spec, const std::vector<Engineer>& engineers);

    /// Leg from `a` to `b` as engineer `e` drives it (its speed factor applied).
    Leg leg(Index e, const Location& a, const Location& b) const;

    /// Throws InputError at `path` when this travel model cannot use `loc`.
    void check_location(const Location& loc, const std::string& path) const;

    const TravelSpec& spec() const noexcept { return spec_; }

private:
    TravelSpec spec_;
    std::vector<double> speed_factor_;
};

}  // namespace fsd
