#include "fsd/sla/sla_deadline.hpp"

namespace fsd {

std::optional<SlaDeadline> to_sla_deadline(const SlaTicketStatus& status, Duration job_duration,
                                           const SlaPolicy& policy, const SlaDeadlineOptions& options) {
    const SlaMetricStatus* binding = nullptr;
    Time best = kTimeMax;
    auto consider = [&](const SlaMetricStatus& m, Duration before) {
        if (m.clock.state == SlaClockState::completed) return;
        const Time d = m.clock.deadline - before;
        if (d < best) {
            best = d;
            binding = &m;
        }
    };
    if (!status.resolution.empty()) consider(status.resolution.back(), job_duration);
    if (options.response_on_site && status.response) consider(*status.response, 0);
    if (binding == nullptr) return std::nullopt;
    const SlaTarget& target = policy.targets().at(static_cast<std::size_t>(binding->target_index));
    SlaDeadline out;
    out.deadline = best;
    out.hard = options.hard.value_or(target.hard) && !binding->clock.breached;
    out.lateness_cost_per_second = options.lateness_cost_per_second.value_or(target.lateness_cost_per_second);
    return out;
}

void apply_sla_deadline(Job& job, const SlaTicketStatus& status, const SlaPolicy& policy,
                        const SlaDeadlineOptions& options) {
    if (auto d = to_sla_deadline(status, job.duration, policy, options)) job.sla = *d;
}

}  // namespace fsd
