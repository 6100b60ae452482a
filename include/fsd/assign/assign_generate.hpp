#pragma once
// Seeded batches for tests, benchmarks and Python: waiting tickets and
// engineers around a city (Munich by default).
#include <cstdint>

#include "fsd/assign/assignment_problem.hpp"
#include "fsd/core/location.hpp"
#include "fsd/core/types.hpp"

namespace fsd {

/// What generate_assign_batch makes; the same options give the same batch on
/// every platform.
struct AssignGenerateOptions {
    int tickets = 100;
    int engineers = 30;
    std::uint64_t seed = 1;
    Coordinates centre{48.137, 11.575};  ///< Munich
    double radius_km = 30.0;
    Time now = 1795510800;               ///< 2026-11-24T09:00:00Z
    int max_capacity = 3;                ///< engineers take 1..max_capacity tickets
    double sla_share = 0.6;              ///< share of tickets with an SLA deadline
};

/// Tickets need one of five trades (appliance, hvac, electrical, plumbing, it)
/// at level 1-3, sometimes a second one; priorities 0/30/60/90; deadlines from
/// 30 minutes ago to 8 hours ahead. Engineers hold 2-3 trades at levels 1-3,
/// are free now or within two hours, carry 0-6 hours of planned work and a
/// speed factor of 0.8-1.2. Throws InputError for out-of-range options.
AssignProblem generate_assign_batch(const AssignGenerateOptions& options);

}  // namespace fsd
