#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"
#include "fsd/triage/duplicate_finder.hpp"

using namespace fsd::triage;

namespace {
Ticket make(std::string id, fsd::Time created, std::string customer, std::string asset, std::string text) {
    Ticket t;
    t.id = std::move(id);
    t.created = created;
    t.customer = std::move(customer);
    t.asset = std::move(asset);
    t.text = std::move(text);
    return t;
}
constexpr fsd::Time kHour = 3600;
}  // namespace

TEST_CASE("same customer inside the window and similar text is a duplicate", "[triage]") {
    const std::vector<Ticket> tickets{
        make("T1", 0, "C1", "A1", "air conditioner leaking water in the office"),
        make("T2", 5 * kHour, "C1", "A9", "again: air conditioner leaking water in the office"),
        make("T3", 6 * kHour, "C2", "A2", "router is very slow"),
    };
    const auto found = find_duplicates(tickets);
    REQUIRE(found.size() == 1);
    CHECK(found[0].original_id == "T1");
    CHECK(found[0].duplicate_id == "T2");
    CHECK(found[0].same_customer);
    CHECK_FALSE(found[0].same_asset);
    CHECK(found[0].gap == 5 * kHour);
    CHECK(found[0].similarity >= 0.6);
    CHECK_THAT(found[0].reason, Catch::Contains("same customer C1") && Catch::Contains("merge T2 into T1"));
}

TEST_CASE("same customer outside the window is not a duplicate", "[triage]") {
    const std::vector<Ticket> tickets{
        make("T1", 0, "C1", "A1", "boiler does not start"),
        make("T2", 73 * kHour, "C1", "A1", "boiler does not start"),
    };
    CHECK(find_duplicates(tickets).empty());
    DuplicateOptions wide;
    wide.window = 80 * kHour;
    REQUIRE(find_duplicates(tickets, wide).size() == 1);
    SECTION("the window bound is inclusive") {
        DuplicateOptions exact;
        exact.window = 73 * kHour;
        CHECK(find_duplicates(tickets, exact).size() == 1);
    }
}

TEST_CASE("similarity below the threshold is not a duplicate", "[triage]") {
    const std::vector<Ticket> tickets{
        make("T1", 0, "C1", "A1", "boiler does not start"),
        make("T2", kHour, "C1", "A1", "question about my invoice"),
    };
    CHECK(find_duplicates(tickets).empty());
    DuplicateOptions any;
    any.threshold = 0.0;
    CHECK(find_duplicates(tickets, any).size() == 1);
}

TEST_CASE("same asset for another customer counts, Chinese text too", "[triage]") {
    const std::vector<Ticket> tickets{
        make("T1", 10 * kHour, "C1", "ELV-7", "电梯门打不开，有人被困"),
        make("T2", 11 * kHour, "C9", "ELV-7", "再次报修：电梯门打不开，有人被困"),
        make("T3", 12 * kHour, "", "", "电梯门打不开，有人被困"),  // no customer, no asset: never matched
    };
    const auto found = find_duplicates(tickets);
    REQUIRE(found.size() == 1);
    CHECK(found[0].same_asset);
    CHECK_FALSE(found[0].same_customer);
    CHECK(found[0].original == 0);
    CHECK(found[0].duplicate == 1);
    CHECK_THAT(found[0].reason, Catch::Contains("same asset ELV-7"));
}

TEST_CASE("the earlier ticket is the original whatever the input order", "[triage]") {
    const std::vector<Ticket> tickets{
        make("late", 9 * kHour, "C1", "A1", "washing machine is leaking"),
        make("early", 2 * kHour, "C1", "A1", "washing machine is leaking again"),
    };
    const auto found = find_duplicates(tickets);
    REQUIRE(found.size() == 1);
    CHECK(found[0].original_id == "early");
    CHECK(found[0].duplicate_id == "late");
    CHECK(found[0].same_customer);
    CHECK(found[0].same_asset);
}

TEST_CASE("duplicate options are checked", "[triage]") {
    DuplicateOptions o;
    o.threshold = 1.5;
    CHECK_THROWS_WITH(find_duplicates({}, o), Catch::Contains("/threshold"));
    o.threshold = 0.5;
    o.window = -1;
    CHECK_THROWS_WITH(find_duplicates({}, o), Catch::Contains("/window"));
    CHECK(find_duplicates({}).empty());
}
