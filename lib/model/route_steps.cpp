#include "fsd/model/route_steps.hpp"

#include "fsd/core/error.hpp"

namespace fsd {

void complete_route(const Problem& problem, Route& route) {
    FSD_ASSERT(route.steps.size() >= 2 && route.steps.front().kind == StepKind::start &&
               route.steps.back().kind == StepKind::end);
    std::vector<Amount> load(static_cast<size_t>(problem.dimensions()), 0);
    for (const Step& s : route.steps)
        if (s.kind == StepKind::job)
            for (size_t k = 0; k < load.size(); ++k) load[k] += problem.demand(s.index)[k];
    route.travel_time = route.distance = route.service_time = route.waiting_time = route.lateness = 0;
    for (Step& s : route.steps) {
        if (s.kind == StepKind::job) {
            for (size_t k = 0; k < load.size(); ++k) load[k] -= problem.demand(s.index)[k];
            route.service_time += s.end - s.start;
        }
        s.waiting = s.start - s.arrival;
        s.load = load;
        route.travel_time += s.travel_time;
        route.distance += s.travel_distance;
        route.waiting_time += s.waiting;
        route.lateness += s.lateness;
    }
    route.working_time = route.steps.back().arrival - route.steps.front().end;
}

}  // namespace fsd
