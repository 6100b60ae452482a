#include "fsd/triage/holdout_split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "fsd/core/error.hpp"

namespace fsd::triage {

HoldoutSplit split_holdout(std::size_t n, double test_share, std::uint64_t seed) {
    if (!(test_share >= 0.0 && test_share < 1.0))
        throw InputError("/test_share", "must be at least 0 and below 1");
    std::vector<Index> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed);
    // Fisher-Yates by hand: std::shuffle's exact sequence differs between
    // standard libraries, and the split must be the same everywhere.
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng() % i);
        std::swap(order[i - 1], order[j]);
    }
    const auto test_count = static_cast<std::size_t>(std::llround(static_cast<double>(n) * test_share));
    HoldoutSplit split;
    split.test.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(test_count));
    split.train.assign(order.begin() + static_cast<std::ptrdiff_t>(test_count), order.end());
    std::sort(split.test.begin(), split.test.end());
    std::sort(split.train.begin(), split.train.end());
    return split;
}

}  // namespace fsd::triage
