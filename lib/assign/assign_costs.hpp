#pragma once
// Internal: the per-pair data of a batch (compatibility and travel), computed
// once for the ticket x engineer pairs only, and the cost formulas on top.
#include <cstdint>
#include <vector>

#include "fsd/assign/assign.hpp"
#include "fsd/assign/linear_assignment.hpp"

namespace fsd::detail {

class AssignCosts {
public:
    /// Prices every ticket x engineer pair once (validated input expected).
    AssignCosts(const AssignProblem& problem, const AssignOptions& options);

    /// Travel seconds (speed factor applied) or -1 when e may not serve t.
    std::int64_t travel(Index t, Index e) const noexcept {
        return travel_[static_cast<std::size_t>(t) * engineers_ + static_cast<std::size_t>(e)];
    }
    bool compatible(Index t, Index e) const noexcept { return travel(t, e) >= 0; }

    /// Seconds from now to the start of service of t as e's order-th ticket.
    Duration eta(Index t, Index e, int order) const noexcept {
        return start_offset_[static_cast<std::size_t>(e)] + travel(t, e) +
               static_cast<Duration>(order) * options_.per_ticket_time;
    }
    Duration lateness(Index t, Duration eta) const noexcept {
        const Duration slack = slack_[static_cast<std::size_t>(t)];
        return eta > slack ? eta - slack : 0;
    }

    /// kForbidden when incompatible; otherwise capped at kAssignmentCostLimit.
    Cost serve(Index t, Index e, int order) const noexcept {
        const std::int64_t tr = travel(t, e);
        if (tr < 0) return kForbidden;
        const Duration eta = start_offset_[static_cast<std::size_t>(e)] + tr +
                             static_cast<Duration>(order) * options_.per_ticket_time;
        Cost c = weighted(options_.eta_weight, eta);
        const Duration slack = slack_[static_cast<std::size_t>(t)];
        if (eta > slack) c += weighted(options_.lateness_weight, eta - slack);
        if (options_.balance_weight != 0)
            c += weighted(options_.balance_weight, workload_[static_cast<std::size_t>(e)] +
                                                       static_cast<Duration>(order) * options_.per_ticket_time);
        return c < kAssignmentCostLimit ? c : kAssignmentCostLimit;
    }
    Cost leave(Index t) const noexcept { return leave_[static_cast<std::size_t>(t)]; }

    /// Metres of the pair (great-circle recomputed, or from the matrix).
    Distance distance(Index t, Index e) const;

    /// weight x value capped at kAssignmentCostLimit (both non-negative).
    static Cost weighted(Cost weight, std::int64_t value) noexcept {
        if (weight == 0 || value <= 0) return 0;
        if (value >= kAssignmentCostLimit / weight) return kAssignmentCostLimit;
        return weight * value;
    }

private:
    const AssignProblem& problem_;
    AssignOptions options_;
    std::size_t engineers_ = 0;
    std::vector<std::int32_t> travel_;       // per pair, ticket-major; capped below 2^31, so int32 halves the table
    std::vector<Duration> start_offset_;     // per engineer: max(0, available_from - now)
    std::vector<Duration> workload_;         // per engineer
    std::vector<Duration> slack_;            // per ticket: deadline - now (kTimeMax without)
    std::vector<Cost> leave_;                // per ticket
};

}  // namespace fsd::detail
