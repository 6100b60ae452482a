#pragma once
#include <optional>

#include "fsd/core/types.hpp"
#include "fsd/model/job.hpp"
#include "fsd/sla/sla_policy.hpp"
#include "fsd/sla/sla_status.hpp"

namespace fsd {

/// How a ticket's SLA becomes the deadline of its field visit.
struct SlaDeadlineOptions {
    /// Count the arrival on site as the first response (see SlaAtRiskOptions).
    bool response_on_site = false;
    /// Overrides of the policy target's `hard` and `lateness_cost_per_second`.
    std::optional<bool> hard;
    std::optional<Cost> lateness_cost_per_second;
};

/// The deadline on the start of service that keeps the SLA: the open
/// resolution clock's deadline minus the visit's `job_duration` (the visit
/// ends the ticket), and with `response_on_site` the open response deadline
/// too; the earliest wins and brings its target's hard flag and cost.
/// A deadline already missed is returned soft, since no plan can keep it
/// and the solver should still minimise the delay. nullopt when no clock is
/// open. Wall-clock subtraction is right here: the resolution clock stops
/// when the visit ends, whatever the calendar says about the hours between.
std::optional<SlaDeadline> to_sla_deadline(const SlaTicketStatus& status, Duration job_duration,
                                           const SlaPolicy& policy, const SlaDeadlineOptions& options = {});

/// Sets `job.sla` from to_sla_deadline (left unchanged when it is nullopt).
void apply_sla_deadline(Job& job, const SlaTicketStatus& status, const SlaPolicy& policy,
                        const SlaDeadlineOptions& options = {});

}  // namespace fsd
