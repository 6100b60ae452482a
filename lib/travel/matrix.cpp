#include "fsd/travel/matrix.hpp"

#include <cmath>

namespace fsd {

Duration scale_duration(Duration base, double speed_factor) {
    if (speed_factor == 1.0) return base;
    return static_cast<Duration>(std::llround(static_cast<double>(base) / speed_factor));
}

DurationMatrix scale_durations(const DurationMatrix& base, double speed_factor) {
    if (speed_factor == 1.0) return base;
    DurationMatrix out(base.rows(), base.cols());
    for (Eigen::Index i = 0; i < base.size(); ++i)
        out.data()[i] = scale_duration(base.data()[i], speed_factor);
    return out;
}

}  // namespace fsd
