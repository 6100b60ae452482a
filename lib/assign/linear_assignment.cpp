#include "fsd/assign/linear_assignment.hpp"

#include <string>

namespace fsd {
namespace {

void check_input(const SparseAssignmentInput& in) {
    if (in.rows < 0 || in.columns < 0) throw InputError("", "rows and columns may not be negative");
    const auto n = static_cast<std::size_t>(in.rows);
    if (in.row_start.size() != n + 1 || in.row_start.front() != 0 ||
        in.row_start.back() != static_cast<std::int64_t>(in.column.size()) || in.cost.size() != in.column.size())
        throw InputError("/row_start", "row_start needs rows + 1 offsets from 0 to the number of entries");
    if (in.leave.size() != n) throw InputError("/leave", "one leave-out cost per row is needed");
    for (std::size_t i = 0; i < n; ++i)
        if (in.row_start[i] > in.row_start[i + 1]) throw InputError("/row_start/" + std::to_string(i + 1), "offsets must not decrease");
    for (std::size_t k = 0; k < in.column.size(); ++k) {
        if (in.column[k] < 0 || in.column[k] >= in.columns)
            throw InputError("/column/" + std::to_string(k), "column index out of range");
        if (in.cost[k] < -kAssignmentCostLimit || in.cost[k] > kAssignmentCostLimit)
            throw InputError("/cost/" + std::to_string(k), "a cost must lie within ±10^13");
    }
    for (std::size_t i = 0; i < n; ++i)
        if (in.leave[i] != kForbidden && (in.leave[i] < -kAssignmentCostLimit || in.leave[i] > kAssignmentCostLimit))
            throw InputError("/leave/" + std::to_string(i), "a leave-out cost must lie within ±10^13 (or be kForbidden)");
}

}  // namespace

LinearAssignment solve_linear_assignment(const SparseAssignmentInput& in) {
    check_input(in);
    constexpr Cost kInf = std::numeric_limits<Cost>::max();
    const auto n = static_cast<std::size_t>(in.rows);
    const auto m = static_cast<std::size_t>(in.columns);
    // Columns 0..m-1 are the real ones; column m + i is row i's private
    // leave-out column. Its dual value stays 0: only row i can reach it, and
    // when the search settles it, it is free and ends the search as the sink
    // (whose dual does not move). A row sitting on its private column is
    // never reached again, which is right: no other row can take that column.
    const std::size_t total_columns = m + n;
    std::vector<std::int64_t> col_of(n, -1);
    std::vector<std::int64_t> row_of(total_columns, -1);
    // Duals with reduced cost c - u - v >= 0 for every assigned row and = 0 on
    // its pair. Free columns keep v = 0, the largest value, which is what makes
    // the end result optimal with columns left free.
    std::vector<Cost> u(n, 0), v(m, 0);
    std::vector<Cost> shortest(total_columns, kInf);
    std::vector<std::int64_t> path(total_columns, -1);
    std::vector<char> settled(total_columns, 0);
    // Columns given a finite label and not yet settled, with their labels side
    // by side so that finding the least is one pass over contiguous memory.
    std::vector<std::size_t> reached;
    std::vector<Cost> reached_label;
    std::vector<std::int64_t> where(total_columns, -1);  // position in `reached`
    std::vector<std::size_t> settled_columns;
    std::vector<std::size_t> scanned_rows;
    LinearAssignment result;

    auto reset_labels = [&] {
        for (std::size_t j : reached) shortest[j] = kInf, path[j] = -1, where[j] = -1;
        for (std::size_t j : settled_columns) shortest[j] = kInf, path[j] = -1, settled[j] = 0;
        reached.clear();
        reached_label.clear();
        settled_columns.clear();
        scanned_rows.clear();
    };
    auto relax = [&](std::size_t j, Cost label, std::size_t row) {
        if (settled[j] || label >= shortest[j]) return;
        if (where[j] < 0) {
            where[j] = static_cast<std::int64_t>(reached.size());
            reached.push_back(j);
            reached_label.push_back(label);
        } else {
            reached_label[static_cast<std::size_t>(where[j])] = label;
        }
        shortest[j] = label;
        path[j] = static_cast<std::int64_t>(row);
    };

    for (std::size_t start = 0; start < n; ++start) {
        Cost min_value = 0;
        std::size_t i = start;
        std::int64_t sink = -1;
        while (true) {
            scanned_rows.push_back(i);
            ++result.rows_scanned;
            const Cost base = min_value - u[i];
            for (auto k = static_cast<std::size_t>(in.row_start[i]); k < static_cast<std::size_t>(in.row_start[i + 1]); ++k) {
                const auto j = static_cast<std::size_t>(in.column[k]);
                relax(j, base + in.cost[k] - v[j], i);
            }
            // Every scanned row but the start sits on a real column, so its
            // private column is free.
            if (in.leave[i] != kForbidden) relax(m + i, base + in.leave[i], i);
            // Settle the reached column with the least label (a free one on a
            // tie). A linear pass: the reached set stays small next to the
            // relaxations, and a heap measured slower.
            std::size_t best_at = reached.size();
            Cost lowest = kInf;
            for (std::size_t k = 0; k < reached_label.size(); ++k) {
                const Cost s = reached_label[k];
                if (s < lowest || (s == lowest && row_of[reached[k]] < 0 && row_of[reached[best_at]] >= 0)) {
                    lowest = s;
                    best_at = k;
                }
            }
            if (best_at == reached.size()) break;  // no augmenting path: the row cannot be placed
            const std::size_t j = reached[best_at];
            reached[best_at] = reached.back();
            reached_label[best_at] = reached_label.back();
            where[reached[best_at]] = static_cast<std::int64_t>(best_at);
            reached.pop_back();
            reached_label.pop_back();
            where[j] = -1;
            settled[j] = 1;
            settled_columns.push_back(j);
            min_value = lowest;
            if (row_of[j] < 0) {
                sink = static_cast<std::int64_t>(j);
                break;
            }
            i = static_cast<std::size_t>(row_of[j]);
        }
        if (sink < 0) {
            result.feasible = false;
            reset_labels();
            continue;  // the other rows are still placed optimally
        }
        u[start] += min_value;
        for (std::size_t r : scanned_rows)
            if (r != start) u[r] += min_value - shortest[static_cast<std::size_t>(col_of[r])];
        for (std::size_t j : settled_columns)
            if (j < m) v[j] -= min_value - shortest[j];
        // Augment along the path back to the start row.
        auto j = static_cast<std::size_t>(sink);
        while (true) {
            const auto r = static_cast<std::size_t>(path[j]);
            row_of[j] = static_cast<std::int64_t>(r);
            const std::int64_t previous = col_of[r];
            col_of[r] = static_cast<std::int64_t>(j);
            if (r == start) break;
            j = static_cast<std::size_t>(previous);
        }
        reset_labels();
    }

    result.column_of_row.assign(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t j = col_of[i];
        if (j < 0) continue;  // a row that could not be placed
        if (static_cast<std::size_t>(j) >= m) {
            result.total += in.leave[i];
            continue;
        }
        result.column_of_row[i] = static_cast<Index>(j);
        for (auto k = static_cast<std::size_t>(in.row_start[i]); k < static_cast<std::size_t>(in.row_start[i + 1]); ++k)
            if (in.column[k] == j) {
                result.total += in.cost[k];
                break;
            }
    }
    return result;
}

}  // namespace fsd
