#pragma once
// Private to lib/sim: the built-in policies' factories and the rules they share.
#include <algorithm>
#include <memory>

#include "fsd/sim/policy.hpp"

namespace fsd::sim_detail {

std::unique_ptr<Policy> make_nearest_policy();
std::unique_ptr<Policy> make_least_loaded_policy();
std::unique_ptr<Policy> make_edf_policy();
std::unique_ptr<Policy> make_batch_policy(Duration interval);
std::unique_ptr<Policy> make_insertion_policy(Duration reoptimise_interval);

/// The latest the engine lets a visit end when it starts it (shift end plus
/// the allowed overtime); a policy that queues beyond it strands the ticket
/// until the shift ends.
inline Time latest_end(const SimContext& ctx, Index e) {
    return ctx.engineer(e).shift_end + ctx.scenario().rules.max_overtime;
}

/// The waiting ticket the engineer, idle where it is, reaches soonest among
/// those it may serve and start under the overtime rule; -1 when none.
Index nearest_startable_ticket(const SimContext& ctx, Index e);

/// The start-of-service deadline that still keeps an SLA on expected
/// durations: on site by the response deadline, finished by the resolution
/// deadline, whichever comes first and has not passed. A breached SLA is
/// lost whatever happens next, so it no longer makes the ticket urgent;
/// kTimeMax when nothing can be kept any more.
inline Time service_deadline(const SimContext& ctx, Index e, Index t) {
    const SimTicket& tk = ctx.ticket(t);
    const Time res = tk.resolution_deadline == kTimeMax ? kTimeMax : tk.resolution_deadline - ctx.expected_duration(e, t);
    Time due = kTimeMax;
    if (tk.response_deadline >= ctx.now()) due = tk.response_deadline;
    if (res >= ctx.now()) due = std::min(due, res);
    return due;
}

}  // namespace fsd::sim_detail
