// The solver's plan beside a hand-made one, both measured by evaluate_plan so
// that a difference is never a difference of rules.
#include "fsd/evaluate.hpp"
#include "fsd/route/solve.hpp"

namespace fsd {

PlanComparison compare_with_solver(const Problem& problem, const Solution& given, const SolveOptions& options) {
    PlanComparison out;
    out.given = evaluate_plan(problem, given);
    out.solver_plan = solve(problem, options);
    out.solver = evaluate_plan(problem, out.solver_plan);
    const ObjectiveParts& a = out.given.objective;
    const ObjectiveParts& b = out.solver.objective;
    out.saving = ObjectiveParts{a.unassigned - b.unassigned, a.lateness - b.lateness, a.travel - b.travel,
                                a.balance - b.balance, a.preference - b.preference, a.overtime - b.overtime,
                                a.max_lateness - b.max_lateness};
    const PlanFigures& x = out.given.figures;
    const PlanFigures& y = out.solver.figures;
    out.difference = PlanFigures{x.objective - y.objective, x.travel_time - y.travel_time, x.distance - y.distance,
                                 x.lateness - y.lateness,   x.served - y.served,           x.violations - y.violations,
                                 x.overtime - y.overtime};
    return out;
}

}  // namespace fsd
