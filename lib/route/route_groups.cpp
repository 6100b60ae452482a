#include "fsd/route/detail/route_groups.hpp"

#include <algorithm>

namespace fsd::detail {

namespace {

// Calls f(r) for the route r of each granular neighbour of each job of route
// s that some route serves (once per neighbour: r counts its links to s).
template <class F>
void for_neighbour_routes(const Plan& plan, Index s, F f) {
    const RouteModel& m = plan.model();
    for (Index node : plan.route(s).nodes()) {
        if (!m.is_job(node)) continue;
        for (Index v : m.neighbours(node))
            if (const Index r = plan.route_of(v); r >= 0) f(r);
    }
}

}  // namespace

std::vector<std::vector<Index>> nearby_route_groups(const Plan& plan, const RouteLocks& locks, Index jobs_per_group,
                                                    std::mt19937_64& rng) {
    const auto slots = static_cast<std::size_t>(plan.num_slots());
    // 0: not to group (unused or closed), 1: waiting for a group, 2: grouped.
    std::vector<char> state(slots, 0);
    std::vector<Index> waiting;
    for (std::size_t s = 0; s < slots; ++s)
        if (plan.route(static_cast<Index>(s)).jobs() > 0 && !(locks.any && locks.closed[s]))
            state[s] = 1, waiting.push_back(static_cast<Index>(s));
    std::shuffle(waiting.begin(), waiting.end(), rng);

    std::vector<std::vector<Index>> groups;
    std::vector<Index> links(slots, 0);  // neighbours of the growing group's jobs, per route
    std::vector<Index> group_of(slots, -1);
    std::vector<Index> touched;
    for (Index first : waiting) {
        if (state[static_cast<std::size_t>(first)] != 1) continue;
        std::vector<Index> group;
        Index jobs = 0;
        auto add = [&](Index s) {
            state[static_cast<std::size_t>(s)] = 2;
            group.push_back(s);
            jobs += plan.route(s).jobs();
            for_neighbour_routes(plan, s, [&](Index r) {
                if (state[static_cast<std::size_t>(r)] == 1 && links[static_cast<std::size_t>(r)]++ == 0) touched.push_back(r);
            });
        };
        add(first);
        while (jobs < jobs_per_group) {
            Index next = -1;
            for (Index r : touched)
                if (state[static_cast<std::size_t>(r)] == 1 &&
                    (next < 0 || links[static_cast<std::size_t>(r)] > links[static_cast<std::size_t>(next)]))
                    next = r;
            if (next < 0) break;
            add(next);
        }
        for (Index r : touched) links[static_cast<std::size_t>(r)] = 0;
        touched.clear();
        // A small group cut off from the waiting routes joins the group
        // holding most neighbours of its jobs, if any does.
        std::size_t into = groups.size();
        if (jobs < jobs_per_group / 2) {
            std::vector<Index> to_group(groups.size(), 0);
            for (Index s : group)
                for_neighbour_routes(plan, s, [&](Index r) {
                    if (const Index g = group_of[static_cast<std::size_t>(r)]; g >= 0) ++to_group[static_cast<std::size_t>(g)];
                });
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (to_group[g] > 0 && (into == groups.size() || to_group[g] > to_group[into])) into = g;
        }
        for (Index s : group) group_of[static_cast<std::size_t>(s)] = static_cast<Index>(into);
        if (into == groups.size()) groups.push_back(std::move(group));
        else groups[into].insert(groups[into].end(), group.begin(), group.end());
    }
    return groups;
}

RouteLocks locks_outside(const Plan& plan, const RouteLocks& locks, const std::vector<Index>& group) {
    const RouteModel& m = plan.model();
    const auto slots = static_cast<std::size_t>(plan.num_slots());
    RouteLocks sub = locks;
    if (!sub.any) {
        sub.head.assign(slots, 0);
        sub.closed.assign(slots, 0);
        sub.job.assign(static_cast<std::size_t>(m.num_jobs()), 0);
    }
    sub.any = true;
    std::vector<char> in_group(slots, 0);
    for (Index s : group) in_group[static_cast<std::size_t>(s)] = 1;
    for (std::size_t s = 0; s < slots; ++s) {
        const RouteState& route = plan.route(static_cast<Index>(s));
        if (in_group[s] || route.jobs() == 0) continue;
        sub.closed[s] = 1;
        sub.head[s] = route.jobs();
        for (Index node : route.nodes())
            if (m.is_job(node)) sub.job[static_cast<std::size_t>(node)] = 1;
    }
    return sub;
}

}  // namespace fsd::detail
