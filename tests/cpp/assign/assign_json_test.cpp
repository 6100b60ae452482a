#include "fsd/assign/assign_json.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fsd/assign/assign_generate.hpp"
#include "fsd/core/error.hpp"

namespace {

std::string read_file(const std::string& name) {
    std::ifstream in(std::string(FSD_TEST_DATA) + "/" + name);
    REQUIRE(in.good());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The path of the InputError that reading `text` raises ("(accepted)" if none).
std::string error_path(const std::string& text) {
    try {
        (void)fsd::assign_batch_from_json(text);
    } catch (const fsd::InputError& e) {
        return e.path();
    }
    return "(accepted)";
}

std::string with(const std::string& pointer, const nlohmann::json& value) {
    auto j = nlohmann::json::parse(read_file("assign_small.json"));
    j[nlohmann::json::json_pointer(pointer)] = value;
    return j.dump();
}

}  // namespace

TEST_CASE("assign JSON: the sample batch reads with ISO times and defaults", "[assign]") {
    const auto b = fsd::assign_batch_from_json(read_file("assign_small.json"));
    CHECK(b.problem.now == 1795510800);
    REQUIRE(b.problem.tickets.size() == 4);
    CHECK(b.problem.tickets[0].sla_deadline == 1795510800 + 3600);
    CHECK(b.problem.tickets[1].skills[0].min_level == 1);
    CHECK(b.problem.engineers[0].available_from == b.problem.now);
    CHECK(b.problem.engineers[1].available_from == b.problem.now + 1800);
    CHECK(b.problem.engineers[1].speed_factor == 1.25);
    CHECK(b.options.lateness_weight == 20);
    CHECK(b.options.eta_weight == 1);
    const auto r = fsd::assign(b.problem, b.options);
    CHECK(r.served == 3);
    REQUIRE(r.left_out.size() == 1);
    CHECK(r.left_out[0].reason == fsd::AssignLeftOutReason::no_qualified_engineer);
}

TEST_CASE("assign JSON: a batch survives a round trip", "[assign]") {
    fsd::AssignGenerateOptions g;
    g.tickets = 40;
    g.engineers = 12;
    g.seed = 9;
    fsd::AssignBatch b{fsd::generate_assign_batch(g), {}};
    b.problem.tickets[3].allowed_engineers = {"E0002", "E0005"};
    b.problem.tickets[4].forbidden_engineers = {"E0001"};
    b.options.method = fsd::AssignMethod::greedy;
    b.options.balance_weight = 2;
    const std::string text = fsd::assign_batch_to_json(b);
    CHECK(fsd::assign_batch_from_json(text) == b);

    fsd::AssignBatch m;
    m.problem.now = 5;
    m.problem.engineers.push_back({"e", {}, 5, {}, 1, 0, 1.0});
    m.problem.tickets.push_back({"t", {}, {}, 0, std::nullopt, 0, {}, {}});
    m.problem.travel_matrix = fsd::AssignTravelMatrix{{600}, {9000}};
    CHECK(fsd::assign_batch_from_json(fsd::assign_batch_to_json(m)) == m);
}

TEST_CASE("assign JSON: unknown fields are refused by name", "[assign]") {
    CHECK(error_path(with("/colour", "red")) == "/colour");
    CHECK(error_path(with("/tickets/2/priorty", 5)) == "/tickets/2/priorty");
    CHECK(error_path(with("/engineers/0/skills/0/lvl", 2)) == "/engineers/0/skills/0/lvl");
    CHECK(error_path(with("/options/weight", 2)) == "/options/weight");
}

TEST_CASE("assign JSON: errors name the field", "[assign]") {
    CHECK(error_path(with("/tickets/0/skills/0/min_level", "high")) == "/tickets/0/skills/0/min_level");
    CHECK(error_path(with("/tickets/0/skills/0/min_level", 1.5)) == "/tickets/0/skills/0/min_level");
    CHECK(error_path(with("/tickets/0/skills/0/min_level", 2.0)) == "(accepted)");
    CHECK(error_path(with("/tickets/1/priority", 101)) == "/tickets/1/priority");
    CHECK(error_path(with("/tickets/1/sla_deadline", "tomorrow")) == "/tickets/1/sla_deadline");
    CHECK(error_path(with("/engineers/1/capacity", -1)) == "/engineers/1/capacity");
    CHECK(error_path(with("/engineers/1/speed_factor", 0)) == "/engineers/1/speed_factor");
    CHECK(error_path(with("/tickets/2/forbidden_engineers/0", "E-9")) == "/tickets/2/forbidden_engineers/0");
    CHECK(error_path(with("/tickets/3/id", "T-1")) == "/tickets/3/id");
    CHECK(error_path(with("/options/method", "fast")) == "/options/method");
    CHECK(error_path(with("/version", 2)) == "/version");
    CHECK(error_path(with("/format", "other")) == "/format");
    CHECK(error_path(with("/travel", nlohmann::json{{"speed_kmh", -3}})) == "/travel/speed_kmh");
    CHECK(error_path(with("/travel_matrix", nlohmann::json{{"durations", {{1, 2}}}})) == "/travel_matrix/durations");
    CHECK(error_path("{\"format\": ") == "");
    auto j = nlohmann::json::parse(read_file("assign_small.json"));
    j["tickets"][0].erase("location");
    CHECK(error_path(j.dump()) == "/tickets/0/location");
}

TEST_CASE("assign JSON: the result names tickets and engineers", "[assign]") {
    const auto b = fsd::assign_batch_from_json(read_file("assign_small.json"));
    const auto r = fsd::assign(b.problem, b.options);
    const auto j = nlohmann::json::parse(fsd::assign_result_to_json(b.problem, r, 2, 0));
    CHECK(j["format"] == "fsdispatch-assign-result");
    CHECK(j["method"] == "exact");
    CHECK(j["now"] == "2026-11-24T09:00:00Z");
    REQUIRE(j["pairs"].size() == 3);
    CHECK(j["left_out"][0]["ticket"] == "T-4");
    CHECK(j["left_out"][0]["reason"] == "no_qualified_engineer");
    CHECK(j["totals"]["total_cost"] == r.total_cost);
    CHECK(j["pairs"][0]["start"].is_string());
}
