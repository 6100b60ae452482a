#include "fsd/core/location.hpp"

#include <cmath>

#include "fsd/core/error.hpp"

namespace fsd {

void check_coordinates(const Coordinates& c, const std::string& path) {
    if (!std::isfinite(c.lat) || c.lat < -90.0 || c.lat > 90.0)
        throw InputError(path + "/lat", "latitude must be a number between -90 and 90");
    if (!std::isfinite(c.lon) || c.lon < -180.0 || c.lon > 180.0)
        throw InputError(path + "/lon", "longitude must be a number between -180 and 180");
}

}  // namespace fsd
