#include <catch2/catch.hpp>

#include <iostream>
#include <string>

#include "cli_instant.hpp"
#include "cli_streams.hpp"
#include "fsd/core/error.hpp"

using fsdcli::parse_instant;
using fsdcli::ReportAwayFromStdout;

TEST_CASE("a document for stdout sends the report to stderr while the command runs", "[cli]") {
    std::streambuf* const own = std::cout.rdbuf();
    {
        const ReportAwayFromStdout report({"plan.json", "-"});
        CHECK(report.document_on_stdout());
        CHECK(std::cout.rdbuf() == std::cerr.rdbuf());
    }
    CHECK(std::cout.rdbuf() == own);
    {
        const ReportAwayFromStdout report({"plan.json", ""});
        CHECK_FALSE(report.document_on_stdout());
        CHECK(std::cout.rdbuf() == own);
    }
    REQUIRE_THROWS_AS(ReportAwayFromStdout({"-", "-"}), fsd::InputError);
    CHECK(std::cout.rdbuf() == own);
}

TEST_CASE("instants on the command line are seconds or ISO-8601 with an offset", "[cli]") {
    constexpr fsd::Time kDay = 1'795'478'400;  // 2026-11-24T00:00:00Z
    CHECK(parse_instant("1795478400", "--now") == kDay);
    CHECK(parse_instant("-60", "--now") == -60);
    CHECK(parse_instant("2026-11-24T08:30:00+01:00", "--now") == kDay + 7 * 3600 + 1800);
    CHECK(parse_instant("2026-11-24T08:30:00Z", "--at") == kDay + 8 * 3600 + 1800);
    for (const char* bad : {"", "nine", "12:00", "99999999999999999999", "2026-11-24T08:30:00"}) {
        try {
            parse_instant(bad, "--now");
            FAIL("accepted \"" << bad << "\"");
        } catch (const fsd::InputError& e) {
            CHECK(e.path() == "--now");
        }
    }
}
