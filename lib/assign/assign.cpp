#include "fsd/assign/assign.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <string>
#include <utility>

#include "assign_costs.hpp"
#include "fsd/assign/linear_assignment.hpp"
#include "fsd/core/error.hpp"

namespace fsd {
namespace {

using detail::AssignCosts;

struct Slot {
    Index engineer;
    int order;
};

// Served pairs as (ticket -> engineer, order); -1 = left out.
struct Matching {
    std::vector<Index> engineer_of;
    std::vector<int> order_of;
    std::int64_t rows_scanned = 0;
};

void check_range(std::int64_t value, std::int64_t hi, const char* field, const char* what) {
    if (value < 0 || value > hi)
        throw InputError(std::string("/options/") + field,
                         std::string(what) + " must lie between 0 and " + std::to_string(hi));
}

// More copies of an engineer than tickets could never all be used.
int copies_of(const AssignProblem& problem, std::size_t e) {
    return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(problem.engineers[e].capacity),
                                                  problem.tickets.size()));
}

Matching exact_matching(const AssignProblem& problem, const AssignCosts& costs) {
    const auto nt = static_cast<Index>(problem.tickets.size());
    // Columns: one per (engineer, copy), copy c being the engineer's c-th ticket.
    std::vector<Slot> slots;
    for (std::size_t e = 0; e < problem.engineers.size(); ++e)
        for (int c = 0; c < copies_of(problem, e); ++c) slots.push_back({static_cast<Index>(e), c});
    const auto ns = static_cast<Index>(slots.size());
    // Rows: tickets in input order (the auction does not depend on the order
    // for its result, and ordering measured no faster).
    std::vector<Index> row_ticket(static_cast<std::size_t>(nt));
    std::iota(row_ticket.begin(), row_ticket.end(), 0);
    // A pair is allowed only when serving is strictly cheaper than leaving the
    // ticket out: ties go to leaving out, and far pairs never enter the search.
    SparseAssignmentInput in;
    in.rows = nt;
    in.columns = ns;
    in.leave.reserve(static_cast<std::size_t>(nt));
    in.row_start.reserve(static_cast<std::size_t>(nt) + 1);
    // Each engineer's copies are consecutive columns from first_slot[e].
    const std::size_t ne = problem.engineers.size();
    std::vector<int> copies(ne);
    std::vector<Index> first_slot(ne);
    for (Index s = ns - 1; s >= 0; --s) first_slot[static_cast<std::size_t>(slots[static_cast<std::size_t>(s)].engineer)] = s;
    for (std::size_t e = 0; e < ne; ++e) copies[e] = copies_of(problem, e);
    // Room for every compatible pair at once: growing by doubling copied and
    // page-faulted more than the search itself on large batches.
    std::size_t upper = 0;
    for (Index t = 0; t < nt; ++t)
        for (std::size_t e = 0; e < ne; ++e)
            if (costs.compatible(t, static_cast<Index>(e))) upper += static_cast<std::size_t>(copies[e]);
    in.column.reserve(upper);
    in.cost.reserve(upper);
    for (Index r = 0; r < nt; ++r) {
        const Index t = row_ticket[static_cast<std::size_t>(r)];
        const Cost leave = costs.leave(t);
        for (std::size_t e = 0; e < ne; ++e) {
            if (copies[e] == 0 || !costs.compatible(t, static_cast<Index>(e))) continue;
            for (int c = 0; c < copies[e]; ++c) {
                const Cost cost = costs.serve(t, static_cast<Index>(e), c);
                if (cost >= leave) break;  // later copies cost no less
                in.column.push_back(first_slot[e] + c);
                in.cost.push_back(cost);
            }
        }
        in.row_start.push_back(static_cast<std::int64_t>(in.column.size()));
        in.leave.push_back(leave);
    }
    // Every ticket may be left out, so the auction applies: many tickets
    // competing for few copies make the augmenting-path searches deep (the
    // tickets left out prove their case only after settling most columns),
    // while bids stay local (bench/RESULTS.md, docs/assign.md).
    const LinearAssignment r = solve_linear_assignment_auction(in);
    FSD_ASSERT(r.feasible);
    Matching m{std::vector<Index>(static_cast<std::size_t>(nt), -1), std::vector<int>(static_cast<std::size_t>(nt), 0),
               r.rows_scanned};
    for (Index row = 0; row < nt; ++row) {
        const Index s = r.column_of_row[static_cast<std::size_t>(row)];
        if (s < 0) continue;
        const Index t = row_ticket[static_cast<std::size_t>(row)];
        m.engineer_of[static_cast<std::size_t>(t)] = slots[static_cast<std::size_t>(s)].engineer;
        m.order_of[static_cast<std::size_t>(t)] = slots[static_cast<std::size_t>(s)].order;
    }
    // Costs never fall with the order, so an optimum may skip a copy only on a
    // tie; number each engineer's tickets 0, 1, ... (in their copy order) so the
    // reported order is what the engineer does. The cost cannot rise.
    std::vector<std::vector<std::pair<int, Index>>> by_engineer(problem.engineers.size());
    for (Index t = 0; t < nt; ++t)
        if (m.engineer_of[static_cast<std::size_t>(t)] >= 0)
            by_engineer[static_cast<std::size_t>(m.engineer_of[static_cast<std::size_t>(t)])].push_back(
                {m.order_of[static_cast<std::size_t>(t)], t});
    for (auto& list : by_engineer) {
        std::sort(list.begin(), list.end());
        for (std::size_t k = 0; k < list.size(); ++k)
            m.order_of[static_cast<std::size_t>(list[k].second)] = static_cast<int>(k);
    }
    return m;
}

Matching greedy_matching(const AssignProblem& problem, const AssignCosts& costs) {
    const auto nt = static_cast<Index>(problem.tickets.size());
    const auto ne = static_cast<Index>(problem.engineers.size());
    Matching m{std::vector<Index>(static_cast<std::size_t>(nt), -1), std::vector<int>(static_cast<std::size_t>(nt), 0)};
    std::vector<Index> order(static_cast<std::size_t>(nt));
    std::iota(order.begin(), order.end(), 0);
    // Priority first, then the nearer deadline (none = last), then input order.
    std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
        const auto& x = problem.tickets[static_cast<std::size_t>(a)];
        const auto& y = problem.tickets[static_cast<std::size_t>(b)];
        if (x.priority != y.priority) return x.priority > y.priority;
        return x.sla_deadline.value_or(kTimeMax) < y.sla_deadline.value_or(kTimeMax);
    });
    std::vector<int> used(static_cast<std::size_t>(ne), 0);
    for (Index t : order) {
        Index best = -1;
        Duration best_eta = 0;
        for (Index e = 0; e < ne; ++e) {
            if (!costs.compatible(t, e) || used[static_cast<std::size_t>(e)] >= problem.engineers[static_cast<std::size_t>(e)].capacity)
                continue;
            const Duration eta = costs.eta(t, e, used[static_cast<std::size_t>(e)]);
            if (best < 0 || eta < best_eta) best = e, best_eta = eta;
        }
        if (best < 0) continue;
        m.engineer_of[static_cast<std::size_t>(t)] = best;
        m.order_of[static_cast<std::size_t>(t)] = used[static_cast<std::size_t>(best)]++;
    }
    return m;
}

AssignResult describe(const AssignProblem& problem, const AssignCosts& costs, const Matching& m, AssignMethod method) {
    const auto nt = static_cast<Index>(problem.tickets.size());
    const auto ne = static_cast<Index>(problem.engineers.size());
    AssignResult result;
    result.method = method;
    std::vector<int> used(static_cast<std::size_t>(ne), 0);
    for (Index t = 0; t < nt; ++t)
        if (m.engineer_of[static_cast<std::size_t>(t)] >= 0) ++used[static_cast<std::size_t>(m.engineer_of[static_cast<std::size_t>(t)])];
    for (Index t = 0; t < nt; ++t) {
        const Index e = m.engineer_of[static_cast<std::size_t>(t)];
        if (e >= 0) {
            AssignPair p;
            p.ticket = t;
            p.engineer = e;
            p.order = m.order_of[static_cast<std::size_t>(t)];
            p.travel = costs.travel(t, e);
            p.distance = costs.distance(t, e);
            p.eta = costs.eta(t, e, p.order);
            p.lateness = costs.lateness(t, p.eta);
            p.cost = costs.serve(t, e, p.order);
            FSD_ASSERT(p.cost != kForbidden);
            result.served_cost += p.cost;
            result.total_eta += p.eta;
            result.pairs.push_back(p);
            continue;
        }
        AssignLeftOut out;
        out.ticket = t;
        out.cost = costs.leave(t);
        bool qualified = false, room = false;
        for (Index k = 0; k < ne; ++k) {
            if (!costs.compatible(t, k)) continue;
            qualified = true;
            room = room || used[static_cast<std::size_t>(k)] < problem.engineers[static_cast<std::size_t>(k)].capacity;
        }
        out.reason = !qualified ? AssignLeftOutReason::no_qualified_engineer
                     : room     ? AssignLeftOutReason::too_costly
                                : AssignLeftOutReason::no_capacity;
        result.left_out_cost += out.cost;
        result.left_out.push_back(out);
    }
    result.served = static_cast<int>(result.pairs.size());
    result.rows_scanned = m.rows_scanned;
    result.total_cost = result.served_cost + result.left_out_cost;
    return result;
}

}  // namespace

std::string_view to_string(AssignLeftOutReason reason) noexcept {
    switch (reason) {
        case AssignLeftOutReason::no_qualified_engineer: return "no_qualified_engineer";
        case AssignLeftOutReason::no_capacity: return "no_capacity";
        case AssignLeftOutReason::too_costly: return "too_costly";
    }
    return "too_costly";
}

std::string_view to_string(AssignMethod method) noexcept {
    return method == AssignMethod::greedy ? "greedy" : "exact";
}

AssignMethod parse_assign_method(std::string_view text, const std::string& path) {
    if (text == "exact") return AssignMethod::exact;
    if (text == "greedy") return AssignMethod::greedy;
    throw InputError(path, "a method is \"exact\" or \"greedy\", got \"" + std::string(text) + "\"");
}

void validate_assign_options(const AssignOptions& o) {
    check_range(o.eta_weight, 1'000'000, "eta_weight", "eta_weight");
    check_range(o.lateness_weight, 1'000'000, "lateness_weight", "lateness_weight");
    check_range(o.balance_weight, 1'000'000, "balance_weight", "balance_weight");
    check_range(o.per_ticket_time, 1'000'000'000, "per_ticket_time", "per_ticket_time");
    check_range(o.leave_out_base, kAssignmentCostLimit / 4, "leave_out_base", "leave_out_base");
    check_range(o.leave_out_per_priority, 1'000'000'000, "leave_out_per_priority", "leave_out_per_priority");
    check_range(o.leave_out_urgency_weight, 1'000'000, "leave_out_urgency_weight", "leave_out_urgency_weight");
    check_range(o.urgency_horizon, 1'000'000'000, "urgency_horizon", "urgency_horizon");
}

Cost assign_serve_cost(const AssignProblem& problem, const AssignOptions& options, Index ticket, Index engineer,
                       int order) {
    validate_assign_problem(problem);
    validate_assign_options(options);
    FSD_ASSERT(ticket >= 0 && static_cast<std::size_t>(ticket) < problem.tickets.size());
    FSD_ASSERT(engineer >= 0 && static_cast<std::size_t>(engineer) < problem.engineers.size());
    FSD_ASSERT(order >= 0);
    return AssignCosts(problem, options).serve(ticket, engineer, order);
}

Cost assign_leave_out_cost(const AssignProblem& problem, const AssignOptions& options, Index ticket) {
    validate_assign_problem(problem);
    validate_assign_options(options);
    FSD_ASSERT(ticket >= 0 && static_cast<std::size_t>(ticket) < problem.tickets.size());
    return AssignCosts(problem, options).leave(ticket);
}

AssignResult assign(const AssignProblem& problem, const AssignOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    validate_assign_problem(problem);
    validate_assign_options(options);
    // Sums of up to 10^5 costs of at most 10^13 stay inside int64.
    if (problem.tickets.size() > 100'000) throw InputError("/tickets", "a batch may hold at most 100,000 tickets");
    AssignResult result;
    if (options.method == AssignMethod::exact) {
        const AssignCosts costs(problem, options);
        result = describe(problem, costs, exact_matching(problem, costs), AssignMethod::exact);
    } else {
        const AssignCosts costs(problem, options);
        result = describe(problem, costs, greedy_matching(problem, costs), AssignMethod::greedy);
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace fsd
