#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fsd/core/types.hpp"

namespace fsd::triage {

/// Indices of a train / test split.
struct HoldoutSplit {
    std::vector<Index> train;
    std::vector<Index> test;
};

/// Shuffles 0..n-1 with a seeded std::mt19937_64 and puts round(n *
/// test_share) of them in the test part (both parts sorted). Throws
/// InputError when test_share is outside [0, 1).
HoldoutSplit split_holdout(std::size_t n, double test_share, std::uint64_t seed);

}  // namespace fsd::triage
