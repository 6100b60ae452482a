#include "fsd/route/detail/move_eval.hpp"

#include <limits>

#include "fsd/core/error.hpp"

namespace fsd::detail {

void RouteSegments::build(const SegmentInstance& instance, std::vector<Index> nodes) {
    FSD_ASSERT(nodes.size() >= 2);
    nodes_ = std::move(nodes);
    const std::size_t n = nodes_.size();
    prefix_.resize(n);
    suffix_.resize(n);
    prefix_[0] = instance.nodes[static_cast<std::size_t>(nodes_[0])];
    for (std::size_t i = 1; i < n; ++i)
        prefix_[i] = instance.join(prefix_[i - 1], instance.nodes[static_cast<std::size_t>(nodes_[i])]);
    suffix_[n - 1] = instance.nodes[static_cast<std::size_t>(nodes_[n - 1])];
    for (std::size_t i = n - 1; i-- > 0;)
        suffix_[i] = instance.join(instance.nodes[static_cast<std::size_t>(nodes_[i])], suffix_[i + 1]);
}

TwSegment RouteSegments::between(const SegmentInstance& instance, std::size_t i, std::size_t j) const {
    FSD_ASSERT(i <= j && j < nodes_.size());
    TwSegment s = instance.nodes[static_cast<std::size_t>(nodes_[i])];
    for (std::size_t k = i + 1; k <= j; ++k) s = instance.join(s, instance.nodes[static_cast<std::size_t>(nodes_[k])]);
    return s;
}

namespace {

const TwSegment& node_at(const SegmentInstance& in, const RouteSegments& r, std::size_t i) {
    return in.nodes[static_cast<std::size_t>(r.nodes()[i])];
}

// prefix ⊕ [middle] ⊕ suffix, the middle optional.
TwSegment join3(const SegmentInstance& in, const TwSegment& head, const TwSegment* middle, const TwSegment& tail) {
    return middle ? in.join(in.join(head, *middle), tail) : in.join(head, tail);
}

}  // namespace

MoveResult move_chain(const SegmentInstance& in, const RouteSegments& a, std::size_t p, std::size_t k,
                      const RouteSegments& b, std::size_t q) {
    FSD_ASSERT(k >= 1 && p >= 1 && p + k < a.size() && q + 1 < b.size());
    const TwSegment chain = k == 1 ? node_at(in, a, p) : a.between(in, p, p + k - 1);
    return {in.join(a.prefix(p - 1), a.suffix(p + k)), join3(in, b.prefix(q), &chain, b.suffix(q + 1))};
}

MoveResult relocate(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                    std::size_t q) {
    return move_chain(in, a, p, 1, b, q);
}

MoveResult swap(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                std::size_t q) {
    FSD_ASSERT(p >= 1 && p + 1 < a.size() && q >= 1 && q + 1 < b.size());
    return {join3(in, a.prefix(p - 1), &node_at(in, b, q), a.suffix(p + 1)),
            join3(in, b.prefix(q - 1), &node_at(in, a, p), b.suffix(q + 1))};
}

MoveResult cross_exchange(const SegmentInstance& in, const RouteSegments& a, std::size_t p, std::size_t k,
                          const RouteSegments& b, std::size_t q, std::size_t m) {
    FSD_ASSERT(p >= 1 && p + k < a.size() && q >= 1 && q + m < b.size());
    const TwSegment chain_a = k ? a.between(in, p, p + k - 1) : TwSegment{};
    const TwSegment chain_b = m ? b.between(in, q, q + m - 1) : TwSegment{};
    return {join3(in, a.prefix(p - 1), m ? &chain_b : nullptr, a.suffix(p + k)),
            join3(in, b.prefix(q - 1), k ? &chain_a : nullptr, b.suffix(q + m))};
}

namespace {

bool same_visit(const TwSegment& x, const TwSegment& y) {
    return x.first == y.first && x.duration == y.duration && x.earliest == y.earliest && x.latest == y.latest &&
           x.load == y.load;
}

// Route r from position `from` to its last visit, then the end node `end`.
TwSegment tail_to(const SegmentInstance& in, const RouteSegments& r, std::size_t from, const TwSegment& end) {
    if (from + 1 == r.size()) return end;
    return in.join(r.between(in, from, r.size() - 2), end);
}

}  // namespace

MoveResult two_opt_star(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                        std::size_t q) {
    FSD_ASSERT(p + 1 < a.size() && q + 1 < b.size());
    const TwSegment& end_a = node_at(in, a, a.size() - 1);
    const TwSegment& end_b = node_at(in, b, b.size() - 1);
    // Equal end visits (one depot): the stored suffixes serve as they are.
    if (same_visit(end_a, end_b)) return {in.join(a.prefix(p), b.suffix(q + 1)), in.join(b.prefix(q), a.suffix(p + 1))};
    return {in.join(a.prefix(p), tail_to(in, b, q + 1, end_a)), in.join(b.prefix(q), tail_to(in, a, p + 1, end_b))};
}

TwSegment relocate_within(const SegmentInstance& in, const RouteSegments& r, std::size_t p, std::size_t q) {
    FSD_ASSERT(p >= 1 && p + 1 < r.size() && q + 1 < r.size() && q != p && q + 1 != p);
    const TwSegment& u = node_at(in, r, p);
    if (q < p) {
        const TwSegment head = in.join(r.prefix(q), u);
        // Positions q+1 .. p-1 follow u, then the rest after p.
        return in.join(in.join(head, r.between(in, q + 1, p - 1)), r.suffix(p + 1));
    }
    const TwSegment head = in.join(r.prefix(p - 1), r.between(in, p + 1, q));
    return in.join(in.join(head, u), r.suffix(q + 1));
}

TwSegment reverse_within(const SegmentInstance& in, const RouteSegments& r, std::size_t i, std::size_t j) {
    FSD_ASSERT(i >= 1 && i < j && j + 1 < r.size());
    TwSegment s = r.prefix(i - 1);
    for (std::size_t k = j + 1; k-- > i;) s = in.join(s, node_at(in, r, k));
    return in.join(s, r.suffix(j + 1));
}

namespace {

// The best place for `v` in route `r` without its visit at `p`: the new
// route's segment, its cost, and the position of r after which v goes.
struct BestInsert {
    TwSegment route;
    Cost cost = std::numeric_limits<Cost>::max();
    std::size_t after = 0;
};

BestInsert best_insert_without(const SegmentInstance& in, const RouteSegments& r, std::size_t p, const TwSegment& v,
                               const SegmentLoad& capacity, const PenaltyWeights& w) {
    BestInsert best;
    auto consider = [&](const TwSegment& route, std::size_t after) {
        const Cost c = penalised_cost(route, capacity, w);
        if (c < best.cost) best = {route, c, after};
    };
    // Before u's old place: prefix(t) ⊕ v ⊕ (r[t+1..p-1] ⊕ suffix(p+1)), the
    // right part grown backwards one node at a time.
    TwSegment right = r.suffix(p + 1);
    for (std::size_t t = p; t-- > 0;) {
        consider(in.join(in.join(r.prefix(t), v), right), t);
        if (t >= 1) right = in.join(node_at(in, r, t), right);
    }
    // After it: (prefix(p-1) ⊕ r[p+1..t]) ⊕ v ⊕ suffix(t+1), the left part grown forwards.
    TwSegment left = r.prefix(p - 1);
    for (std::size_t t = p + 1; t + 1 < r.size(); ++t) {
        left = in.join(left, node_at(in, r, t));
        consider(in.join(in.join(left, v), r.suffix(t + 1)), t);
    }
    return best;
}

}  // namespace

SwapStarResult swap_star(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                         std::size_t q, const SegmentLoad& capacity_a, const SegmentLoad& capacity_b,
                         const PenaltyWeights& w) {
    FSD_ASSERT(p >= 1 && p + 1 < a.size() && q >= 1 && q + 1 < b.size());
    const BestInsert into_a = best_insert_without(in, a, p, node_at(in, b, q), capacity_a, w);
    const BestInsert into_b = best_insert_without(in, b, q, node_at(in, a, p), capacity_b, w);
    SwapStarResult r;
    r.routes = {into_a.route, into_b.route};
    r.cost = into_a.cost + into_b.cost;
    r.v_after = into_a.after;
    r.u_after = into_b.after;
    return r;
}

}  // namespace fsd::detail
