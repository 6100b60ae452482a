#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "fsd/core/row_major_matrix.hpp"

using fsd::RowMajorMatrix;
using Matrix = RowMajorMatrix<std::int32_t>;

TEST_CASE("a row-major matrix stores row after row", "[core][matrix]") {
    const Matrix m{{1, 2, 3}, {4, 5, 6}};
    CHECK(m.rows() == 2);
    CHECK(m.cols() == 3);
    CHECK(m.size() == 6);
    CHECK(m(1, 0) == 4);
    CHECK(m.data()[1 * 3 + 2] == 6);
    CHECK(m.row(1)[2] == 6);
    CHECK(m.row(0).size() == 3);
    CHECK(std::accumulate(m.begin(), m.end(), 0) == 21);
}

TEST_CASE("a sized matrix starts at zero, a constant one at its value", "[core][matrix]") {
    CHECK(Matrix(2, 3).is_zero());
    CHECK(Matrix().is_zero());
    CHECK(Matrix().size() == 0);
    const Matrix c = Matrix::constant(2, 2, 7);
    CHECK(c == Matrix{{7, 7}, {7, 7}});
    CHECK_FALSE(c.is_zero());
    Matrix f = Matrix::for_overwrite(2, 2);
    f.fill(3);
    CHECK(f == Matrix::constant(2, 2, 3));
}

TEST_CASE("copies are deep, a moved-from matrix is empty", "[core][matrix]") {
    Matrix a{{1, 2}, {3, 4}};
    Matrix b = a;
    b(0, 0) = 9;
    CHECK(a(0, 0) == 1);
    CHECK(a != b);
    a = b;
    CHECK(a == b);
    const Matrix c = std::move(b);
    CHECK(c(0, 0) == 9);
    CHECK(b.rows() == 0);  // NOLINT(bugprone-use-after-move): stated behaviour
    CHECK(b.size() == 0);
}

TEST_CASE("equality needs the same shape and entries", "[core][matrix]") {
    CHECK(Matrix(2, 3) != Matrix(3, 2));
    CHECK(Matrix(0, 0) == Matrix());
    CHECK(Matrix{{1, 2}} != Matrix{{1, 3}});
}

TEST_CASE("resize zeroes, resize_keeping keeps the shared corner", "[core][matrix]") {
    Matrix m{{1, 2}, {3, 4}};
    m.resize_keeping(3, 3);
    CHECK(m == Matrix{{1, 2, 0}, {3, 4, 0}, {0, 0, 0}});
    m.resize_keeping(1, 2);
    CHECK(m == Matrix{{1, 2}});
    m.resize(2, 2);
    CHECK(m == Matrix(2, 2));
}

TEST_CASE("rows of unequal length are refused", "[core][matrix]") {
    CHECK_THROWS_AS((Matrix{{1, 2}, {3}}), std::invalid_argument);
}
