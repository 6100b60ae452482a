// Builds a small service day in code, plans it, checks the plan independently
// and prints each engineer's visits.
#include <iostream>

#include "fsd/fsd.hpp"

int main() {
    using namespace fsd;
    const Time day = 1795478400;  // 2026-11-24T00:00:00Z
    ProblemBuilder builder;
    for (int e = 0; e < 2; ++e) {
        Engineer eng;
        eng.id = "eng-" + std::to_string(e + 1);
        eng.start.coords = Coordinates{48.14 + 0.02 * e, 11.58 - 0.03 * e};
        eng.shifts = {{day + 8 * 3600, day + 17 * 3600}};
        eng.breaks = {Break{"lunch", {{day + 11 * 3600 + 1800, day + 14 * 3600}}, 1800}};
        eng.skills = {{"appliance", 2}, {e == 0 ? "hvac" : "electrical", 1}};
        builder.add_engineer(eng);
    }
    const char* skills[] = {"appliance", "hvac", "electrical"};
    for (int j = 0; j < 8; ++j) {
        Job job;
        job.id = "T-" + std::to_string(100 + j);
        job.location.coords = Coordinates{48.10 + 0.01 * j, 11.50 + 0.015 * (j % 5)};
        job.duration = 2700;
        job.skills = {{skills[j % 3], 1}};
        if (j % 4 == 0) job.time_windows = {{day + 9 * 3600, day + 11 * 3600}};
        builder.add_job(job);
    }
    const Problem problem = builder.build();
    SolveOptions options;
    options.time_limit_seconds = 0.2;
    const Solution plan = solve(problem, options);
    const VerifyReport report = verify(problem, plan);
    if (!report.ok()) {
        for (const auto& v : report.violations) std::cerr << v.kind << ": " << v.message << '\n';
        return 1;
    }
    for (const Route& route : plan.routes) {
        std::cout << problem.engineer(route.engineer).id << ':';
        for (const Step& step : route.steps)
            if (step.kind == StepKind::job) std::cout << ' ' << problem.job(step.index).id;
        std::cout << "  (travel " << route.travel_time / 60 << " min)\n";
    }
    std::cout << plan.unassigned.size() << " unassigned, objective " << plan.objective.total() << '\n';
    return 0;
}
