#pragma once
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/sla/sla_policy.hpp"
#include "fsd/sla/sla_status.hpp"

namespace fsd {

/// A rung of the ladder reached (or to be reached) by one clock.
struct SlaEscalation {
    std::string ticket;
    SlaMetric metric = SlaMetric::resolution;
    int cycle = 1;
    int percent = 100;
    std::string action;
    Time time = 0;       ///< when elapsed business time (net of pauses) reaches the level
    bool fired = false;  ///< passed by the reading instant; otherwise projected with no further pause
};

/// The ladder of the policy applied to every clock of every ticket at `at`:
/// levels already fired, and for clocks still open the ones to come.
/// Ordered by time, then ticket.
std::vector<SlaEscalation> sla_escalations(const std::vector<SlaTicket>& tickets, const SlaPolicy& policy, Time at);

}  // namespace fsd
