#pragma once
// Desk staffing: the fewest agents per interval that meet a service target
// (X % of calls answered within T seconds, an average speed of answer, an
// occupancy cap), by Erlang C, or by Erlang A when the callers' patience is
// known; then the agents to schedule once shrinkage is allowed for.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/staffing/erlang.hpp"

namespace fsd {

/// What the desk must achieve in every interval. Patience and the ASA cap
/// are means, hence seconds as floating point.
struct DeskTarget {
    /// Share of all arrivals to answer within `answer_within`, in [0, 1).
    double service_level = 0.8;
    /// The T of "X % within T seconds", >= 0.
    Duration answer_within = 20;
    /// Upper bound on the average speed of answer (mean wait of answered calls), seconds, > 0.
    std::optional<double> max_average_speed_of_answer;
    /// Upper bound on occupancy, in (0, 1]; 1 means no cap.
    double max_occupancy = 1.0;
    /// Share of scheduled time agents are not on the phones (breaks, meetings, absence), in [0, 1).
    double shrinkage = 0.0;
    /// Mean patience of callers, seconds; given: Erlang A, absent: Erlang C.
    std::optional<double> patience;
};

/// Throws InputError "<path>/service_level", "<path>/answer_within",
/// "<path>/max_average_speed_of_answer", "<path>/max_occupancy",
/// "<path>/shrinkage" or "<path>/patience" for a value out of range or not finite.
void validate_desk_target(const DeskTarget& target, const std::string& path = "/target");

/// Agents to schedule so that `agents` remain after shrinkage: the smallest
/// m with m (1 - shrinkage) >= agents, i.e. ceil(agents / (1 - shrinkage)),
/// with a relative tolerance of 1e-12 so that 70 agents at 30 % give 100,
/// not 101 from the rounding of 1 - 0.3. InputError "/shrinkage", "/agents".
std::int64_t scheduled_agents(std::int64_t agents, double shrinkage);

/// The staffing of one interval.
struct DeskStaffing {
    /// Agents answering: the fewest that meet the target (0 when no calls arrive).
    std::int64_t agents = 0;
    /// Agents to schedule: `agents` raised for shrinkage.
    std::int64_t scheduled = 0;
    /// The queue's figures with `agents` answering.
    QueueMeasures measures;
};

/// The fewest agents meeting `target` for one interval's demand. Erlang C
/// needs more agents than the load; Erlang A may need fewer. The search
/// starts at the load, not at 1. InputError naming "/calls", "/interval",
/// "/aht" or "/target/...".
DeskStaffing staff_desk_interval(const DeskDemand& demand, const DeskTarget& target);

/// staff_desk_interval for each interval; every input is validated before any
/// work, errors naming "/intervals/<i>/calls" and the like.
std::vector<DeskStaffing> staff_desk(const std::vector<DeskDemand>& intervals, const DeskTarget& target);

}  // namespace fsd
