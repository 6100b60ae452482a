#pragma once
// Exact rectangular min-cost assignment with forbidden pairs and an optional
// cost for leaving a row unassigned. Shortest augmenting paths (Dijkstra on
// reduced costs, one row at a time, in the manner of Jonker-Volgenant and of
// Crouse's rectangular variant) in integer arithmetic only.
//
// The "leave row i out" option is a private column of row i that no other row
// may take. It is never stored as a column of a matrix: the search relaxes it
// only when it scans row i. Only allowed pairs are stored (sparse rows), so a
// scanned row costs its allowed pairs plus a pass over the columns the search
// has reached, and memory is O(rows + columns + allowed pairs).
#include <concepts>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// Marks a pair that may not be assigned (returned by a cost function), or a
/// row that may not be left out (returned by a leave-out cost function).
inline constexpr Cost kForbidden = std::numeric_limits<Cost>::max();

/// Largest magnitude a single cost may have; sums over 10^5 rows then stay far
/// inside int64, and so do the dual values.
inline constexpr Cost kAssignmentCostLimit = 10'000'000'000'000;  // 10^13

/// The optimum: which column each row takes (-1: left out), and its cost.
struct LinearAssignment {
    bool feasible = true;            ///< false when a row that must be assigned cannot be
    std::vector<Index> column_of_row;  ///< -1 = left out (paying its leave-out cost)
    Cost total = 0;                  ///< Σ assigned costs + Σ leave-out costs
    std::int64_t rows_scanned = 0;   ///< work done: rows scanned by all searches together
};

/// The allowed pairs, row by row (compressed sparse rows), and one leave-out
/// cost per row. Entries of a row need not be sorted; a column listed twice
/// in one row is a caller error.
struct SparseAssignmentInput {
    Index rows = 0;
    Index columns = 0;
    std::vector<std::int64_t> row_start{0};  ///< rows + 1 offsets into `column` / `cost`
    std::vector<Index> column;
    std::vector<Cost> cost;                  ///< in [-kAssignmentCostLimit, kAssignmentCostLimit]
    std::vector<Cost> leave;                 ///< per row; kForbidden = the row must be assigned
};

/// Minimises Σ cost over assigned pairs + Σ leave over rows left out, each
/// column taken by at most one row; columns may stay free at no cost.
/// Rows are served in index order by shortest augmenting paths (Dijkstra on
/// reduced costs); a search stops at the first free column it settles, so
/// rows that are likely to win their column (high leave-out costs) are best
/// put first. Throws InputError when the input is malformed.
///
/// When a row has more than `candidates_per_row` allowed pairs, the problem
/// is first solved on each row's cheapest pairs and the result proven optimal
/// for all pairs by their reduced costs (pairs that could improve it are
/// added and it is solved again), which is exact and far faster on wide
/// problems; 0 always searches all pairs.
LinearAssignment solve_linear_assignment(const SparseAssignmentInput& input, Index candidates_per_row = 0);

/// The same minimum by an auction with epsilon scaling, for inputs where every
/// row may be left out (no kForbidden leave-out cost; InputError otherwise).
/// Bids, not searches: no long augmenting paths when many rows compete for
/// few columns. `rows_scanned` counts the rows' bids.
LinearAssignment solve_linear_assignment_auction(const SparseAssignmentInput& input);

/// The same with costs from functions: `cost(i, j)` returns a Cost or
/// kForbidden, `leave(i)` a Cost or kForbidden (row i must be assigned). Each
/// pair is priced exactly once, to collect the allowed ones.
template <class CostFn, class LeaveFn>
    requires std::invocable<CostFn&, Index, Index> && std::invocable<LeaveFn&, Index>
LinearAssignment solve_linear_assignment(Index rows, Index columns, CostFn&& cost, LeaveFn&& leave) {
    FSD_ASSERT(rows >= 0 && columns >= 0);
    SparseAssignmentInput in;
    in.rows = rows;
    in.columns = columns;
    in.row_start.reserve(static_cast<std::size_t>(rows) + 1);
    in.leave.reserve(static_cast<std::size_t>(rows));
    for (Index i = 0; i < rows; ++i) {
        for (Index j = 0; j < columns; ++j) {
            const Cost c = cost(i, j);
            if (c == kForbidden) continue;
            in.column.push_back(j);
            in.cost.push_back(c);
        }
        in.row_start.push_back(static_cast<std::int64_t>(in.column.size()));
        in.leave.push_back(leave(i));
    }
    return solve_linear_assignment(in);
}

/// The same on a dense row-major matrix (kForbidden entries forbid a pair) with
/// one leave-out cost per row (kForbidden: must be assigned); empty
/// `leave_costs` means every row must be assigned. Meant for small problems
/// and tests; large ones should pass cost functions.
inline LinearAssignment solve_linear_assignment(Index rows, Index columns, const std::vector<Cost>& costs,
                                                const std::vector<Cost>& leave_costs = {}) {
    FSD_ASSERT(rows >= 0 && columns >= 0);
    FSD_ASSERT(costs.size() == static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns));
    FSD_ASSERT(leave_costs.empty() || leave_costs.size() == static_cast<std::size_t>(rows));
    const auto m = static_cast<std::size_t>(columns);
    return solve_linear_assignment(
        rows, columns,
        [&](Index i, Index j) { return costs[static_cast<std::size_t>(i) * m + static_cast<std::size_t>(j)]; },
        [&](Index i) { return leave_costs.empty() ? kForbidden : leave_costs[static_cast<std::size_t>(i)]; });
}

}  // namespace fsd
