#pragma once
// Private to lib/sim: the built-in policies' factories and the rules they share.
#include <algorithm>
#include <cstdint>
#include <memory>

#include "fsd/sim/policy.hpp"

namespace fsd::sim_detail {

std::unique_ptr<Policy> make_nearest_policy();
std::unique_ptr<Policy> make_least_loaded_policy();
std::unique_ptr<Policy> make_edf_policy();
std::unique_ptr<Policy> make_batch_policy(Duration interval);
std::unique_ptr<Policy> make_insertion_policy(Duration reoptimise_interval);

/// The most days the week policy plans ahead: its problem grows with them.
inline constexpr int kMaxWeekHorizonDays = 14;

/// How the week policy plans (policy_week.cpp, docs/simulation.md).
struct WeekPolicyOptions {
    int horizon_days = 5;             ///< shifts starting within this many days are planned
    Duration tick = 3600;             ///< how often it looks for the evening and the fallback re-optimises
    /// The evening: the plan is made at the first tick at or after this time
    /// of day (local seconds), when generated scenarios' shifts (ending by 17:00)
    /// are over, overtime included.
    Duration plan_at = 22 * 3600;
    /// A backstop: the iteration and stagnation limits end a solve first
    /// (same seed, same plan) unless the machine is very slow.
    double time_limit_seconds = 5.0;
    std::int64_t iteration_limit = 50;
    std::int64_t stagnation_limit = 25;
    std::uint64_t seed = 1;           ///< plus the day number, for each evening's solve
    Cost lateness = 100;              ///< per second late on a keepable SLA (travel costs 1 per second)
    Duration margin = 1800;           ///< SLA deadlines are planned this much early
    Cost overtime_per_hour = 4 * 3600;
    /// Under a backlog that costs SLAs (policy_week.cpp) the evening queues at
    /// most this many visits per route and holds none: 0 leaves that day to
    /// the insertion rules (1 lost 1.3 points of response on `peak`).
    size_t backlog_commit = 0;
};
std::unique_ptr<Policy> make_week_policy(const WeekPolicyOptions& options);

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
/// durations: on site by the response deadline (first visits only: a
/// follow-up has answered already), finished by the resolution deadline,
/// whichever comes first and has not passed. A breached SLA is
/// lost whatever happens next, so it no longer makes the ticket urgent;
/// kTimeMax when nothing can be kept any more.
inline Time service_deadline(const SimContext& ctx, Index e, Index t) {
    const SimTicket& tk = ctx.ticket(t);
    const Time res = tk.resolution_deadline == kTimeMax ? kTimeMax : tk.resolution_deadline - ctx.expected_duration(e, t);
    Time due = kTimeMax;
    if (ctx.visits(t) == 0 && tk.response_deadline >= ctx.now()) due = tk.response_deadline;
    if (res >= ctx.now()) due = std::min(due, res);
    return due;
}

/// SLAs still keepable now that a visit starting at `start` would breach:
/// response (first visits only) and resolution on the expected duration.
inline int breaches(const SimContext& ctx, Index e, Index t, Time start) {
    const SimTicket& tk = ctx.ticket(t);
    const Time now = ctx.now();
    int n = 0;
    if (ctx.visits(t) == 0 && tk.response_deadline != kTimeMax && tk.response_deadline >= now && start > tk.response_deadline) ++n;
    if (tk.resolution_deadline != kTimeMax) {
        const Duration d = ctx.expected_duration(e, t);
        if (tk.resolution_deadline >= now + d && start + d > tk.resolution_deadline) ++n;
    }
    return n;
}

/// The scenario's first-time-fix probability of engineer `e` on ticket `t`
/// (a dispatcher knows that seniors fix more at the first visit).
inline double fix_probability(const SimContext& ctx, Index e, Index t) {
    const Scenario& s = ctx.scenario();
    const TicketType& type = s.ticket_types[static_cast<size_t>(ctx.ticket(t).type)];
    const int level = skill_level(s.engineers[static_cast<size_t>(e)], type.skill.skill);
    const std::vector<double>& by = s.first_time_fix.by_level;
    if (by.empty() || level <= 0) return 1.0;
    return by[std::min(static_cast<size_t>(level - 1), by.size() - 1)];
}

/// Whether a failed visit ending at `end` would lose a resolution SLA that is
/// still keepable now: the follow-up comes follow_up_delay later at the earliest.
inline bool failure_breaches(const SimContext& ctx, Index e, Index t, Time end) {
    const SimTicket& tk = ctx.ticket(t);
    if (tk.resolution_deadline == kTimeMax || tk.resolution_deadline < ctx.now() + ctx.expected_duration(e, t)) return false;
    return end + ctx.scenario().first_time_fix.follow_up_delay > tk.resolution_deadline;
}

/// Whether the pool is in backlog: at least two waiting tickets per engineer.
inline bool in_backlog(const SimContext& ctx) {
    return ctx.waiting().size() >= 2 * static_cast<size_t>(ctx.engineer_count());
}

/// The price the optimising policies (insertion, batch) put on one planned
/// visit, per second where it says so. Tuned on the four presets with seed 1
/// and checked on seed 2 (docs/simulation.md):
/// - travel, and the delay until the start (short queues leave room for the
///   next urgent ticket);
/// - SLA lateness, and a fixed price per SLA lost, both as if the visit
///   started `margin` later: plans run on expected durations and drives, the
///   day does not, and attainment counts a minute late as a breach;
/// - the chance that the visit fails and the follow-up loses the resolution
///   SLA, which sends seniors to tickets with little time left.
/// Under a backlog the delay counts less and the failure price not at all:
/// capacity, not the choice of engineer, decides there.
struct VisitPrice {
    Cost travel = 8;
    Cost delay = 3;
    Cost delay_in_backlog = 1;
    Cost lateness = 40;
    Cost breach = 28'800;
    Cost failure = 28'800;
    Duration margin = 2'700;
};

/// The price of engineer `e` driving `drive` seconds to start `t` at `start`.
inline Cost visit_price(const SimContext& ctx, Index e, Index t, Duration drive, Time start, bool backlog,
                        const VisitPrice& w = {}) {
    const Time planned = start + w.margin;
    Cost cost = w.travel * drive + (backlog ? w.delay_in_backlog : w.delay) * (start - ctx.now()) +
                w.lateness * std::max<Duration>(0, planned - service_deadline(ctx, e, t)) + w.breach * breaches(ctx, e, t, planned);
    if (!backlog && failure_breaches(ctx, e, t, start + ctx.expected_duration(e, t)))
        cost += static_cast<Cost>(static_cast<double>(w.failure) * (1.0 - fix_probability(ctx, e, t)));
    return cost;
}

}  // namespace fsd::sim_detail
