#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/csv.hpp"
#include "fsd/core/error.hpp"

using namespace fsd;

namespace {
std::string refused_at(const std::string& text) {
    try {
        (void)parse_csv(text);
    } catch (const InputError& e) {
        return e.path();
    }
    return "<none>";
}
}  // namespace

TEST_CASE("csv: text that is not UTF-8 is refused by row and column, so it never reaches JSON output") {
    CHECK(refused_at("ticket,time,event\nT-1,100,opened\nT-\xff,200,opened\n") == "/rows/1/0");
    CHECK(refused_at("ticket,ti\xc3me\nT-1,1\n") == "/header/1");                  // a lead byte without its follower
    CHECK(refused_at("a,b\nx,\xc0\xaf\n") == "/rows/0/1");                         // overlong '/'
    CHECK(refused_at("a,b\nx,\xed\xa0\x80\n") == "/rows/0/1");                     // a UTF-16 surrogate
    CHECK(refused_at("a,b\nx,\xf4\x90\x80\x80\n") == "/rows/0/1");                 // past U+10FFFF
    // Real UTF-8 of every length passes.
    CHECK(refused_at("name,city\nJos\xc3\xa9,\xe5\x8c\x97\xe4\xba\xac \xf0\x9f\x94\xa7\n") == "<none>");
}
