#include "fsd/route/detail/route_timing.hpp"

namespace fsd::detail {

namespace {

StepKind step_kind(NodeKind kind) {
    switch (kind) {
        case NodeKind::job: return StepKind::job;
        case NodeKind::start: return StepKind::start;
        case NodeKind::end: return StepKind::end;
        case NodeKind::break_: return StepKind::break_;
        case NodeKind::depot: return StepKind::depot;
    }
    return StepKind::job;
}

}  // namespace

Time paid_departure(const RouteModel& m, Index s, std::span<const Index> nodes) {
    const Time shift_start = m.slot(s).shift_start;
    // Balance times every route node by node with the plain departure (route_model.hpp, timed_slot).
    if (m.slot(s).per_working_hour == 0 || m.balance() || nodes.size() < 3) return shift_start;
    for (Index node : nodes)
        if (m.timed(node)) return shift_start;
    const auto legs = m.legs(s);
    TwSegment seg = m.segment(nodes[0], s);
    for (size_t i = 1; i < nodes.size(); ++i) seg = join(seg, m.segment(nodes[i], s), legs);
    // A route the segments cannot time without warp keeps the plain rule.
    if (seg.timing().time_warp > 0) return shift_start;
    return std::max(shift_start, seg.timing().earliest);
}

RouteTiming time_route(const RouteModel& m, Index s, std::span<const Index> nodes, std::vector<Step>* steps,
                       const Time* release) {
    RouteTiming r;
    TimingState state = start_state(m, s, release);
    state.time = paid_departure(m, s, nodes);
    r.departure = state.time;
    if (steps) steps->clear();
    const Problem& problem = m.problem();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Index node = nodes[i];
        const Index from = state.place;
        const NodeTime t = advance(m, s, node, state);
        r.travel += t.travel;
        r.max_lateness = std::max(r.max_lateness, t.lateness);
        // Leave as late as the first step allows: its waiting is spent at home.
        if (i == 1 && m.kind(node) != NodeKind::end) r.departure += t.start - t.arrival;
        if (m.kind(node) == NodeKind::end) r.end = t.start;  // the warped clock's, like the segments'
        if (!steps) continue;
        Step step;
        step.kind = step_kind(m.kind(node));
        const NodeKind kind = m.kind(node);
        step.index = kind == NodeKind::job ? node : kind == NodeKind::depot ? m.depot_of(node) : m.break_index(node);
        step.arrival = t.arrival;
        step.start = t.start;
        step.end = t.end;
        step.travel_time = t.travel;
        if (kind == NodeKind::job || kind == NodeKind::depot || kind == NodeKind::end)
            step.travel_distance = problem.distances()(from, m.location(node));
        if (m.is_job(node)) {
            // Lateness is stated for every SLA deadline, priced or not.
            const Job& job = problem.job(node);
            if (job.sla && t.start > job.sla->deadline) step.lateness = t.start - job.sla->deadline;
        }
        steps->push_back(std::move(step));
    }
    r.warp = state.warp;
    r.lateness = state.lateness;
    if (steps && steps->size() > 1) {
        Step& start = steps->front();
        const Duration wait = r.departure - start.end;
        start.arrival = start.start = start.end = r.departure;
        if ((*steps)[1].kind != StepKind::end) (*steps)[1].arrival += wait;
    }
    return r;
}

}  // namespace fsd::detail
