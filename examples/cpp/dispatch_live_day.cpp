// A live day in C++: start from a solved plan, place an urgent ticket with
// ranked alternatives, follow an engineer through a delay, re-plan, and check
// that what is left to do is still a valid plan.
#include <iostream>

#include "fsd/fsd.hpp"

int main() {
    using namespace fsd;
    const Time day = 1795478400;  // 2026-11-24T00:00:00Z
    GenerateOptions g;
    g.engineers = 8;
    g.jobs = 40;
    g.seed = 5;
    const Problem problem = generate_problem(g);
    SolveOptions so;
    so.time_limit_seconds = 0.5;
    LivePlan plan(problem, solve(problem, so), day + 7 * 3600);

    Job urgent;
    urgent.id = "URGENT-1";
    urgent.location.coords = Coordinates{48.13, 11.57};
    urgent.duration = 1200;
    urgent.priority = 90;
    const InsertResult placed = plan.insert(urgent);
    for (const InsertionCandidate& c : placed.alternatives)
        std::cout << "option " << plan.engineers()[static_cast<size_t>(c.engineer)].id << ": start "
                  << (c.start - day) / 3600 << "h" << (c.start - day) % 3600 / 60 << ", cost +" << c.cost << '\n';
    std::cout << "placed: " << (placed.placed ? "yes" : "no") << ", routes changed: " << placed.changes.routes.size() << '\n';

    // The first engineer with a visit sets off, arrives and reports 40 minutes of delay.
    Index e = 0;
    while (plan.route(e).steps.empty() || plan.route(e).steps.front().kind != StepKind::job) ++e;
    const LiveStep first = plan.route(e).steps.front();
    const std::string& id = plan.jobs()[static_cast<size_t>(first.index)].id;
    plan.start_travel(id, first.arrival - first.travel_time);
    plan.arrive(id, plan.route(e).steps.front().arrival);
    const ChangeSet delayed = plan.delay(plan.engineers()[static_cast<size_t>(e)].id, 2400, plan.now() + 60);
    std::cout << "delay: " << delayed.routes.size() << " routes changed, " << delayed.left_out.size() << " tickets left out\n";

    ReoptimiseOptions ro;
    ro.time_limit_seconds = 0.5;
    const ReoptimiseResult r = plan.reoptimise(ro);
    std::cout << "re-plan: " << (r.accepted ? "accepted" : "kept") << ", cost " << r.cost_before << " -> " << r.cost_after
              << ", moved " << r.moved << '\n';

    const ResidualProblem rest = plan.residual();
    const VerifyReport report = verify(rest.problem, rest.solution);
    std::cout << "what is left to do verifies: " << (report.ok() ? "yes" : "no") << '\n';
    return report.ok() ? 0 : 1;
}
