#pragma once
// Local-search moves priced in O(1) from time-window segments: each route
// keeps the segments of all its prefixes and suffixes, and a move's new
// routes are concatenations of a prefix, the moved visits and a suffix.
// Routes are node lists that begin and end with their depot nodes (an
// engineer's start and end, whose windows are the shift).
#include <cstddef>
#include <vector>

#include "fsd/route/detail/tw_segment.hpp"
#include "fsd/travel/matrix.hpp"

namespace fsd::detail {

/// What pricing needs of a problem: travel between matrix indices, and each
/// node's visit segment (service, window, load). Routes list node ids; a
/// node's segment carries its own matrix index, so visits at one place (or
/// several engineers' depots) are different nodes.
struct SegmentInstance {
    const DurationMatrix* durations = nullptr;
    const DistanceMatrix* distances = nullptr;
    std::vector<TwSegment> nodes;

    TwSegment join(const TwSegment& a, const TwSegment& b) const {
        return concat(a, b, (*durations)(a.last, b.first), (*distances)(a.last, b.first));
    }
};

/// Weights of the penalised cost the search minimises: distance plus
/// penalties for time warp and excess load (raised while solutions stay
/// infeasible, lowered while they stay feasible).
struct PenaltyWeights {
    Cost time_warp = 1;    ///< per second of warp
    Cost excess_load = 1;  ///< per unit above capacity
};

/// The penalised cost of a whole route given as one segment.
inline Cost penalised_cost(const TwSegment& route, const SegmentLoad& capacity, const PenaltyWeights& w) {
    return route.distance + w.time_warp * route.time_warp + w.excess_load * excess_load(route, capacity);
}

/// Prefix and suffix segments of one route (nodes[0] and nodes.back() are
/// its depots). Building is O(length); every query below is O(1) except
/// `between`, which is O(j - i).
class RouteSegments {
public:
    void build(const SegmentInstance& instance, std::vector<Index> nodes);

    const std::vector<Index>& nodes() const { return nodes_; }
    std::size_t size() const { return nodes_.size(); }
    /// Nodes 0..i.
    const TwSegment& prefix(std::size_t i) const { return prefix_[i]; }
    /// Nodes i..size()-1.
    const TwSegment& suffix(std::size_t i) const { return suffix_[i]; }
    /// Nodes i..j (i <= j).
    TwSegment between(const SegmentInstance& instance, std::size_t i, std::size_t j) const;
    /// The whole route.
    const TwSegment& route() const { return prefix_.back(); }

private:
    std::vector<Index> nodes_;
    std::vector<TwSegment> prefix_;
    std::vector<TwSegment> suffix_;
};

/// The two routes a move between routes produces (or one, within a route),
/// as segments; the caller prices them with penalised_cost.
struct MoveResult {
    TwSegment first;
    TwSegment second;
};

/// Moves the visit at position `p` (0 < p < size-1) of route `a` to just
/// after position `q` of route `b` (a != b).
MoveResult relocate(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                    std::size_t q);
/// Moves the chain at positions p..p+k-1 of `a` after position `q` of `b`
/// (a != b), in its order (or-opt of a chain; k = 1 is relocate).
MoveResult move_chain(const SegmentInstance& in, const RouteSegments& a, std::size_t p, std::size_t k,
                      const RouteSegments& b, std::size_t q);
/// Exchanges the visit at `p` of `a` with the one at `q` of `b` in place.
MoveResult swap(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                std::size_t q);
/// Exchanges the chain a[p..p+k-1] with b[q..q+m-1] (cross-exchange; k or m may be 0).
MoveResult cross_exchange(const SegmentInstance& in, const RouteSegments& a, std::size_t p, std::size_t k,
                          const RouteSegments& b, std::size_t q, std::size_t m);
/// 2-opt*: a keeps 0..p and continues with b's visits after q; b keeps 0..q
/// and continues with a's after p; each keeps its own end. O(1) when both
/// routes end at the same visit (one depot), else O(length of the tails).
MoveResult two_opt_star(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                        std::size_t q);
/// Within one route: moves the visit at `p` to just after position `q`
/// (q != p, q != p - 1), as one segment; O(|p - q|).
TwSegment relocate_within(const SegmentInstance& in, const RouteSegments& r, std::size_t p, std::size_t q);
/// Within one route: reverses positions i..j (0 < i < j < size-1) (2-opt);
/// O(j - i) since a reversed segment has no stored summary.
TwSegment reverse_within(const SegmentInstance& in, const RouteSegments& r, std::size_t i, std::size_t j);

/// SWAP* (Vidal 2022): u (at `p` of `a`) and v (at `q` of `b`) change routes,
/// each inserted at its best position in the other route rather than in
/// place of the other. Returns the best such pair of routes by penalised
/// cost; O(size(a) + size(b)).
struct SwapStarResult {
    MoveResult routes;
    Cost cost = 0;                ///< penalised cost of the two new routes
    std::size_t v_after = 0;      ///< v goes after this position of a as it was (never p)
    std::size_t u_after = 0;      ///< u goes after this position of b as it was (never q)
};
SwapStarResult swap_star(const SegmentInstance& in, const RouteSegments& a, std::size_t p, const RouteSegments& b,
                         std::size_t q, const SegmentLoad& capacity_a, const SegmentLoad& capacity_b,
                         const PenaltyWeights& w);

}  // namespace fsd::detail
