#include "fsd/assign/linear_assignment.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

namespace {

using fsd::Cost;
using fsd::Index;
using fsd::kForbidden;

// Minimum over every way to give each row a distinct column or leave it out
// (when allowed), by enumeration. Returns kForbidden when no way exists.
Cost brute_force(Index rows, Index cols, const std::vector<Cost>& c, const std::vector<Cost>& leave, Index row,
                 std::vector<char>& taken) {
    if (row == rows) return 0;
    Cost best = kForbidden;
    auto consider = [&](Cost here) {
        const Cost rest = brute_force(rows, cols, c, leave, row + 1, taken);
        if (rest != kForbidden && here + rest < best) best = here + rest;
    };
    const Cost l = leave.empty() ? kForbidden : leave[static_cast<std::size_t>(row)];
    if (l != kForbidden) consider(l);
    for (Index j = 0; j < cols; ++j) {
        const Cost x = c[static_cast<std::size_t>(row * cols + j)];
        if (x == kForbidden || taken[static_cast<std::size_t>(j)]) continue;
        taken[static_cast<std::size_t>(j)] = 1;
        consider(x);
        taken[static_cast<std::size_t>(j)] = 0;
    }
    return best;
}

// Recomputes the total of a returned assignment and checks it is one.
Cost total_of(const fsd::LinearAssignment& a, Index cols, const std::vector<Cost>& c, const std::vector<Cost>& leave) {
    std::vector<char> taken(static_cast<std::size_t>(cols), 0);
    Cost total = 0;
    for (std::size_t i = 0; i < a.column_of_row.size(); ++i) {
        const Index j = a.column_of_row[i];
        if (j < 0) {
            REQUIRE(!leave.empty());
            REQUIRE(leave[i] != kForbidden);
            total += leave[i];
            continue;
        }
        REQUIRE(j < cols);
        REQUIRE_FALSE(taken[static_cast<std::size_t>(j)]);
        taken[static_cast<std::size_t>(j)] = 1;
        const Cost x = c[i * static_cast<std::size_t>(cols) + static_cast<std::size_t>(j)];
        REQUIRE(x != kForbidden);
        total += x;
    }
    return total;
}

}  // namespace

TEST_CASE("linear assignment: a hand case with a forced detour", "[assign]") {
    // Row 0 prefers column 0 but row 1 can only use column 0.
    const std::vector<Cost> c{1, 5, 2, kForbidden};
    const auto a = fsd::solve_linear_assignment(2, 2, c);
    REQUIRE(a.feasible);
    CHECK(a.column_of_row == std::vector<Index>{1, 0});
    CHECK(a.total == 7);
}

TEST_CASE("linear assignment: leaving a row out when that is cheaper", "[assign]") {
    const std::vector<Cost> c{10, 20, 30, 40};
    const auto a = fsd::solve_linear_assignment(2, 2, c, {5, 100});
    // Row 0 out (5) and row 1 on column 0 (30) beats 10 + 40 and 20 + 30.
    CHECK(a.column_of_row == std::vector<Index>{-1, 0});
    CHECK(a.total == 35);
}

TEST_CASE("linear assignment: infeasible when a row must be served and cannot", "[assign]") {
    const std::vector<Cost> c{1, kForbidden};
    const auto a = fsd::solve_linear_assignment(2, 1, c);
    CHECK_FALSE(a.feasible);
    CHECK(a.column_of_row[0] == 0);
}

TEST_CASE("linear assignment: empty sides", "[assign]") {
    CHECK(fsd::solve_linear_assignment(0, 3, std::vector<Cost>{}).total == 0);
    const auto a = fsd::solve_linear_assignment(2, 0, std::vector<Cost>{}, {4, 6});
    CHECK(a.total == 10);
    CHECK(a.column_of_row == std::vector<Index>{-1, -1});
}

TEST_CASE("linear assignment equals brute force on random small cases", "[assign]") {
    std::mt19937_64 rng(20261123);
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    int feasible_cases = 0, with_leave = 0;
    for (int round = 0; round < 3000; ++round) {
        const auto rows = static_cast<Index>(pick(0, 6));
        const auto cols = static_cast<Index>(pick(0, 6));
        const int forbid_percent = static_cast<int>(pick(0, 60));
        const bool negative = pick(0, 1) == 1;
        std::vector<Cost> c(static_cast<std::size_t>(rows * cols));
        for (auto& x : c) x = pick(0, 99) < forbid_percent ? kForbidden : pick(negative ? -50 : 0, 60);
        std::vector<Cost> leave;
        if (pick(0, 2) > 0) {
            leave.resize(static_cast<std::size_t>(rows));
            for (auto& x : leave) x = pick(0, 4) == 0 ? kForbidden : pick(negative ? -10 : 0, 80);
            ++with_leave;
        }
        std::vector<char> taken(static_cast<std::size_t>(cols), 0);
        const Cost expected = brute_force(rows, cols, c, leave, 0, taken);
        const auto a = fsd::solve_linear_assignment(rows, cols, c, leave);
        INFO("round " << round << " rows " << rows << " cols " << cols);
        REQUIRE(a.feasible == (expected != kForbidden));
        if (!a.feasible) continue;
        ++feasible_cases;
        CHECK(a.total == expected);
        CHECK(total_of(a, cols, c, leave) == expected);
    }
    CHECK(feasible_cases > 1000);
    CHECK(with_leave > 1000);
}

TEST_CASE("linear assignment: sparse rows as input, and malformed input refused", "[assign]") {
    fsd::SparseAssignmentInput in;
    in.rows = 2;
    in.columns = 3;
    in.row_start = {0, 2, 3};
    in.column = {2, 0, 2};
    in.cost = {4, 9, 1};
    in.leave = {20, kForbidden};
    const auto a = fsd::solve_linear_assignment(in);
    REQUIRE(a.feasible);
    CHECK(a.column_of_row == std::vector<Index>{0, 2});
    CHECK(a.total == 10);
    auto bad = in;
    bad.column[1] = 3;
    CHECK_THROWS_AS(fsd::solve_linear_assignment(bad), fsd::InputError);
    bad = in;
    bad.row_start = {0, 3, 2};
    CHECK_THROWS_AS(fsd::solve_linear_assignment(bad), fsd::InputError);
    bad = in;
    bad.leave.pop_back();
    CHECK_THROWS_AS(fsd::solve_linear_assignment(bad), fsd::InputError);
}

TEST_CASE("linear assignment on each row's cheapest pairs, proven by duals, equals brute force", "[assign]") {
    std::mt19937_64 rng(77);
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    for (int round = 0; round < 2000; ++round) {
        const auto rows = static_cast<Index>(pick(1, 7));
        const auto cols = static_cast<Index>(pick(1, 7));
        fsd::SparseAssignmentInput in;
        in.rows = rows;
        in.columns = cols;
        std::vector<Cost> dense(static_cast<std::size_t>(rows * cols), kForbidden), leave;
        for (Index i = 0; i < rows; ++i) {
            for (Index j = 0; j < cols; ++j)
                if (pick(0, 3) > 0) {
                    const Cost x = pick(-20, 60);
                    dense[static_cast<std::size_t>(i * cols + j)] = x;
                    in.column.push_back(j);
                    in.cost.push_back(x);
                }
            in.row_start.push_back(static_cast<std::int64_t>(in.column.size()));
            leave.push_back(pick(0, 5) == 0 ? kForbidden : pick(-5, 70));
        }
        in.leave = leave;
        std::vector<char> taken(static_cast<std::size_t>(cols), 0);
        const Cost expected = brute_force(rows, cols, dense, leave, 0, taken);
        // One or two candidates per row: most answers need pairs added back.
        const auto a = fsd::solve_linear_assignment(in, static_cast<Index>(pick(1, 2)));
        INFO("round " << round);
        REQUIRE(a.feasible == (expected != kForbidden));
        if (a.feasible) CHECK(total_of(a, cols, dense, leave) == expected);
    }
}

TEST_CASE("the auction equals brute force when every row may be left out", "[assign]") {
    std::mt19937_64 rng(4242);
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    for (int round = 0; round < 3000; ++round) {
        const auto rows = static_cast<Index>(pick(0, 7));
        const auto cols = static_cast<Index>(pick(0, 6));
        fsd::SparseAssignmentInput in;
        in.rows = rows;
        in.columns = cols;
        std::vector<Cost> dense(static_cast<std::size_t>(rows * cols), kForbidden), leave;
        const bool negative = pick(0, 1) == 1;
        for (Index i = 0; i < rows; ++i) {
            for (Index j = 0; j < cols; ++j)
                if (pick(0, 3) > 0) {
                    const Cost x = pick(negative ? -30 : 0, 60);
                    dense[static_cast<std::size_t>(i * cols + j)] = x;
                    in.column.push_back(j);
                    in.cost.push_back(x);
                }
            in.row_start.push_back(static_cast<std::int64_t>(in.column.size()));
            leave.push_back(pick(negative ? -10 : 0, 70));
        }
        in.leave = leave;
        std::vector<char> taken(static_cast<std::size_t>(cols), 0);
        const Cost expected = brute_force(rows, cols, dense, leave, 0, taken);
        const auto a = fsd::solve_linear_assignment_auction(in);
        INFO("round " << round << " rows " << rows << " cols " << cols);
        REQUIRE(a.feasible);
        CHECK(a.total == expected);
        CHECK(total_of(a, cols, dense, leave) == expected);
    }
    fsd::SparseAssignmentInput must;
    must.rows = 1;
    must.columns = 1;
    must.row_start = {0, 1};
    must.column = {0};
    must.cost = {5};
    must.leave = {kForbidden};
    REQUIRE_THROWS_AS(fsd::solve_linear_assignment_auction(must), fsd::InputError);
}
