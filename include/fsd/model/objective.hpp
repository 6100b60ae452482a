#pragma once
#include "fsd/core/types.hpp"

namespace fsd {

/// How the parts of the objective are weighed. The defaults make it
/// lexicographic in practice: a mandatory job left out costs far more than any
/// route, then SLA lateness, then engineer costs, then balance (off).
struct ObjectiveWeights {
    /// Cost of leaving out a mandatory (non-optional) job, multiplied by
    /// (1 + priority). Optional jobs cost their own `penalty` instead.
    Cost unassigned = 1'000'000'000;
    /// Multiplier on every job's SLA lateness cost.
    Cost lateness = 1;
    /// Multiplier on engineer costs (fixed, per hour, per km).
    Cost travel = 1;
    /// Cost per second of spread (longest minus shortest working time over
    /// all engineers, idle engineers counting zero). 0 = not balanced.
    Cost balance = 0;
    /// Multiplier on every job's preference cost (served by an engineer
    /// other than its preferred one).
    Cost preference = 1;
    /// Multiplier on every route's overtime cost (engineer's
    /// overtime_per_hour for the time past the shift end).
    Cost overtime = 1;
    /// Cost per second of the largest SLA lateness of any visit (soft
    /// deadlines only; 0 = not priced). Beside `lateness`, which prices the
    /// sum, this keeps one customer from bearing all the delay.
    Cost max_lateness = 0;
    friend bool operator==(const ObjectiveWeights&, const ObjectiveWeights&) = default;
};

/// The objective of a solution, part by part (each already weighted).
struct ObjectiveParts {
    Cost unassigned = 0;
    Cost lateness = 0;
    Cost travel = 0;
    Cost balance = 0;
    Cost preference = 0;
    Cost overtime = 0;
    Cost max_lateness = 0;
    Cost total() const noexcept { return unassigned + lateness + travel + balance + preference + overtime + max_lateness; }
    friend bool operator==(const ObjectiveParts&, const ObjectiveParts&) = default;
};

}  // namespace fsd
