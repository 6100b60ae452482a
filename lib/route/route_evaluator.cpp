#include "fsd/route/detail/route_evaluator.hpp"

#include <tuple>

#include "fsd/model/compatibility.hpp"

namespace fsd::detail {

namespace {

// Least warp and excess first, then the least cost, then the earliest return
// (the most room for what comes later).
std::tuple<Cost, Cost, Time> rank(const RouteCost& c) { return {c.warp + c.excess, c.objective(), c.end}; }

}  // namespace

ArrangedRoute arrange_route(const RouteModel& m, Index s, std::span<const Index> jobs) {
    RouteState scratch;
    return arrange_route(m, s, jobs, scratch);
}

ArrangedRoute arrange_route(const RouteModel& m, Index s, std::span<const Index> jobs, RouteState& state) {
    const SlotData& d = m.slot(s);
    std::vector<Index> nodes{m.start_node(s)};
    nodes.insert(nodes.end(), jobs.begin(), jobs.end());
    nodes.push_back(m.end_node(s));
    if (jobs.empty()) {
        for (Index k = 0; k < d.breaks; ++k) nodes.insert(nodes.end() - 1, d.first_break + k);
        state.build(m, s, nodes);
        return {state.nodes(), state.cost()};
    }
    // Break b goes after one of the positions lo..hi of `without` (the nodes
    // without it): each place priced from the segments of `without`'s
    // prefixes and suffixes (exact without timed nodes, a relaxation with
    // them), the best one kept.
    const auto legs = m.legs(s);
    auto best_place = [&](std::vector<Index> without, Index b, std::size_t lo, std::size_t hi) {
        state.build(m, s, without);
        const TwSegment sb = m.segment(b, s);
        const auto last = static_cast<Index>(without.size() - 1);
        RouteCounts counts = state.counts(last);
        ++counts.breaks;
        std::size_t best_after = lo;
        std::tuple<Cost, Cost, Time> best_rank{kTimeMax, kTimeMax, kTimeMax};
        for (std::size_t after = lo; after <= hi; ++after) {
            const auto q = static_cast<Index>(after);
            const TwSegment seg = join(join(state.prefix(q), sb, legs), state.suffix(q + 1), legs);
            const RouteCost c = route_cost(m, s, seg, counts, state.load(last), nullptr);
            if (rank(c) < best_rank) best_rank = rank(c), best_after = after;
        }
        without.insert(without.begin() + static_cast<std::ptrdiff_t>(best_after + 1), b);
        return without;
    };
    auto position_of = [&](Index node) {
        return static_cast<std::size_t>(std::find(nodes.begin(), nodes.end(), node) - nodes.begin());
    };
    std::size_t lo = 0;
    for (Index k = 0; k < d.breaks; ++k) {
        nodes = best_place(nodes, d.first_break + k, lo, nodes.size() - 2);
        lo = position_of(d.first_break + k);
    }
    // Each break again, with the others in place.
    for (Index k = 0; k < d.breaks && d.breaks > 1; ++k) {
        const Index b = d.first_break + k;
        std::vector<Index> without = nodes;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(position_of(b)));
        std::size_t from = 0, to = without.size() - 2;
        for (std::size_t i = 0; i + 1 < without.size(); ++i) {
            if (m.kind(without[i]) != NodeKind::break_) continue;
            if (without[i] < b) from = i;
            else if (to == without.size() - 2) to = i - 1;
        }
        nodes = best_place(std::move(without), b, from, to);
    }
    state.build(m, s, nodes);
    return {state.nodes(), state.cost()};
}

RouteEval RouteEvaluator::evaluate(Index slot, std::span<const Index> jobs) const {
    RouteEval ev;
    if (jobs.empty()) return ev;
    // A job whose hard SLA deadline closes before its first window can never start.
    for (Index j : jobs)
        if (model().windows(j).empty()) {
            ev.feasible = false;
            return ev;
        }
    const ArrangedRoute r = arrange_route(model(), slot, jobs, scratch_);
    ev.feasible = r.feasible();
    ev.objective = r.cost.objective();
    ev.departure = r.cost.departure;
    ev.arrival = r.cost.end;
    return ev;
}

Time RouteEvaluator::latest_start(Index j) const { return fsd::latest_start(problem().job(j)); }

Cost RouteEvaluator::preference(Index engineer, Index j) const {
    const Job& job = problem().job(j);
    if (!job.preferred_engineer || *job.preferred_engineer == problem().engineer(engineer).id) return 0;
    return problem().weights().preference * job.preference_cost;
}

}  // namespace fsd::detail
