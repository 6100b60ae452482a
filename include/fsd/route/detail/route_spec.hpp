#pragma once
// A route a move would make, described by the parts of current routes it is
// made of: a prefix of the route it replaces, single nodes, runs of another
// route (forwards or reversed), and a suffix. One description serves both to
// price the route (Plan::price, O(1) per part from the routes' segments, or
// node by node from the change on where segments do not suffice) and to build
// it (Plan::materialize) when the move is taken.
#include <array>
#include <cstdint>

#include "fsd/core/error.hpp"
#include "fsd/core/types.hpp"

namespace fsd::detail {

/// A piece of a route under construction.
struct Part {
    enum class Kind : std::uint8_t {
        prefix,    ///< nodes 0..to of `route` (the start node on)
        suffix,    ///< nodes from..end of `route` (its end node included)
        range,     ///< nodes from..to of `route`, before its end node
        reversed,  ///< nodes to..from of `route`, backwards
        node,      ///< the single node `node`
    };
    Kind kind;
    Index route;
    Index from;
    Index to;
    Index node;
};

inline Part prefix_part(Index route, Index to) { return {Part::Kind::prefix, route, 0, to, -1}; }
inline Part suffix_part(Index route, Index from) { return {Part::Kind::suffix, route, from, -1, -1}; }
inline Part range_part(Index route, Index from, Index to) { return {Part::Kind::range, route, from, to, -1}; }
inline Part reversed_part(Index route, Index from, Index to) { return {Part::Kind::reversed, route, from, to, -1}; }
inline Part node_part(Index node) { return {Part::Kind::node, -1, 0, 0, node}; }

/// The route of `slot` as a sequence of parts. The first part is a prefix
/// of the slot's own route; the last is a suffix of it or the slot's end node.
struct RouteSpec {
    static constexpr int kMaxParts = 6;
    Index slot = -1;
    std::array<Part, kMaxParts> parts;  // the first `count` are set
    int count = 0;

    explicit RouteSpec(Index s) : slot(s) {}
    RouteSpec& add(const Part& p) {
        if (count == kMaxParts) too_many_parts();
        // Empty runs (from > to) are dropped, so callers need not test for them.
        if ((p.kind == Part::Kind::range || p.kind == Part::Kind::reversed) && p.from > p.to) return *this;
        parts[static_cast<std::size_t>(count++)] = p;
        return *this;
    }

private:
    [[noreturn, gnu::cold, gnu::noinline]] static void too_many_parts() { FSD_ASSERT(!"a route spec holds at most kMaxParts parts"); }
};

}  // namespace fsd::detail
