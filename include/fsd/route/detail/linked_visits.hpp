#pragma once
// What the written plan owes the links (JobLink) beyond the search: the
// search may end with a visit served whose partner is left out (each visit
// earns its own prize while searching), or with a link the routes could not
// keep. Such visits leave the plan before it is written, with the reason
// linked_visit_out.
#include <vector>

#include "fsd/model/solution.hpp"
#include "fsd/route/detail/local_search.hpp"
#include "fsd/route/detail/plan.hpp"

namespace fsd::detail {

/// Takes out of `plan` every served visit of a link it breaks
/// (Plan::broken_links), again until none is broken (taking a visit out can
/// break another link of its partner); then offers them back one by one at
/// their cheapest place that adds no time warp (`ls`, LocalSearch::insert,
/// which puts a visit in with its left-out partners), and takes out again
/// what still breaks a link. Returns the jobs left out
/// for it, ascending.
std::vector<Index> drop_broken_links(Plan& plan, LocalSearch& ls);

/// Whether left-out job j should be explained by its link: some visit
/// linked to it is left out too and its own reason is only that it did not
/// fit (not_inserted, too_costly, shift_too_short, time_limit), or it was
/// taken out by drop_broken_links (`dropped`). Then `u` becomes
/// linked_visit_out, naming the partner, without a fix.
void explain_by_link(const Plan& plan, Index j, bool dropped, Unassigned& u);

}  // namespace fsd::detail
