#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/sla/sla_clock.hpp"
#include "fsd/sla/sla_policy.hpp"

namespace fsd {

/// What happened to a ticket. `assigned` is recorded but moves no clock.
enum class SlaEventKind { created, responded, assigned, waiting_for_customer, resumed, resolved, reopened };

/// The event's name as in CSV and JSON ("waiting_for_customer", ...).
const char* to_string(SlaEventKind k) noexcept;
/// Reads an event name; throws InputError at `path` for an unknown one.
SlaEventKind parse_sla_event_kind(std::string_view name, const std::string& path);

/// One event of a ticket's history.
struct SlaEvent {
    Time time = 0;
    SlaEventKind kind = SlaEventKind::created;
};

/// A ticket's history: events in time order, the first one `created`.
struct SlaTicket {
    std::string id;
    int priority = 1;  ///< 1 = highest, as in the priority matrix
    std::string tier;
    std::vector<SlaEvent> events;
};

/// One metric of one ticket, for one cycle (response has a single cycle; a
/// reopened ticket starts a new resolution cycle).
struct SlaMetricStatus {
    std::string ticket;
    int priority = 1;
    std::string tier;
    SlaMetric metric = SlaMetric::resolution;
    int cycle = 1;                 ///< 1-based
    int target_index = -1;         ///< into SlaPolicy::targets()
    SlaClockReading clock;
};

/// Everything the clocks say about one ticket at one instant.
struct SlaTicketStatus {
    std::string ticket;
    int priority = 1;
    std::string tier;
    std::optional<SlaMetricStatus> response;   ///< absent when the policy sets no response target
    std::vector<SlaMetricStatus> resolution;   ///< one per cycle, the current one last; empty if no target
    /// Whether any cycle of a metric breached (breach is sticky across cycles).
    bool breached(SlaMetric m) const;
};

/// Evaluates a ticket's clocks at `at`; events after `at` are ignored.
/// Rules (docs/sla.md): both clocks start at `created`; the response clock
/// stops at the first `responded` or `resolved`; `waiting_for_customer`
/// pauses every running clock and `resumed` resumes it; `resolved` stops the
/// resolution cycle; `reopened` after a resolution starts a new cycle with
/// the full target; events that do not apply in the current state are
/// ignored. Throws InputError ("/events/3/time" for events out of order,
/// "/events/0/event" when the history does not start with `created`,
/// "/tier", "/priority", "/at" before creation).
/// With `with_escalation`, every clock also watches the policy's ladder
/// (SlaClockReading::threshold_times, one per level).
SlaTicketStatus sla_ticket_status(const SlaTicket& ticket, const SlaPolicy& policy, Time at,
                                  bool with_escalation = false);

/// One row of a flat event table (CSV, DataFrame). Priority and tier count
/// on the `created` row; priority 0 there means "derive it from impact and
/// urgency with the policy's matrix"; an empty tier means the policy's only tier.
struct SlaEventRow {
    std::string ticket;
    Time time = 0;
    SlaEventKind kind = SlaEventKind::created;
    int priority = 0;
    std::string tier;
    int impact = 0;
    int urgency = 0;
};

/// Groups rows into tickets (in order of first appearance), checking them
/// with paths naming the row: "/events/12/time" (out of order within its
/// ticket), "/events/12/event" (no `created` first, or a second one),
/// "/events/12/tier", "/events/12/priority".
std::vector<SlaTicket> group_sla_events(const std::vector<SlaEventRow>& rows, const SlaPolicy& policy);

/// One row per ticket x metric (the current cycle), response first.
std::vector<SlaMetricStatus> sla_status_table(const std::vector<SlaTicket>& tickets, const SlaPolicy& policy, Time at);

}  // namespace fsd
