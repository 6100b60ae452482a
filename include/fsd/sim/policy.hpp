#pragma once
// The dispatch policy interface of the simulator. A policy reacts to three
// calls and acts through the context: it sees tickets that exist (never
// future ones, never the drawn durations or travel noise) and engineers'
// states, and it gives tickets to engineers' queues.
#include <memory>
#include <string>
#include <vector>

#include "fsd/sim/scenario.hpp"
#include "fsd/sim/ticket_stream.hpp"
#include "fsd/travel/great_circle.hpp"

namespace fsd {

/// What a ticket is doing.
enum class SimTicketStatus {
    waiting,      ///< open and in nobody's queue: the policy should place it
    queued,       ///< in an engineer's queue, not started
    en_route,     ///< its engineer is driving there
    on_site,
    parked,       ///< waiting for the follow-up visit to become due
    resolved,
    cancelled,
};

/// What an engineer is doing.
enum class SimEngineerStatus { off_shift, idle, travelling, on_site, on_break, going_home };

/// "waiting", "queued", ... / "off_shift", "idle", ...
std::string_view to_string(SimTicketStatus s) noexcept;
std::string_view to_string(SimEngineerStatus s) noexcept;

/// An engineer as a policy sees it.
struct SimEngineerView {
    SimEngineerStatus status = SimEngineerStatus::off_shift;
    /// Where the engineer is, or will be when the current drive or visit ends.
    Coordinates position;
    /// When the current activity is expected to end (now when idle), on
    /// expected durations: the policy does not know the actual ones.
    Time free_at = 0;
    Time shift_start = 0;  ///< today's (or the next) shift; kTimeMax when none is left
    Time shift_end = 0;
    Index current_ticket = -1;  ///< being driven to or served
    std::vector<Index> queue;   ///< tickets given to it, in the order they will be served
};

/// The simulator as a policy sees and drives it. References stay valid only
/// during the call.
class SimContext {
public:
    virtual ~SimContext() = default;

    virtual Time now() const = 0;
    virtual const Scenario& scenario() const = 0;

    /// Tickets created so far (indices 0 .. ticket_count() - 1).
    virtual Index ticket_count() const = 0;
    virtual const SimTicket& ticket(Index t) const = 0;
    virtual SimTicketStatus ticket_status(Index t) const = 0;
    /// Visits already made to the ticket (0 before the first).
    virtual int visits(Index t) const = 0;
    /// Waiting tickets (created or due again, in nobody's queue), in the order they became waiting.
    virtual const std::vector<Index>& waiting() const = 0;

    virtual Index engineer_count() const = 0;
    virtual const SimEngineerView& engineer(Index e) const = 0;
    /// Whether the engineer has the ticket type's skill at its level.
    virtual bool can_serve(Index e, Index t) const = 0;
    /// Whether the engineer is on shift now.
    virtual bool on_shift(Index e) const = 0;

    /// Expected (noise-free) travel between two points.
    virtual GreatCircleLeg travel(const Coordinates& from, const Coordinates& to) const = 0;
    /// Expected time on site for this engineer (the type's mean times its level factor).
    virtual Duration expected_duration(Index e, Index t) const = 0;

    /// Appends a waiting ticket to the engineer's queue; InputError when the
    /// ticket is not waiting or the engineer cannot serve it.
    virtual void assign(Index t, Index e) = 0;
    /// Replaces the engineer's queue. Tickets may come from its old queue or
    /// be waiting; tickets dropped from the old queue become waiting.
    virtual void set_queue(Index e, const std::vector<Index>& tickets) = 0;
    /// Takes a queued ticket back (it becomes waiting).
    virtual void unassign(Index t) = 0;
};

/// A dispatch policy. The simulator calls on_ticket when a ticket becomes
/// waiting (created, due for a follow-up, or handed back: at a shift's end,
/// or when its engineer may no longer start it under the overtime rule),
/// on_engineer_free when an on-shift engineer is idle with an empty queue,
/// and on_tick every tick_interval() seconds (never when it returns 0).
class Policy {
public:
    virtual ~Policy() = default;
    virtual std::string name() const = 0;
    virtual Duration tick_interval() const { return 0; }
    virtual void on_ticket(SimContext& ctx, Index ticket) { (void)ctx, (void)ticket; }
    virtual void on_engineer_free(SimContext& ctx, Index engineer) { (void)ctx, (void)engineer; }
    virtual void on_tick(SimContext& ctx) { (void)ctx; }
};

/// The built-in policies by name:
///   "nearest"       a new ticket goes to the nearest idle qualified engineer;
///                   a freed engineer takes the nearest waiting ticket it can serve
///   "least_loaded"  each ticket at once to the qualified on-shift engineer with
///                   the least queued work (ties: nearer)
///   "edf"           earliest SLA deadline first: a freed engineer takes the
///                   waiting ticket due first; new tickets go to the nearest idle one
///   "batch"         exact batch assignment of waiting tickets to free
///                   engineers every 5 minutes; "batch:N" every N seconds
///   "insertion"     cheapest insertion into engineers' queues, re-optimised
///                   by relocation every hour (both price travel, delay, SLA
///                   breaches and failed first visits: docs/simulation.md);
///                   "insertion:N" every N seconds
///   "week"          each evening (22:00) the unstarted work is planned with
///                   the route solver over the engineers' shifts of the next
///                   5 days; each engineer's next shift becomes its queue,
///                   tickets planned later are held; during the day, and after
///                   an evening whose plan shows a backlog, the insertion
///                   policy serves the rest (docs/simulation.md); "week:N"
///                   plans N days ahead (1 to 14)
/// InputError naming the policy otherwise.
std::unique_ptr<Policy> make_policy(const std::string& name);

/// Names of the built-in policies, in the order above.
const std::vector<std::string>& builtin_policy_names();

}  // namespace fsd
