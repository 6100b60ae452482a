#pragma once
// The small solved live day the live-plan JSON tests read and write.
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"

namespace io_test {

inline constexpr fsd::Time kDay = 1'795'478'400;  // generator's default day (midnight UTC)

inline fsd::LivePlan small_day() {
    fsd::GenerateOptions g;
    g.engineers = 4;
    g.jobs = 12;
    g.seed = 9;
    const fsd::Problem p = fsd::generate_problem(g);
    fsd::SolveOptions o;
    o.iteration_limit = 100;
    return fsd::LivePlan(p, fsd::solve(p, o), kDay + 8 * 3600);
}

}  // namespace io_test
