// A live plan over several days as JSON (docs/several_days.md): the document
// names the real engineers with all their shifts, each route and engineer
// state says its shift, and a read gives back the plan that was written.
#include <algorithm>

#include <catch2/catch.hpp>

#include "../three_day_week.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "fsd/route/solve.hpp"

using namespace fsd;
using namespace three_day_week;

namespace {

LivePlan week_plan() {
    const Problem problem = week_problem();
    return LivePlan(problem, solve(problem, week_solve_options()), at_day(0, 7));
}

JsonWriteOptions one_line() {
    JsonWriteOptions o;
    o.indent = -1;
    return o;
}

std::string error_path(const std::string& text) {
    try {
        (void)live_plan_from_json(text);
    } catch (const InputError& e) {
        return e.path();
    }
    return "no error";
}

// The routes as a document keeps them: `departed` is written only while a
// step is en route (the only time the plan reads it), so a step that has
// arrived comes back without it, on one day as on several.
std::vector<LiveRoute> as_written(std::vector<LiveRoute> routes) {
    for (LiveRoute& r : routes)
        for (LiveStep& s : r.steps)
            if (s.status != StepStatus::en_route) s.departed = 0;
    return routes;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}

// `text` with the first `from` at or after `after` replaced by `to`.
std::string replaced(std::string text, const std::string& after, const std::string& from, const std::string& to) {
    const size_t start = text.find(after);
    REQUIRE(start != std::string::npos);
    const size_t pos = text.find(from, start);
    REQUIRE(pos != std::string::npos);
    return text.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("a three-day live plan survives a JSON round trip after events", "[io][dispatch][several_days]") {
    LivePlan plan = week_plan();
    REQUIRE(plan.engineers().size() == 6);  // A and B, three shifts each

    // Day 1 under way: A (or B when A has nothing that day) sets off to and
    // finishes the first ticket of the day, B reports a position, B is off from day 3 and A is late on day 2.
    auto is_job = [](const LiveStep& s) { return s.kind == StepKind::job; };
    const Index day1 = std::any_of(plan.route(0).steps.begin(), plan.route(0).steps.end(), is_job) ? 0 : 3;
    const LiveRoute& r1 = plan.route(day1);
    const auto first_job = std::find_if(r1.steps.begin(), r1.steps.end(), is_job);
    REQUIRE(first_job != r1.steps.end());
    const std::string ticket = plan.jobs()[static_cast<size_t>(first_job->index)].id;
    const Time set_off = first_job->arrival - first_job->travel_time;
    const Time arrival = first_job->arrival;
    const Time finish = first_job->end;
    plan.start_travel(ticket, set_off);
    plan.arrive(ticket, arrival);
    plan.job_finished(ticket, finish);
    plan.engineer_position("B", plan.engineers()[3].start, finish);
    plan.engineer_unavailable("B", at_day(2, 0));
    plan.delay("A", 900, at_day(1, 7, 30));

    const std::string text = live_plan_to_json(plan, one_line());
    const LivePlan back = live_plan_from_json(text);
    CHECK(back.now() == plan.now());
    CHECK(back.engineers() == plan.engineers());
    CHECK(back.routes() == as_written(plan.routes()));
    for (Index e = 0; e < static_cast<Index>(plan.engineers().size()); ++e) CHECK(back.state(e) == plan.state(e));
    for (Index j = 0; j < static_cast<Index>(plan.jobs().size()); ++j) CHECK(back.status(j) == plan.status(j));
    CHECK(live_plan_to_json(back, one_line()) == text);
    CHECK(live_plan_to_json(back) == live_plan_to_json(plan));

    // Which state went where: B's position is on day 1, its absence on every
    // shift, A's delay on day 2.
    CHECK(back.state(3).position);
    CHECK(back.state(5).unavailable_from == at_day(2, 0));
    CHECK(back.state(1).ready_at > at_day(1, 7, 30));
}

TEST_CASE("a several-day live plan document names engineers once and routes by shift", "[io][dispatch][several_days]") {
    const LivePlan plan = week_plan();
    const std::string text = live_plan_to_json(plan, one_line());
    // The embedded problem holds A and B once, with three shifts and three lunches each.
    CHECK(count(text, "\"id\":\"A\"") == 1);
    CHECK(count(text, "\"id\":\"B\"") == 1);
    CHECK(count(text, "\"id\":\"lunch2\"") == 2);
    // Six routes; the first shift of each engineer leaves "shift" out.
    const std::string routes = text.substr(text.find("\"routes\":["));
    CHECK(count(routes, "\"engineer\":\"A\"") == 3);
    CHECK(count(routes, "\"shift\":1") == 2);
    CHECK(count(routes, "\"shift\":2") == 2);
    CHECK(count(routes, "\"shift\":0") == 0);
    // The written problem solves as the plan's problem: a problem document.
    const size_t p = text.find("\"problem\":") + 10;
    const size_t end = text.find(",\"tickets\":");
    REQUIRE(end != std::string::npos);
    const Problem problem = problem_from_json(text.substr(p, end - p));
    CHECK(problem.num_engineers() == 2);
    CHECK(problem.engineer(0).shifts.size() == 3);
    CHECK(problem.engineer(1).breaks.size() == 3);
    // And a plan made from it has the same entries.
    CHECK(split_shift_entries(problem) == plan.engineers());
}

TEST_CASE("bad shift indices of a live plan document are named by path", "[io][dispatch][several_days]") {
    LivePlan plan = week_plan();
    plan.engineer_unavailable("B", at_day(2, 0));  // a state on each of B's shifts (entries 3, 4, 5)
    const std::string text = live_plan_to_json(plan, one_line());
    const std::string routes = "\"routes\":[";
    const std::string states = "\"engineer_states\":[";

    // Routes are written per entry: A's day 2 is routes/1.
    CHECK(error_path(replaced(text, routes, "\"shift\":1", "\"shift\":3")) == "/routes/1/shift");
    CHECK(error_path(replaced(text, routes, "\"shift\":1", "\"shift\":-1")) == "/routes/1/shift");
    CHECK(error_path(replaced(text, routes, "\"shift\":1", "\"shift\":\"1\"")) == "/routes/1/shift");
    // A's day-3 route claims day 2, which routes/1 already holds.
    CHECK(error_path(replaced(text, routes, "\"shift\":2", "\"shift\":1")) == "/routes/2/shift");
    // B's states: 0 (shift left out), 1, 2; the second claiming shift 2 is refused.
    CHECK(error_path(replaced(text, states, "\"shift\":1", "\"shift\":2")) == "/engineer_states/2/shift");
    CHECK(error_path(replaced(text, states, "\"shift\":1", "\"shift\":7")) == "/engineer_states/1/shift");
    // A break of another day: lunch1 is day 1's, not on A's day-2 route
    // (every route of the week takes its day's lunch).
    REQUIRE(std::any_of(plan.route(1).steps.begin(), plan.route(1).steps.end(),
                        [](const LiveStep& s) { return s.kind == StepKind::break_; }));
    const std::string path =
        error_path(replaced(text, "\"shift\":1", "\"break\":\"lunch2\"", "\"break\":\"lunch1\""));
    CHECK(path.rfind("/routes/1/steps/", 0) == 0);
    CHECK(path.substr(path.size() - 6) == "/break");
}

TEST_CASE("a one-day engineer's route has no shift but 0", "[io][dispatch][several_days]") {
    ProblemBuilder b;
    b.add_engineer(week_engineer("A", 0, 1)).add_engineer(week_engineer("B", 1, 1));
    b.add_job(ticket("one", 2));
    b.set_travel(week_travel());
    const Problem problem = b.build();
    const LivePlan plan(problem, solve(problem, week_solve_options()), at_day(0, 7));
    const std::string text = live_plan_to_json(plan, one_line());
    CHECK(count(text, "\"shift\"") == 0);
    CHECK(error_path(replaced(text, "\"routes\":[", "\"engineer\":\"A\"", "\"engineer\":\"A\",\"shift\":0")) == "no error");
    CHECK(error_path(replaced(text, "\"routes\":[", "\"engineer\":\"A\"", "\"engineer\":\"A\",\"shift\":1")) == "/routes/0/shift");
    CHECK(error_path(replaced(text, "\"routes\":[", "\"engineer\":\"B\"", "\"engineer\":\"A\"")) == "/routes/1/engineer");
}
