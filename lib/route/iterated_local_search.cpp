#include "fsd/route/detail/iterated_local_search.hpp"

#include <algorithm>

#include "fsd/route/detail/ruin_recreate.hpp"

namespace fsd::detail {

SearchResult iterated_local_search(Plan& plan, LocalSearch& ls, const RouteLocks& locks, const StoppingCriterion& stop,
                                   const ProgressReporter& progress, BestExchange* exchange, std::size_t thread) {
    SearchResult best{plan.snapshot(), plan.objective(), 0, 0};
    PlanRoutes current = best.routes;
    Cost best_routes = plan.objective() - plan.unserved_cost();  // the best plan's route costs
    Penalties& w = plan.penalties();
    std::int64_t it = 0;
    while (!stop.done(it, best.since_best)) {
        ++it;
        ++best.since_best;
        if (exchange && exchange->due(thread, it)) {
            if (auto shared = exchange->meet(thread, {best.routes, best.objective})) {
                plan.restore(shared->routes);
                best.routes = current = std::move(shared->routes);
                best.objective = plan.objective();
                best_routes = best.objective - plan.unserved_cost();
                best.since_best = 0;
                ls.mark_all();
            }
        }
        ruin_and_recreate(plan, ls, locks, ls.rng());
        ls.run(stop);
        if (!repair(plan, ls, stop)) {
            plan.restore(current);
            continue;
        }
        w.time_warp = std::max<Cost>(1, w.time_warp * 9 / 10);
        w.excess_load = std::max<Cost>(1, w.excess_load * 9 / 10);
        const Cost cost = plan.objective();
        if (cost < best.objective) {
            best.routes = plan.snapshot();
            best.objective = cost;
            best_routes = cost - plan.unserved_cost();
            best.since_best = 0;
            progress.best(plan, it);
        }
        // Record-to-record travel: up to 1 % of the best plan's route costs
        // worse, the allowance shrinking to nothing as the search ends.
        const double left = 1.0 - stop.fraction(it);
        const auto allowance = static_cast<Cost>(static_cast<double>(best_routes) * 0.01 * left);
        if (cost <= best.objective + std::max<Cost>(0, allowance)) current = plan.snapshot();
        else plan.restore(current);
    }
    best.iterations = it;
    return best;
}

}  // namespace fsd::detail
