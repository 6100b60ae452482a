#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/travel/great_circle.hpp"
#include "fsd/travel/matrix.hpp"

using namespace fsd;

namespace {
const Coordinates kBerlin{52.5200, 13.4050};
const Coordinates kParis{48.8566, 2.3522};
const Coordinates kMunich{48.1370, 11.5750};
}  // namespace

TEST_CASE("haversine distance of known city pairs", "[travel][great_circle]") {
    // Berlin-Paris is about 878 km as the crow flies.
    CHECK(haversine_metres(kBerlin, kParis) == Approx(877'464.5).margin(1.0));
    CHECK(haversine_metres(kParis, kBerlin) == haversine_metres(kBerlin, kParis));
    CHECK(haversine_metres(kMunich, kMunich) == 0.0);
    // A quarter of the equator.
    CHECK(haversine_metres({0.0, 0.0}, {0.0, 90.0}) == Approx(6371008.8 * 3.14159265358979323846 / 2).epsilon(1e-12));
    // Antipodes: the clamp keeps asin in its domain.
    CHECK(haversine_metres({0.0, 0.0}, {0.0, 180.0}) == Approx(6371008.8 * 3.14159265358979323846).epsilon(1e-12));
}

TEST_CASE("great-circle matrices apply detour and speed", "[travel][great_circle]") {
    const std::vector<Coordinates> points{kBerlin, kParis, kMunich};
    const GreatCircleOptions options{35.0, 1.3};
    const TravelMatrices tm = great_circle_matrices(points, options);
    REQUIRE(tm.durations.rows() == 3);
    REQUIRE(tm.distances.cols() == 3);
    // 877,464.54 m * 1.3 = 1,140,703.9 m; at 35 km/h (9.7222 m/s) that is 117,329.8 s.
    CHECK(tm.distances(0, 1) == 1'140'704);
    CHECK(tm.durations(0, 1) == 117'330);
    for (int i = 0; i < 3; ++i) {
        CHECK(tm.distances(i, i) == 0);
        CHECK(tm.durations(i, i) == 0);
        for (int j = 0; j < 3; ++j) {
            CHECK(tm.distances(i, j) == tm.distances(j, i));
            CHECK(tm.durations(i, j) == tm.durations(j, i));
            if (i != j) {
                const double metres = haversine_metres(points[static_cast<size_t>(i)], points[static_cast<size_t>(j)]) * 1.3;
                CHECK(tm.distances(i, j) == std::llround(metres));
                CHECK(tm.durations(i, j) == std::llround(metres / (35.0 / 3.6)));
            }
        }
    }
    // Doubling the speed halves the durations (up to rounding); distances stay.
    const TravelMatrices fast = great_circle_matrices(points, {70.0, 1.3});
    CHECK(fast.distances == tm.distances);
    CHECK(std::abs(2 * fast.durations(0, 2) - tm.durations(0, 2)) <= 1);
    // No detour: the distance is the rounded haversine.
    const TravelMatrices straight = great_circle_matrices(points, {35.0, 1.0});
    CHECK(straight.distances(0, 1) == 877'465);
}

TEST_CASE("every entry of a matrix of several tiles equals its leg computed alone", "[travel][great_circle]") {
    // 150 points: the matrix is written in 64 x 64 tiles, full and partial ones.
    std::vector<Coordinates> points;
    for (int k = 0; k < 150; ++k) points.push_back({48.0 + 0.003 * k, 11.3 + 0.0071 * ((k * 37) % 101)});
    const GreatCircleOptions options{35.0, 1.3};
    const TravelMatrices tm = great_circle_matrices(points, options);
    int mismatches = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        for (size_t j = 0; j < points.size(); ++j) {
            const GreatCircleLeg leg = great_circle_leg(points[i], points[j], options);
            const auto a = static_cast<std::ptrdiff_t>(i), b = static_cast<std::ptrdiff_t>(j);
            if (tm.distances(a, b) != leg.distance || tm.durations(a, b) != leg.duration) ++mismatches;
        }
    }
    CHECK(mismatches == 0);
    CHECK(tm.distances(149, 0) > 0);
    CHECK(tm.durations(149, 149) == 0);
}

TEST_CASE("great-circle matrices of no or one point", "[travel][great_circle]") {
    CHECK(great_circle_matrices({}, {}).durations.size() == 0);
    const TravelMatrices one = great_circle_matrices({kMunich}, {});
    REQUIRE(one.durations.rows() == 1);
    CHECK(one.durations(0, 0) == 0);
    CHECK(one.distances(0, 0) == 0);
}

TEST_CASE("a great-circle leg a matrix cannot hold is refused at the option that causes it", "[travel][great_circle]") {
    // Half the earth's circumference: the longest great-circle leg there is.
    const std::vector<Coordinates> antipodes{{0.0, 0.0}, {0.0, 180.0}};
    SECTION("0.1 km/h still fits: 26,019,649 m take 936,707,356 s") {
        const TravelMatrices tm = great_circle_matrices(antipodes, {0.1, 1.3});
        CHECK(tm.distances(0, 1) == 26'019'649);
        CHECK(tm.durations(1, 0) == 936'707'356);
    }
    SECTION("0.01 km/h does not: the speed is named") {
        try {
            (void)great_circle_matrices(antipodes, {0.01, 1.3}, "/travel");
            FAIL("expected an InputError");
        } catch (const InputError& e) {
            CHECK(e.path() == "/travel/speed_kmh");
            CHECK(e.message() == "the great-circle leg from location 0 to location 1 (26019649 m) takes 9367073559 s at "
                                 "0.01 km/h, more than a travel matrix holds (at most 2147483647 s)");
        }
    }
    SECTION("a detour factor of 200 makes the leg too long in metres") {
        try {
            (void)great_circle_matrices(antipodes, {40.0, 200.0});
            FAIL("expected an InputError");
        } catch (const InputError& e) {
            CHECK(e.path() == "/detour_factor");
            CHECK(e.message() == "the great-circle leg from location 0 to location 1 is 4003022888 m long with detour "
                                 "factor 200, more than a travel matrix holds (at most 2147483647 m)");
        }
    }
}
