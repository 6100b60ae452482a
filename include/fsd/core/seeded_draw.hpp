#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <random>

namespace fsd {

/// SplitMix64's output function: a well-mixed 64-bit value from any input,
/// to derive independent seeds from a base seed and an index or a name.
inline std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Seeded random draws that are the same on every platform. The standard
/// library's distributions are implementation-defined, so the same seed would
/// give different values with libstdc++ and libc++; these draw only on
/// mt19937_64's output, which the standard fixes bit for bit. Used by the
/// scenario generators.
class SeededDraw {
public:
    explicit SeededDraw(std::uint64_t seed) : engine_(seed) {}

    /// Uniform in [lo, hi], by rejection so that no value is favoured.
    std::int64_t integer(std::int64_t lo, std::int64_t hi) {
        const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
        if (span == 0) return static_cast<std::int64_t>(engine_());  // the whole 64-bit range
        // Drop the lowest 2^64 mod span outputs: what remains is a whole
        // number of copies of [0, span).
        const std::uint64_t threshold = (0 - span) % span;
        std::uint64_t x = engine_();
        while (x < threshold) x = engine_();
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + x % span);
    }

    /// Uniform in [0, 1) from the top 53 bits.
    double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    bool chance(double p) { return unit() < p; }

    /// Index drawn with the given weights (which need not sum to anything).
    template <size_t N>
    size_t weighted(const std::array<double, N>& weights) {
        double total = 0.0;
        for (double w : weights) total += w;
        double u = unit() * total;
        for (size_t i = 0; i + 1 < N; ++i) {
            if (u < weights[i]) return i;
            u -= weights[i];
        }
        return N - 1;
    }

    /// A direction in the plane of unit length, by rejection from the square:
    /// needs only sqrt, which IEEE 754 rounds exactly (unlike sin and cos).
    std::array<double, 2> direction() {
        while (true) {
            const double x = 2.0 * unit() - 1.0, y = 2.0 * unit() - 1.0;
            const double r2 = x * x + y * y;
            if (r2 > 1e-12 && r2 <= 1.0) {
                const double r = std::sqrt(r2);
                return {x / r, y / r};
            }
        }
    }

private:
    std::mt19937_64 engine_;
};

}  // namespace fsd
