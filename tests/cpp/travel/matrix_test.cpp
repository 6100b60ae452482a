#include <catch2/catch.hpp>

#include <cstdint>
#include <type_traits>

#include "fsd/core/error.hpp"
#include "fsd/travel/matrix.hpp"

using namespace fsd;

TEST_CASE("scale_durations divides by the speed factor and rounds", "[travel][matrix]") {
    const DurationMatrix base{{0, 5, 100}, {7, 0, 3601}};
    SECTION("factor 1 returns the matrix unchanged") { CHECK(scale_durations(base, 1.0) == base); }
    SECTION("a faster engineer") {
        const DurationMatrix fast = scale_durations(base, 2.0);
        REQUIRE(fast.rows() == 2);
        REQUIRE(fast.cols() == 3);
        CHECK(fast(0, 0) == 0);
        CHECK(fast(0, 1) == 3);  // 2.5 rounds half away from zero
        CHECK(fast(0, 2) == 50);
        CHECK(fast(1, 0) == 4);  // 3.5
        CHECK(fast(1, 2) == 1801);  // 1800.5
    }
    SECTION("a slower engineer") {
        const DurationMatrix slow = scale_durations(base, 0.8);
        CHECK(slow(0, 1) == 6);      // 6.25
        CHECK(slow(0, 2) == 125);
        CHECK(slow(1, 0) == 9);      // 8.75
        CHECK(slow(1, 2) == 4501);   // 4501.25
    }
    SECTION("row-major layout is kept") {
        const DurationMatrix fast = scale_durations(base, 4.0);
        CHECK(fast(1, 2) == 900);  // 900.25
        CHECK(fast(0, 2) == 25);
    }
}

TEST_CASE("matrix entries are 32-bit, up to 2^31 - 1 seconds or metres", "[travel][matrix]") {
    STATIC_REQUIRE(std::is_same_v<DurationMatrix::Scalar, std::int32_t>);
    STATIC_REQUIRE(std::is_same_v<DistanceMatrix::Scalar, std::int32_t>);
    CHECK(kTravelValueMax == 2'147'483'647);
    CHECK(beyond_travel_limit("s") == "more than a travel matrix holds (at most 2147483647 s)");
}

TEST_CASE("scale_durations refuses a duration a matrix cannot hold", "[travel][matrix]") {
    const DurationMatrix base{{0, 30'000'000}, {7, 0}};  // 347 days
    SECTION("a factor that keeps it in range") { CHECK(scale_durations(base, 0.02)(0, 1) == 1'500'000'000); }
    SECTION("a factor of 0.01 multiplies by 100: 3e9 s does not fit") {
        try {
            (void)scale_durations(base, 0.01);
            FAIL("expected an InputError");
        } catch (const InputError& e) {
            CHECK(e.path().empty());
            CHECK(e.message() == "with speed factor 0.01 the travel duration from location 0 to location 1 (30000000 s) "
                                 "becomes 3000000000 s, more than a travel matrix holds (at most 2147483647 s)");
        }
    }
    SECTION("a factor so small the quotient is infinite is refused, not rounded") {
        CHECK_THROWS_AS(scale_durations(base, 1e-320), InputError);
    }
    SECTION("a matrix of zeros fits at any factor") { CHECK(scale_durations(DurationMatrix(2, 2), 1e-300).is_zero()); }
}
