#include "fsd/sla/at_risk.hpp"

#include <algorithm>

namespace fsd {

std::vector<SlaAtRisk> sla_at_risk(const std::vector<SlaMetricStatus>& statuses,
                                   const std::unordered_map<std::string, Time>& etas, const SlaPolicy& policy,
                                   const SlaAtRiskOptions& options) {
    std::vector<SlaAtRisk> out;
    for (const auto& s : statuses) {
        if (s.clock.state == SlaClockState::completed) continue;
        if (s.metric == SlaMetric::response && !options.response_on_site) continue;
        const auto it = etas.find(s.ticket);
        if (it == etas.end()) continue;
        const Time eta = it->second;
        const Time deadline = s.clock.deadline;
        if (!s.clock.breached && eta <= deadline - options.margin) continue;
        const auto& cal = policy.calendar(policy.target_calendar(static_cast<std::size_t>(s.target_index)));
        out.push_back({s.ticket, s.metric, s.cycle, deadline, eta, eta - deadline, cal.between(deadline, eta),
                       s.clock.breached});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.late_by > b.late_by; });
    return out;
}

}  // namespace fsd
