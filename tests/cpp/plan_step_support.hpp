#pragma once
// A plan step written out by hand, for the tests of the verifier and of the plan JSON.
#include <optional>
#include <utility>
#include <vector>

#include "fsd/model/solution.hpp"

namespace test_support {

/// A step with its times; the distance is the travel time unless given,
/// waiting is start - arrival.
inline fsd::Step step(fsd::StepKind kind, fsd::Index index, fsd::Time arrival, fsd::Time start, fsd::Time end,
                      fsd::Duration travel, std::optional<fsd::Distance> distance = std::nullopt,
                      std::vector<fsd::Amount> load = {}, fsd::Duration lateness = 0) {
    fsd::Step s;
    s.kind = kind;
    s.index = index;
    s.arrival = arrival;
    s.start = start;
    s.end = end;
    s.waiting = start - arrival;
    s.travel_time = travel;
    s.travel_distance = distance.value_or(travel);
    s.lateness = lateness;
    s.load = std::move(load);
    return s;
}

}  // namespace test_support
