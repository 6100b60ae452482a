#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "small_live_day.hpp"

using namespace fsd;
using io_test::kDay;
using io_test::small_day;

TEST_CASE("a live plan survives a JSON round trip after events", "[io][dispatch]") {
    LivePlan plan = small_day();
    Index e = 0;
    while (plan.route(e).steps.empty() || plan.route(e).steps.front().kind != StepKind::job) ++e;
    const std::string first = plan.jobs()[static_cast<size_t>(plan.route(e).steps.front().index)].id;
    plan.start_travel(first, kDay + 8 * 3600 + 60);
    plan.delay(plan.engineers()[static_cast<size_t>(e)].id, 300, kDay + 8 * 3600 + 120);
    plan.engineer_position(plan.engineers()[1].id, plan.engineers()[0].start, kDay + 8 * 3600 + 200);

    const std::string text = live_plan_to_json(plan);
    const LivePlan back = live_plan_from_json(text);
    CHECK(back.now() == plan.now());
    CHECK(back.routes() == plan.routes());
    for (Index k = 0; k < static_cast<Index>(plan.engineers().size()); ++k) CHECK(back.state(k) == plan.state(k));
    for (Index j = 0; j < static_cast<Index>(plan.jobs().size()); ++j) CHECK(back.status(j) == plan.status(j));
    CHECK(live_plan_to_json(back) == text);
}

TEST_CASE("events from JSON apply like the calls and bad ones name the field", "[io][dispatch]") {
    LivePlan plan = small_day();
    const std::string out = apply_event_json(
        plan, R"({"type": "insert", "ticket": {"id": "N-1", "location": {"lat": 48.14, "lon": 11.58}, "duration": 1800,
                  "skills": [{"skill": "appliance"}]}})");
    CHECK(out.find("\"placed\"") != std::string::npos);
    REQUIRE(plan.job_index("N-1"));

    const LivePlan before = plan;
    auto path_of = [&](const char* event) {
        try {
            apply_event_json(plan, event);
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("no error");
    };
    CHECK(path_of(R"({"type": "cancel", "ticket": "NOPE", "at": 0})") == "/ticket");
    CHECK(path_of(R"({"type": "delay", "engineer": "nobody", "seconds": 5, "at": 0})") == "/engineer");
    CHECK(path_of(R"({"type": "teleport"})") == "/type");
    CHECK(path_of(R"({"type": "cancel", "ticket": "N-1", "at": 0, "why": "x"})") == "/why");
    CHECK(path_of(R"({"type": "insert", "ticket": {"id": "N-2", "location": {"lat": 48.1, "lon": 11.5}, "duration": -1}})") ==
          "/ticket/duration");
    CHECK(plan.routes() == before.routes());
}

TEST_CASE("a live plan document with inconsistent parts is refused", "[io][dispatch]") {
    const LivePlan plan = small_day();
    JsonWriteOptions one_line;
    one_line.indent = -1;
    std::string text = live_plan_to_json(plan, one_line);
    const auto pos = text.find("\"status\":\"planned\"");
    REQUIRE(pos != std::string::npos);
    std::string broken = text;
    broken.replace(pos, 18, "\"status\":\"flying\"");
    REQUIRE_THROWS_AS(live_plan_from_json(broken), InputError);
    REQUIRE_THROWS_AS(live_plan_from_json(R"({"format": "fsdispatch-live-plan", "version": 1})"), InputError);
}
