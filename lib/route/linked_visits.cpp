#include "fsd/route/detail/linked_visits.hpp"

#include <algorithm>

namespace fsd::detail {

namespace {

void take_out_broken(Plan& plan, std::vector<Index>& dropped) {
    const Problem& problem = plan.model().problem();
    for (;;) {
        const std::vector<Index> broken = plan.broken_links();
        if (broken.empty()) break;
        std::vector<Index> leaving;
        for (Index k : broken)
            for (Index j : {problem.link_first(k), problem.link_second(k)})
                if (plan.served(j)) leaving.push_back(j);
        std::sort(leaving.begin(), leaving.end());
        leaving.erase(std::unique(leaving.begin(), leaving.end()), leaving.end());
        std::vector<Index> slots;
        for (Index j : leaving) slots.push_back(plan.route_of(j));
        std::sort(slots.begin(), slots.end());
        slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
        for (Index s : slots) {
            std::vector<Index> nodes = plan.route(s).nodes();
            std::erase_if(nodes, [&](Index n) { return std::binary_search(leaving.begin(), leaving.end(), n); });
            plan.set_route(s, std::move(nodes));
        }
        dropped.insert(dropped.end(), leaving.begin(), leaving.end());
    }
}

}  // namespace

std::vector<Index> drop_broken_links(Plan& plan, LocalSearch& ls) {
    std::vector<Index> dropped;
    take_out_broken(plan, dropped);
    if (dropped.empty()) return dropped;
    std::sort(dropped.begin(), dropped.end());
    for (Index j : dropped) ls.insert(j, true);
    std::vector<Index> again;
    take_out_broken(plan, again);
    std::erase_if(dropped, [&](Index j) { return plan.served(j); });
    dropped.insert(dropped.end(), again.begin(), again.end());
    std::sort(dropped.begin(), dropped.end());
    dropped.erase(std::unique(dropped.begin(), dropped.end()), dropped.end());
    return dropped;
}

void explain_by_link(const Plan& plan, Index j, bool dropped, Unassigned& u) {
    const Problem& problem = plan.model().problem();
    if (problem.links_of(j).empty()) return;
    const bool only_did_not_fit = u.reason == UnassignedReason::not_inserted ||
                                  u.reason == UnassignedReason::too_costly ||
                                  u.reason == UnassignedReason::shift_too_short ||
                                  u.reason == UnassignedReason::time_limit;
    if (!dropped && !only_did_not_fit) return;
    for (Index k : problem.links_of(j)) {
        const Index partner = problem.link_first(k) == j ? problem.link_second(k) : problem.link_first(k);
        if (plan.served(partner)) continue;
        u.reason = UnassignedReason::linked_visit_out;
        u.detail = "its linked visit " + problem.job(partner).id +
                   (dropped ? " could not be planned with it (gap or engineers of their link)" : " is left out too");
        u.fix.reset();
        return;
    }
}

}  // namespace fsd::detail
