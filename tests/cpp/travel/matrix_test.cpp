#include <catch2/catch.hpp>

#include "fsd/travel/matrix.hpp"

using namespace fsd;

TEST_CASE("scale_durations divides by the speed factor and rounds", "[travel][matrix]") {
    DurationMatrix base(2, 3);
    base << 0, 5, 100, 7, 0, 3601;
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
