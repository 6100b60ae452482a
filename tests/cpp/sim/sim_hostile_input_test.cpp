// Hostile input (issue 17): every quantity that drives a run's work or memory
// is bounded and refused by field, replayed tickets obey the rules of drawn
// ones, and every error path points at a field of the scenario as written.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/scenario_json.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/simulate.hpp"
#include "fsd/sim/ticket_stream.hpp"
#include "sim_tiny_scenarios.hpp"

using namespace fsd;
using namespace fsd::sim_test;
using Json = nlohmann::json;

namespace {

Json document() {
    return Json::parse(R"({
        "format": "fsdispatch-scenario", "version": 1, "name": "t", "start_date": "2026-11-23", "utc_offset": "+01:00",
        "region": {"centre": {"lat": 52.37, "lon": 4.9}, "radius_km": 15,
                   "sites": [{"lat": 52.3, "lon": 4.8, "weight": 1}, {"lat": 52.4, "lon": 4.9, "weight": 2}]},
        "engineers": [{"id": "E1", "home": {"lat": 52.4, "lon": 4.9}, "skills": [{"skill": "boiler", "level": 2}],
                       "shifts": [{"days": ["mon", "tue"], "start": "08:00", "end": "17:00"}]}],
        "ticket_types": [{"name": "boiler", "skill": "boiler", "min_level": 1, "priority_mix": [1, 2, 3],
                          "duration": {"median": 2700, "sigma": 0.3}}],
        "arrivals": {"replay": [{"created": 3600, "type": "boiler", "lat": 52.37, "lon": 4.9, "priority": 2},
                                {"created": 7200, "type": "boiler", "lat": 52.38, "lon": 4.91, "priority": 3, "duration": 1800}]}
    })");
}

// The error of reading the changed document; its path must name a field of it.
InputError error_of(const std::function<void(Json&)>& change) {
    Json doc = document();
    change(doc);
    try {
        scenario_from_json(doc.dump());
    } catch (const InputError& e) {
        INFO(e.what());
        CHECK(doc.contains(Json::json_pointer(e.path())));
        return e;
    }
    FAIL("accepted: " << doc.dump());
    return InputError("", "");
}

void refused_at(const std::function<void(Json&)>& change, const std::string& path) {
    const InputError e = error_of(change);
    INFO(e.what());
    CHECK(e.path() == path);
}

std::string path_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.path();
    }
    return "(accepted)";
}

Scenario urban() { return generate_scenario(scenario_preset("urban")); }

SimOptions run_of(int days, Duration backlog_interval = 3600) {
    SimOptions o;
    o.days = days;
    o.backlog_interval = backlog_interval;
    return o;
}

CompareOptions comparison_of(int days, int replications, std::function<void(int, int)> progress = {}) {
    CompareOptions o;
    o.days = days;
    o.replications = replications;
    o.progress = std::move(progress);
    return o;
}

ScenarioGenerateOptions generated(int engineers, double tickets_per_day) {
    ScenarioGenerateOptions o = scenario_preset("urban");
    o.engineers = engineers;
    o.tickets_per_day = tickets_per_day;
    return o;
}

// A policy that never acts and asks for a tick at the given period.
class Ticking final : public Policy {
public:
    explicit Ticking(Duration period) : period_(period) {}
    std::string name() const override { return "ticking"; }
    Duration tick_interval() const override { return period_; }
    void on_tick(SimContext&) override { ++ticks; }
    int ticks = 0;

private:
    Duration period_;
};

}  // namespace

TEST_CASE("scenario quantities beyond their documented maxima are refused by field", "[sim][hostile]") {
    // The reported case: a rate of 1e308 drew tickets until memory ran out.
    refused_at([](Json& d) { d["arrivals"] = {{"tickets_per_day", 1e308}}; }, "/arrivals/tickets_per_day");
    refused_at([](Json& d) { d["arrivals"] = {{"tickets_per_day", kMaxSimTicketsPerDay + 1}}; }, "/arrivals/tickets_per_day");
    CHECK_NOTHROW(scenario_from_json([] {
        Json d = document();
        d["arrivals"] = {{"tickets_per_day", kMaxSimTicketsPerDay}};
        return d.dump();
    }()));
    // Weights whose sum is infinite made every hour's share 0: no arrivals at all.
    refused_at([](Json& d) { d["arrivals"] = {{"tickets_per_day", 10}, {"hour_profile", std::vector<double>(24, 1e308)}}; },
               "/arrivals/hour_profile");
    refused_at(
        [](Json& d) {
            d["ticket_types"][0]["weight"] = 1.5e308;
            d["ticket_types"].push_back(d["ticket_types"][0]);
            d["ticket_types"][1]["name"] = "boiler2";
        },
        "/ticket_types");
    refused_at([](Json& d) { d["ticket_types"][0]["duration"] = {{"median", 8 * 86400}}; }, "/ticket_types/0/duration/median");
    refused_at([](Json& d) { d["first_time_fix"] = {{"follow_up_delay", 400 * 86400}}; }, "/first_time_fix/follow_up_delay");
    refused_at([](Json& d) { d["cancellation"] = {{"mean_delay", 4'000'000'000'000'000'000LL}}; }, "/cancellation/mean_delay");
    refused_at([](Json& d) { d["rules"] = {{"max_overtime", 2 * 86400}}; }, "/rules/max_overtime");
    refused_at([](Json& d) { d["travel"] = {{"speed_kmh", 1e-300}}; }, "/travel/speed_kmh");
    refused_at([](Json& d) { d["travel"] = {{"detour_factor", 1e300}}; }, "/travel/detour_factor");
    refused_at([](Json& d) { d["first_time_fix"] = {{"by_level", std::vector<double>(101, 0.5)}}; }, "/first_time_fix/by_level");

    Scenario s = urban();
    while (s.engineers.size() <= kMaxSimEngineers) {
        SimEngineer e = s.engineers[0];
        e.id = "X" + std::to_string(s.engineers.size());
        s.engineers.push_back(e);
    }
    CHECK(path_of([&] { validate_scenario(s); }) == "/engineers");
    CHECK(path_of([] { generate_scenario(generated(static_cast<int>(kMaxSimEngineers) + 1, 10)); }) == "/engineers");
    CHECK(path_of([] { generate_scenario(generated(5, 1e308)); }) == "/tickets_per_day");

    s = urban();
    s.region.sites.assign(kMaxSimSites + 1, s.region.centre);
    CHECK(path_of([&] { validate_scenario(s); }) == "/region/sites");
    s = urban();
    TicketType extra = s.ticket_types[0];
    for (size_t i = s.ticket_types.size(); i <= kMaxSimTicketTypes; ++i) {
        extra.name = "type" + std::to_string(i);
        s.ticket_types.push_back(extra);
    }
    CHECK(path_of([&] { validate_scenario(s); }) == "/ticket_types");
    s = urban();
    RoadNetwork net;
    net.nodes = {{"a", {52.37, 4.9}}, {"b", {52.38, 4.9}}};
    net.edges.assign(kMaxSimRoadEdges + 1, {"a", "b", 1000, 90});
    s.travel.road_network = net;
    CHECK(path_of([&] { validate_scenario(s); }) == "/travel/road_network/edges");
    s = urban();
    s.start_date = std::numeric_limits<std::int64_t>::max() / 2;  // sim_to_unix would overflow
    CHECK(path_of([&] { validate_scenario(s); }) == "/start_date");
}

TEST_CASE("a run beyond the ticket or shift limit is refused at /days before anything is drawn", "[sim][hostile]") {
    Scenario busy = urban();
    busy.arrivals.tickets_per_day = kMaxSimTicketsPerDay;
    // 30 days at the highest rate: some three million tickets, over the run's limit.
    CHECK(expected_ticket_count(busy, 30) > static_cast<double>(kMaxSimTickets));
    CHECK(path_of([&] { check_run_size(busy, 30); }) == "/days");
    CHECK(path_of([&] { draw_ticket_stream(busy, 30, 1); }) == "/days");
    auto policy = make_policy("nearest");
    CHECK(path_of([&] { simulate(busy, *policy, run_of(30)); }) == "/days");
    CHECK(path_of([&] { compare_policies(busy, {"nearest"}, comparison_of(30, 1)); }) == "/days");
    CHECK_NOTHROW(check_run_size(busy, 1));

    const Scenario crowd = generate_scenario(generated(static_cast<int>(kMaxSimEngineers), 1));
    CHECK(shift_count(crowd, kMaxSimDays) > static_cast<std::int64_t>(kMaxSimShifts));
    CHECK(path_of([&] { simulate(crowd, *policy, run_of(kMaxSimDays)); }) == "/days");
    CHECK(path_of([&] { check_run_size(crowd, kMaxSimDays + 1); }) == "/days");
    CHECK(path_of([&] { check_run_size(crowd, 0); }) == "/days");

    // A replay counts only the tickets the run reaches.
    const Scenario replay = tiny({{3600, "boiler", kA, 3, std::nullopt}, {3 * 86400, "boiler", kB, 3, std::nullopt}});
    CHECK(expected_ticket_count(replay, 1) == 1.0);
    CHECK(expected_ticket_count(replay, 4) == 2.0);
    CHECK(shift_count(replay, 10) == 10);
}

TEST_CASE("comparison limits are refused before the first run", "[sim][hostile]") {
    const Scenario s = urban();
    int runs = 0;
    auto counting = [&](int, int) { ++runs; };
    CHECK(path_of([&] { compare_policies(s, {"nearest"}, comparison_of(1, kMaxSimReplications + 1, counting)); }) ==
          "/replications");
    const std::vector<std::string> crowd(kMaxComparePolicies + 1, "nearest");
    CHECK(path_of([&] { compare_policies(s, crowd, comparison_of(1, 1, counting)); }) == "/policies");
    CHECK(path_of([&] { compare_policies(s, {"nearest", "fastest"}, comparison_of(1, 1, counting)); }) == "/policy");
    Scenario bad = s;
    bad.start_date = std::numeric_limits<std::int64_t>::min();
    CHECK(path_of([&] { compare_policies(bad, {"nearest"}, comparison_of(1, 1, counting)); }) == "/start_date");
    CHECK(runs == 0);
}

TEST_CASE("a replayed ticket is checked like a drawn one and like a problem's job", "[sim][hostile]") {
    // The reported case: priority 9 against the default SLA policy (priorities 1-5) had no deadline at all.
    refused_at([](Json& d) { d["arrivals"]["replay"][1]["priority"] = 9; }, "/arrivals/replay/1/priority");
    refused_at([](Json& d) { d["arrivals"]["replay"][1]["priority"] = 0; }, "/arrivals/replay/1/priority");
    refused_at([](Json& d) { d["arrivals"]["replay"][1]["priority"] = 101; }, "/arrivals/replay/1/priority");
    refused_at([](Json& d) { d["arrivals"]["replay"][0]["lat"] = 91; }, "/arrivals/replay/0/lat");
    refused_at([](Json& d) { d["arrivals"]["replay"][0]["lon"] = -181; }, "/arrivals/replay/0/lon");
    refused_at([](Json& d) { d["arrivals"]["replay"][1]["duration"] = 0; }, "/arrivals/replay/1/duration");
    refused_at([](Json& d) { d["arrivals"]["replay"][1]["duration"] = 30 * 86400; }, "/arrivals/replay/1/duration");
    refused_at([](Json& d) { d["arrivals"]["replay"][0]["created"] = -1; }, "/arrivals/replay/0/created");
    // Milliseconds for seconds: every ticket would silently fall beyond the run.
    refused_at([](Json& d) { d["arrivals"]["replay"][1]["created"] = 1'795'478'400'000LL; }, "/arrivals/replay/1/created");
    refused_at([](Json& d) { d["arrivals"]["replay"][1]["type"] = "gas"; }, "/arrivals/replay/1/type");
    // A drawn ticket obeys the same priority rule: the mix stops at the policy's lowest priority.
    refused_at([](Json& d) { d["ticket_types"][0]["priority_mix"] = {1, 1, 1, 1, 1, 1}; }, "/ticket_types/0/priority_mix/5");

    // Without SLA targets any priority up to the ceiling is a plain label.
    Scenario plain = tiny({{3600, "boiler", kA, 9, std::nullopt}});
    CHECK(path_of([&] { validate_scenario(plain); }) == "/arrivals/replay/0/priority");
    plain.sla = SlaPolicy{};
    CHECK_NOTHROW(validate_scenario(plain));
    plain.arrivals.replay[0].priority = kMaxSimPriority + 1;
    CHECK(path_of([&] { validate_scenario(plain); }) == "/arrivals/replay/0/priority");
}

TEST_CASE("every scenario error path points at a field of the document as written", "[sim][hostile]") {
    // The reported cases: /arrivals/replay/0/location and /region/site_weights were no fields of the JSON.
    refused_at([](Json& d) { d["arrivals"]["replay"][0]["lat"] = 95; }, "/arrivals/replay/0/lat");
    refused_at([](Json& d) { d["region"]["sites"][1]["weight"] = -1; }, "/region/sites/1/weight");
    refused_at(
        [](Json& d) {
            d["region"]["sites"][0]["weight"] = 0;
            d["region"]["sites"][1]["weight"] = 0;
        },
        "/region/sites");
    refused_at([](Json& d) { d["region"]["sites"][1]["lon"] = 200; }, "/region/sites/1/lon");
    refused_at([](Json& d) { d["region"]["centre"]["lat"] = -100; }, "/region/centre/lat");
    refused_at([](Json& d) { d["engineers"][0]["home"]["lon"] = 190; }, "/engineers/0/home/lon");
    refused_at([](Json& d) { d["engineers"][0]["skills"][0]["skill"] = ""; }, "/engineers/0/skills/0/skill");
    refused_at([](Json& d) { d["ticket_types"][0]["skill"] = ""; }, "/ticket_types/0/skill");
    refused_at([](Json& d) { d["ticket_types"][0]["min_level"] = 3; }, "/ticket_types/0/skill");
    refused_at([](Json& d) { d["ticket_types"][0]["priority_mix"] = {0, 0, 0}; }, "/ticket_types/0/priority_mix");
    refused_at([](Json& d) { d["ticket_types"][0]["priority_mix"] = {1, -2, 0}; }, "/ticket_types/0/priority_mix/1");
    refused_at([](Json& d) { d["arrivals"] = {{"tickets_per_day", 5}, {"weekday_profile", {1, 1, 1, -1, 1, 1, 1}}}; },
               "/arrivals/weekday_profile/3");
    refused_at([](Json& d) { d["sla_tier"] = "gold"; }, "/sla_tier");

    // The same paths for a scenario built in code, where the JSON would have put the field.
    Scenario s = tiny({{3600, "boiler", kA, 3, std::nullopt}});
    s.region.sites = {kA, kB};
    s.region.site_weights = {1.0};
    CHECK(path_of([&] { validate_scenario(s); }) == "/region/sites");
    s.region.site_weights = {1.0, std::nan("")};
    CHECK(path_of([&] { validate_scenario(s); }) == "/region/sites/1/weight");
    s.region.site_weights.clear();
    s.engineers[0].skills[0].level = 0;
    CHECK(path_of([&] { validate_scenario(s); }) == "/engineers/0/skills/0/level");
    s.engineers[0].skills[0].level = 1;
    s.ticket_types[0].skill.min_level = 0;
    CHECK(path_of([&] { validate_scenario(s); }) == "/ticket_types/0/min_level");
}

TEST_CASE("huge policy periods and backlog intervals neither overflow nor loop", "[sim][hostile]") {
    const Scenario s = tiny({{3600, "boiler", kA, 3, std::nullopt}});
    // now + period used to overflow past the horizon check.
    Ticking never(std::numeric_limits<Duration>::max());
    const SimResult r = simulate(s, never, run_of(2));
    CHECK(never.ticks == 1);  // the tick at instant 0 only
    auto batch = make_policy("batch:9223372036854775807");
    CHECK_NOTHROW(simulate(s, *batch, run_of(2)));

    // An interval of 0 sampled the backlog forever; one of a second over ten years, 316 million times.
    CHECK(path_of([&] { compute_kpis(r.log, 0); }) == "/backlog_interval");
    SimLog decade = r.log;
    decade.horizon_end = static_cast<Time>(kMaxSimDays) * 86400;
    CHECK(path_of([&] { compute_kpis(decade, 1); }) == "/backlog_interval");
    CHECK(compute_kpis(decade, std::numeric_limits<Duration>::max()).backlog.empty());
    CHECK_NOTHROW(compute_kpis(decade, 60));
    auto nearest = make_policy("nearest");
    CHECK(path_of([&] { simulate(s, *nearest, run_of(kMaxSimDays, 1)); }) == "/backlog_interval");
}
