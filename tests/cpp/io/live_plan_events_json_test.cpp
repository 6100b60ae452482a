#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "small_live_day.hpp"

using namespace fsd;
using io_test::kDay;
using io_test::small_day;

namespace {

std::string insert_event(const std::string& id, const std::string& extra = "") {
    return R"({"type": "insert", "ticket": {"id": ")" + id +
           R"(", "location": {"lat": 48.14, "lon": 11.58}, "duration": 1800, "skills": [{"skill": "appliance"}]})" + extra +
           "}";
}

}  // namespace

TEST_CASE("an insert outcome names the engineer and the arrival and start times", "[io][dispatch]") {
    LivePlan plan = small_day();
    const auto out = nlohmann::json::parse(apply_event_json(plan, insert_event("N-1")));
    REQUIRE(out.at("placed") == true);
    CHECK(out.at("ticket") == "N-1");
    const Index e = *plan.engineer_of(*plan.job_index("N-1"));
    CHECK(out.at("engineer") == plan.engineers()[static_cast<size_t>(e)].id);
    for (const LiveStep& s : plan.route(e).steps)
        if (s.kind == StepKind::job && s.index == *plan.job_index("N-1")) {
            CHECK(out.at("arrival") == s.arrival);
            CHECK(out.at("start") == s.start);
        }
}

TEST_CASE("insert events take an arrival instant as seconds or ISO-8601, and asap", "[io][dispatch]") {
    LivePlan plan = small_day();
    // 2026-11-24T11:30:00+01:00 is 10:30 UTC, kDay + 10.5 h.
    const auto out = nlohmann::json::parse(
        apply_event_json(plan, insert_event("N-2", R"(, "at": "2026-11-24T11:30:00+01:00", "asap": true)")));
    CHECK(plan.now() == kDay + 10 * 3600 + 1800);
    REQUIRE(out.at("placed") == true);
    CHECK(out.at("start").get<Time>() >= plan.now());
    // An offer with a later instant moves the clock too.
    apply_event_json(plan, R"({"type": "offer_slots", "at": )" + std::to_string(kDay + 11 * 3600) +
                               R"(, "ticket": {"id": "Q-1", "location": {"lat": 48.1, "lon": 11.5}, "duration": 600},
                                  "windows": [{"start": )" + std::to_string(kDay + 13 * 3600) + R"(, "end": )" +
                               std::to_string(kDay + 15 * 3600) + "}]}");
    CHECK(plan.now() == kDay + 11 * 3600);
    REQUIRE_THROWS_AS(apply_event_json(plan, insert_event("N-3", R"(, "asap": "yes")")), InputError);
}

TEST_CASE("an array of events applies in order and gives one outcome per event", "[io][dispatch]") {
    LivePlan plan = small_day();
    const std::string events = "[" + insert_event("A-1") + ", " + insert_event("A-2") + R"(, {"type": "advance_time", "at": )" +
                               std::to_string(kDay + 9 * 3600) + "}]";
    const auto out = nlohmann::json::parse(apply_events_json(plan, events));
    REQUIRE(out.is_array());
    REQUIRE(out.size() == 3);
    CHECK(out[0].at("event") == "insert");
    CHECK(out[1].at("ticket") == "A-2");
    CHECK(out[2].at("event") == "advance_time");
    CHECK(plan.job_index("A-2"));
    CHECK(plan.now() == kDay + 9 * 3600);

    SECTION("one event object gives one outcome object") {
        CHECK(nlohmann::json::parse(apply_events_json(plan, insert_event("A-3"))).is_object());
    }
    SECTION("a refused event leaves every event of the array unapplied and is named by its index") {
        const std::string before = live_plan_to_json(plan);
        const std::string bad = "[" + insert_event("B-1") + R"(, {"type": "cancel", "ticket": "NOPE", "at": 0}])";
        try {
            apply_events_json(plan, bad);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(e.path() == "/1/ticket");
        }
        CHECK_FALSE(plan.job_index("B-1"));
        CHECK(live_plan_to_json(plan) == before);
        REQUIRE_THROWS_AS(apply_events_json(plan, "[1]"), InputError);
    }
}
