// KPI formulas against a log written by hand; scenario checks and JSON.
#include <catch2/catch.hpp>

#include <cmath>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/io/scenario_json.hpp"
#include "fsd/sim/kpi.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/ticket_stream.hpp"

using namespace fsd;

TEST_CASE("KPIs of a hand-written log", "[sim][kpi]") {
    using K = SimEventKind;
    SimLog log;
    log.horizon_end = 86400;
    log.engineers = {"E1", "E2"};
    // T1 met both SLAs; T2 responded late, fixed on the second visit, in time;
    // T3 cancelled; T4 still open, its response deadline passed, resolution not yet.
    log.tickets = {{"T1", 1, 0, 10000, 20000},
                   {"T2", 2, 1000, 3000, 50000},
                   {"T3", 3, 2000, 9000, 9000},
                   {"T4", 3, 40000, 50000, 90000}};
    log.shifts = {{0, 0, 36000, 1800}, {1, 0, 36000, 0}};
    log.events = {
        {0, K::created, 0, -1, 0},
        {1000, K::created, 1, -1, 0},
        {1000, K::travel_start, 0, 0, 5000},
        {2000, K::created, 2, -1, 0},
        {2000, K::arrive, 0, 0, 0},
        {3000, K::cancelled, 2, -1, 0},
        {3000, K::travel_start, 1, 1, 3000},
        {4000, K::arrive, 1, 1, 0},
        {5000, K::service_end, 0, 0, 1},
        {6000, K::service_end, 1, 1, 0},
        {10000, K::unassigned, 1, 1, 0},
        {20000, K::travel_start, 1, 0, 2000},
        {21000, K::arrive, 1, 0, 0},
        {23000, K::service_end, 1, 0, 1},
        {36000, K::travel_start, -1, 0, 4000},
        {38000, K::home, -1, 0, 0},
        {40000, K::created, 3, -1, 0},
    };
    const KpiReport r = compute_kpis(log, 21600);
    const Kpis& k = r.kpis;
    CHECK(k.tickets == 4);
    CHECK(k.resolved == 2);
    CHECK(k.cancelled == 1);
    CHECK(k.open_at_end == 1);
    // First responses: T1 2000, T2 3000.
    CHECK(k.first_response_mean_s == Approx(2500));
    CHECK(k.first_response_p50_s == Approx(2500));
    CHECK(k.first_response_p90_s == Approx(2900));
    // Resolutions: T1 5000, T2 22000.
    CHECK(k.resolution_mean_s == Approx(13500));
    // Response: T1 met, T2 breached (4000 > 3000), T4 breached (unanswered at the horizon, past 50000).
    CHECK(k.sla_response_rate == Approx(1.0 / 3));
    // Resolution: T1 met, T2 met (23000 <= 50000), T4 not yet due: left out.
    CHECK(k.sla_resolution_rate == Approx(1.0));
    CHECK(k.first_time_fix_rate == Approx(0.5));
    // E1: travel 1000 + 1000 + 2000, on site 3000 + 2000; E2: travel 1000, on site 2000.
    const double travel = 5000, site = 7000, available = 36000 - 1800 + 36000;
    CHECK(k.utilisation == Approx(site / available));
    CHECK(k.occupancy == Approx((travel + site) / available));
    CHECK(k.travel_share == Approx(travel / (travel + site)));
    CHECK(k.travel_km == Approx(14.0));
    CHECK(k.overtime_hours == Approx(2000.0 / 3600));
    const double w1 = 9000 / 60.0, w2 = 3000 / 60.0, mu = (w1 + w2) / 2;
    CHECK(k.load_balance_cv == Approx(std::abs(w1 - mu) / mu));
    CHECK(k.jain_index == Approx((w1 + w2) * (w1 + w2) / (2 * (w1 * w1 + w2 * w2))));
    CHECK(k.jobs_per_engineer_day == Approx(3.0 / 2));
    CHECK(k.reassignments == 1);
    // Backlog at 6 h: T2 (fixed at 23000 s); at 12, 18 and 24 h: T4 (from 40000 s).
    REQUIRE(r.backlog.size() == 4);
    for (const BacklogPoint& b : r.backlog) CHECK(b.open == 1);
    CHECK(k.backlog_mean == Approx(1.0));
    CHECK(k.backlog_max == 1);
    REQUIRE(r.by_priority.size() == 3);
    CHECK(r.by_priority[1].priority == 2);
    CHECK(r.by_priority[1].sla_response_rate == 0.0);
}

TEST_CASE("mean and Student-t confidence interval", "[sim][kpi]") {
    const KpiSummary s = summarise({1.0, 2.0, 3.0, std::nan("")});
    CHECK(s.n == 3);
    CHECK(s.mean == Approx(2.0));
    CHECK(s.half_width == Approx(4.303 / std::sqrt(3.0)));
    CHECK(std::isnan(summarise({5.0}).half_width));
    CHECK(student_t975(9) == Approx(2.262));
    CHECK(student_t975(1000) == Approx(1.96).epsilon(0.002));
}

namespace {

std::string minimal(const std::string& patch_key = "", const std::string& patch_value = "") {
    std::string engineers = R"([{"id": "E1", "home": {"lat": 52, "lon": 5}, "skills": [{"skill": "boiler", "level": 2}],
                                  "shifts": [{"days": ["mon", "tuesday"], "start": "08:00", "end": "17:00"}],
                                  "break": {"earliest": "12:00", "duration": 1800}}])";
    std::string types = R"([{"name": "boiler", "skill": "boiler", "priority_mix": [1, 2, 3], "duration": {"median": 2700, "sigma": 0.3}}])";
    std::string arrivals = R"({"tickets_per_day": 20})";
    if (patch_key == "engineers") engineers = patch_value;
    if (patch_key == "ticket_types") types = patch_value;
    if (patch_key == "arrivals") arrivals = patch_value;
    return R"({"format": "fsdispatch-scenario", "name": "t", "start_date": "2026-11-23", "utc_offset": "+01:00",
               "engineers": )" + engineers + R"(, "ticket_types": )" + types + R"(, "arrivals": )" + arrivals + "}";
}

void expect_error(const std::string& text, const std::string& path) {
    try {
        scenario_from_json(text);
        FAIL("accepted: " << text);
    } catch (const InputError& e) {
        CHECK(e.path() == path);
    }
}

}  // namespace

TEST_CASE("scenario JSON reads, round-trips and names bad fields", "[sim][io]") {
    const Scenario s = scenario_from_json(minimal());
    CHECK(s.engineers[0].shifts[0].weekdays == std::vector<int>{0, 1});
    CHECK(s.utc_offset_seconds == 3600);
    CHECK(sim_weekday(s, 0) == 0);  // 2026-11-23 is a Monday
    CHECK(!s.sla.targets().empty());  // the default SLA policy
    const std::string text = scenario_to_json(s);
    CHECK(scenario_to_json(scenario_from_json(text)) == text);
    const Scenario g = generate_scenario(scenario_preset("specialist"));
    CHECK(scenario_from_json(scenario_to_json(g)).engineers == g.engineers);

    expect_error(minimal("arrivals", R"({"tickets_per_day": -3})"), "/arrivals/tickets_per_day");
    expect_error(minimal("ticket_types", R"([{"name": "gas", "skill": "gas", "priority_mix": [1], "duration": {"median": 60}}])"),
                 "/ticket_types/0/skill");
    expect_error(minimal("engineers", R"([{"id": "E1", "home": {"lat": 52, "lon": 5}, "skills": [{"skill": "boiler"}],
                                         "shifts": [{"days": [], "start": "08:00", "end": "17:00"}]}])"),
                 "/engineers/0/shifts/0/days");
    expect_error(minimal("engineers", R"([{"id": "E1", "home": {"lat": 52, "lon": 5}, "skills": [{"skill": "boiler"}],
                                         "shifts": [{"days": ["mon"], "start": "18:00", "end": "17:00"}]}])"),
                 "/engineers/0/shifts/0/end");
    expect_error(minimal("engineers", R"([{"id": "E1", "home": {"lat": 52, "lon": 5}, "skills": [{"skill": "boiler"}],
                                         "shifts": [{"days": ["someday"], "start": "08:00", "end": "17:00"}]}])"),
                 "/engineers/0/shifts/0/days/0");
    expect_error(minimal("arrivals", R"({"tickets_per_day": 3, "speed": 2})"), "/arrivals/speed");
    expect_error(minimal("arrivals", R"({"replay": [{"created": 10, "type": "gas", "lat": 52, "lon": 5}]})"),
                 "/arrivals/replay/0/type");
    expect_error(R"({"format": "fsdispatch-scenario", "engineers": [], "ticket_types": [], "arrivals": {}})", "/engineers");
}

TEST_CASE("Poisson arrivals follow the rate and the profiles", "[sim]") {
    Scenario s = generate_scenario(scenario_preset("urban"));
    s.arrivals.tickets_per_day = 200;
    const TicketStream a = draw_ticket_stream(s, 28, 4);
    // 28 days = 4 whole weeks: 5,600 expected, sd 75.
    CHECK(std::abs(static_cast<double>(a.tickets.size()) - 5600.0) < 300.0);
    int night = 0, morning = 0;
    for (const SimTicket& t : a.tickets) {
        const Time h = t.created % 86400 / 3600;
        night += h == 3;
        morning += h == 9;
    }
    CHECK(morning > 5 * night);  // profile 2.2 vs 0.2
    const TicketStream b = draw_ticket_stream(s, 28, 4);
    CHECK(a.tickets == b.tickets);
    CHECK(a.draws == b.draws);
}

TEST_CASE("a default scenario starts on a Monday", "[sim]") {
    const Scenario s;
    CHECK(civil_from_days(s.start_date).day == 24);
    CHECK(sim_weekday(s, 0) == 0);
    CHECK(sim_weekday(s, 6) == 6);
}

TEST_CASE("a scenario's road network survives JSON", "[sim][io]") {
    Scenario s = scenario_from_json(minimal());
    RoadNetwork net;
    net.nodes = {{"n1", {52.0, 5.0}}, {"n2", {52.1, 5.0}}};
    net.edges = {{"n1", "n2", 12000, 900}, {"n2", "n1", 12000, 900}};
    s.travel.road_network = net;
    const Scenario back = scenario_from_json(scenario_to_json(s));
    REQUIRE(back.travel.road_network.has_value());
    CHECK(*back.travel.road_network == net);
    std::string text = scenario_to_json(s);
    const auto at = text.find("\"to\": \"n2\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 10, "\"to\": \"n9\"");
    try {
        scenario_from_json(text);
        FAIL("an edge to an unknown node was accepted");
    } catch (const InputError& e) {
        CHECK(e.path().rfind("/travel/road_network/edges/0", 0) == 0);
    }
}
