#pragma once
// A hand-made three-day problem shared by the route and dispatch tests of
// several days (docs/several_days.md): two engineers with a shift and a lunch
// break on each day, and tickets whose windows and deadlines pick days.
#include <string>
#include <utility>
#include <vector>

#include "fsd/model/problem_builder.hpp"
#include "fsd/route/solve_options.hpp"

namespace three_day_week {

using namespace fsd;

inline constexpr Time kDay = 86'400;
inline constexpr Time kHour = 3'600;

/// Clock time `hour` (may be fractional in quarters via `minutes`) of day `d` (0-based).
inline constexpr Time at_day(int d, Time hour, Time minutes = 0) { return d * kDay + hour * kHour + minutes * 60; }

/// Ticket ids, in the order they are added (their job indices).
enum Ticket : Index { appointment_day2, days_1_and_3, any_time, sla_day3, hard_day1, kTickets };

/// Travel on a line, in seconds and metres alike: homes of A and B at 0 and
/// 1800, tickets at 600, 1200, 2400, 3000 and 900.
inline TravelMatrices week_travel() {
    const std::vector<std::int64_t> xs = {0, 1800, 600, 1200, 2400, 3000, 900};
    const auto n = static_cast<std::ptrdiff_t>(xs.size());
    TravelMatrices m{DurationMatrix(n, n), DistanceMatrix(n, n)};
    for (std::ptrdiff_t a = 0; a < n; ++a)
        for (std::ptrdiff_t b = 0; b < n; ++b) {
            const std::int64_t d = xs[static_cast<size_t>(a)] > xs[static_cast<size_t>(b)]
                                       ? xs[static_cast<size_t>(a)] - xs[static_cast<size_t>(b)]
                                       : xs[static_cast<size_t>(b)] - xs[static_cast<size_t>(a)];
            m.durations(a, b) = d;
            m.distances(a, b) = d;
        }
    return m;
}

/// An engineer at home location `home` working 08:00-16:00 on `days` days,
/// with a 30-minute lunch break between 12:00 and 13:30 each day.
inline Engineer week_engineer(const std::string& id, Index home, int days = 3) {
    Engineer e;
    e.id = id;
    e.start = Location{std::nullopt, home};
    for (int d = 0; d < days; ++d) {
        e.shifts.push_back(TimeWindow{at_day(d, 8), at_day(d, 16)});
        Break lunch;
        lunch.id = "lunch" + std::to_string(d + 1);
        lunch.windows = {TimeWindow{at_day(d, 12), at_day(d, 13, 30)}};
        lunch.duration = 1800;
        e.breaks.push_back(lunch);
    }
    return e;
}

inline Job ticket(const std::string& id, Index location, Duration duration = 3600) {
    Job j;
    j.id = id;
    j.location = Location{std::nullopt, location};
    j.duration = duration;
    return j;
}

/// The five tickets of the week (indices as in `Ticket`).
inline std::vector<Job> week_tickets() {
    std::vector<Job> jobs;
    Job appointment = ticket("appointment-day2", 2);
    appointment.time_windows = {TimeWindow{at_day(1, 10), at_day(1, 12)}};  // the customer chose day 2, 10-12
    jobs.push_back(appointment);
    Job two_days = ticket("days-1-and-3", 3);
    two_days.time_windows = {TimeWindow{at_day(0, 8), at_day(0, 16)}, TimeWindow{at_day(2, 8), at_day(2, 16)}};
    jobs.push_back(two_days);
    jobs.push_back(ticket("any-time", 4));
    Job sla = ticket("sla-day3", 5);
    sla.sla = SlaDeadline{at_day(2, 11), false, 1};  // soft: 1 per second late
    jobs.push_back(sla);
    Job hard = ticket("hard-day1", 6);
    hard.sla = SlaDeadline{at_day(0, 11), true, 1};
    jobs.push_back(hard);
    return jobs;
}

/// The whole week: engineers A (home 0) and B (home 1800), the five tickets.
inline Problem week_problem() {
    ProblemBuilder b;
    b.add_engineer(week_engineer("A", 0)).add_engineer(week_engineer("B", 1));
    for (const Job& j : week_tickets()) b.add_job(j);
    b.set_travel(week_travel());
    return b.build();
}

/// A search bounded by iterations, not time, so that the plan is the same on
/// a loaded machine.
inline SolveOptions week_solve_options() {
    SolveOptions o;
    o.iteration_limit = 200;
    o.stagnation_limit = 0;
    o.time_limit_seconds = 600.0;
    return o;
}

/// Day (0-based) a time falls on.
inline int day_of(Time t) { return static_cast<int>(t / kDay); }

}  // namespace three_day_week
