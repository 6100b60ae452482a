#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/sla/sla_policy.hpp"
#include "fsd/sla/sla_status.hpp"

namespace fsd {

/// How to read a plan against SLA deadlines.
struct SlaAtRiskOptions {
    /// Flag tickets whose ETA comes within `margin` seconds of the deadline too.
    Duration margin = 0;
    /// Whether the engineer's arrival also counts as the first response
    /// (field-service "on-site response"); by default the ETA is compared
    /// with the resolution deadline only.
    bool response_on_site = false;
};

/// A ticket that will breach (or is already breached, or is within the margin).
struct SlaAtRisk {
    std::string ticket;
    SlaMetric metric = SlaMetric::resolution;
    int cycle = 1;
    Time deadline = 0;
    Time eta = 0;
    Duration late_by = 0;           ///< eta - deadline (negative inside the margin)
    Duration late_by_business = 0;  ///< the same in the target's business time
    bool already_breached = false;
};

/// Given status rows (sla_status_table) and a plan's expected resolution
/// instants per ticket id, the open metrics that will be late, latest first.
/// Tickets without an ETA are not judged.
std::vector<SlaAtRisk> sla_at_risk(const std::vector<SlaMetricStatus>& statuses,
                                   const std::unordered_map<std::string, Time>& etas, const SlaPolicy& policy,
                                   const SlaAtRiskOptions& options = {});

}  // namespace fsd
