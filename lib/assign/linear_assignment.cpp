#include "fsd/assign/linear_assignment.hpp"

#include <algorithm>
#include <functional>
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

// Shortest augmenting paths over every allowed pair of `in`; leaves the row
// and column duals in u and v (reduced cost c - u - v >= 0 on every pair of a
// placed row, 0 on its own pair; v <= 0 with 0 on free columns).
LinearAssignment solve_all_pairs(const SparseAssignmentInput& in, std::vector<Cost>& u, std::vector<Cost>& v) {
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
    u.assign(n, 0);
    v.assign(m, 0);
    std::vector<Cost> shortest(total_columns, kInf);
    std::vector<std::int64_t> path(total_columns, -1);
    std::vector<char> settled(total_columns, 0);
    // Reached columns in a binary heap with lazy deletion: a column is pushed
    // again when its label drops, and stale entries are skipped when popped.
    // On equal labels a free column comes first, so searches end early.
    struct Entry {
        Cost label;
        bool taken;
        std::size_t column;
        bool operator>(const Entry& o) const {
            if (label != o.label) return label > o.label;
            if (taken != o.taken) return taken;
            return column > o.column;
        }
    };
    std::vector<Entry> heap;
    std::vector<std::size_t> touched;  // columns whose labels must be reset
    std::vector<std::size_t> settled_columns;
    std::vector<std::size_t> scanned_rows;
    LinearAssignment result;

    auto reset_labels = [&] {
        for (std::size_t j : touched) shortest[j] = kInf, path[j] = -1, settled[j] = 0;
        touched.clear();
        heap.clear();
        settled_columns.clear();
        scanned_rows.clear();
    };
    auto relax = [&](std::size_t j, Cost label, std::size_t row) {
        if (settled[j] || label >= shortest[j]) return;
        if (shortest[j] == kInf) touched.push_back(j);
        shortest[j] = label;
        path[j] = static_cast<std::int64_t>(row);
        heap.push_back(Entry{label, row_of[j] >= 0, j});
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
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
            // Settle the reached column with the least label.
            std::size_t j = total_columns;
            while (!heap.empty()) {
                std::pop_heap(heap.begin(), heap.end(), std::greater<>());
                const Entry top = heap.back();
                heap.pop_back();
                if (!settled[top.column] && top.label == shortest[top.column]) {
                    j = top.column;
                    break;
                }
            }
            if (j == total_columns) break;  // no augmenting path: the row cannot be placed
            settled[j] = 1;
            settled_columns.push_back(j);
            min_value = shortest[j];
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

LinearAssignment solve_pruned(const SparseAssignmentInput& in, Index candidates_per_row) {
    std::vector<Cost> u, v;
    const auto n = static_cast<std::size_t>(in.rows);
    bool prune = false;
    for (std::size_t i = 0; i < n && candidates_per_row > 0; ++i)
        if (in.row_start[i + 1] - in.row_start[i] > candidates_per_row) prune = true;
    if (!prune) return solve_all_pairs(in, u, v);

    // Solve on each row's cheapest pairs only, then price every pair left out
    // with the duals of that solution. When none has a negative reduced cost
    // the duals are feasible for the whole problem and the solution is optimal
    // for it (LP duality); otherwise the offending pairs join and it is solved
    // again. Long searches over many equal-looking columns are what make the
    // full problem slow; the cheap pairs nearly always hold the optimum.
    std::vector<char> kept(in.column.size(), 0);
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i) {
        const auto b = static_cast<std::size_t>(in.row_start[i]), e = static_cast<std::size_t>(in.row_start[i + 1]);
        order.resize(e - b);
        for (std::size_t k = b; k < e; ++k) order[k - b] = k;
        const auto keep = std::min(order.size(), static_cast<std::size_t>(candidates_per_row));
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep) - (keep > 0 ? 1 : 0), order.end(),
                         [&](std::size_t x, std::size_t y) { return in.cost[x] != in.cost[y] ? in.cost[x] < in.cost[y] : x < y; });
        for (std::size_t k = 0; k < keep; ++k) kept[order[k]] = 1;
    }
    // Each column keeps its cheapest rows too, so that a column nobody ranks
    // high is not left free in the first solve (free columns with many rows
    // able to take them would fail the check below wholesale).
    {
        const auto m = static_cast<std::size_t>(in.columns);
        std::vector<std::vector<std::pair<Cost, std::size_t>>> by_column(m);
        for (std::size_t k = 0; k < in.column.size(); ++k) {
            auto& list = by_column[static_cast<std::size_t>(in.column[k])];
            const std::pair<Cost, std::size_t> entry{in.cost[k], k};
            // Bounded max-heap of the cheapest `candidates_per_row` entries.
            if (list.size() < static_cast<std::size_t>(candidates_per_row)) {
                list.push_back(entry);
                std::push_heap(list.begin(), list.end());
            } else if (entry < list.front()) {
                std::pop_heap(list.begin(), list.end());
                list.back() = entry;
                std::push_heap(list.begin(), list.end());
            }
        }
        for (const auto& list : by_column)
            for (const auto& [cost, k] : list) kept[k] = 1;
    }
    std::int64_t scanned = 0;
    while (true) {
        SparseAssignmentInput sub;
        sub.rows = in.rows;
        sub.columns = in.columns;
        sub.leave = in.leave;
        sub.row_start.reserve(n + 1);
        for (std::size_t i = 0; i < n; ++i) {
            for (auto k = static_cast<std::size_t>(in.row_start[i]); k < static_cast<std::size_t>(in.row_start[i + 1]); ++k)
                if (kept[k]) {
                    sub.column.push_back(in.column[k]);
                    sub.cost.push_back(in.cost[k]);
                }
            sub.row_start.push_back(static_cast<std::int64_t>(sub.column.size()));
        }
        LinearAssignment result = solve_all_pairs(sub, u, v);
        scanned += result.rows_scanned;
        if (!result.feasible) {
            // A row that must be placed found no room among its cheap pairs:
            // duals of unplaced rows prove nothing, so solve in full.
            LinearAssignment full = solve_all_pairs(in, u, v);
            full.rows_scanned += scanned;
            return full;
        }
        std::size_t added = 0;
        for (std::size_t i = 0; i < n; ++i)
            for (auto k = static_cast<std::size_t>(in.row_start[i]); k < static_cast<std::size_t>(in.row_start[i + 1]); ++k)
                if (!kept[k] && in.cost[k] - u[i] - v[static_cast<std::size_t>(in.column[k])] < 0) {
                    kept[k] = 1;
                    ++added;
                }
        if (added == 0) {
            result.rows_scanned = scanned;
            return result;
        }
    }
}

}  // namespace

LinearAssignment solve_linear_assignment(const SparseAssignmentInput& in, Index candidates_per_row) {
    check_input(in);
    return solve_pruned(in, candidates_per_row);
}

// Exact assignment by an auction with epsilon scaling, for inputs where every
// row may be left out. Written as a square problem so that the classic
// optimality argument applies: persons are the rows and one "keeps column k
// free" person per column; objects are the columns and one "row i left out"
// object per row. Row i may take its allowed columns or its own left-out
// object; the person of column k may take column k or any left-out object,
// both at no cost. A perfect matching always exists, and every optimum of it
// is an optimum of the original problem.
LinearAssignment solve_linear_assignment_auction(const SparseAssignmentInput& in) {
    check_input(in);
    const auto n = static_cast<std::size_t>(in.rows);
    const auto m = static_cast<std::size_t>(in.columns);
    for (std::size_t i = 0; i < n; ++i)
        if (in.leave[i] == kForbidden)
            throw InputError("/leave/" + std::to_string(i), "the auction needs every row to be free to stay out");
    const std::size_t persons = n + m;
    // Benefits are minus costs, times (persons + 1): an assignment within
    // epsilon = 1 of optimal in these units is optimal in the original ones.
    const Cost scale = static_cast<Cost>(persons) + 1;
    Cost largest = 1;
    for (Cost c : in.cost) largest = std::max(largest, c < 0 ? -c : c);
    for (Cost c : in.leave) largest = std::max(largest, c < 0 ? -c : c);
    const Cost top = largest * scale;

    // Objects: columns 0..m-1, then row i's left-out object at m + i.
    std::vector<Cost> price(persons, 0);
    std::vector<std::int64_t> owner(persons, -1);
    std::vector<std::int64_t> holds(persons, -1);
    // Left-out objects by price, for the column persons who want the
    // cheapest two. Prices only rise, so a min-heap with lazy deletion is
    // enough: a raised object is pushed again and stale entries are dropped
    // when they surface.
    using Priced = std::pair<Cost, std::size_t>;
    std::vector<Priced> by_price;
    for (std::size_t i = 0; i < n; ++i) by_price.emplace_back(0, m + i);
    std::make_heap(by_price.begin(), by_price.end(), std::greater<>());
    auto drop_stale = [&] {
        while (!by_price.empty() && by_price.front().first != price[by_price.front().second]) {
            std::pop_heap(by_price.begin(), by_price.end(), std::greater<>());
            by_price.pop_back();
        }
    };
    auto set_price = [&](std::size_t obj, Cost p) {
        price[obj] = p;
        if (obj >= m) {
            by_price.emplace_back(p, obj);
            std::push_heap(by_price.begin(), by_price.end(), std::greater<>());
        }
    };

    // Per row: its best objects at its last full scan (object, benefit,
    // value then), best first, and the best value of any other object then.
    constexpr int kCached = 4;
    struct Cached {
        int size = 0;
        std::size_t object[kCached] = {};
        Cost benefit[kCached] = {};
        Cost value[kCached] = {};
        Cost bound = std::numeric_limits<Cost>::min();
    };
    std::vector<Cached> cache(n);

    LinearAssignment result;
    std::vector<std::size_t> waiting;
    // Epsilon from a sixteenth of the benefit range down to 1, a sixth each
    // phase: the best of the schedules measured on generated batches (starts
    // from 1/4 to 1/8192 of the range, factors 4 to 20; the time varies by
    // up to 2x between them, so this is worth re-measuring on real data).
    Cost eps = std::max<Cost>(1, top / 16);
    std::vector<Cost> held_benefit(persons, 0);  // benefit of the object each person holds
    for (std::size_t p = 0; p < persons; ++p) waiting.push_back(persons - 1 - p);
    while (true) {
        while (!waiting.empty()) {
            const std::size_t p = waiting.back();
            waiting.pop_back();
            Cost best = std::numeric_limits<Cost>::min(), second = std::numeric_limits<Cost>::min();
            std::size_t best_obj = 0;
            auto offer = [&](std::size_t obj, Cost value) {
                if (value > best) {
                    second = best;
                    best = value;
                    best_obj = obj;
                } else if (value > second) {
                    second = value;
                }
            };
            if (p < n) {
                // Prices only rise, so values only fall: the row's best few
                // objects from its last full scan, re-priced, decide the bid
                // whenever the second best of them still beats the value the
                // next-best object had then (no other object can exceed it).
                Cached& c = cache[p];
                bool decided = false;
                if (c.size > 0) {
                    for (int q = 0; q < c.size; ++q) offer(c.object[q], c.benefit[q] - price[c.object[q]]);
                    decided = c.size >= 2 && second >= c.bound;
                    if (!decided) best = second = std::numeric_limits<Cost>::min();
                }
                if (!decided) {
                    ++result.rows_scanned;
                    c.size = 0;
                    c.bound = std::numeric_limits<Cost>::min();
                    auto keep = [&](std::size_t obj, Cost benefit) {
                        const Cost value = benefit - price[obj];
                        offer(obj, value);
                        // Insert into the row's sorted top list; what falls off bounds the rest.
                        int q = c.size;
                        if (q == kCached) {
                            if (value <= c.value[kCached - 1]) {
                                c.bound = std::max(c.bound, value);
                                return;
                            }
                            c.bound = std::max(c.bound, c.value[kCached - 1]);
                            --q;
                        } else {
                            ++c.size;
                        }
                        while (q > 0 && c.value[q - 1] < value) {
                            c.object[q] = c.object[q - 1];
                            c.benefit[q] = c.benefit[q - 1];
                            c.value[q] = c.value[q - 1];
                            --q;
                        }
                        c.object[q] = obj;
                        c.benefit[q] = benefit;
                        c.value[q] = value;
                    };
                    for (auto k = static_cast<std::size_t>(in.row_start[p]); k < static_cast<std::size_t>(in.row_start[p + 1]); ++k)
                        keep(static_cast<std::size_t>(in.column[k]), -in.cost[k] * scale);
                    keep(m + p, -in.leave[p] * scale);
                }
            } else {
                const std::size_t k = p - n;
                offer(k, -price[k]);
                drop_stale();
                if (!by_price.empty()) {
                    const Priced first = by_price.front();
                    offer(first.second, -first.first);
                    std::pop_heap(by_price.begin(), by_price.end(), std::greater<>());
                    by_price.pop_back();
                    drop_stale();
                    if (!by_price.empty()) offer(by_price.front().second, -by_price.front().first);
                    by_price.push_back(first);
                    std::push_heap(by_price.begin(), by_price.end(), std::greater<>());
                }
            }
            // With a single choice the bid only has to beat everyone else's
            // interest in it, which never exceeds the benefit range.
            if (second == std::numeric_limits<Cost>::min()) second = best - 2 * top;
            const Cost price_before = price[best_obj];
            set_price(best_obj, price[best_obj] + (best - second) + eps);
            if (owner[best_obj] >= 0) {
                holds[static_cast<std::size_t>(owner[best_obj])] = -1;
                waiting.push_back(static_cast<std::size_t>(owner[best_obj]));
            }
            owner[best_obj] = static_cast<std::int64_t>(p);
            holds[p] = static_cast<std::int64_t>(best_obj);
            held_benefit[p] = best + price_before;
        }
        if (eps == 1) break;
        eps = std::max<Cost>(1, eps / 6);
        // A new phase keeps every pair that is still within the new epsilon
        // of the person's best choice (an upper bound of it: the cached best
        // objects re-priced, and the bound on the rest); the others bid again.
        for (std::size_t p = 0; p < persons; ++p) {
            const auto obj = static_cast<std::size_t>(holds[p]);
            const Cost value = held_benefit[p] - price[obj];
            Cost best_upper = std::numeric_limits<Cost>::min();
            if (p < n) {
                const Cached& c = cache[p];
                best_upper = c.bound;
                for (int q = 0; q < c.size; ++q) best_upper = std::max(best_upper, c.benefit[q] - price[c.object[q]]);
            } else {
                best_upper = -price[p - n];
                drop_stale();
                if (!by_price.empty()) best_upper = std::max(best_upper, -by_price.front().first);
            }
            if (value >= best_upper - eps) continue;
            owner[obj] = -1;
            holds[p] = -1;
            waiting.push_back(p);
        }
        std::reverse(waiting.begin(), waiting.end());
    }

    result.column_of_row.assign(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        const auto obj = static_cast<std::size_t>(holds[i]);
        if (obj >= m) {
            result.total += in.leave[i];
            continue;
        }
        result.column_of_row[i] = static_cast<Index>(obj);
        for (auto k = static_cast<std::size_t>(in.row_start[i]); k < static_cast<std::size_t>(in.row_start[i + 1]); ++k)
            if (static_cast<std::size_t>(in.column[k]) == obj) {
                result.total += in.cost[k];
                break;
            }
    }
    return result;
}

}  // namespace fsd
