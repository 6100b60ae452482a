// The event engine on tiny scenarios whose every event is computed by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "fsd/core/error.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/simulate.hpp"
#include "sim_tiny_scenarios.hpp"

using namespace fsd;
using namespace fsd::sim_test;

namespace {

struct Ev {
    Time time;
    SimEventKind kind;
    Index ticket;
    Index engineer;
    std::int64_t value;
};

std::vector<Ev> events_of(const SimResult& r, bool skip_assign = true) {
    std::vector<Ev> out;
    for (const SimEvent& e : r.log.events)
        if (!skip_assign || (e.kind != SimEventKind::assigned && e.kind != SimEventKind::unassigned))
            out.push_back({e.time, e.kind, e.ticket, e.engineer, e.value});
    return out;
}

void expect_events(const std::vector<Ev>& got, const std::vector<Ev>& want) {
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        INFO("event " << i << ": " << to_string(got[i].kind) << " at " << got[i].time);
        CHECK(got[i].time == want[i].time);
        CHECK(got[i].kind == want[i].kind);
        CHECK(got[i].ticket == want[i].ticket);
        CHECK(got[i].engineer == want[i].engineer);
        CHECK(got[i].value == want[i].value);
    }
}

SimResult run(const Scenario& s, const std::string& policy, int days = 1, std::uint64_t seed = 1) {
    auto p = make_policy(policy);
    SimOptions o;
    o.days = days;
    o.seed = seed;
    return simulate(s, *p, o);
}

}  // namespace

TEST_CASE("a day of two tickets, every event by hand", "[sim]") {
    const Scenario s = tiny({{7 * 3600, "boiler", kA, 2, std::nullopt}, {9 * 3600, "boiler", kB, 3, std::nullopt}});
    const GreatCircleOptions g;
    const GreatCircleLeg h_a = great_circle_leg(kHome, kA, g), a_b = great_circle_leg(kA, kB, g), b_h = great_circle_leg(kB, kHome, g);
    // The drives are short enough that the first visit ends before 09:00.
    REQUIRE(8 * 3600 + h_a.duration + 1800 < 9 * 3600);
    const Time arrive_a = 8 * 3600 + h_a.duration, done_a = arrive_a + 1800;
    const Time arrive_b = 9 * 3600 + a_b.duration, done_b = arrive_b + 1800;
    const Time home = 17 * 3600 + b_h.duration;
    using K = SimEventKind;
    const SimResult r = run(s, "nearest");
    expect_events(events_of(r), {
                                    {7 * 3600, K::created, 0, -1, 0},
                                    {8 * 3600, K::shift_start, -1, 0, 0},
                                    {8 * 3600, K::travel_start, 0, 0, h_a.distance},
                                    {arrive_a, K::arrive, 0, 0, 0},
                                    {done_a, K::service_end, 0, 0, 1},
                                    {9 * 3600, K::created, 1, -1, 0},
                                    {9 * 3600, K::travel_start, 1, 0, a_b.distance},
                                    {arrive_b, K::arrive, 1, 0, 0},
                                    {done_b, K::service_end, 1, 0, 1},
                                    {17 * 3600, K::shift_end, -1, 0, 0},
                                    {17 * 3600, K::travel_start, -1, 0, b_h.distance},
                                    {home, K::home, -1, 0, 0},
                                });
    const Kpis& k = r.report.kpis;
    CHECK(k.tickets == 2);
    CHECK(k.resolved == 2);
    CHECK(k.first_response_mean_s == Approx(((arrive_a - 7 * 3600) + (arrive_b - 9 * 3600)) / 2.0));
    CHECK(k.resolution_mean_s == Approx(((done_a - 7 * 3600) + (done_b - 9 * 3600)) / 2.0));
    CHECK(k.first_time_fix_rate == 1.0);
    CHECK(k.utilisation == Approx(3600.0 / (9 * 3600)));
    CHECK(k.travel_km == Approx((h_a.distance + a_b.distance + b_h.distance) / 1000.0));
    CHECK(k.overtime_hours == Approx(b_h.duration / 3600.0));
    CHECK(k.sla_response_rate == 1.0);
}

TEST_CASE("a failed first visit brings a follow-up visit after the delay", "[sim]") {
    Scenario s = tiny({{8 * 3600, "boiler", kA, 3, std::nullopt}});
    s.first_time_fix.by_level = {0.0};  // the first visit never fixes
    s.first_time_fix.max_visits = 2;    // the second always does
    s.first_time_fix.follow_up_delay = 3600;
    const GreatCircleLeg h_a = great_circle_leg(kHome, kA, GreatCircleOptions{});
    const Time done1 = 8 * 3600 + h_a.duration + 1800;
    const SimResult r = run(s, "nearest");
    using K = SimEventKind;
    std::vector<Ev> visits;
    for (const Ev& e : events_of(r))
        if (e.kind == K::service_end || e.kind == K::follow_up || e.kind == K::arrive) visits.push_back(e);
    // The engineer waits at the customer; the follow-up starts there without a drive.
    expect_events(visits, {
                              {8 * 3600 + h_a.duration, K::arrive, 0, 0, 0},
                              {done1, K::service_end, 0, 0, 0},
                              {done1 + 3600, K::follow_up, 0, -1, 0},
                              {done1 + 3600, K::arrive, 0, 0, 0},
                              {done1 + 3600 + 1800, K::service_end, 0, 0, 1},
                          });
    CHECK(r.report.kpis.first_time_fix_rate == 0.0);
    CHECK(r.report.kpis.resolution_mean_s == Approx(done1 + 3600 + 1800 - 8 * 3600));
}

TEST_CASE("a waiting ticket is cancelled and never visited", "[sim]") {
    Scenario s = tiny({{3600, "boiler", kA, 3, std::nullopt}});
    s.cancellation.probability = 1.0;
    s.cancellation.mean_delay = 600;  // long before the 08:00 shift, almost surely
    const SimResult r = run(s, "nearest");
    int cancelled = 0, visits = 0;
    for (const SimEvent& e : r.log.events) {
        cancelled += e.kind == SimEventKind::cancelled;
        visits += e.kind == SimEventKind::arrive;
    }
    CHECK(cancelled == 1);
    CHECK(visits == 0);
    CHECK(r.report.kpis.cancelled == 1);
    CHECK(std::isnan(r.report.kpis.sla_response_rate));  // cancelled SLAs are excluded
}

TEST_CASE("the break is taken at the first free moment after its earliest start", "[sim]") {
    Scenario s = tiny({{11 * 3600 + 50 * 60, "boiler", kA, 3, std::nullopt}});
    s.engineers[0].lunch = SimBreak{12 * 3600, 1800};
    const GreatCircleLeg h_a = great_circle_leg(kHome, kA, GreatCircleOptions{});
    const Time done = 11 * 3600 + 50 * 60 + h_a.duration + 1800;  // past 12:00
    const SimResult r = run(s, "nearest");
    Time start = -1, end = -1;
    for (const SimEvent& e : r.log.events) {
        if (e.kind == SimEventKind::break_start) start = e.time;
        if (e.kind == SimEventKind::break_end) end = e.time;
    }
    CHECK(start == done);
    CHECK(end == done + 1800);
    // Available time is net of the break.
    CHECK(r.report.kpis.utilisation == Approx(1800.0 / (9 * 3600 - 1800)));
}

TEST_CASE("a visit that would end past the allowed overtime is not started", "[sim]") {
    Scenario s = tiny({{16 * 3600 + 50 * 60, "boiler", kA, 3, std::nullopt}});
    s.rules.max_overtime = 0;
    const SimResult r = run(s, "nearest");
    for (const SimEvent& e : r.log.events) CHECK(e.kind != SimEventKind::arrive);
    CHECK(r.report.kpis.open_at_end == 1);
}

namespace {

// Queues every new ticket behind the others and never takes one back; notes
// when it is asked for work.
class QueueAll final : public Policy {
public:
    std::string name() const override { return "queue_all"; }
    void on_ticket(SimContext& ctx, Index t) override {
        if (seen_.insert(t).second) ctx.assign(t, 0);
    }
    void on_engineer_free(SimContext& ctx, Index) override { asked.push_back(ctx.now()); }
    std::vector<Time> asked;

private:
    std::set<Index> seen_;
};

}  // namespace

TEST_CASE("a queued ticket that no longer fits the day goes back to the pool at once", "[sim]") {
    const Coordinates far{53.0, 5.0};  // over an hour's drive: cannot end by 17:00
    Scenario s = tiny({{16 * 3600, "boiler", far, 3, std::nullopt}, {16 * 3600 + 60, "boiler", kA, 3, std::nullopt}});
    s.rules.max_overtime = 0;
    QueueAll policy;
    SimOptions o;
    o.days = 1;
    const SimResult r = simulate(s, policy, o);
    using K = SimEventKind;
    std::vector<Ev> got;
    for (const Ev& e : events_of(r, false))
        if (e.ticket >= 0 && e.kind != K::created) got.push_back(e);
    const GreatCircleLeg h_a = great_circle_leg(kHome, kA, GreatCircleOptions{});
    expect_events(got, {
                           {16 * 3600, K::assigned, 0, 0, 0},
                           {16 * 3600, K::unassigned, 0, 0, 0},
                           {16 * 3600 + 60, K::assigned, 1, 0, 0},
                           {16 * 3600 + 60, K::travel_start, 1, 0, h_a.distance},
                           {16 * 3600 + 60 + h_a.duration, K::arrive, 1, 0, 0},
                           {16 * 3600 + 60 + h_a.duration + 1800, K::service_end, 1, 0, 1},
                       });
    // Freed of the ticket it could not start, the engineer was asked for work at once.
    CHECK(std::find(policy.asked.begin(), policy.asked.end(), 16 * 3600) != policy.asked.end());
    CHECK(r.report.kpis.open_at_end == 1);
}

TEST_CASE("same seed, same run, and another seed, another run", "[sim]") {
    const Scenario s = generate_scenario(scenario_preset("urban"));
    for (const std::string& policy : builtin_policy_names()) {
        INFO(policy);
        const SimResult a = run(s, policy, 3, 5), b = run(s, policy, 3, 5), c = run(s, policy, 3, 6);
        CHECK(a.log.events == b.log.events);
        CHECK(a.log.events != c.log.events);
    }
}

TEST_CASE("every policy keeps the engine's rules over a week", "[sim]") {
    const Scenario s = generate_scenario(scenario_preset("specialist", 3));
    for (const std::string& policy : builtin_policy_names()) {
        INFO(policy);
        const SimResult r = run(s, policy, 7, 2);
        const TicketStream stream = draw_ticket_stream(s, 7, 2);
        std::map<Index, Index> driving;  // engineer -> ticket it drives to
        std::set<Index> resolved;
        for (const SimEvent& e : r.log.events) {
            if (e.kind == SimEventKind::travel_start && e.ticket >= 0) driving[e.engineer] = e.ticket;
            if (e.kind == SimEventKind::arrive) {
                REQUIRE(driving.count(e.engineer));
                CHECK(driving[e.engineer] == e.ticket);
                // Only qualified engineers ever serve.
                const TicketType& type = s.ticket_types[static_cast<size_t>(stream.tickets[static_cast<size_t>(e.ticket)].type)];
                int level = 0;
                for (const SkillLevel& k : s.engineers[static_cast<size_t>(e.engineer)].skills)
                    if (k.skill == type.skill.skill) level = k.level;
                CHECK(level >= type.skill.min_level);
                CHECK(!resolved.count(e.ticket));
            }
            if (e.kind == SimEventKind::service_end && e.value == 1) resolved.insert(e.ticket);
        }
        CHECK(r.report.kpis.resolved > 0.7 * r.report.kpis.tickets);
    }
}

TEST_CASE("every policy faces the same tickets under one seed", "[sim]") {
    const Scenario s = generate_scenario(scenario_preset("rural"));
    const SimResult a = run(s, "nearest", 3, 9), b = run(s, "insertion", 3, 9);
    CHECK(a.log.tickets == b.log.tickets);
}

namespace {

// Breaks the rules on purpose: gives every new ticket twice.
class DoubleAssign final : public Policy {
public:
    std::string name() const override { return "double"; }
    void on_ticket(SimContext& ctx, Index t) override {
        ctx.assign(t, 0);
        ctx.assign(t, 0);
    }
};

}  // namespace

TEST_CASE("a policy that breaks the rules gets an error naming it", "[sim]") {
    const Scenario s = tiny({{3600, "boiler", kA, 3, std::nullopt}});
    DoubleAssign p;
    try {
        simulate(s, p, SimOptions{});
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.path() == "/policy/assign");
        CHECK_THAT(e.what(), Catch::Contains("double") && Catch::Contains("queued"));
    }
    CHECK_THROWS_WITH(make_policy("fastest"), Catch::Contains("unknown policy"));
    CHECK_THROWS_WITH(make_policy("batch:abc"), Catch::Contains("positive number of seconds"));
    CHECK(make_policy("batch:600")->tick_interval() == 600);
}

TEST_CASE("a comparison of a policy with itself differs by zero", "[sim]") {
    const Scenario s = generate_scenario(scenario_preset("urban"));
    CompareOptions o;
    o.days = 2;
    o.replications = 3;
    const Comparison c = compare_policies(s, {"nearest", "nearest"}, o);
    for (const KpiComparison& row : c.rows) {
        INFO(row.kpi);
        if (row.policy == "nearest" && row.difference.n > 0) CHECK(row.difference.mean == 0.0);
        if (!std::isnan(row.value.half_width)) CHECK(row.value.half_width >= 0.0);
    }
}

TEST_CASE("on a road network every drive follows its shortest paths", "[sim]") {
    Scenario s = tiny({{7 * 3600, "boiler", kA, 3, std::nullopt}, {9 * 3600, "boiler", kB, 3, std::nullopt}});
    RoadNetwork net;
    net.nodes = {{"H", kHome}, {"A", kA}, {"B", kB}};
    // A slow road home-A, a fast one A-B, no direct road home-B.
    net.edges = {{"H", "A", 10000, 1200}, {"A", "H", 10000, 1200}, {"A", "B", 5000, 600}, {"B", "A", 5000, 600}};
    s.travel.road_network = net;
    const SimResult r = run(s, "nearest");
    using K = SimEventKind;
    std::vector<Ev> drives;
    for (const Ev& e : events_of(r))
        if (e.kind == K::travel_start || e.kind == K::arrive || e.kind == K::home) drives.push_back(e);
    expect_events(drives, {
                              {8 * 3600, K::travel_start, 0, 0, 10000},
                              {8 * 3600 + 1200, K::arrive, 0, 0, 0},
                              {9 * 3600, K::travel_start, 1, 0, 5000},
                              {9 * 3600 + 600, K::arrive, 1, 0, 0},
                              {17 * 3600, K::travel_start, -1, 0, 15000},  // B -> A -> home
                              {17 * 3600 + 1800, K::home, -1, 0, 0},
                          });

    net.edges.pop_back();  // B can no longer reach anything
    s.travel.road_network = net;
    try {
        run(s, "nearest");
        FAIL("a disconnected network was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/travel/road_network");
    }
}
