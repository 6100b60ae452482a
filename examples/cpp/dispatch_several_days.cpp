// Three days in C++: two engineers with a shift and a lunch break each day,
// tickets whose windows pick days; one solve plans every day, a live plan
// reports day 1 as it happens, re-plans days 2 and 3, and offers a customer
// a slot on each coming day (docs/several_days.md).
#include <algorithm>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

#include "fsd/fsd.hpp"

namespace {

constexpr fsd::Time kMonday = 1796598000;  // 2026-12-07T00:00:00+01:00
constexpr fsd::Time kDay = 86400;

fsd::Time at(int day, int hour) { return kMonday + day * kDay + hour * 3600; }

fsd::Engineer engineer(const std::string& id, double lat, double lon) {
    fsd::Engineer e;
    e.id = id;
    e.start.coords = fsd::Coordinates{lat, lon};
    for (int d = 0; d < 3; ++d) {
        e.shifts.push_back({at(d, 8), at(d, 16)});
        e.breaks.push_back(fsd::Break{"lunch-" + std::to_string(d + 1), {{at(d, 12), at(d, 13) + 1800}}, 1800});
    }
    return e;
}

fsd::Job ticket(const std::string& id, double lat, double lon, std::vector<fsd::TimeWindow> windows) {
    fsd::Job j;
    j.id = id;
    j.location.coords = fsd::Coordinates{lat, lon};
    j.duration = 3600;
    j.time_windows = std::move(windows);
    return j;
}

}  // namespace

int main() {
    using namespace fsd;
    ProblemBuilder b;
    b.add_engineer(engineer("anna", 48.137, 11.575)).add_engineer(engineer("ben", 48.180, 11.520));
    b.add_job(ticket("appointment-day2", 48.150, 11.600, {{at(1, 10), at(1, 12)}}));
    b.add_job(ticket("day1-or-day3", 48.120, 11.540, {{at(0, 8), at(0, 16)}, {at(2, 8), at(2, 16)}}));
    b.add_job(ticket("any-day", 48.170, 11.610, {}));
    Job sla = ticket("sla-day3", 48.100, 11.500, {});
    sla.sla = SlaDeadline{at(2, 11), false, 1};
    b.add_job(sla);
    Job hard = ticket("hard-day1", 48.160, 11.560, {});
    hard.sla = SlaDeadline{at(0, 11), true, 1};
    b.add_job(hard);
    const Problem week = b.build();

    SolveOptions so;
    so.iteration_limit = 200;
    const Solution plan = solve(week, so);
    std::cout << "engineer day jobs travel\n";
    for (const Route& r : plan.routes) {
        const auto jobs = std::count_if(r.steps.begin(), r.steps.end(), [](const Step& s) { return s.kind == StepKind::job; });
        std::cout << week.engineer(r.engineer).id << "     " << r.shift + 1 << "   " << jobs << "    " << r.travel_time / 60
                  << " min\n";
    }
    if (!verify(week, plan).ok() || !plan.unassigned.empty()) return 1;

    // Day 1 happens as planned: set off, arrive, finish, lunch.
    LivePlan live(week, plan, at(0, 7));
    std::vector<std::tuple<Time, int, std::string>> events;  // a visit ends before the next drive starts
    for (size_t e = 0; e < live.engineers().size(); ++e) {
        if (live.engineers()[e].shifts.front().start >= at(1, 0)) continue;
        for (const LiveStep& s : live.routes()[e].steps) {
            if (s.kind == StepKind::break_) {
                events.emplace_back(s.start, 1, live.engineers()[e].id);
                continue;
            }
            const std::string& id = live.jobs()[static_cast<size_t>(s.index)].id;
            events.emplace_back(s.end, 0, id);
            events.emplace_back(s.arrival - s.travel_time, 2, id);
            events.emplace_back(s.start, 3, id);
        }
    }
    std::sort(events.begin(), events.end());
    for (const auto& [t, kind, who] : events) {
        if (kind == 0) live.job_finished(who, t);
        else if (kind == 1) live.break_started(who, t);
        else if (kind == 2) live.start_travel(who, t);
        else live.arrive(who, t);
    }
    live.advance_time(at(0, 20));
    ReoptimiseOptions ro;
    ro.iteration_limit = 100;
    const ReoptimiseResult r = live.reoptimise(ro);
    std::cout << "evening re-plan of days 2 and 3: " << (r.accepted ? "accepted" : "kept") << ", moved " << r.moved << '\n';

    Job caller = ticket("new-call", 48.140, 11.580, {});
    const std::vector<TimeWindow> slots = {{at(1, 14), at(1, 16)}, {at(2, 14), at(2, 16)}, {at(3, 14), at(3, 16)}};
    const std::vector<SlotOffer> offers = live.offer_slots(caller, slots);
    for (size_t i = 0; i < offers.size(); ++i)
        std::cout << "day " << i + 2 << " 14:00-16:00: "
                  << (offers[i].feasible ? "offered, " + live.engineers()[static_cast<size_t>(offers[i].best->engineer)].id
                                         : std::string("no one works"))
                  << '\n';

    const ResidualProblem rest = live.residual();
    const bool ok = verify(rest.problem, rest.solution).ok() && offers[0].feasible && offers[1].feasible && !offers[2].feasible;
    std::cout << "what is left of the week verifies: " << (ok ? "yes" : "no") << '\n';
    return ok ? 0 : 1;
}
