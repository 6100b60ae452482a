#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"
#include "fsd/sla/sla_clock.hpp"
#include "fsd/sla/sla_policy.hpp"
#include "fsd/sla/sla_status.hpp"
#include "fsd/sla/sla_time.hpp"

using namespace fsd;
using K = SlaEventKind;

namespace {

// 24x7, tier "std": response 1h, resolution 4h for priority 1.
SlaPolicy simple_policy() {
    SlaPolicy p;
    p.add_tier("std");
    p.add_target({1, "std", SlaMetric::response, 3600, "24x7", false, 1});
    p.add_target({1, "std", SlaMetric::resolution, 4 * 3600, "24x7", true, 5});
    p.set_escalation({{150, "manager"}, {50, "assignee"}, {75, "lead"}, {100, "breach"}});
    return p;
}

SlaTicket ticket(std::vector<SlaEvent> events) { return SlaTicket{"T-1", 1, "std", std::move(events)}; }

SlaEventRow row(std::string id, Time t, SlaEventKind k, int priority = 0, std::string tier = "", int impact = 0,
                int urgency = 0) {
    return SlaEventRow{std::move(id), t, k, priority, std::move(tier), impact, urgency};
}

}  // namespace

TEST_CASE("clock: response stops at the first reply, pauses shift the resolution deadline", "[sla]") {
    const SlaPolicy p = simple_policy();
    const auto st = sla_ticket_status(
        ticket({{0, K::created}, {1800, K::responded}, {3600, K::waiting_for_customer}, {7200, K::resumed}}), p, 10000);
    REQUIRE(st.response);
    CHECK(st.response->clock.state == SlaClockState::completed);
    CHECK(st.response->clock.elapsed == 1800);
    CHECK_FALSE(st.response->clock.breached);
    REQUIRE(st.resolution.size() == 1);
    const auto& r = st.resolution[0].clock;
    CHECK(r.state == SlaClockState::running);
    CHECK(r.elapsed == 3600 + (10000 - 7200));
    CHECK(r.paused == 3600);
    CHECK(r.deadline == 4 * 3600 + 3600);
    CHECK(r.remaining == 4 * 3600 - r.elapsed);
    CHECK_FALSE(r.breached);
}

TEST_CASE("clock: resolving exactly at the deadline is on time, one second later is a breach", "[sla]") {
    const SlaPolicy p = simple_policy();
    const auto on_time = sla_ticket_status(ticket({{0, K::created}, {14400, K::resolved}}), p, 30000);
    CHECK(on_time.response->clock.breached);  // the reply never came before 3600
    CHECK(on_time.response->clock.deadline == 3600);
    CHECK_FALSE(on_time.resolution[0].clock.breached);
    const auto paused = sla_ticket_status(
        ticket({{0, K::created}, {600, K::responded}, {3600, K::waiting_for_customer}, {7200, K::resumed},
                {18000, K::resolved}}),
        p, 30000);
    CHECK_FALSE(paused.resolution[0].clock.breached);
    CHECK(paused.resolution[0].clock.stopped_at == 18000);
    CHECK(paused.resolution[0].clock.remaining == 0);
    const auto late = sla_ticket_status(
        ticket({{0, K::created}, {600, K::responded}, {3600, K::waiting_for_customer}, {7200, K::resumed},
                {18001, K::resolved}}),
        p, 30000);
    CHECK(late.resolution[0].clock.breached);
    CHECK(late.resolution[0].clock.deadline == 18000);
    CHECK(late.resolution[0].clock.remaining == -1);
}

TEST_CASE("clock: breach is sticky, and a clock paused at its deadline breaches when it runs again", "[sla]") {
    const SlaPolicy p = simple_policy();
    const auto sticky = sla_ticket_status(
        ticket({{0, K::created}, {10, K::responded}, {15000, K::waiting_for_customer}, {20000, K::resolved}}), p,
        20000);
    CHECK(sticky.resolution[0].clock.breached);
    CHECK(sticky.resolution[0].clock.deadline == 14400);
    CHECK(sticky.resolution[0].clock.paused == 5000);
    const std::vector<SlaEvent> at_deadline = {{0, K::created}, {10, K::responded}, {14400, K::waiting_for_customer}};
    const auto waiting = sla_ticket_status(ticket(at_deadline), p, 20000);
    CHECK(waiting.resolution[0].clock.state == SlaClockState::paused);
    CHECK_FALSE(waiting.resolution[0].clock.breached);
    CHECK(waiting.resolution[0].clock.remaining == 0);
    CHECK(waiting.resolution[0].clock.deadline == 20000);  // due the moment it resumes
    auto resumed = at_deadline;
    resumed.push_back({20000, K::resumed});
    CHECK_FALSE(sla_ticket_status(ticket(resumed), p, 20000).resolution[0].clock.breached);
    const auto after = sla_ticket_status(ticket(resumed), p, 20001).resolution[0].clock;
    CHECK(after.breached);
    CHECK(after.deadline == 20000);
}

TEST_CASE("clock: reopening starts a new resolution cycle with the full target", "[sla]") {
    const SlaPolicy p = simple_policy();
    const std::vector<SlaEvent> ev = {{0, K::created},      {300, K::responded}, {3600, K::resolved},
                                      {10000, K::reopened}, {12000, K::waiting_for_customer},
                                      {13000, K::resumed}};
    const auto st = sla_ticket_status(ticket(ev), p, 10000 + 14400 + 1000 + 1);
    REQUIRE(st.resolution.size() == 2);
    CHECK(st.resolution[0].cycle == 1);
    CHECK_FALSE(st.resolution[0].clock.breached);
    CHECK(st.resolution[0].clock.elapsed == 3600);
    CHECK(st.resolution[1].cycle == 2);
    CHECK(st.resolution[1].clock.start == 10000);
    CHECK(st.resolution[1].clock.paused == 1000);
    CHECK(st.resolution[1].clock.deadline == 10000 + 14400 + 1000);
    CHECK(st.resolution[1].clock.breached);
    CHECK(st.breached(SlaMetric::resolution));
    CHECK_FALSE(st.breached(SlaMetric::response));
    // Read before the reopen: a single completed cycle; later events ignored.
    const auto early = sla_ticket_status(ticket(ev), p, 5000);
    REQUIRE(early.resolution.size() == 1);
    CHECK(early.resolution[0].clock.state == SlaClockState::completed);
    // A reopen without a resolution, a second resolve and a stray resume are ignored.
    const auto odd = sla_ticket_status(
        ticket({{0, K::created}, {5, K::reopened}, {6, K::resumed}, {7, K::resolved}, {8, K::resolved}}), p, 100);
    REQUIRE(odd.resolution.size() == 1);
    CHECK(odd.resolution[0].clock.stopped_at == 7);
}

TEST_CASE("clock: business-hours target over a weekend", "[sla]") {
    SlaPolicy p;
    p.add_tier("std");
    std::array<std::vector<WorkInterval>, 7> week;
    for (int d = 0; d < 5; ++d) week[static_cast<std::size_t>(d)] = {{9 * 3600, 17 * 3600}};
    p.add_calendar("office", BusinessCalendar(week, {}, 0));
    p.add_target({1, "std", SlaMetric::resolution, 3600, "office", false, 1});
    const Time fri = parse_sla_time("2026-11-27T16:00:00Z", "");
    const Time fri17 = fri + 3600;
    const Time sat = parse_sla_time("2026-11-28T10:00:00Z", "");
    // Resolved on Saturday after a Friday 17:00 deadline: late, though no business time passed.
    auto st = sla_ticket_status(SlaTicket{"a", 1, "std", {{fri, K::created}, {sat, K::resolved}}}, p, sat);
    CHECK(st.resolution[0].clock.breached);
    CHECK(st.resolution[0].clock.elapsed == 3600);
    CHECK(st.resolution[0].clock.deadline == fri17);
    st = sla_ticket_status(SlaTicket{"a", 1, "std", {{fri, K::created}, {fri17, K::resolved}}}, p, sat);
    CHECK_FALSE(st.resolution[0].clock.breached);
    // Waiting for the customer from 16:30 to Monday 10:00 moves the deadline to Monday 10:30.
    const Time mon10 = parse_sla_time("2026-11-30T10:00:00Z", "");
    st = sla_ticket_status(SlaTicket{"a", 1, "std",
                                     {{fri, K::created}, {fri + 1800, K::waiting_for_customer}, {mon10, K::resumed}}},
                           p, mon10);
    CHECK(st.resolution[0].clock.paused == 1800 + 3600);
    CHECK(st.resolution[0].clock.deadline == mon10 + 1800);
    CHECK_FALSE(st.response);  // no response target in this policy
}

TEST_CASE("escalation: levels fire at business fractions of the target, net of pauses", "[sla]") {
    const SlaPolicy p = simple_policy();
    // Paused from 1h to 2h: 50% (2h) at 3h, 75% (3h) at 4h, 100% at 5h, 150% (6h) at 7h.
    const auto st = sla_ticket_status(
        ticket({{0, K::created}, {60, K::responded}, {3600, K::waiting_for_customer}, {7200, K::resumed}}), p, 15000,
        true);
    const auto& r = st.resolution[0].clock;
    REQUIRE(r.threshold_times.size() == 4);
    CHECK(p.escalation()[0].percent == 50);  // sorted
    CHECK(r.threshold_times == std::vector<Time>{10800, 14400, 18000, 25200});
    CHECK(r.threshold_passed == std::vector<bool>{true, true, false, false});
    // The response clock stopped before any level: none will ever fire.
    CHECK(st.response->clock.threshold_times == std::vector<Time>(4, kTimeMax));
}

TEST_CASE("clock: bad histories are named", "[sla]") {
    const SlaPolicy p = simple_policy();
    auto path_of = [&](const SlaTicket& t, Time at) {
        try {
            sla_ticket_status(t, p, at);
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("no error");
    };
    CHECK(path_of(ticket({{0, K::created}, {50, K::responded}, {40, K::resolved}}), 100) == "/events/2/time");
    CHECK(path_of(ticket({{0, K::responded}}), 100) == "/events/0/event");
    CHECK(path_of(ticket({{0, K::created}, {1, K::created}}), 100) == "/events/1/event");
    CHECK(path_of(ticket({{10, K::created}}), 5) == "/at");
    CHECK(path_of(SlaTicket{"x", 1, "platinum", {{0, K::created}}}, 5) == "/tier");
    CHECK(path_of(SlaTicket{"x", 9, "std", {{0, K::created}}}, 5) == "/priority");
}

TEST_CASE("rows: grouping, priority from impact and urgency, errors name the row", "[sla]") {
    SlaPolicy p = simple_policy();
    p.add_tier("gold");
    const std::vector<SlaEventRow> rows = {
        row("A", 0, K::created, 0, "std", 1, 1),  row("B", 5, K::created, 1, "gold", 0, 0), row("A", 10, K::responded),
        row("A", 20, K::resolved),                row("B", 30, K::assigned),
    };
    const auto tickets = group_sla_events(rows, p);
    REQUIRE(tickets.size() == 2);
    CHECK(tickets[0].id == "A");
    CHECK(tickets[0].priority == 1);
    CHECK(tickets[0].events.size() == 3);
    CHECK(tickets[1].tier == "gold");
    const auto table = sla_status_table(tickets, p, 100);
    CHECK(table.size() == 2);  // tier gold has no targets
    CHECK(table[0].metric == SlaMetric::response);
    CHECK(table[1].metric == SlaMetric::resolution);
    auto path_of = [&](std::vector<SlaEventRow> r) {
        try {
            group_sla_events(r, p);
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("no error");
    };
    CHECK(path_of({row("A", 10, K::created, 1, "std"), row("A", 5, K::resolved)}) == "/events/1/time");
    CHECK(path_of({row("A", 10, K::created, 1, "std"), row("B", 5, K::resolved)}) == "/events/1/event");
    CHECK(path_of({row("A", 10, K::created, 1, "bronze")}) == "/events/0/tier");
    CHECK(path_of({row("A", 10, K::created, 0, "std", 4, 1)}) == "/events/0/impact");
    CHECK(path_of({row("A", 10, K::created, 0, "std")}) == "/events/0/priority");
    CHECK(path_of({row("A", 10, K::created, 1, "")}) == "/events/0/tier");  // two tiers: must say which
}
