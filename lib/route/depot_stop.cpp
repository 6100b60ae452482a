#include "fsd/route/detail/depot_stop.hpp"

#include <algorithm>
#include <tuple>

#include "fsd/route/detail/route_timing.hpp"

namespace fsd::detail {

using Candidate = StopScratch::Candidate;

bool van_covers(const RouteModel& m, Index s, std::span<const Amount> used) {
    const auto have = m.on_board(s);
    for (std::size_t r = 0; r < used.size(); ++r)
        if (used[r] > have[r]) return false;
    return true;
}

Amount shortfall(const RouteModel& m, Index s, std::span<const Amount> used) {
    const auto have = m.on_board(s);
    Amount short_by = 0;
    for (std::size_t r = 0; r < used.size(); ++r)
        if (used[r] > have[r]) short_by += used[r] - have[r];
    return short_by;
}

StoppedRoute price_with_stop(const RouteModel& m, Index s, std::span<const Index> nodes, const RouteCounts& counts,
                             std::span<const Amount> load, std::span<const Amount> used, StopScratch& scratch,
                             const Time* release) {
    const SlotData& d = m.slot(s);
    const auto have = m.on_board(s);
    const std::size_t n = nodes.size();
    const auto legs = m.legs(s);

    // The stop comes before the first job the van alone cannot serve (the
    // jobs before it use only what the van holds).
    std::vector<Amount>& run = scratch.used;
    run.assign(have.size(), 0);
    std::size_t limit = n - 1;
    for (std::size_t i = 1; i + 1 < n && limit == n - 1; ++i) {
        if (!m.is_job(nodes[i])) continue;
        for (const ResourceNeed& need : m.needs(nodes[i])) {
            const auto r = static_cast<std::size_t>(need.resource);
            run[r] += need.amount;
            if (run[r] > have[r]) limit = i;
        }
    }

    std::vector<TwSegment>& pre = scratch.prefix;
    std::vector<TwSegment>& suf = scratch.suffix;
    pre.resize(n);
    suf.resize(n);
    pre[0] = m.segment(nodes[0], s);
    for (std::size_t i = 1; i < n; ++i) pre[i] = join(pre[i - 1], m.segment(nodes[i], s), legs);
    suf[n - 1] = m.segment(nodes[n - 1], s);
    for (std::size_t i = n - 1; i-- > 0;) suf[i] = join(m.segment(nodes[i], s), suf[i + 1], legs);

    const bool timed_route = counts.timed > 0 || m.timed_slot(s);
    auto rank = [](const RouteCost& c) { return std::make_tuple(c.warp, c.objective(), c.end); };
    // Every place of every depot that offers all the van lacks, priced by
    // segments: exact when neither the route nor the depot is timed, else a
    // bound from below (hull windows, no lateness, the least working time).
    std::vector<Candidate>& candidates = scratch.candidates;
    candidates.clear();
    for (Index depot = 0; depot < m.num_depots(); ++depot) {
        // What the van lacks does not depend on the place: the stop must offer it all.
        bool offers_all = true;
        for (std::size_t r = 0; r < used.size() && offers_all; ++r)
            offers_all = used[r] <= have[r] || m.offers(depot, static_cast<Index>(r));
        if (!offers_all) continue;
        const Index node = m.depot_node(depot);
        const TwSegment own = m.segment(node, s);
        const bool timed = timed_route || m.timed(node);
        for (std::size_t after = 0; after < limit; ++after) {
            const TwSegment seg = join(join(pre[after], own, legs), suf[after + 1], legs);
            RouteCost c = route_cost(m, s, seg, counts, load, nullptr);
            c.extra += d.travel_weight * (seg.cost - pre[n - 1].cost);
            c.exact = !timed;
            candidates.push_back({c, seg, DepotStop{depot, static_cast<Index>(after)}});
        }
    }
    // The best bound first; timed candidates are timed node by node only
    // while their bound could still beat the best so far.
    std::stable_sort(candidates.begin(), candidates.end(),
              [&](const Candidate& a, const Candidate& b) { return rank(a.cost) < rank(b.cost); });
    StoppedRoute best;
    bool found = false;
    for (const Candidate& x : candidates) {
        if (found && !(rank(x.cost) < rank(best.cost))) break;
        RouteCost c = x.cost;
        if (!c.exact) {
            const Index node = m.depot_node(x.stop.depot);
            scratch.nodes.assign(nodes.begin(), nodes.end());
            scratch.nodes.insert(scratch.nodes.begin() + static_cast<std::ptrdiff_t>(x.stop.after + 1), node);
            const RouteTiming t = time_route(m, s, scratch.nodes, nullptr, release);
            c = route_cost(m, s, x.seg, counts, load, &t);
            c.extra += d.travel_weight * (x.seg.cost - pre[n - 1].cost);
        }
        if (!found || rank(c) < rank(best.cost)) {
            best.cost = c;
            best.stop = x.stop;
            found = true;
        }
    }
    if (found) return best;
    // No depot covers: priced as it is, the units short as excess, so that
    // the penalised search may pass through and repair it.
    RouteTiming t;
    if (timed_route) t = time_route(m, s, nodes, nullptr, release);
    best.cost = route_cost(m, s, pre[n - 1], counts, load, timed_route ? &t : nullptr);
    best.cost.excess += shortfall(m, s, used);
    return best;
}

void fill_pickups(const RouteModel& m, Index s, std::span<const Amount> used, Step& step) {
    const auto have = m.on_board(s);
    step.pickup_tools.clear();
    step.pickup_parts.clear();
    for (std::size_t r = 0; r < used.size(); ++r) {
        if (used[r] <= have[r]) continue;
        const auto k = static_cast<Index>(r);
        if (m.resource_is_tool(k)) step.pickup_tools.push_back(m.resource_name(k));
        else step.pickup_parts.push_back(PartCount{m.resource_name(k), used[r] - have[r]});
    }
}

}  // namespace fsd::detail
