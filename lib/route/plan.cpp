#include "fsd/route/detail/plan.hpp"

#include <algorithm>

#include "fsd/core/error.hpp"
#include "fsd/model/route_steps.hpp"
#include "fsd/route/detail/depot_stop.hpp"
#include "fsd/route/detail/route_timing.hpp"

namespace fsd::detail {

Plan::Plan(const RouteModel& model) : model_(model) {
    const auto slots = static_cast<std::size_t>(model.num_slots());
    const auto jobs = static_cast<std::size_t>(model.num_jobs());
    routes_.resize(slots);
    route_of_.assign(jobs, -1);
    position_.assign(jobs, -1);
    unserved_at_.assign(jobs, -1);
    modified_.assign(slots, 0);
    for (Index j = 0; j < model.num_jobs(); ++j) {
        unserved_at_[static_cast<std::size_t>(j)] = static_cast<Index>(unserved_.size());
        unserved_.push_back(j);
        unserved_cost_ += model.prize(j);
    }
    if (model.has_links()) {
        release_.assign(jobs, kTimeMin);
        start_.assign(jobs, kTimeMin);
        for (Index j = 0; j < model.num_jobs(); ++j)
            if (model.linked(j)) linked_jobs_.push_back(j);
    }
    for (Index s = 0; s < model.num_slots(); ++s) {
        routes_[static_cast<std::size_t>(s)].build(model, s, empty_route(s));
        // Unused routes cost nothing: the totals stay as they are.
    }
}

std::vector<Index> Plan::empty_route(Index s) const {
    const SlotData& d = model_.slot(s);
    std::vector<Index> nodes{model_.start_node(s)};
    for (Index k = 0; k < d.breaks; ++k) nodes.push_back(d.first_break + k);
    nodes.push_back(model_.end_node(s));
    return nodes;
}

void Plan::load(const PlanRoutes& routes) {
    PlanRoutes full(routes_.size());
    for (Index s = 0; s < num_slots(); ++s) {
        const auto k = static_cast<std::size_t>(s);
        full[k] = k < routes.size() && routes[k].size() >= 2 ? routes[k] : empty_route(s);
        // Every route holds all its breaks: missing ones go first, for the caller to place.
        const SlotData& d = model_.slot(s);
        for (Index b = d.first_break + d.breaks; b-- > d.first_break;)
            if (std::find(full[k].begin(), full[k].end(), b) == full[k].end()) full[k].insert(full[k].begin() + 1, b);
    }
    restore(full);
}

PlanRoutes Plan::snapshot() const {
    PlanRoutes out;
    out.reserve(routes_.size());
    for (const RouteState& r : routes_) out.push_back(r.nodes());
    return out;
}

Route Plan::written_route(Index s) const {
    const RouteState& r = route(s);
    Route out;
    out.engineer = model_.slot(s).engineer;
    out.shift = model_.slot(s).shift;
    const DepotStop& stop = r.stop();
    if (stop.depot < 0) {
        time_route(model_, s, r.nodes(), &out.steps, release());
    } else {
        std::vector<Index> nodes = r.nodes();
        nodes.insert(nodes.begin() + stop.after + 1, model_.depot_node(stop.depot));
        time_route(model_, s, nodes, &out.steps, release());
        fill_pickups(model_, s, r.used(r.size() - 1), out.steps[static_cast<std::size_t>(stop.after + 1)]);
    }
    complete_route(model_.problem(), out);
    out.cost = r.cost().travel;
    return out;
}

void Plan::restore(const PlanRoutes& routes) {
    FSD_ASSERT(routes.size() == routes_.size());
    // Jobs move between routes: clear the changed routes first so that no job
    // is counted in two routes while the others are rebuilt.
    std::vector<Index> changed;
    for (Index s = 0; s < num_slots(); ++s)
        if (routes[static_cast<std::size_t>(s)] != routes_[static_cast<std::size_t>(s)].nodes()) changed.push_back(s);
    bool linked = false;
    for (Index s : changed) linked = linked || holds_linked(s);
    for (Index s : changed) leave(s);
    for (Index s : changed) routes_[static_cast<std::size_t>(s)].build(model_, s, routes[static_cast<std::size_t>(s)], release());
    for (Index s : changed) enter(s);
    for (Index s : changed) linked = linked || holds_linked(s);
    if (linked) settle_links();
}

bool Plan::holds_linked(Index s) const {
    const RouteState& r = route(s);
    return model_.has_links() && r.counts(r.size() - 1).linked > 0;
}

std::vector<std::vector<Index>> Plan::job_routes() const {
    std::vector<std::vector<Index>> out(routes_.size());
    for (std::size_t s = 0; s < routes_.size(); ++s)
        for (Index node : routes_[s].nodes())
            if (model_.is_job(node)) out[s].push_back(node);
    return out;
}

void Plan::set_route(Index s, std::vector<Index> nodes) {
    const bool linked = holds_linked(s);
    leave(s);
    routes_[static_cast<std::size_t>(s)].build(model_, s, std::move(nodes), release());
    enter(s);
    if (linked || holds_linked(s)) settle_links();
}

Duration Plan::route_link_warp(Index s, std::span<const std::pair<Index, Time>> linked) const {
    const Problem& problem = model_.problem();
    const Index engineer = model_.slot(s).engineer;
    Duration w = 0;
    for (const auto& [j, start] : linked) {
        for (const LinkPartner& p : model_.partners(j)) {
            const JobLink& link = problem.links()[static_cast<std::size_t>(p.link)];
            const auto other = std::find_if(linked.begin(), linked.end(), [&](const auto& x) { return x.first == p.job; });
            if (other != linked.end()) {
                if (problem.link_second(p.link) != j) continue;   // each link once
                const Duration gap = start - other->second;
                w += std::max<Duration>(0, link.min_gap - gap) + std::max<Duration>(0, gap - link.max_gap);
                if (link.engineers == LinkEngineers::different) w += kLinkBreak;
            } else if (served(p.job) && route_of(p.job) != s) {
                const Time there = start_[static_cast<std::size_t>(p.job)];
                const Duration gap = problem.link_second(p.link) == j ? start - there : there - start;
                w += std::max<Duration>(0, link.min_gap - gap) + std::max<Duration>(0, gap - link.max_gap);
                if (link.engineers == LinkEngineers::same && model_.slot(route_of(p.job)).engineer != engineer)
                    w += kLinkBreak;
            }
        }
    }
    return w;
}

void Plan::note_linked(Index node, Time start) const {
    if (model_.is_job(node) && model_.linked(node)) linked_scratch_.emplace_back(node, start);
}

void Plan::price_links(RouteState& r) const {
    Duration w = 0;
    if (model_.has_links() && r.counts(r.size() - 1).linked > 0) {
        linked_scratch_.clear();
        for (Index i = 1; i + 1 < r.size(); ++i)
            if (model_.is_job(r.node(i)) && model_.linked(r.node(i))) linked_scratch_.emplace_back(r.node(i), r.start(i));
        w = route_link_warp(r.slot(), linked_scratch_);
    }
    r.set_link_warp(w);
}

void Plan::refresh_link_warp(Index s) {
    RouteState& r = routes_[static_cast<std::size_t>(s)];
    const Duration was = r.link_warp();
    price_links(r);
    warp_ += r.link_warp() - was;
}

void Plan::set_routes(Index s1, std::vector<Index> nodes1, Index s2, std::vector<Index> nodes2) {
    // Both leave first: a job may move from either route to the other.
    const bool linked = holds_linked(s1) || holds_linked(s2);
    leave(s1);
    leave(s2);
    routes_[static_cast<std::size_t>(s1)].build(model_, s1, std::move(nodes1), release());
    routes_[static_cast<std::size_t>(s2)].build(model_, s2, std::move(nodes2), release());
    enter(s1);
    enter(s2);
    if (linked || holds_linked(s1) || holds_linked(s2)) settle_links();
}

void Plan::time_linked(Index s, const std::vector<Time>& release, std::vector<Time>& starts) const {
    const RouteState& r = route(s);
    TimingState st = start_state(model_, s, release.data());
    auto visit = [&](Index node) {
        const NodeTime t = advance(model_, s, node, st);
        if (model_.is_job(node)) starts[static_cast<std::size_t>(node)] = t.start;
    };
    for (Index i = 0; i < r.size(); ++i) {
        visit(r.node(i));
        if (i == r.stop().after) visit(model_.depot_node(r.stop().depot));
    }
}

void Plan::settle_links() {
    if (!model_.has_links()) return;
    const Problem& problem = model_.problem();
    std::vector<Index> slots;
    for (Index j : linked_jobs_)
        if (served(j)) slots.push_back(route_of(j));
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    // Least fixed point: starts only grow from round to round (a later
    // partner only delays), so a chain of k links settles in k rounds; a
    // cycle that cannot hold stops at the bound and shows as link warp.
    std::vector<Time> release(release_.size(), kTimeMin);
    std::vector<Time> starts(release_.size(), kTimeMin);
    const Index rounds = 2 * problem.num_links() + 4;
    for (Index round = 0; round < rounds; ++round) {
        for (Index s : slots) time_linked(s, release, starts);
        bool moved = false;
        for (Index j : linked_jobs_) {
            Time at = kTimeMin;
            for (const LinkPartner& p : model_.partners(j)) {
                if (!served(p.job)) continue;
                // Two visits of a `different` link in one route break it
                // anyway (route_link_warp); holding one back by the other
                // would only be a cycle that delays the whole route.
                if (served(j) && route_of(j) == route_of(p.job) &&
                    problem.links()[static_cast<std::size_t>(p.link)].engineers == LinkEngineers::different)
                    continue;
                at = std::max(at, starts[static_cast<std::size_t>(p.job)] + p.offset);
            }
            if (at != release[static_cast<std::size_t>(j)]) {
                release[static_cast<std::size_t>(j)] = at;
                moved = moved || served(j);
            }
        }
        if (!moved) break;
    }
    for (Index s : slots) time_linked(s, release, starts);
    for (Index j : linked_jobs_) start_[static_cast<std::size_t>(j)] = starts[static_cast<std::size_t>(j)];
    // Routes whose visits now wait otherwise are rebuilt with the new releases.
    std::vector<Index> stale;
    for (Index j : linked_jobs_) {
        if (release[static_cast<std::size_t>(j)] == release_[static_cast<std::size_t>(j)]) continue;
        release_[static_cast<std::size_t>(j)] = release[static_cast<std::size_t>(j)];
        if (served(j)) stale.push_back(route_of(j));
    }
    std::sort(stale.begin(), stale.end());
    stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
    for (Index s : stale) {
        leave(s);
        std::vector<Index> nodes = routes_[static_cast<std::size_t>(s)].nodes();
        routes_[static_cast<std::size_t>(s)].build(model_, s, std::move(nodes), release_.data());
        enter(s);
    }
    // A `same` visit's rule depends on where its partner is: every route
    // with linked visits is brought up to date (new routes too).
    for (Index s : slots) refresh_link_warp(s);
    for (Index s : stale) refresh_link_warp(s);
}

std::vector<Index> Plan::broken_links() const {
    std::vector<Index> out;
    if (!model_.has_links()) return out;
    const Problem& problem = model_.problem();
    // The starts the last settling left: every change to a route with a
    // linked visit settles again, so they are the plan's.
    const std::vector<Time>& starts = start_;
    for (Index k = 0; k < problem.num_links(); ++k) {
        const Index a = problem.link_first(k), b = problem.link_second(k);
        if (!served(a) && !served(b)) continue;
        if (served(a) != served(b)) {
            out.push_back(k);
            continue;
        }
        const JobLink& link = problem.links()[static_cast<std::size_t>(k)];
        const Duration gap = starts[static_cast<std::size_t>(b)] - starts[static_cast<std::size_t>(a)];
        const bool same = model_.slot(route_of(a)).engineer == model_.slot(route_of(b)).engineer;
        if (gap < link.min_gap || gap > link.max_gap || (link.engineers == LinkEngineers::same && !same) ||
            (link.engineers == LinkEngineers::different && same))
            out.push_back(k);
    }
    return out;
}

Cost Plan::max_lateness_cost() const {
    const Cost weight = model_.problem().weights().max_lateness;
    if (weight == 0) return 0;
    Duration most = 0;
    for (const RouteState& r : routes_)
        if (!r.empty()) most = std::max(most, r.max_lateness());
    return weight * most;
}

void Plan::leave(Index s) {
    const RouteState& r = routes_[static_cast<std::size_t>(s)];
    const RouteCost& old = r.cost();
    routes_objective_ -= old.objective();
    warp_ -= old.warp;
    excess_ -= old.excess;
    for (Index node : r.nodes()) {
        if (!model_.is_job(node) || route_of_[static_cast<std::size_t>(node)] != s) continue;
        route_of_[static_cast<std::size_t>(node)] = -1;
        position_[static_cast<std::size_t>(node)] = -1;
        unserved_at_[static_cast<std::size_t>(node)] = static_cast<Index>(unserved_.size());
        unserved_.push_back(node);
        unserved_cost_ += model_.prize(node);
    }
}

void Plan::enter(Index s) {
    const RouteState& r = routes_[static_cast<std::size_t>(s)];
    for (Index i = 0; i < r.size(); ++i) {
        const Index node = r.node(i);
        if (!model_.is_job(node)) continue;
        const auto k = static_cast<std::size_t>(node);
        FSD_ASSERT(route_of_[k] < 0);
        route_of_[k] = s;
        position_[k] = i;
        // Out of the unserved list: the last one takes its place.
        const Index at = unserved_at_[k];
        const Index moved = unserved_.back();
        unserved_[static_cast<std::size_t>(at)] = moved;
        unserved_at_[static_cast<std::size_t>(moved)] = at;
        unserved_.pop_back();
        unserved_at_[k] = -1;
        unserved_cost_ -= model_.prize(node);
    }
    const RouteCost& now = r.cost();
    routes_objective_ += now.objective();
    warp_ += now.warp;
    excess_ += now.excess;
    modified_[static_cast<std::size_t>(s)] = ++clock_;
}

RouteCost Plan::price(const RouteSpec& spec, bool relaxed) const {
    const Index s = spec.slot;
    const RouteState& own = route(s);
    const auto dims = static_cast<std::size_t>(model_.dimensions());
    load_scratch_.assign(dims, 0);
    RouteCounts c;
    TwSegment seg;
    const auto legs = model_.legs(s);
    const Index klass = model_.slot(s).timing_class;
    auto add_load = [&](std::span<const Amount> to, const Amount* from) {
        for (std::size_t k = 0; k < dims; ++k) load_scratch_[k] += to[k] - (from ? from[k] : 0);
    };
    auto add_node = [&](Index node, bool first) {
        const TwSegment x = model_.segment(node, s);
        seg = first ? x : join(seg, x, legs);
        if (model_.is_job(node)) {
            ++c.jobs;
            c.preference += model_.preference(node, s);
            if (dims) add_load(model_.demand(node), nullptr);
        } else if (model_.kind(node) == NodeKind::break_) {
            ++c.breaks;
        }
        if (model_.timed(node)) ++c.timed;
        if (model_.has_links() && model_.is_job(node) && model_.linked(node)) ++c.linked;
    };
    for (int k = 0; k < spec.count; ++k) {
        const Part& p = spec.parts[static_cast<std::size_t>(k)];
        switch (p.kind) {
            case Part::Kind::prefix: {
                FSD_ASSERT(k == 0 && p.route == s);
                seg = own.prefix(p.to);
                c = own.counts(p.to);
                if (dims) add_load(own.load(p.to), nullptr);
                break;
            }
            case Part::Kind::suffix: {
                FSD_ASSERT(p.route == s && k == spec.count - 1);
                seg = join(seg, own.suffix(p.from), legs);
                const RouteCounts x = own.counts(p.from, own.size() - 1);
                c.jobs += x.jobs, c.timed += x.timed, c.breaks += x.breaks, c.preference += x.preference;
                c.linked += x.linked;
                if (dims) add_load(own.load(own.size() - 1), own.load(p.from - 1).data());
                break;
            }
            case Part::Kind::range: {
                const RouteState& r = route(p.route);
                const bool stored = p.to == r.size() - 2 && model_.slot(p.route).timing_class == klass;
                const bool own_slot = p.route == s;
                if (stored && (own_slot || !model_.has_preferences())) {
                    seg = join(seg, r.tail(p.from), legs);
                    const RouteCounts x = r.counts(p.from, p.to);
                    c.jobs += x.jobs, c.timed += x.timed, c.breaks += x.breaks, c.linked += x.linked;
                    c.preference += own_slot ? x.preference : 0;
                    if (dims) add_load(r.load(p.to), r.load(p.from - 1).data());
                } else {
                    for (Index i = p.from; i <= p.to; ++i) add_node(r.node(i), false);
                }
                break;
            }
            case Part::Kind::reversed: {
                const RouteState& r = route(p.route);
                for (Index i = p.to; i >= p.from; --i) add_node(r.node(i), false);
                break;
            }
            case Part::Kind::node: add_node(p.node, k == 0); break;
        }
    }
    // From the segments alone: a lower bound where the route is timed or
    // needs a depot stop.
    auto bound = [&] {
        RouteCost lower = route_cost(model_, s, seg, c, load_scratch_, nullptr);
        lower.exact = false;
        return lower;
    };
    const bool timed = c.timed > 0 || model_.timed_slot(s);
    // A timed route's relaxed price is a bound anyway, stop or not.
    if (relaxed && timed) return bound();
    if (model_.has_resources() && !van_covers(model_, s, spec_used(spec))) {
        if (relaxed) return bound();
        const std::vector<Index> nodes = materialize(spec);
        return price_with_stop(model_, s, nodes, c, load_scratch_, used_scratch_, stop_scratch_).cost;
    }
    if (!timed) return route_cost(model_, s, seg, c, load_scratch_, nullptr);

    // Node by node from the end of the leading prefix; a suffix of the own
    // route stops as soon as the timing meets its stored one again.
    RouteTiming timing;
    TimingState st = start_state(model_, s, release());
    timing.departure = st.time;
    bool departure_known = false;
    bool met = false;
    // Linked visits: their starts, for the route's link warp; the whole
    // route is timed (a stored suffix knows nothing of the new neighbours).
    const bool linked = c.linked > 0;
    linked_scratch_.clear();
    auto step = [&](Index node) {
        const NodeTime t = advance(model_, s, node, st);
        if (linked) [[unlikely]] note_linked(node, t.start);
        if (!departure_known) {
            if (model_.kind(node) != NodeKind::end) timing.departure += t.start - t.arrival;
            departure_known = true;
        }
    };
    for (int k = 0; k < spec.count && !met; ++k) {
        const Part& p = spec.parts[static_cast<std::size_t>(k)];
        switch (p.kind) {
            case Part::Kind::prefix:
                st = own.state(p.to);
                if (p.to >= 1) timing.departure = own.departure(), departure_known = true;
                if (linked)
                    for (Index i = 1; i <= p.to; ++i) note_linked(own.node(i), own.start(i));
                break;
            case Part::Kind::suffix: {
                const Index last = own.size() - 1;
                for (Index i = p.from; i <= last; ++i) {
                    step(own.node(i));
                    const TimingState& was = own.state(i);
                    if (!linked && i < last && st.time == was.time && st.place == was.place) {
                        const TimingState& end = own.state(last);
                        st.warp += end.warp - was.warp;
                        st.lateness += end.lateness - was.lateness;
                        st.time = end.time;
                        met = true;
                        break;
                    }
                }
                break;
            }
            case Part::Kind::range:
                for (Index i = p.from; i <= p.to; ++i) step(route(p.route).node(i));
                break;
            case Part::Kind::reversed:
                for (Index i = p.to; i >= p.from; --i) step(route(p.route).node(i));
                break;
            case Part::Kind::node:
                if (k == 0) st = start_state(model_, s, release());
                else step(p.node);
                break;
        }
    }
    timing.warp = st.warp;
    timing.lateness = st.lateness;
    timing.end = st.time;
    RouteCost out = route_cost(model_, s, seg, c, load_scratch_, &timing);
    if (linked) out.warp += route_link_warp(s, linked_scratch_);
    return out;
}

std::span<const Amount> Plan::spec_used(const RouteSpec& spec) const {
    const RouteState& own = route(spec.slot);
    const auto resources = static_cast<std::size_t>(model_.num_resources());
    used_scratch_.assign(resources, 0);
    // Totals over a run of a route: its use to `to` minus its use before `from`.
    auto add_run = [&](const RouteState& r, Index from, Index to) {
        const auto upto = r.used(to);
        for (std::size_t k = 0; k < resources; ++k) used_scratch_[k] += upto[k];
        if (from == 0) return;
        const auto before = r.used(from - 1);
        for (std::size_t k = 0; k < resources; ++k) used_scratch_[k] -= before[k];
    };
    for (int k = 0; k < spec.count; ++k) {
        const Part& p = spec.parts[static_cast<std::size_t>(k)];
        switch (p.kind) {
            case Part::Kind::prefix: add_run(own, 0, p.to); break;
            case Part::Kind::suffix: add_run(own, p.from, own.size() - 1); break;
            case Part::Kind::range:
            case Part::Kind::reversed: add_run(route(p.route), p.from, p.to); break;
            case Part::Kind::node:
                if (model_.is_job(p.node))
                    for (const ResourceNeed& need : model_.needs(p.node))
                        used_scratch_[static_cast<std::size_t>(need.resource)] += need.amount;
                break;
        }
    }
    return used_scratch_;
}

Cost Plan::travel_bound(const RouteSpec& spec) const {
    return model_.slot(spec.slot).per_working_hour != 0 ? travel_bound_of<true>(spec) : travel_bound_of<false>(spec);
}

// `Paid`: the slot has a working-hour rate, and the bound adds the working
// hours of the driving and the time on site (waiting and a depot stop only
// add to them); without one, those sums are not even made.
template <bool Paid>
Cost Plan::travel_bound_of(const RouteSpec& spec) const {
    const Index s = spec.slot;
    const RouteState& own = route(s);
    const Index klass = model_.slot(s).timing_class;
    Cost legs = 0;
    [[maybe_unused]] Duration drive = 0;
    [[maybe_unused]] Duration busy = 0;
    Index jobs = 0;
    Index last = -1;  // the last place so far
    auto on_site = [&](Index node) {
        if constexpr (Paid)
            if (model_.kind(node) == NodeKind::job || model_.kind(node) == NodeKind::break_) busy += model_.duration(node, s);
    };
    auto busy_over = [&](const RouteState& r, Index from, Index to) {
        if constexpr (Paid) busy += r.busy(to) - (from > 0 ? r.busy(from - 1) : 0);
    };
    auto reach = [&](Index place) {
        if (place < 0) return;
        const Leg l = model_.leg(s, last, place);
        legs += l.cost;
        if constexpr (Paid) drive += l.duration;
        last = place;
    };
    auto walk = [&](const RouteState& r, Index i) {
        const Index node = r.node(i);
        if (model_.is_job(node)) ++jobs;
        on_site(node);
        reach(model_.location(node));
    };
    for (int k = 0; k < spec.count; ++k) {
        const Part& p = spec.parts[static_cast<std::size_t>(k)];
        switch (p.kind) {
            case Part::Kind::prefix:
                legs = own.prefix(p.to).cost;
                if constexpr (Paid) drive = own.prefix(p.to).travel;
                busy_over(own, 0, p.to);
                jobs = own.counts(p.to).jobs;
                last = own.prefix(p.to).last;
                break;
            case Part::Kind::suffix: {
                const TwSegment& seg = own.suffix(p.from);
                if (seg.first >= 0) {
                    const Leg l = model_.leg(s, last, seg.first);
                    legs += l.cost;
                    if constexpr (Paid) drive += l.duration;
                }
                legs += seg.cost;
                if constexpr (Paid) drive += seg.travel;
                busy_over(own, p.from, own.size() - 1);
                jobs += own.counts(p.from, own.size() - 1).jobs;
                break;
            }
            case Part::Kind::range: {
                const RouteState& r = route(p.route);
                if (p.to == r.size() - 2 && model_.slot(p.route).timing_class == klass) {
                    const TwSegment& seg = r.tail(p.from);
                    if (seg.first >= 0) {
                        reach(seg.first);
                        legs += seg.cost;
                        if constexpr (Paid) drive += seg.travel;
                        last = seg.last;
                    }
                    busy_over(r, p.from, p.to);
                    jobs += r.counts(p.from, p.to).jobs;
                } else {
                    for (Index i = p.from; i <= p.to; ++i) walk(r, i);
                }
                break;
            }
            case Part::Kind::reversed:
                for (Index i = p.to; i >= p.from; --i) walk(route(p.route), i);
                break;
            case Part::Kind::node:
                if (model_.is_job(p.node)) ++jobs;
                on_site(p.node);
                if (k == 0) last = model_.location(p.node);
                else reach(model_.location(p.node));
                break;
        }
    }
    if (jobs == 0) return 0;
    const SlotData& d = model_.slot(s);
    Cost working = 0;
    if constexpr (Paid) working = (d.per_working_hour * (drive + busy) + 1800) / 3600;
    return d.travel_weight * (d.fixed + legs + working);
}

std::vector<Index> Plan::materialize(const RouteSpec& spec) const {
    const Index s = spec.slot;
    std::vector<Index> out;
    auto push = [&](Index node) {
        if (model_.kind(node) == NodeKind::break_ && model_.owner(node) != s) {
            const Index other = model_.owner(node);
            node = model_.slot(s).first_break + (node - model_.slot(other).first_break);
        }
        out.push_back(node);
    };
    for (int k = 0; k < spec.count; ++k) {
        const Part& p = spec.parts[static_cast<std::size_t>(k)];
        switch (p.kind) {
            case Part::Kind::prefix:
                for (Index i = 0; i <= p.to; ++i) push(route(s).node(i));
                break;
            case Part::Kind::suffix:
                for (Index i = p.from; i < route(s).size(); ++i) push(route(s).node(i));
                break;
            case Part::Kind::range:
                for (Index i = p.from; i <= p.to; ++i) push(route(p.route).node(i));
                break;
            case Part::Kind::reversed:
                for (Index i = p.to; i >= p.from; --i) push(route(p.route).node(i));
                break;
            case Part::Kind::node: push(p.node); break;
        }
    }
    return out;
}

ObjectiveParts Plan::parts() const {
    ObjectiveParts parts;
    parts.unassigned = unserved_cost_;
    for (const RouteState& r : routes_) {
        parts.travel += r.cost().travel;
        parts.overtime += r.cost().overtime;
        parts.lateness += r.cost().lateness;
        parts.preference += r.cost().preference;
    }
    parts.balance = balance();
    parts.max_lateness = max_lateness_cost();
    return parts;
}

Cost Plan::balance() const { return balance_with(-1, 0, -1, 0); }

Cost Plan::balance_with(Index s1, Duration w1, Index s2, Duration w2) const {
    if (!model_.balance()) return 0;
    const Problem& p = model_.problem();
    std::vector<Duration> working(static_cast<std::size_t>(p.num_engineers()), 0);
    for (Index s = 0; s < num_slots(); ++s) {
        Duration w = route(s).cost().working();
        if (s == s1) w = w1;
        if (s == s2) w = w2;
        working[static_cast<std::size_t>(model_.slot(s).engineer)] += w;
    }
    if (working.empty()) return 0;
    const auto [lo, hi] = std::minmax_element(working.begin(), working.end());
    return p.weights().balance * (*hi - *lo);
}

}  // namespace fsd::detail
