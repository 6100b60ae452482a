#pragma once
// Private to lib/travel: storage for the matrices this layer computes.
#include "fsd/travel/matrix.hpp"

namespace fsd::travel_detail {

/// A rows x cols matrix whose entries are not written (not even zeroed): for a
/// caller that writes every one. Where Linux offers transparent huge pages on
/// request, its memory asks for them.
DurationMatrix unwritten_matrix(std::ptrdiff_t rows, std::ptrdiff_t cols);

}  // namespace fsd::travel_detail
