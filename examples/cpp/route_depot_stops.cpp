// A day where tools and spare parts decide the routes: two engineers, one of
// them without the vacuum pump that two visits need, and a van with one
// filter for three filter changes. The plan stops at the depot (the solver
// picks the place and what to pick up), and the verifier checks what is on
// board at every visit.
#include <iostream>

#include "fsd/fsd.hpp"

int main() {
    using namespace fsd;
    const Time day = 1795478400;  // 2026-11-24T00:00:00Z
    ProblemBuilder builder;
    Depot depot;
    depot.id = "north";
    depot.location.coords = Coordinates{48.19, 11.57};
    depot.opening = {{day + 7 * 3600 + 1800, day + 16 * 3600}};
    depot.duration = 600;
    depot.tools = {"vacuum-pump"};
    depot.parts = {"filter", "compressor"};
    builder.add_depot(depot);
    for (int e = 0; e < 2; ++e) {
        Engineer eng;
        eng.id = "eng-" + std::to_string(e + 1);
        eng.start.coords = Coordinates{48.12 + 0.03 * e, 11.55 + 0.02 * e};
        eng.shifts = {{day + 8 * 3600, day + 17 * 3600}};
        eng.skills = {{e == 0 ? "hvac" : "appliance", 1}};
        eng.stock = {{"filter", 1}};
        builder.add_engineer(eng);
    }
    for (int j = 0; j < 8; ++j) {
        Job job;
        job.id = "T-" + std::to_string(200 + j);
        job.location.coords = Coordinates{48.10 + 0.012 * j, 11.50 + 0.02 * (j % 4)};
        job.duration = 2400;
        const bool hvac = j < 5;
        job.skills = {{hvac ? "hvac" : "appliance", 1}};
        if (hvac && j < 2) job.tools = {"vacuum-pump"};     // eng-1 has none: the depot lends it
        if (hvac && j >= 2) job.parts = {{"filter", 1}};   // three filters, one in the van
        builder.add_job(job);
    }
    const Problem problem = builder.build();
    SolveOptions options;
    options.time_limit_seconds = 0.5;
    const Solution plan = solve(problem, options);
    const VerifyReport report = verify(problem, plan);
    if (!report.ok()) {
        for (const auto& v : report.violations) std::cerr << v.kind << ": " << v.message << '\n';
        return 1;
    }
    int stops = 0;
    for (const Route& route : plan.routes) {
        std::cout << problem.engineer(route.engineer).id << ':';
        for (const Step& step : route.steps) {
            if (step.kind == StepKind::job) std::cout << ' ' << problem.job(step.index).id;
            if (step.kind != StepKind::depot) continue;
            ++stops;
            std::cout << " [depot " << problem.depot(step.index).id << ":";
            for (const std::string& tool : step.pickup_tools) std::cout << ' ' << tool;
            for (const PartCount& part : step.pickup_parts) std::cout << ' ' << part.count << " x " << part.part;
            std::cout << ']';
        }
        std::cout << "  (working " << route.working_time / 60 << " min)\n";
    }
    std::cout << stops << " depot stop(s), " << plan.unassigned.size() << " unassigned\n";
    // The hvac engineer must pass the depot: two visits need its vacuum pump.
    return stops >= 1 && plan.unassigned.empty() ? 0 : 1;
}
