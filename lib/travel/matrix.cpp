#include "fsd/travel/matrix.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "matrix_storage.hpp"

namespace fsd {

namespace travel_detail {

DurationMatrix unwritten_matrix(std::ptrdiff_t rows, std::ptrdiff_t cols) {
    DurationMatrix m = DurationMatrix::for_overwrite(rows, cols);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // The first touch of fresh memory is most of the cost of a large matrix:
    // loading an 11,000-location problem took 3.7 s with 4 KB pages on a
    // 2-core VM, 0.8 s with 2 MB ones (bench/RESULTS.md). Only advice: with
    // transparent huge pages off it changes nothing, and memory smaller than
    // a huge page keeps its small pages.
    constexpr std::uintptr_t kPage = 4096;
    const auto begin = reinterpret_cast<std::uintptr_t>(m.data());
    const std::uintptr_t end = begin + sizeof(TravelValue) * static_cast<std::size_t>(m.size());
    const std::uintptr_t first = (begin + kPage - 1) & ~(kPage - 1), last = end & ~(kPage - 1);
    if (last > first && last - first >= (std::uintptr_t{2} << 20))
        (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
    return m;
}

}  // namespace travel_detail

std::string beyond_travel_limit(std::string_view unit) {
    return fmt::format("more than a travel matrix holds (at most {}{}{})", kTravelValueMax, unit.empty() ? "" : " ", unit);
}

Duration scale_duration(Duration base, double speed_factor) {
    if (speed_factor == 1.0) return base;
    return static_cast<Duration>(std::llround(static_cast<double>(base) / speed_factor));
}

DurationMatrix scale_durations(const DurationMatrix& base, double speed_factor, const std::string& path) {
    if (speed_factor == 1.0) return base;
    // Checked in double before rounding: llround of a quotient beyond int64
    // (a tiny factor) has no defined result.
    constexpr double kLimit = static_cast<double>(kTravelValueMax) + 0.5;
    DurationMatrix out = travel_detail::unwritten_matrix(base.rows(), base.cols());
    for (std::ptrdiff_t i = 0; i < base.size(); ++i) {
        const double scaled = static_cast<double>(base.data()[i]) / speed_factor;
        if (!(scaled < kLimit)) {
            const std::ptrdiff_t from = i / base.cols(), to = i % base.cols();
            throw InputError(path, fmt::format("with speed factor {} the travel duration from location {} to location {} "
                                               "({} s) becomes {} s, {}",
                                               speed_factor, from, to, base.data()[i],
                                               // whole seconds unless the figure would run to hundreds of digits
                                               scaled < 1e15 ? fmt::format("{:.0f}", scaled) : fmt::format("{:.3g}", scaled),
                                               beyond_travel_limit("s")));
        }
        out.data()[i] = static_cast<TravelValue>(std::llround(scaled));
    }
    return out;
}

}  // namespace fsd
