#pragma once
// The first plan: the jobs a plan leaves out are inserted one at a time, each
// at its cheapest place where the route stays feasible. The next job is the
// one of the highest prize (cost of leaving it out: priority first), and
// among equal prizes, in the `regret` order, the one that would lose most by
// waiting (regret-3 over the routes of its nearest slots), or, in the `fill`
// order and among the jobs of the lowest prize, the one that takes least
// time from its route (on a day with more jobs than time, so that the most fit). Granular: a job looks only at its
// nearest slots (RouteModel::near_slots), and after an insertion only the
// jobs that look at the changed route are priced again.
#include "fsd/route/detail/local_search.hpp"
#include "fsd/route/detail/stopping_criterion.hpp"

namespace fsd::detail {

/// Which job goes in next among those of equal prize.
enum class InsertionOrder { regret, fill };

/// Inserts what `plan` leaves out, as described above. Stops when `stop`
/// runs out of time; the jobs not placed by then stay out (a valid plan).
/// The changed routes are queued on `ls` for its next descent.
void construct(Plan& plan, LocalSearch& ls, const StoppingCriterion& stop, InsertionOrder order = InsertionOrder::regret);

}  // namespace fsd::detail
