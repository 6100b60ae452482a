#pragma once
// What a simulation records: the event log plus the static facts KPIs need.
// KPIs are computed from this alone (fsd/sim/kpi.hpp), so a log written by
// hand in a test gives the same figures as one the engine wrote.
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/types.hpp"

namespace fsd {

/// Kinds of logged events. Travel is a pair travel_start -> arrive (to a
/// ticket) or travel_start -> home (ticket -1); a visit is arrive -> service_end.
enum class SimEventKind {
    created,       ///< ticket appeared
    assigned,      ///< policy gave the ticket to the engineer
    unassigned,    ///< policy (or the day's end) took it back
    travel_start,  ///< engineer drives towards `ticket` (-1: home); `value` = metres
    arrive,        ///< engineer on site at `ticket`
    service_end,   ///< visit over; `value` = 1 fixed, 0 needs a follow-up visit
    follow_up,     ///< the follow-up visit of `ticket` can be dispatched
    cancelled,     ///< customer cancelled `ticket`
    shift_start,   ///< engineer starts the day at home
    shift_end,     ///< the scheduled shift end has come
    home,          ///< engineer back home, the day's work over
    break_start,
    break_end,
};

/// "created", "assigned", ...
std::string_view to_string(SimEventKind kind) noexcept;

/// One logged event.
struct SimEvent {
    Time time = 0;
    SimEventKind kind = SimEventKind::created;
    Index ticket = -1;
    Index engineer = -1;
    std::int64_t value = 0;
    friend bool operator==(const SimEvent&, const SimEvent&) = default;
};

/// The static facts about one ticket a KPI needs.
struct LoggedTicket {
    std::string id;
    int priority = 3;
    Time created = 0;
    Time response_deadline = kTimeMax;
    Time resolution_deadline = kTimeMax;
    friend bool operator==(const LoggedTicket&, const LoggedTicket&) = default;
};

/// One scheduled shift of one engineer that began inside the horizon.
struct LoggedShift {
    Index engineer = -1;
    Time start = 0;
    Time end = 0;
    Duration break_duration = 0;  ///< scheduled, deducted from the available time
    friend bool operator==(const LoggedShift&, const LoggedShift&) = default;
};

/// A simulation run's record. Events are in processing order (time, then
/// the engine's deterministic tie-break).
struct SimLog {
    Time horizon_end = 0;
    std::vector<std::string> engineers;  ///< ids
    std::vector<LoggedTicket> tickets;
    std::vector<LoggedShift> shifts;
    std::vector<SimEvent> events;
};

}  // namespace fsd
