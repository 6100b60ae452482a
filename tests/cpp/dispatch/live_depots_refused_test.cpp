// The live plan does not plan depot stops yet: a day with depots, engineers'
// tools or stock, or tickets needing tools or parts is refused by name, from
// a problem and from parts alike, instead of being planned as if tools and
// parts did not matter.
#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;

namespace {

Engineer engineer(const char* id) {
    Engineer e;
    e.id = id;
    e.start.coords = Coordinates{52.52, 13.40};
    e.shifts = {{8 * 3600, 17 * 3600}};
    return e;
}

Job job(const char* id) {
    Job j;
    j.id = id;
    j.location.coords = Coordinates{52.50, 13.45};
    j.duration = 1800;
    return j;
}

Depot depot() {
    Depot d;
    d.id = "north";
    d.location.coords = Coordinates{52.48, 13.38};
    d.parts = {"filter"};
    return d;
}

// The InputError of making a live plan of the problem (with no routes yet).
InputError refusal(const ProblemBuilder& b) {
    const Problem p = b.build();
    try {
        (void)LivePlan(p, Solution{}, 8 * 3600);
    } catch (const InputError& e) {
        return e;
    }
    return InputError("<no error>", "");
}

InputError refusal_of_parts(LivePlan::Parts parts) {
    try {
        (void)LivePlan::from_parts(std::move(parts));
    } catch (const InputError& e) {
        return e;
    }
    return InputError("<no error>", "");
}

}  // namespace

TEST_CASE("a live plan of a problem with depots is refused at /depots", "[dispatch][depots]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e1")).add_job(job("j1")).add_depot(depot());
    const InputError e = refusal(b);
    CHECK(e.path() == "/depots");
    CHECK(std::string(e.message()).find("does not plan depot stops yet") != std::string::npos);
    CHECK(std::string(e.message()).find("fsd solve") != std::string::npos);
}

TEST_CASE("a live plan names the first engineer or ticket with tools or parts", "[dispatch][depots]") {
    SECTION("engineer tools") {
        Engineer e = engineer("e2");
        e.tools = {"ladder"};
        ProblemBuilder b;
        b.add_engineer(engineer("e1")).add_engineer(e).add_job(job("j1"));
        CHECK(refusal(b).path() == "/engineers/1/tools");
    }
    SECTION("engineer stock") {
        Engineer e = engineer("e1");
        e.stock = {{"filter", 2}};
        ProblemBuilder b;
        b.add_engineer(e).add_job(job("j1"));
        CHECK(refusal(b).path() == "/engineers/0/stock");
    }
    SECTION("ticket tools, before a later ticket's parts") {
        Engineer e = engineer("e1");
        e.tools = {"ladder"};
        e.stock = {{"filter", 2}};
        Job first = job("j1");
        first.tools = {"ladder"};
        Job second = job("j2");
        second.parts = {{"filter", 1}};
        ProblemBuilder b;
        b.add_engineer(engineer("e0")).add_job(first).add_job(second);
        // e0 lacks the ladder: the problem builds (with a warning), the plan is refused.
        CHECK(refusal(b).path() == "/jobs/0/tools");
    }
    SECTION("ticket parts") {
        Engineer e = engineer("e1");
        e.stock = {};
        Job j = job("j1");
        j.parts = {{"filter", 1}};
        ProblemBuilder b;
        b.add_engineer(e).add_job(job("j0")).add_job(j).add_depot(depot());
        CHECK(refusal(b).path() == "/depots");  // depots are named first
        ProblemBuilder without_depot;
        without_depot.add_engineer(e).add_job(job("j0")).add_job(j);
        CHECK(refusal(without_depot).path() == "/jobs/1/parts");
    }
}

TEST_CASE("a live plan from parts refuses tools and parts too", "[dispatch][depots]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e1")).add_job(job("j1"));
    const LivePlan plain(b.build(), Solution{}, 8 * 3600);
    CHECK(refusal_of_parts(plain.parts()).path() == "<no error>");

    LivePlan::Parts with_parts = plain.parts();
    with_parts.jobs[0].parts = {{"filter", 1}};
    CHECK(refusal_of_parts(with_parts).path() == "/jobs/0/parts");
    LivePlan::Parts with_tools = plain.parts();
    with_tools.engineers[0].tools = {"ladder"};
    CHECK(refusal_of_parts(with_tools).path() == "/engineers/0/tools");
}

TEST_CASE("a ticket needing tools or parts is refused by insert, the plan unchanged", "[dispatch][depots]") {
    ProblemBuilder b;
    b.add_engineer(engineer("e1")).add_job(job("j1"));
    LivePlan plan(b.build(), Solution{}, 8 * 3600);
    const std::size_t tickets = plan.parts().jobs.size();
    Job tools = job("j2");
    tools.tools = {"ladder"};
    CHECK_THROWS_MATCHES(plan.insert(tools), InputError,
                         Catch::Matchers::Predicate<InputError>([](const InputError& e) { return e.path() == "/ticket/tools"; }));
    Job parts = job("j3");
    parts.parts = {{"filter", 1}};
    CHECK_THROWS_MATCHES(plan.insert(parts), InputError,
                         Catch::Matchers::Predicate<InputError>([](const InputError& e) { return e.path() == "/ticket/parts"; }));
    CHECK(plan.parts().jobs.size() == tickets);
}

TEST_CASE("a live plan refuses engineers paid by the working hour", "[dispatch][depots]") {
    Engineer e = engineer("e1");
    e.costs.per_working_hour = 3600;
    ProblemBuilder b;
    b.add_engineer(engineer("e0")).add_engineer(e).add_job(job("j1"));
    const InputError error = refusal(b);
    CHECK(error.path() == "/engineers/1/costs/per_working_hour");
    CHECK(std::string(error.message()).find("working hours") != std::string::npos);
}
