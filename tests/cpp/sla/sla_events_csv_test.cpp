// The SLA event table read from CSV text (fsd sla status|escalations|deadline).
#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/error.hpp"
#include "fsd/sla/sla_events_csv.hpp"

using namespace fsd;

namespace {

std::string refusal(const std::string& text) {
    try {
        (void)parse_sla_events_csv(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("SLA events from CSV: columns by name, in any order, cells trimmed", "[sla][csv]") {
    const auto rows = parse_sla_events_csv(
        "note,event,time,ticket,tier,priority,impact,urgency\n"
        "first, created ,2026-11-23T09:00:00+01:00, T-1 ,gold,1,,\n"
        "x,responded,1795421400,T-1,,,,\n"
        ",created,2026-11-23T10:00:00Z,T-2,silver,,2,+3\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].ticket == "T-1");
    CHECK(rows[0].kind == SlaEventKind::created);
    CHECK(rows[0].time == 1795420800);
    CHECK(rows[0].priority == 1);
    CHECK(rows[0].tier == "gold");
    CHECK(rows[1].kind == SlaEventKind::responded);
    CHECK(rows[1].time == 1795421400);
    CHECK(rows[1].priority == 0);
    CHECK(rows[2].impact == 2);
    CHECK(rows[2].urgency == 3);
}

TEST_CASE("SLA events from CSV: optional columns may be left out", "[sla][csv]") {
    const auto rows = parse_sla_events_csv("ticket,time,event\nT-9,0,created\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].tier.empty());
    CHECK(rows[0].impact == 0);
}

TEST_CASE("SLA events from CSV: refusals name the row's field", "[sla][csv][hostile]") {
    CHECK(refusal("ticket,time\nT-1,0\n") == "/events: the CSV header needs the columns ticket, time and event");
    CHECK(refusal("ticket,time,event,priority\nT-1,0,created,1\nT-1,5,created,high\n") ==
          "/events/1/priority: expected a whole number, got \"high\"");
    CHECK(refusal("ticket,time,event,impact\nT-1,0,created,99999999999\n") ==
          "/events/0/impact: expected a whole number, got \"99999999999\"");
    CHECK(refusal("ticket,time,event,urgency\nT-1,0,created,+-3\n") ==
          "/events/0/urgency: expected a whole number, got \"+-3\"");
    CHECK(refusal("ticket,time,event\nT-1,0,opened\n").rfind("/events/0/event: ", 0) == 0);
    CHECK(refusal("ticket,time,event\nT-1,yesterday,created\n").rfind("/events/0/time: ", 0) == 0);
    CHECK(refusal("ticket,time,event\nT-1,0\n").rfind("/rows/0", 0) == 0);
}

TEST_CASE("SLA events from CSV: bytes that are not UTF-8 are refused", "[sla][csv][hostile]") {
    CHECK(refusal("ticket,time,event\nT-\xff,0,created\n").rfind("/rows/0", 0) == 0);
}
