#pragma once
// The tickets of one replication, drawn before the simulation starts: what
// the policy may see (SimTicket) and the outcomes it may not (TicketDraws).
// Drawing everything up front from the seed alone gives every policy the same
// tickets, durations, fix outcomes and traffic: common random numbers.
#include <cstdint>
#include <vector>

#include "fsd/sim/scenario.hpp"

namespace fsd {

/// A ticket as the dispatcher knows it.
struct SimTicket {
    std::string id;
    Index type = 0;                    ///< into scenario.ticket_types
    Coordinates location;
    int priority = 3;                  ///< 1 = most urgent (the SLA matrix's convention)
    Time created = 0;
    Time response_deadline = kTimeMax;    ///< first on-site arrival due (kTimeMax: no target)
    Time resolution_deadline = kTimeMax;  ///< fixed by then
    friend bool operator==(const SimTicket&, const SimTicket&) = default;
};

/// What the simulation reveals only as it happens.
struct TicketDraws {
    std::vector<Duration> base_duration;  ///< per visit, before the level factor
    std::vector<double> fix_draw;         ///< per visit, uniform [0, 1): fixed when below the probability
    std::vector<double> travel_factor;    ///< per visit, multiplies the planned travel time
    Time cancel_at = kTimeMax;            ///< the customer cancels then (if still waiting)
    friend bool operator==(const TicketDraws&, const TicketDraws&) = default;
};

/// The tickets of `days` days, in order of creation.
struct TicketStream {
    std::vector<SimTicket> tickets;
    std::vector<TicketDraws> draws;
};

/// Draws the stream (Poisson arrivals or the replay, then each ticket's
/// attributes and outcomes). Deterministic in (scenario, days, seed).
/// InputError for an invalid scenario or a run beyond check_run_size.
TicketStream draw_ticket_stream(const Scenario& scenario, int days, std::uint64_t seed);

/// The travel factor of an engineer's drive home at the end of `day`, drawn
/// from (seed, engineer, day) so that it does not depend on the policy.
double home_travel_factor(const Scenario& scenario, std::uint64_t seed, Index engineer, int day);

/// An independent seed for replication `r` of a base seed (SplitMix64).
std::uint64_t replication_seed(std::uint64_t seed, int replication);

}  // namespace fsd
