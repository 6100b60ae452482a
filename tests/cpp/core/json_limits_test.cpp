#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"

using namespace fsd;

namespace {
// The path of the InputError check_json_limits throws, or "<none>".
std::string refused_at(const std::string& text) {
    try {
        check_json_limits(text);
    } catch (const InputError& e) {
        return e.path();
    }
    return "<none>";
}
}  // namespace

TEST_CASE("json limits: nesting far deeper than any document is refused, not overflowing the stack") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(refused_at(deep) == "/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0");
    // At the limit the text passes; one more level is refused where it opens.
    const std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(refused_at(at_limit) == "<none>");
    CHECK(refused_at("{\"jobs\": [1, {\"a/b\": " + std::string(kMaxJsonDepth, '[') + "]}]}") ==
          "/jobs/1/a~1b" + std::string() + [] {
              std::string p;
              for (int i = 0; i < kMaxJsonDepth - 3; ++i) p += "/0";
              return p;
          }());
}

TEST_CASE("json limits: a number beyond double range is refused by its field") {
    CHECK(refused_at(R"({"jobs": [{"id": "a"}, {"id": "b", "duration": 1e400}]})") == "/jobs/1/duration");
    CHECK(refused_at(R"([0, -2E+999])") == "/1");
    CHECK(refused_at("1e400") == "");
    try {
        check_json_limits(R"({"x": 1e400})");
        FAIL("not refused");
    } catch (const InputError& e) {
        CHECK(e.message().find("1e400") != std::string::npos);
    }
    // Large but finite numbers, tiny ones and numbers inside strings pass.
    CHECK(refused_at(R"({"a": 1.7e308, "b": 1e-400, "c": "1e400", "d\"e": [true, null, false]})") == "<none>");
}

TEST_CASE("json limits: field names with escapes, and malformed text, are handled without a false refusal") {
    CHECK(refused_at(R"({"a\"b": {"c": 1e999}})") == "/a\"b/c");
    // Malformed text is the parser's to report: the scan refuses nothing it cannot place.
    CHECK(refused_at(R"({"a": [1, 2)") == "<none>");
    CHECK(refused_at(R"(]]]}}})") == "<none>");
    CHECK(refused_at(R"({"unterminated": "abc)") == "<none>");
}
