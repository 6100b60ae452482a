#include "fsd/route/detail/route_state.hpp"

#include <algorithm>

#include "fsd/core/error.hpp"
#include "fsd/route/detail/depot_stop.hpp"

namespace fsd::detail {

RouteCost route_cost(const RouteModel& m, Index s, const TwSegment& seg, const RouteCounts& counts,
                     std::span<const Amount> load, const RouteTiming* timing) {
    RouteCost c;
    c.jobs = counts.jobs;
    if (counts.jobs == 0) return c;
    const SlotData& d = m.slot(s);
    c.travel = d.travel_weight * (d.fixed + seg.cost);
    c.preference = counts.preference;
    if (timing) {
        c.warp = timing->warp;
        c.lateness = timing->lateness;
        c.departure = timing->departure;
        c.end = timing->end;
    } else {
        c.warp = seg.timing().time_warp;
        c.end = seg.earliest_end();
        c.departure = d.shift_start;
    }
    if (d.per_working_hour != 0) {
        // Node by node: as the plan states it; by segments: the least
        // working time any departure achieves (a lower bound of that).
        const Duration working = timing ? timing->end - timing->departure : seg.timing().duration - seg.timing().time_warp;
        const Cost paid = d.travel_weight * ((d.per_working_hour * std::max<Duration>(working, 0) + 1800) / 3600);
        c.travel += paid;
        c.extra += paid;
    }
    if (d.overtime_per_hour != 0 && c.end > d.shift_end)
        c.overtime = d.overtime_weight * ((d.overtime_per_hour * (c.end - d.shift_end) + 1800) / 3600);
    if (seg.travel > d.max_travel) c.warp += seg.travel - d.max_travel;
    const auto capacity = m.capacity(s);
    for (std::size_t k = 0; k < load.size(); ++k)
        if (load[k] > capacity[k]) c.excess += load[k] - capacity[k];
    if (d.max_jobs >= 0 && counts.jobs > d.max_jobs) c.excess += counts.jobs - d.max_jobs;
    return c;
}

RouteCounts RouteState::counts(Index i, Index j) const {
    const RouteCounts& b = counts_[static_cast<std::size_t>(j)];
    if (i == 0) return b;
    const RouteCounts& a = counts_[static_cast<std::size_t>(i - 1)];
    return {b.jobs - a.jobs, b.timed - a.timed, b.breaks - a.breaks, b.preference - a.preference, b.linked - a.linked};
}

Time RouteState::start(Index i) const {
    return state_[static_cast<std::size_t>(i)].time - model_->duration(nodes_[static_cast<std::size_t>(i)], slot_);
}

void RouteState::build(const RouteModel& m, Index s, std::vector<Index> nodes, const Time* release) {
    FSD_ASSERT(nodes.size() >= 2 && nodes.front() == m.start_node(s) && nodes.back() == m.end_node(s));
    slot_ = s;
    model_ = &m;
    link_warp_ = 0;
    nodes_ = std::move(nodes);
    const std::size_t n = nodes_.size();
    const auto legs = m.legs(s);
    std::vector<TwSegment> own(n);
    for (std::size_t i = 0; i < n; ++i) own[i] = m.segment(nodes_[i], s);
    prefix_.resize(n);
    suffix_.resize(n);
    tail_.resize(n);
    prefix_[0] = own[0];
    for (std::size_t i = 1; i < n; ++i) prefix_[i] = join(prefix_[i - 1], own[i], legs);
    suffix_[n - 1] = own[n - 1];
    for (std::size_t i = n - 1; i-- > 0;) suffix_[i] = join(own[i], suffix_[i + 1], legs);
    tail_[n - 1] = own[n - 1];  // unused: a tail ends before the end node
    tail_[n - 2] = own[n - 2];
    for (std::size_t i = n - 2; i-- > 0;) tail_[i] = join(own[i], tail_[i + 1], legs);

    place_before_.resize(n);
    place_after_.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        place_before_[i] = m.location(nodes_[i]) >= 0 ? m.location(nodes_[i]) : place_before_[i - 1];
    for (std::size_t i = n; i-- > 0;)
        place_after_[i] = m.location(nodes_[i]) >= 0 ? m.location(nodes_[i]) : place_after_[i + 1];
    dims_ = static_cast<std::size_t>(m.dimensions());
    state_.resize(n);
    counts_.resize(n);
    load_.assign(n * dims_, 0);
    resources_ = static_cast<std::size_t>(m.num_resources());
    used_.assign(n * resources_, 0);
    // Time on site, for the working-hour bound (Plan::travel_bound) only.
    const bool paid = m.slot(s).per_working_hour != 0;
    busy_.assign(paid ? n : 0, 0);
    RouteTiming timing;
    TimingState st = start_state(m, s, release);
    timing.departure = st.time;
    max_lateness_ = 0;
    RouteCounts c;
    for (std::size_t i = 0; i < n; ++i) {
        const Index node = nodes_[i];
        const NodeTime t = advance(m, s, node, st);
        if (i == 1 && m.kind(node) != NodeKind::end) timing.departure += t.start - t.arrival;
        max_lateness_ = std::max(max_lateness_, t.lateness);
        state_[i] = st;
        if (m.is_job(node)) {
            ++c.jobs;
            c.preference += m.preference(node, s);
        } else if (m.kind(node) == NodeKind::break_) {
            ++c.breaks;
        }
        if (m.timed(node)) ++c.timed;
        if (m.has_links() && m.is_job(node) && m.linked(node)) ++c.linked;
        counts_[i] = c;
        if (paid) busy_[i] = (i > 0 ? busy_[i - 1] : 0) + (m.kind(node) == NodeKind::job || m.kind(node) == NodeKind::break_ ? m.duration(node, s) : 0);
        if (dims_ != 0) {
            Amount* row = load_.data() + i * dims_;
            if (i > 0) std::copy(row - dims_, row, row);
            if (m.is_job(node)) {
                const auto d = m.demand(node);
                for (std::size_t k = 0; k < dims_; ++k) row[k] += d[k];
            }
        }
        if (resources_ != 0) {
            Amount* row = used_.data() + i * resources_;
            if (i > 0) std::copy(row - resources_, row, row);
            if (m.is_job(node))
                for (const ResourceNeed& need : m.needs(node)) row[static_cast<std::size_t>(need.resource)] += need.amount;
        }
    }
    timing.warp = st.warp;
    timing.lateness = st.lateness;
    timing.end = st.time;
    departure_ = timing.departure;
    const bool timed = c.timed > 0 || m.timed_slot(s);
    const auto last = static_cast<Index>(n - 1);
    stop_ = DepotStop{};
    if (resources_ != 0 && !van_covers(m, s, used(last))) {
        const StoppedRoute r = price_with_stop(m, s, nodes_, c, load(last), used(last), scratch_, release);
        cost_ = r.cost;
        stop_ = r.stop;
        if (stop_.depot >= 0 && m.problem().weights().max_lateness != 0) {
            // The stop delays the jobs after it: the largest lateness is the stopped route's.
            std::vector<Index> stopped = nodes_;
            stopped.insert(stopped.begin() + stop_.after + 1, m.depot_node(stop_.depot));
            max_lateness_ = time_route(m, s, stopped, nullptr, release).max_lateness;
        }
        return;
    }
    cost_ = route_cost(m, s, prefix_[n - 1], c, load(last), timed ? &timing : nullptr);
}

}  // namespace fsd::detail
