// Several days in one problem: engineers with a shift per day (one route per
// (engineer, shift)), windows on chosen days, SLA deadlines days ahead, a
// lunch break each day, and the week re-planned with a finished day fixed.
#include "../three_day_week.hpp"
#include "fsd/evaluate.hpp"
#include "route_test_support.hpp"

using namespace route_test;
using namespace three_day_week;

namespace {

const Step& step_of_job(const Solution& s, Index job) {
    const Step* st = step_of(s, job);
    REQUIRE(st != nullptr);
    return *st;
}

// The day a job is served on, read from its route's shift (shift d is day d).
Index shift_of_job(const Solution& s, Index job) {
    const Route* r = route_of(s, job);
    REQUIRE(r != nullptr);
    return r->shift;
}

}  // namespace

TEST_CASE("a three-day week is solved with every ticket on a day its window allows and verified") {
    const Problem p = week_problem();
    const Solution s = solve(p, quick(200));
    check_solution(p, s);
    REQUIRE(s.unassigned.empty());

    // The appointment is on day 2's route, inside 10:00-12:00.
    REQUIRE(shift_of_job(s, appointment_day2) == 1);
    REQUIRE(step_of_job(s, appointment_day2).start >= at_day(1, 10));
    REQUIRE(step_of_job(s, appointment_day2).start <= at_day(1, 12));
    // Windows on days 1 and 3 only: never on day 2.
    REQUIRE(shift_of_job(s, days_1_and_3) != 1);
    // The hard deadline (day 1, 11:00) is met on day 1; the soft one on day 3 is met too.
    REQUIRE(shift_of_job(s, hard_day1) == 0);
    REQUIRE(step_of_job(s, hard_day1).start <= at_day(0, 11));
    REQUIRE(step_of_job(s, sla_day3).lateness == 0);
    REQUIRE(s.objective.lateness == 0);

    // Each route lies inside its own day and takes that day's lunch, once.
    for (const Route& r : s.routes) {
        const Index d = r.shift;
        REQUIRE(day_of(r.steps.front().start) == d);
        REQUIRE(day_of(r.steps.back().arrival) == d);
        int lunches = 0;
        for (const Step& st : r.steps)
            if (st.kind == StepKind::break_) {
                ++lunches;
                REQUIRE(st.index == d);  // break "lunch<d+1>" belongs to shift d
                REQUIRE(st.start >= at_day(static_cast<int>(d), 12));
                REQUIRE(st.start <= at_day(static_cast<int>(d), 13, 30));
            }
        REQUIRE(lunches == 1);
    }
}

TEST_CASE("a day-2 appointment alone is timed by hand: leave 09:50, serve 10:00-11:00, lunch 12:00, home 12:40") {
    // Engineer A (home at 0, 600 s from the customer) over three days, one
    // ticket with a window on day 2 only: the route is day 2's, leaves as late
    // as the window allows, waits for lunch at the customer's and drives home.
    ProblemBuilder b;
    b.add_engineer(week_engineer("A", 0)).add_job(week_tickets()[appointment_day2]).set_travel(week_travel());
    const Problem p = b.build();
    const Solution s = solve(p, quick(20));
    check_solution(p, s);
    REQUIRE(s.routes.size() == 1);
    const Route& r = s.routes.front();
    REQUIRE(r.shift == 1);
    REQUIRE(r.steps.size() == 4);
    REQUIRE(r.steps[0].start == at_day(1, 9, 50));
    REQUIRE(r.steps[1].kind == StepKind::job);
    REQUIRE(r.steps[1].arrival == at_day(1, 10));
    REQUIRE(r.steps[1].start == at_day(1, 10));
    REQUIRE(r.steps[1].end == at_day(1, 11));
    REQUIRE(r.steps[2].kind == StepKind::break_);
    REQUIRE(r.steps[2].index == 1);  // day 2's lunch
    REQUIRE(r.steps[2].start == at_day(1, 12));
    REQUIRE(r.steps[2].waiting == 3600);
    REQUIRE(r.steps[3].arrival == at_day(1, 12, 40));
    REQUIRE(r.travel_time == 1200);
    REQUIRE(r.working_time == 2 * 3600 + 50 * 60);
    REQUIRE(s.objective.travel == 1200);  // default cost: one per second of travel
    REQUIRE(s.objective.unassigned == 0);
}

TEST_CASE("a deadline no day can meet leaves the ticket out, a soft one is served late and priced") {
    // Only day 2 and 3 shifts: the hard deadline on day 1 cannot be met.
    ProblemBuilder b;
    Engineer a = week_engineer("A", 0);
    a.shifts.erase(a.shifts.begin());
    a.breaks.erase(a.breaks.begin());
    Job soft = ticket("soft-day1", 2);
    soft.sla = SlaDeadline{at_day(0, 11), false, 1};
    b.add_engineer(a).add_job(week_tickets()[hard_day1]).add_job(soft).set_travel(week_travel());
    const Problem p = b.build();
    const Solution s = solve(p, quick(20));
    check_solution(p, s);
    REQUIRE(unassigned_of(s, 0) != nullptr);
    REQUIRE(unassigned_of(s, 0)->reason == UnassignedReason::window_unreachable);
    // The soft one goes first thing on day 2: 08:10 is 21h10m after 11:00 on day 1.
    REQUIRE(shift_of_job(s, 1) == 0);
    REQUIRE(step_of_job(s, 1).start == at_day(1, 8, 10));
    REQUIRE(step_of_job(s, 1).lateness == at_day(1, 8, 10) - at_day(0, 11));
    REQUIRE(s.objective.lateness == step_of_job(s, 1).lateness);
}

TEST_CASE("with day 1 fixed as it happened, days 2 and 3 are re-planned and a day-3 ticket lands on day 3") {
    const Problem week = week_problem();
    const Solution planned = solve(week, quick(200));
    REQUIRE(planned.unassigned.empty());

    // A new ticket arrives on the evening of day 1 with a window on day 3.
    std::vector<Job> jobs = week_tickets();
    Job late_call = ticket("new-day3", 3, 1800);
    late_call.time_windows = {TimeWindow{at_day(2, 14), at_day(2, 16)}};
    jobs.push_back(late_call);
    ProblemBuilder b;
    b.add_engineer(week_engineer("A", 0)).add_engineer(week_engineer("B", 1));
    for (const Job& j : jobs) b.add_job(j);
    b.set_travel(week_travel());
    const Problem p = b.build();

    SolveOptions o = quick(200);
    o.initial_routes = initial_routes_from(planned);
    std::vector<std::vector<Index>> day1;  // what happened on day 1, per route
    for (InitialRoute& r : o.initial_routes)
        if (r.shift == 0) {
            r.fixed = true;
            day1.push_back(r.jobs);
        }
    const Solution s = solve(p, o);
    check_solution(p, s);
    REQUIRE(s.unassigned.empty());
    const Index added = static_cast<Index>(jobs.size() - 1);
    REQUIRE(shift_of_job(s, added) == 2);
    // Day 1's routes are exactly as they were.
    std::vector<std::vector<Index>> day1_after;
    for (const Route& r : s.routes)
        if (r.shift == 0) {
            std::vector<Index> js;
            for (const Step& st : r.steps)
                if (st.kind == StepKind::job) js.push_back(st.index);
            day1_after.push_back(js);
        }
    REQUIRE(day1_after == day1);
}

TEST_CASE("plan evaluation times each day's route on its own and finds a visit put on the wrong day") {
    const Problem p = week_problem();
    const Solution s = solve(p, quick(200));
    const PlanEvaluation ev = evaluate_plan(p, s);
    REQUIRE(ev.violations.empty());
    REQUIRE(ev.objective == s.objective);
    REQUIRE(ev.routes.size() == s.routes.size());
    Duration travel = 0;
    for (size_t r = 0; r < s.routes.size(); ++r) {
        REQUIRE(ev.routes[r].engineer == s.routes[r].engineer);
        REQUIRE(ev.routes[r].shift == s.routes[r].shift);
        REQUIRE(ev.routes[r].travel_time == s.routes[r].travel_time);
        REQUIRE(day_of(ev.routes[r].steps.front().start) == ev.routes[r].shift);
        travel += ev.routes[r].travel_time;
    }
    REQUIRE(ev.figures.travel_time == travel);
    REQUIRE(ev.figures.served == kTickets);

    // The day-2 appointment moved by hand onto a day-1 route of A: the
    // evaluator waits for the day-2 window, so day 1's route runs 19 h 10 min
    // past its shift end (16:00 to 11:10 the next day), and verify refuses it.
    ProblemBuilder b;
    b.add_engineer(week_engineer("A", 0)).add_job(week_tickets()[appointment_day2]).set_travel(week_travel());
    const Problem one = b.build();
    Solution wrong;
    Route r;
    r.engineer = 0;
    r.shift = 0;
    Step st;
    st.kind = StepKind::job;
    st.index = 0;
    r.steps = {st};
    wrong.routes.push_back(r);
    const PlanEvaluation bad = evaluate_plan(one, wrong);
    bool named = false;
    for (const PlanViolation& v : bad.violations)
        if (v.kind == "shift_end" && v.shift == 0 && v.engineer == 0) named = true;
    REQUIRE(named);
    REQUIRE(bad.routes.size() == 1);
    REQUIRE(bad.routes[0].overtime == at_day(1, 11, 10) - at_day(0, 16));
    REQUIRE_FALSE(verify(one, bad.timed).ok());
}
