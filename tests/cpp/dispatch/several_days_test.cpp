// A live plan over several days: one route per (engineer, shift), day 1
// reported as it happens, days 2 and 3 re-planned, new tickets and offered
// slots on the coming days (docs/several_days.md).
#include <algorithm>
#include <tuple>

#include "../three_day_week.hpp"
#include "fsd/core/error.hpp"
#include "fsd/route/solve.hpp"
#include "live_day_support.hpp"

using namespace fsd;
using namespace three_day_week;
using live_day::require_verified;

namespace {

// The plan's entry for engineer A (0) or B (1) on day d: entries are per
// engineer, then per shift.
Index entry(Index engineer, int d) { return engineer * 3 + d; }

std::vector<Index> jobs_on(const LivePlan& plan, Index e) {
    std::vector<Index> out;
    for (const LiveStep& s : plan.route(e).steps)
        if (s.kind == StepKind::job) out.push_back(s.index);
    return out;
}

// Reports every step of day 1 as planned, in time order, the way `fsd
// dispatch` feeds events: set off, arrive, finish; lunch started.
void live_through_day1(LivePlan& plan) {
    // (time, kind, ticket or engineer); at equal times a visit ends before
    // the lunch or the next drive starts, and the drive before the arrival.
    enum Kind { finish, lunch, set_off, arrive };
    std::vector<std::tuple<Time, int, std::string>> events;
    for (Index e : {entry(0, 0), entry(1, 0)})
        for (const LiveStep& s : plan.route(e).steps) {
            if (s.kind == StepKind::job) {
                const std::string& id = plan.jobs()[static_cast<size_t>(s.index)].id;
                events.emplace_back(s.arrival - s.travel_time, set_off, id);
                events.emplace_back(s.start, arrive, id);
                events.emplace_back(s.end, finish, id);
            } else {
                events.emplace_back(s.start, lunch, plan.engineers()[static_cast<size_t>(e)].id);
            }
        }
    std::sort(events.begin(), events.end());
    for (const auto& ev : events) {
        const Time t = std::get<0>(ev);
        const std::string& id = std::get<2>(ev);
        switch (std::get<1>(ev)) {
            case set_off: plan.start_travel(id, t); break;
            case arrive: plan.arrive(id, t); break;
            case finish: plan.job_finished(id, t); break;
            default: plan.break_started(id, t); break;
        }
        require_verified(plan);
    }
}

}  // namespace

TEST_CASE("a week's plan becomes one live route per engineer and day") {
    const Problem week = week_problem();
    const Solution s = solve(week, week_solve_options());
    REQUIRE(s.unassigned.empty());
    const LivePlan plan(week, s, at_day(0, 7));
    REQUIRE(plan.engineers().size() == 6);
    for (Index k = 0; k < 2; ++k)
        for (int d = 0; d < 3; ++d) {
            const Engineer& e = plan.engineers()[static_cast<size_t>(entry(k, d))];
            REQUIRE(e.id == (k == 0 ? "A" : "B"));
            REQUIRE(e.shifts.size() == 1);
            REQUIRE(e.shifts.front().start == at_day(d, 8));
            REQUIRE(e.breaks.size() == 1);
            REQUIRE(e.breaks.front().id == "lunch" + std::to_string(d + 1));
        }
    REQUIRE(plan.engineer_index("B") == entry(1, 0));
    // Every route of the solution is the route of its (engineer, shift) entry.
    for (const Route& r : s.routes) {
        std::vector<Index> want;
        for (const Step& st : r.steps)
            if (st.kind == StepKind::job) want.push_back(st.index);
        REQUIRE(jobs_on(plan, entry(r.engineer, static_cast<int>(r.shift))) == want);
    }
    REQUIRE(plan.pending().empty());
    require_verified(plan);
    // The residual problem names each shift of an engineer on its own.
    const ResidualProblem res = plan.residual();
    REQUIRE(res.problem.num_engineers() == 6);
    REQUIRE(res.problem.engineer(1).id == "A#2");
    REQUIRE(res.problem.engineer(5).id == "B#3");
    REQUIRE(plan.objective() == res.solution.objective);
}

TEST_CASE("day 1 lived as planned stays fixed, days 2 and 3 are re-planned, and a day-3 ticket lands on day 3") {
    const Problem week = week_problem();
    LivePlan plan(week, solve(week, week_solve_options()), at_day(0, 7));
    std::vector<std::vector<Index>> day1 = {jobs_on(plan, entry(0, 0)), jobs_on(plan, entry(1, 0))};
    live_through_day1(plan);
    plan.advance_time(at_day(0, 20));
    for (Index e : {entry(0, 0), entry(1, 0)}) {
        REQUIRE(plan.frozen_steps(e) == static_cast<Index>(plan.route(e).steps.size()));
        for (Index j : jobs_on(plan, e)) REQUIRE(plan.status(j) == TicketStatus::done);
    }
    const LiveRoute a1 = plan.route(entry(0, 0)), b1 = plan.route(entry(1, 0));

    // The evening's re-plan: only days 2 and 3 are in the residual problem.
    REQUIRE(plan.residual().problem.num_engineers() == 4);
    ReoptimiseOptions ro;
    ro.iteration_limit = 100;
    plan.reoptimise(ro);
    REQUIRE(plan.route(entry(0, 0)) == a1);
    REQUIRE(plan.route(entry(1, 0)) == b1);
    REQUIRE(std::vector<std::vector<Index>>{jobs_on(plan, entry(0, 0)), jobs_on(plan, entry(1, 0))} == day1);
    require_verified(plan);
    REQUIRE(plan.pending().empty());

    // A ticket booked that evening for day 3, 14:00-16:00.
    Job call = ticket("new-day3", 3, 1800);
    call.time_windows = {TimeWindow{at_day(2, 14), at_day(2, 16)}};
    const InsertResult r = plan.insert(call);
    REQUIRE(r.placed);
    REQUIRE((r.engineer == entry(0, 2) || r.engineer == entry(1, 2)));
    REQUIRE(r.start >= at_day(2, 14));
    require_verified(plan);
    // The appointment is still on day 2, inside its window.
    const auto on = plan.engineer_of(appointment_day2);
    REQUIRE(on);
    REQUIRE((*on == entry(0, 1) || *on == entry(1, 1)));
}

TEST_CASE("reoptimise moves a ticket to another day when that saves a trip") {
    // Engineer A alone, no breaks; two tickets at the far end (3000 s away):
    // one must be on day 2, the other is planned by hand on day 3. Both on
    // day 2 saves a 6000 s round trip, well above the reassignment cost.
    Engineer a = week_engineer("A", 0);
    a.breaks.clear();
    Job fixed_day = ticket("far-day2", 5, 600);
    fixed_day.time_windows = {TimeWindow{at_day(1, 8), at_day(1, 16)}};
    const Job free_day = ticket("far-any", 5, 600);
    ProblemBuilder b;
    b.add_engineer(a).add_job(fixed_day).add_job(free_day).set_travel(week_travel());
    const Problem p = b.build();
    Solution by_hand;
    for (Index d : {1, 2}) {
        Route r;
        r.engineer = 0;
        r.shift = d;
        Step st;
        st.kind = StepKind::job;
        st.index = d - 1;
        r.steps = {st};
        by_hand.routes.push_back(r);
    }
    LivePlan plan(p, by_hand, at_day(0, 7));
    REQUIRE(plan.engineer_of(1) == entry(0, 2));
    require_verified(plan);
    const Cost before = plan.objective().total();
    ReoptimiseOptions ro;
    ro.iteration_limit = 50;
    const ReoptimiseResult res = plan.reoptimise(ro);
    REQUIRE(res.accepted);
    REQUIRE(res.moved == 1);
    REQUIRE(plan.engineer_of(1) == entry(0, 1));
    REQUIRE(plan.engineer_of(0) == entry(0, 1));
    // 12,000 s of travel (two round trips) become 6,000.
    REQUIRE(before == 12000);
    REQUIRE(plan.objective().travel == 6000);
    require_verified(plan);
}

TEST_CASE("offer_slots over the coming days offers each day with a shift and none without") {
    const Problem week = week_problem();
    LivePlan plan(week, solve(week, week_solve_options()), at_day(0, 7));
    live_through_day1(plan);
    plan.advance_time(at_day(0, 20));
    const Job probe = ticket("customer", 2, 1800);
    const std::vector<TimeWindow> windows = {
        {at_day(0, 14), at_day(0, 16)},  // day 1: already over
        {at_day(1, 14), at_day(1, 16)},  // day 2
        {at_day(2, 8), at_day(2, 10)},   // day 3
        {at_day(2, 20), at_day(2, 22)},  // day 3, after every shift
        {at_day(3, 8), at_day(3, 10)},   // day 4: nobody works
    };
    const std::vector<SlotOffer> offers = plan.offer_slots(probe, windows);
    REQUIRE(offers.size() == windows.size());
    REQUIRE_FALSE(offers[0].feasible);
    REQUIRE(offers[1].feasible);
    REQUIRE((offers[1].best->engineer == entry(0, 1) || offers[1].best->engineer == entry(1, 1)));
    REQUIRE(offers[1].best->start >= at_day(1, 14));
    REQUIRE(offers[2].feasible);
    REQUIRE((offers[2].best->engineer == entry(0, 2) || offers[2].best->engineer == entry(1, 2)));
    REQUIRE_FALSE(offers[3].feasible);
    REQUIRE_FALSE(offers[4].feasible);
    // Booking the day-3 slot puts it on day 3.
    const InsertResult r = plan.book_slot(probe, windows[2]);
    REQUIRE(r.placed);
    REQUIRE(day_of(r.start) == 2);
    require_verified(plan);
}

TEST_CASE("events naming an engineer go to the shift under way, unavailability to every shift") {
    const Problem week = week_problem();
    LivePlan plan(week, solve(week, week_solve_options()), at_day(0, 7));
    live_through_day1(plan);
    // Before day 2 starts, A reports a 10-minute delay: day 2 starts at 08:10, day 3 as planned.
    plan.delay("A", 600, at_day(1, 7, 30));
    REQUIRE(plan.state(entry(0, 1)).ready_at == at_day(1, 8, 10));
    REQUIRE(plan.state(entry(0, 2)).ready_at == kTimeMin);
    REQUIRE(plan.state(entry(0, 0)).ready_at == kTimeMin);
    require_verified(plan);
    // B is off sick from day 2: every ticket of B's days 2 and 3 goes to A.
    plan.engineer_unavailable("B", at_day(1, 0));
    REQUIRE(jobs_on(plan, entry(1, 1)).empty());
    REQUIRE(jobs_on(plan, entry(1, 2)).empty());
    REQUIRE(plan.pending().empty());
    for (size_t j = 0; j < plan.jobs().size(); ++j)
        if (plan.status(static_cast<Index>(j)) == TicketStatus::planned) REQUIRE(*plan.engineer_of(static_cast<Index>(j)) < 3);
    require_verified(plan);
}

TEST_CASE("a live plan entry list with an engineer's shifts out of order is refused with its path") {
    const Problem week = week_problem();
    LivePlan::Parts parts = LivePlan(week, Solution{}, at_day(0, 7)).parts();
    std::swap(parts.engineers[1], parts.engineers[2]);
    try {
        (void)LivePlan::from_parts(parts);
        FAIL("accepted");
    } catch (const InputError& e) {
        REQUIRE(std::string(e.what()).find("/engineers/2") != std::string::npos);
    }
}

TEST_CASE("pins and lists naming an engineer with several shifts cover each of their remaining days") {
    std::vector<Job> jobs = week_tickets();
    jobs[any_time].pinned_engineer = "B";
    jobs[days_1_and_3].forbidden_engineers = {"A"};
    jobs[sla_day3].allowed_engineers = {"A"};
    ProblemBuilder b;
    b.add_engineer(week_engineer("A", 0)).add_engineer(week_engineer("B", 1));
    for (const Job& j : jobs) b.add_job(j);
    b.set_travel(week_travel());
    const Problem week = b.build();
    LivePlan plan(week, solve(week, week_solve_options()), at_day(0, 7));
    // Day 1 passes without a report: its visits are re-placed on days 2 and 3
    // (the hard day-1 deadline can no longer be met), so every ticket is open.
    plan.advance_time(at_day(0, 20));
    REQUIRE(plan.pending() == std::vector<Index>{hard_day1});
    const ResidualProblem res = plan.residual();
    // Days 2 and 3 remain: A#2, A#3, B#2, B#3.
    REQUIRE(res.problem.num_engineers() == 4);
    auto residual_job = [&](Index j) -> const Job* {
        for (size_t k = 0; k < res.job_of.size(); ++k)
            if (res.job_of[k] == j) return &res.problem.job(static_cast<Index>(k));
        return nullptr;
    };
    const Job* pinned = residual_job(any_time);
    const Job* allowed = residual_job(sla_day3);
    const Job* forbidden = residual_job(days_1_and_3);
    REQUIRE((pinned && allowed && forbidden));
    REQUIRE_FALSE(pinned->pinned_engineer);
    REQUIRE(pinned->allowed_engineers == std::vector<std::string>{"B#2", "B#3"});
    REQUIRE(allowed->allowed_engineers == std::vector<std::string>{"A#2", "A#3"});
    REQUIRE(forbidden->forbidden_engineers == std::vector<std::string>{"A#2", "A#3"});
    ReoptimiseOptions ro;
    ro.iteration_limit = 100;
    ro.reassignment_cost = 0;
    plan.reoptimise(ro);
    require_verified(plan);
    REQUIRE(plan.engineers()[static_cast<size_t>(*plan.engineer_of(any_time))].id == "B");
    REQUIRE(plan.engineers()[static_cast<size_t>(*plan.engineer_of(sla_day3))].id == "A");
    REQUIRE(plan.engineers()[static_cast<size_t>(*plan.engineer_of(days_1_and_3))].id == "B");
}
