#include "fsd/dispatch/live_travel.hpp"

#include <string>

#include "fsd/core/error.hpp"

namespace fsd {

LiveTravel::LiveTravel(TravelSpec spec, const std::vector<Engineer>& engineers) : spec_(std::move(spec)) {
    if (std::holds_alternative<RoadNetwork>(spec_))
        throw InputError("/travel", "a live plan needs great-circle travel or an explicit matrix; road networks are not supported yet");
    speed_factor_.reserve(engineers.size());
    for (const Engineer& e : engineers) speed_factor_.push_back(e.speed_factor);
}

Leg LiveTravel::leg(Index e, const Location& a, const Location& b) const {
    const double factor = speed_factor_.at(static_cast<size_t>(e));
    if (const auto* gc = std::get_if<GreatCircleOptions>(&spec_)) {
        const GreatCircleLeg l = great_circle_leg(*a.coords, *b.coords, *gc);
        return {scale_duration(l.duration, factor), l.distance};
    }
    const auto& m = std::get<TravelMatrices>(spec_);
    const Index i = *a.matrix_index, j = *b.matrix_index;
    return {scale_duration(m.durations(i, j), factor), m.distances(i, j)};
}

void LiveTravel::check_location(const Location& loc, const std::string& path) const {
    if (loc.coords) check_coordinates(*loc.coords, path);
    if (std::holds_alternative<GreatCircleOptions>(spec_)) {
        if (!loc.coords) throw InputError(path, "coordinates (lat, lon) are needed by this travel model");
        return;
    }
    const auto& m = std::get<TravelMatrices>(spec_);
    if (!loc.matrix_index)
        throw InputError(path + "/index", "a location index into the travel matrix is needed with an explicit matrix");
    if (*loc.matrix_index < 0 || *loc.matrix_index >= m.distances.rows())
        throw InputError(path + "/index", "location index " + std::to_string(*loc.matrix_index) +
                                              " is outside the travel matrix (size " +
                                              std::to_string(m.distances.rows()) + ")");
}

}  // namespace fsd
