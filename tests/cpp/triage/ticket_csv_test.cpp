#include <catch2/catch.hpp>

#include <sstream>

#include "fsd/core/error.hpp"
#include "fsd/triage/ticket_csv.hpp"

using namespace fsd::triage;

namespace {
std::string error_path(const std::function<void()>& f) {
    try {
        f();
    } catch (const fsd::InputError& e) {
        return e.path();
    }
    return "<no error>";
}
}  // namespace

TEST_CASE("CSV with quotes, commas and line breaks", "[triage]") {
    const auto table = parse_csv("\xEF\xBB\xBFid,text\r\n1,\"leak, \"\"bad\"\"\nsecond line\"\r\n2,空调漏水\n\n");
    CHECK(table.header == std::vector<std::string>{"id", "text"});
    REQUIRE(table.rows.size() == 2);
    CHECK(table.rows[0][1] == "leak, \"bad\"\nsecond line");
    CHECK(table.rows[1][1] == "空调漏水");
}

TEST_CASE("malformed CSV rows name the row", "[triage]") {
    CHECK(error_path([] { parse_csv("id,text\n1,ok\n2,too,many\n"); }) == "/rows/1");
    CHECK(error_path([] { parse_csv("id,text\n1,\"never closed\n"); }) == "/rows/0");
    CHECK(error_path([] { parse_csv(""); }) == "/header");
    CHECK(error_path([] { parse_csv("id,id\n"); }) == "/header/1");
    CHECK_THROWS_WITH(parse_csv("id,text\n1,ok\n2,too,many\n"), Catch::Contains("line 3 has 3 fields"));
}

TEST_CASE("tickets from a table, with column checks", "[triage]") {
    const auto table = parse_csv("id,created,customer,text,label\nT1,2026-03-01T08:30:00Z,C1,leak,repair\n"
                                 "T2,1772353800,C2,install,installation\n");
    TicketColumns columns;
    columns.category = "label";
    const auto tickets = tickets_from_table(table, columns, {"label"});
    REQUIRE(tickets.size() == 2);
    CHECK(tickets[0].created == 1772353800);
    CHECK(tickets[1].created == 1772353800);
    CHECK(tickets[0].category == "repair");
    CHECK(tickets[0].asset.empty());
    CHECK(error_path([&] { tickets_from_table(table, {}, {"category"}); }) == "/columns/category");
    TicketColumns no_text;
    no_text.text = "body";
    CHECK(error_path([&] { tickets_from_table(table, no_text); }) == "/columns/body");
    const auto bad_time = parse_csv("created,text\n2026-02-30T00:00:00Z,x\n");
    CHECK(error_path([&] { tickets_from_table(bad_time); }) == "/rows/0/created");
}

TEST_CASE("ticket times parse and format", "[triage]") {
    CHECK(parse_ticket_time("1970-01-01T00:00:00Z", "/t") == 0);
    CHECK(parse_ticket_time("2026-01-01", "/t") == 1767225600);
    CHECK(parse_ticket_time("2026-01-01T08:00:00+08:00", "/t") == 1767225600);
    CHECK(parse_ticket_time("2024-02-29 12:00", "/t") == 1709208000);
    CHECK(format_ticket_time(1767225600) == "2026-01-01T00:00:00Z");
    CHECK(format_ticket_time(-1) == "1969-12-31T23:59:59Z");
    CHECK_THROWS_AS(parse_ticket_time("yesterday", "/t"), fsd::InputError);
    CHECK_THROWS_AS(parse_ticket_time("2023-02-29", "/t"), fsd::InputError);
}

TEST_CASE("write and read back tickets", "[triage]") {
    const Ticket t{"T1", 1767225600, "C1", "A1", "says \"E4\", then stops", "repair", "hvac", "reset\nthe board"};
    const std::vector<Ticket> tickets(2, t);
    std::ostringstream out;
    write_tickets_csv(out, tickets);
    const auto back = tickets_from_table(parse_csv(out.str()));
    REQUIRE(back.size() == 2);
    CHECK(back[0] == t);
}

TEST_CASE("an unreadable file names the file", "[triage]") {
    CHECK(error_path([] { read_tickets_csv("/nonexistent/tickets.csv"); }) == "/nonexistent/tickets.csv");
}

TEST_CASE("reads the small bilingual ticket file", "[triage]") {
    const auto tickets = read_tickets_csv(std::string(FSD_TEST_DATA) + "/triage_small.csv", {}, {"category"});
    REQUIRE(tickets.size() == 4);
    CHECK(tickets[0].text == "Boiler leaking water, \"urgent\"");
    CHECK(tickets[1].created == parse_ticket_time("2026-02-01T01:30:00Z", "/t"));
    CHECK(tickets[2].resolution == "Installed;\ncustomer signed off.");
    CHECK(tickets[3].text == "新空调需要上门安装");
    CHECK(tickets[3].skill == "hvac");
}
