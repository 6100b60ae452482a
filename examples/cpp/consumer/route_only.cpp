// Links only the route layer (fsd::route, which brings model, travel and
// core): builds a small day in code, plans it and checks that every job is in.
#include <iostream>

#include "fsd/model/problem_builder.hpp"
#include "fsd/route/solve.hpp"

int main() {
    // Three places 10 minutes apart: the depot (0) and two customers.
    fsd::TravelMatrices travel{fsd::DurationMatrix{{0, 600, 600}, {600, 0, 600}, {600, 600, 0}},
                               fsd::DistanceMatrix{{0, 9000, 9000}, {9000, 0, 9000}, {9000, 9000, 0}}};
    fsd::Engineer engineer;
    engineer.id = "eng-1";
    engineer.start.matrix_index = 0;
    engineer.shifts = {{8 * 3600, 17 * 3600}};
    fsd::ProblemBuilder builder;
    builder.add_engineer(engineer).set_travel(travel);
    for (int k = 1; k <= 2; ++k) {
        fsd::Job job;
        job.id = "T-" + std::to_string(k);
        job.location.matrix_index = k;
        job.duration = 1800;
        builder.add_job(job);
    }
    const fsd::Problem problem = builder.build();
    fsd::SolveOptions options;
    options.time_limit_seconds = 0.05;
    const fsd::Solution plan = fsd::solve(problem, options);
    const bool ok = plan.routes.size() == 1 && plan.unassigned.empty();
    std::cout << "route_only: " << plan.routes.size() << " route(s), " << plan.unassigned.size() << " unassigned\n";
    return ok ? 0 : 1;
}
