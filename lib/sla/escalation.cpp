#include "fsd/sla/escalation.hpp"

#include <algorithm>

namespace fsd {

std::vector<SlaEscalation> sla_escalations(const std::vector<SlaTicket>& tickets, const SlaPolicy& policy, Time at) {
    std::vector<SlaEscalation> out;
    const auto& ladder = policy.escalation();
    auto collect = [&](const SlaMetricStatus& m) {
        for (std::size_t i = 0; i < ladder.size() && i < m.clock.threshold_times.size(); ++i) {
            if (m.clock.threshold_times[i] == kTimeMax) continue;
            out.push_back({m.ticket, m.metric, m.cycle, ladder[i].percent, ladder[i].action, m.clock.threshold_times[i],
                           m.clock.threshold_passed[i]});
        }
    };
    for (const auto& t : tickets) {
        const SlaTicketStatus st = sla_ticket_status(t, policy, at, true);
        if (st.response) collect(*st.response);
        for (const auto& c : st.resolution) collect(c);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.time != b.time ? a.time < b.time : a.ticket < b.ticket;
    });
    return out;
}

}  // namespace fsd
