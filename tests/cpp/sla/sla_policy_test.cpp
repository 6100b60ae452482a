#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "fsd/core/error.hpp"
#include "fsd/sla/at_risk.hpp"
#include "fsd/sla/escalation.hpp"
#include "fsd/sla/sla_deadline.hpp"
#include "fsd/sla/sla_json.hpp"
#include "fsd/sla/sla_time.hpp"

using namespace fsd;
using K = SlaEventKind;

namespace {

std::string policy_text() {
    std::ifstream in(std::string(FSD_TEST_DATA) + "/sla_policy.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string error_path(const std::string& text) {
    try {
        sla_policy_from_json(text);
    } catch (const InputError& e) {
        return e.path();
    }
    return "no error";
}

// Replaces the first occurrence of `from` in the sample policy.
std::string edited(const std::string& from, const std::string& to) {
    std::string s = policy_text();
    const auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    return s.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("priority matrix: the ServiceNow default and an edited one", "[sla]") {
    const PriorityMatrix m;
    CHECK(m.priority(1, 1) == 1);
    CHECK(m.priority(1, 2) == 2);
    CHECK(m.priority(2, 1) == 2);
    CHECK(m.priority(1, 3) == 3);
    CHECK(m.priority(2, 2) == 3);
    CHECK(m.priority(3, 1) == 3);
    CHECK(m.priority(2, 3) == 4);
    CHECK(m.priority(3, 2) == 4);
    CHECK(m.priority(3, 3) == 5);
    CHECK_THROWS_AS(m.priority(4, 1), InputError);
    const PriorityMatrix two({{1, 1}, {2, 3}});
    CHECK(two.priority(2, 2) == 3);
    CHECK(two.lowest_priority() == 3);
    CHECK_THROWS_AS(PriorityMatrix({{1, 2}, {3}}), InputError);
}

TEST_CASE("policy JSON: the sample loads and round-trips", "[sla]") {
    const SlaPolicy p = sla_policy_from_json(policy_text());
    CHECK(p.tiers() == std::vector<std::string>{"gold", "silver"});
    REQUIRE(p.calendar_index("office") == 1);
    CHECK(p.calendar("office").week_total() == 40 * 3600);
    CHECK(p.calendar("office").utc_offset() == 3600);
    CHECK(p.calendar("office").holidays().size() == 2);
    const SlaTarget* t = p.find_target(1, "gold", SlaMetric::resolution);
    REQUIRE(t != nullptr);
    CHECK(t->duration == 4 * 3600);
    CHECK(t->hard);
    CHECK(t->lateness_cost_per_second == 10);
    CHECK(p.find_target(2, "gold", SlaMetric::resolution) == nullptr);
    CHECK(p.escalation().size() == 4);
    const SlaPolicy again = sla_policy_from_json(sla_policy_to_json(p));
    CHECK(sla_policy_to_json(again) == sla_policy_to_json(p));
    CHECK(again.calendar("office").week() == p.calendar("office").week());
}

TEST_CASE("policy JSON: errors name the field", "[sla]") {
    CHECK(error_path(edited("[\"13:00\", \"17:00\"]", "[\"11:00\", \"17:00\"]")) == "/calendars/0/hours/monday/1");
    CHECK(error_path(edited("\"tier\": \"silver\", \"metric\": \"resolution\"", "\"tier\": \"bronze\", \"metric\": \"resolution\"")) ==
          "/targets/3/tier");
    CHECK(error_path(edited("\"duration\": \"30m\"", "\"duration\": \"30 minutes\"")) == "/targets/0/duration");
    CHECK(error_path(edited("\"calendar\": \"office\"", "\"calendar\": \"shop\"")) == "/targets/2/calendar");
    CHECK(error_path(edited("\"2027-01-01\"", "\"2027-13-01\"")) == "/calendars/0/holidays/1");
    CHECK(error_path(edited("\"utc_offset\": \"+01:00\"", "\"utc_offset\": \"CET\"")) == "/calendars/0/utc_offset");
    CHECK(error_path(edited("\"percent\": 150", "\"percent\": 0")) == "/escalation/3/percent");
    CHECK(error_path(edited("\"escalation\"", "\"escalations\"")) == "/escalations");
    CHECK(error_path(edited("\"metric\": \"response\"", "\"metric\": \"reply\"")) == "/targets/0/metric");
    CHECK(error_path("{\"tiers\": [\"a\", \"a\"]}") == "/tiers/1");
    CHECK(error_path("{") == "");
}

TEST_CASE("deadlines for the model and at-risk tickets", "[sla]") {
    const SlaPolicy p = sla_policy_from_json(policy_text());
    const Time created = parse_sla_time("2026-11-23T08:00:00Z", "");
    const SlaTicket gold{"G", 1, "gold", {{created, K::created}, {created + 600, K::responded}}};
    const auto st = sla_ticket_status(gold, p, created + 3600);
    // Resolution due at created + 4h; a 1h visit must start an hour before.
    auto d = to_sla_deadline(st, 3600, p);
    REQUIRE(d);
    CHECK(d->deadline == created + 3 * 3600);
    CHECK(d->hard);
    CHECK(d->lateness_cost_per_second == 10);
    d = to_sla_deadline(st, 3600, p, {false, false, 3});
    CHECK_FALSE(d->hard);
    CHECK(d->lateness_cost_per_second == 3);
    Job job;
    job.duration = 1800;
    apply_sla_deadline(job, st, p);
    REQUIRE(job.sla);
    CHECK(job.sla->deadline == created + 4 * 3600 - 1800);
    // On-site response: an open 30-minute response clock binds first.
    const SlaTicket fresh{"H", 1, "gold", {{created, K::created}}};
    const auto fs = sla_ticket_status(fresh, p, created);
    CHECK(to_sla_deadline(fs, 3600, p, {true, std::nullopt, std::nullopt})->deadline == created + 1800);
    // A missed hard deadline comes back soft.
    const auto late = sla_ticket_status(fresh, p, created + 5 * 3600);
    CHECK_FALSE(to_sla_deadline(late, 600, p)->hard);
    // Resolved: nothing left to plan.
    const SlaTicket done{"D", 1, "gold", {{created, K::created}, {created + 60, K::resolved}}};
    CHECK_FALSE(to_sla_deadline(sla_ticket_status(done, p, created + 100), 600, p));

    // Silver on office hours: created Monday 16:00 local (15:00Z), 8h resolution -> Tuesday 16:00 local.
    const Time mon = parse_sla_time("2026-11-23T16:00:00+01:00", "");
    const std::vector<SlaTicket> tickets = {gold, SlaTicket{"S", 3, "silver", {{mon, K::created}}}};
    const auto table = sla_status_table(tickets, p, mon);
    REQUIRE(table.size() == 4);
    CHECK(table[3].clock.deadline == parse_sla_time("2026-11-24T16:00:00+01:00", ""));
    const std::unordered_map<std::string, Time> etas = {
        {"G", created + 2 * 3600}, {"S", parse_sla_time("2026-11-25T09:00:00+01:00", "")}};
    const auto risk = sla_at_risk(table, etas, p);
    REQUIRE(risk.size() == 2);
    CHECK(risk[0].ticket == "S");
    CHECK(risk[0].late_by == 17 * 3600);
    CHECK(risk[0].late_by_business == 2 * 3600);  // 16:00-17:00 Tue, 08:00-09:00 Wed
    CHECK_FALSE(risk[0].already_breached);
    CHECK(risk[1].ticket == "G");  // 7 h old at the reading instant: already over its 4 h
    CHECK(risk[1].already_breached);
    // Margin: G read an hour after creation, planned 30 min before its deadline.
    const auto early = sla_status_table({gold}, p, created + 3600);
    const std::unordered_map<std::string, Time> soon = {{"G", created + 3 * 3600 + 1800}};
    CHECK(sla_at_risk(early, soon, p).empty());
    const auto flagged = sla_at_risk(early, soon, p, {3600, false});
    REQUIRE(flagged.size() == 1);
    CHECK(flagged[0].late_by == -1800);
}

TEST_CASE("escalations across tickets, fired and projected", "[sla]") {
    const SlaPolicy p = sla_policy_from_json(policy_text());
    const std::vector<SlaTicket> tickets = {SlaTicket{"G", 1, "gold", {{0, K::created}, {100, K::responded}}}};
    const auto es = sla_escalations(tickets, p, 3 * 3600);
    // Response stopped at 100 s (before 50 % of 30 min): only the resolution ladder.
    REQUIRE(es.size() == 4);
    CHECK(es[0].time == 7200);
    CHECK(es[0].fired);
    CHECK(es[0].action == "notify_assignee");
    CHECK(es[1].time == 10800);
    CHECK_FALSE(es[1].fired);  // exactly at the reading instant: not passed yet
    CHECK(es[3].time == 21600);
    CHECK(es[3].metric == SlaMetric::resolution);
}
