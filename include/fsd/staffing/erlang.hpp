#pragma once
// Queueing formulas of a service desk: Erlang B (calls that find every agent
// busy are lost), Erlang C (M/M/n: they wait as long as it takes) and Erlang A
// (M/M/n+M: they hang up after an exponential patience). All of them are
// computed from the Erlang B recursion, never from factorials or powers, so
// they stay finite and accurate at loads of a million Erlangs.
#include <cstdint>
#include <string>

#include "fsd/core/types.hpp"

namespace fsd {

/// Largest offered load accepted, in Erlangs: past it the input is almost
/// surely a unit mistake (calls per day against an interval in seconds).
inline constexpr double kMaxDeskLoad = 1e6;

/// The demand on the desk in one interval: `calls` arrive at random
/// (Poisson) over `interval` seconds and each occupies an agent for `aht`
/// seconds on average (exponential). `calls` and `aht` are means, which is
/// why they are floating point while the interval is whole seconds.
struct DeskDemand {
    double calls = 0;
    Duration interval = 1800;
    double aht = 180;
};

/// Offered load a = calls x aht / interval, in Erlangs (agents kept busy on average).
double offered_load(const DeskDemand& demand);

/// Throws InputError "<path>/calls", "<path>/interval" or "<path>/aht" for a
/// value that is negative, not finite, zero where it divides, or a load above
/// kMaxDeskLoad ("<path>/calls" then names the load).
void validate_desk_demand(const DeskDemand& demand, const std::string& path = "");

/// Erlang B: the probability that an arrival finds all `agents` busy in a
/// loss system offered `load` Erlangs. From B(0) = 1, B(n) = a B(n-1) / (n + a B(n-1)).
/// InputError "/agents" or "/load" for negative or non-finite arguments.
double erlang_b(std::int64_t agents, double load);

/// One step of the Erlang B recursion: B(agents) from B(agents - 1).
inline double erlang_b_step(std::int64_t agents, double load, double previous) {
    const double x = load * previous;
    return x / (static_cast<double>(agents) + x);
}

/// Erlang C: the probability that an arrival waits in M/M/n, C = B / (1 - (a/n)(1 - B)).
/// 1 when agents <= load (the queue grows without bound). InputError as erlang_b.
double erlang_c(std::int64_t agents, double load);

/// Steady-state figures of the desk with a given number of agents.
struct QueueMeasures {
    std::int64_t agents = 0;
    /// Offered load in Erlangs.
    double load = 0;
    /// Share of arrivals that find every agent busy and wait (Erlang C: C(n, a)).
    double wait_probability = 0;
    /// Share of ALL arrivals answered within the target time; abandoned calls count as missed.
    double service_level = 1;
    /// Share of ANSWERED calls answered within the target time (equals service_level in Erlang C).
    double answered_service_level = 1;
    /// Mean wait of answered calls, seconds (ASA); +infinity when agents <= load in Erlang C.
    double average_speed_of_answer = 0;
    /// Share of the agents' time spent on calls: carried load / agents, at most 1.
    double occupancy = 0;
    /// Share of arrivals that hang up before an answer (0 in Erlang C).
    double abandonment = 0;
};

/// Erlang C figures for `agents` (>= 1) answering `demand`, the service level
/// counted against `answer_within` seconds: SL = 1 - C e^{-(n-a) T / aht},
/// ASA = C aht / (n - a), occupancy = a / n. With agents <= load the queue
/// grows without bound: wait probability and occupancy 1, service level 0,
/// ASA +infinity. InputError naming "/calls", "/interval", "/aht", "/agents",
/// "/answer_within".
QueueMeasures erlang_c_measures(const DeskDemand& demand, std::int64_t agents, Duration answer_within);

/// Erlang A (M/M/n+M) figures: callers hang up after an exponential patience
/// of mean `patience` seconds if not answered by then. Exact up to a
/// truncation of the queue-length distribution whose neglected tail is below
/// 1e-15 of its mass (docs/staffing.md derives it). Stable for every
/// agents >= 1, also at or below the load. InputError as erlang_c_measures,
/// and "/patience" when it is not positive and finite or so long against
/// the handling time that the queue would need more than 5 million states
/// (use Erlang C then).
QueueMeasures erlang_a_measures(const DeskDemand& demand, std::int64_t agents, Duration answer_within,
                                double patience);

/// Erlang C figures from B(agents, load) already known, for searches that walk
/// the number of agents and carry B along. No validation: the caller checked.
QueueMeasures erlang_c_from_b(std::int64_t agents, double load, double erlang_b_value, double aht,
                              Duration answer_within);

/// Erlang A figures from B(agents, load) already known (see erlang_c_from_b);
/// throws InputError "/patience" when the queue needs more than 5 million states.
QueueMeasures erlang_a_from_b(std::int64_t agents, double load, double erlang_b_value, double aht,
                              Duration answer_within, double patience);

}  // namespace fsd
