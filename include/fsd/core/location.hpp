#pragma once
#include <optional>
#include <string>

#include "fsd/core/types.hpp"

namespace fsd {

/// A point on the earth, in degrees (WGS84).
struct Coordinates {
    double lat = 0.0;
    double lon = 0.0;
    friend bool operator==(const Coordinates&, const Coordinates&) = default;
};

/// InputError at `path` + "/lat" or "/lon" unless both are finite and in
/// range (latitude -90..90, longitude -180..180).
void check_coordinates(const Coordinates& c, const std::string& path);

/// Where a job happens or an engineer starts or ends. Either coordinates
/// (travel computed great-circle or on a road network) or an index into an
/// explicit matrix given by the caller; both may be present (coordinates are
/// then used for maps only).
struct Location {
    std::optional<Coordinates> coords;
    std::optional<Index> matrix_index;
    friend bool operator==(const Location&, const Location&) = default;
};

}  // namespace fsd
