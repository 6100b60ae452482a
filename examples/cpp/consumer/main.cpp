// Links the installed fsd::fsd, reads a problem from JSON, solves and verifies.
#include <iostream>

#include "fsd/fsd.hpp"

int main() {
    const char* text = R"({
      "engineers": [{"id": "eng-1", "start": {"lat": 52.52, "lon": 13.40},
                     "shifts": [{"start": "2026-11-24T08:00:00+01:00", "end": "2026-11-24T17:00:00+01:00"}]}],
      "jobs": [{"id": "T-1", "location": {"lat": 52.50, "lon": 13.45}, "duration": 3600},
               {"id": "T-2", "location": {"lat": 52.55, "lon": 13.38}, "duration": 1800}]
    })";
    const fsd::Problem problem = fsd::problem_from_json(text);
    fsd::SolveOptions options;
    options.time_limit_seconds = 0.05;
    const fsd::Solution plan = fsd::solve(problem, options);
    const bool ok = fsd::verify(problem, plan).ok() && plan.unassigned.empty();
    std::cout << "consumer: " << plan.routes.size() << " route(s), verified " << (ok ? "ok" : "FAILED") << '\n';
    return ok ? 0 : 1;
}
