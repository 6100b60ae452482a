#pragma once
// The local search of every stage: first-improvement descent on a Plan under
// its penalties, over granular neighbourhoods (each job with its nearest jobs,
// RouteModel::neighbours). Moves between served jobs: relocate, swap, or-opt
// of two, cross-exchange of chains of one or two, 2-opt*, SWAP* over route
// pairs, and within a route relocate, swap, or-opt of two and 2-opt; a served
// job into an unused route. Moves that choose which jobs are served, priced
// against the jobs' prizes: insert a job left out, replace a served job by
// one left out, put a job left out in the place of a served one that moves
// elsewhere (make_room), push jobs worth less out of a route to let one worth
// more in (eject_for), take a job out. A job enters a route only where the
// route's penalties do not grow (the plan's served set changes through
// feasible steps, whatever the prizes). Breaks move within their route to
// their cheapest place whenever the route changes.
#include <array>
#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

#include "fsd/route/detail/plan.hpp"
#include "fsd/route/detail/route_locks.hpp"
#include "fsd/route/detail/stopping_criterion.hpp"

namespace fsd::detail {

/// A job's cheapest place in a route: the position it goes after and the
/// change of the route's penalised cost (kTimeMax: none allowed).
struct Placement {
    Index slot = -1;
    Index after = -1;
    Cost delta = kTimeMax;
    Duration later = 0;   ///< how much later the route ends (the time the job takes from it)
    /// False: no place was priced, as none could cost less than the limit
    /// asked for; `delta` is then a lower bound of every place (slot -1).
    bool exact = true;
};

class LocalSearch {
public:
    /// Descends on `plan`, never disturbing the fixed parts in `locks`.
    LocalSearch(Plan& plan, const RouteLocks& locks, std::uint64_t seed);

    /// Every job is examined again (after a new plan or new penalties).
    void mark_all();
    /// The jobs of route s, and the jobs that have one of them as neighbour,
    /// are examined again.
    void mark_route(Index s);
    /// Descends until no move improves or `stop` runs out of time.
    void run(const StoppingCriterion& stop);

    /// The cheapest place for job u in route s; `strict`: only where the
    /// route's time warp and excess load do not grow. Respects fixed parts.
    /// Places that cannot cost less than `limit` are not priced (see
    /// Placement::exact).
    Placement best_place(Index u, Index s, bool strict, Cost limit = kTimeMax) const;
    /// Job u's cheapest place in each route near it (the routes of its
    /// neighbours, its nearest slots and the nearest unused route) that has
    /// one; `strict` as in best_place.
    void places(Index u, bool strict, std::vector<Placement>& out) const;
    /// The cheapest of places() (slot -1: none).
    Placement cheapest_place(Index u, bool strict) const;
    /// Inserts left-out job u at its cheapest place among the routes near it
    /// when that costs less than its prize; `strict` as in best_place. A
    /// linked visit whose partners are left out goes in with them when the
    /// plan's cost falls (insert_together). True when u was inserted.
    bool insert(Index u, bool strict);
    /// Inserts left-out job u at `place` (from best_place) and re-places the
    /// route's breaks.
    void insert_at(Index u, const Placement& place);
    /// Puts the breaks of route s at their cheapest places.
    void place_breaks(Index s);
    /// Takes jobs out of every route with time warp or excess load until it
    /// has none: each time the job whose leaving removes most of it, the
    /// least prize first among equals; fixed jobs stay. The jobs taken out
    /// and the routes changed are marked for the next run. True when the
    /// plan is feasible after it.
    bool shed_infeasible();

    std::mt19937_64& rng() noexcept { return rng_; }
    /// Only moves after which no route has more time warp or excess load
    /// (the final polish of a feasible plan).
    void set_feasible_only(bool on) noexcept { feasible_only_ = on; }

private:
    /// Queues job j for examination (once).
    void enqueue(Index j);
    bool improve(Index u);
    bool improve_left_out(Index u);
    bool between_routes(Index u, Index v);
    bool within_route(Index u, Index v);
    bool swap_star(Index ra, Index rb);
    bool into_unused_route(Index u);
    bool take_out(Index u);
    bool make_room(Index u);
    bool insert_together(Index u, bool strict);
    /// insert_at without marking the route for examination (a trial).
    void put_at(Index u, const Placement& place);
    bool eject_for(Index u, bool may_move);
    /// At a local optimum: eject_for, moving others, for each left-out job
    /// of the least prize, when few are left out. True when one got in.
    bool make_room_at_optimum(const StoppingCriterion& stop);
    /// Few jobs are left out (3, or 2 % of the jobs): only then do the moves
    /// that let a left-out job in move jobs worth more than it, or move jobs
    /// for one of the least prize. With many left out, jobs are out for lack
    /// of time rather than of a place, and those moves would search for each.
    bool few_left_out() const;
    // Applies specs `a` (and `b`) when they lower the penalised cost by more
    // than `bias` (prizes of jobs entering or leaving); `strict`: only when
    // neither route's warp or excess grows; `legs_checked`: the caller has
    // already ruled the move out by its legs where they could (the engineer
    // costs then need no second bound).
    bool try_move(const RouteSpec& a, const RouteSpec* b, Cost bias, bool strict, bool legs_checked = false);
    // try_move's last step on a coupled plan (Plan::coupled): makes the
    // move, keeps it only if the plan's penalised cost fell.
    bool keep_if_better(const RouteSpec& a, const RouteSpec* b);
    void changed(Index s);
    bool may_insert_after(Index s, Index position) const;
    /// Places of a visit next to the node at position p of route r (as
    /// positions to insert after), ended by -1.
    std::array<Index, 4> places_by(Index r, Index p) const;
    bool fixed(Index j) const { return locks_.any && locks_.fixed(j); }
    /// The cost of the leg between two places in route r.
    Cost leg(Index r, Index from, Index to) const { return model_.leg(r, from, to).cost; }
    /// What ranks places by their legs in route r: the legs' cost, or their
    /// seconds when legs cost nothing (RouteModel::legs_free), where a
    /// ranking by cost would tie every place. Not a bound of any price.
    Cost rank_leg(Index r, Index from, Index to) const {
        const Leg l = model_.leg(r, from, to);
        return model_.legs_free(r) ? l.duration : l.cost;
    }
    /// Job x's three cheapest places in route r by the legs they add (rank_leg)
    /// ((cost, position after which), kTimeMax when none), cached until r changes.
    const std::array<std::pair<Cost, Index>, 3>& top_places(Index x, Index r);

    struct TopPlaces {
        Index route = -1;
        std::int64_t stamp = -1;
        std::array<std::pair<Cost, Index>, 3> best{};
    };

    Plan& plan_;
    const RouteModel& model_;
    const RouteLocks& locks_;
    std::mt19937_64 rng_;
    std::vector<Index> queue_;
    std::vector<char> queued_;
    std::vector<std::int64_t> examined_;  // per job: plan clock when last examined in vain
    std::vector<std::int64_t> room_examined_;  // per job: the same for make_room_at_optimum
    mutable std::vector<std::pair<Cost, Index>> order_scratch_;
    mutable std::vector<Placement> places_scratch_;  // cheapest_place's
    bool feasible_only_ = false;
    static constexpr std::size_t kTopPlaceRoutes = 8;
    std::unordered_map<std::uint64_t, std::int64_t> pair_examined_;  // SWAP* route pair -> plan clock when examined
    std::vector<TopPlaces> top_places_;  // per job: for the kTopPlaceRoutes routes asked last
};

/// Makes `plan` feasible after a descent under penalties: raises the
/// penalties (times 4, up to 1,000,000) and descends again, up to six times,
/// then sheds jobs (LocalSearch::shed_infeasible) and descends with feasible
/// moves only. True when the plan is feasible.
bool repair(Plan& plan, LocalSearch& ls, const StoppingCriterion& stop);

}  // namespace fsd::detail
