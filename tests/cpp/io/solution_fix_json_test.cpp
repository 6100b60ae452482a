// The "fix" of an unassigned entry in plan JSON: written, read back, refused when malformed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;
using nlohmann::json;

namespace {

Problem one_job_problem() {
    ProblemBuilder b;
    Engineer e;
    e.id = "E1";
    e.start.matrix_index = 0;
    e.shifts = {{0, 36000}};
    b.add_engineer(e);
    Job j;
    j.id = "T-1";
    j.location.matrix_index = 1;
    j.duration = 600;
    j.skills = {{"gas", 2}};
    b.add_job(j);
    TravelMatrices tm;
    tm.durations = DurationMatrix::constant(2, 2, 600);
    tm.distances = DistanceMatrix::constant(2, 2, 7000);
    b.set_travel(tm);
    return b.build();
}

Solution with_fix(UnassignedFix fix) {
    Solution s;
    Unassigned u;
    u.job = 0;
    u.reason = UnassignedReason::no_qualified_engineer;
    u.detail = "nobody holds gas 2";
    u.fix = std::move(fix);
    s.unassigned.push_back(u);
    s.stats.solver = "ils";
    return s;
}

}  // namespace

TEST_CASE("an unassigned entry's fix round-trips through plan JSON", "[io][fix]") {
    const Problem p = one_job_problem();
    UnassignedFix f;
    f.kind = "add_skill";
    f.engineer = "E1";
    f.skills = {{"gas", 2}};
    f.sentence = "Give \"E1\" skill \"gas\" at level 2.";
    SECTION("skills") {
        const Solution s = with_fix(f);
        const std::string text = solution_to_json(p, s);
        const json doc = json::parse(text);
        const json& written = doc["unassigned"][0]["fix"];
        CHECK(written["kind"] == "add_skill");
        CHECK(written["skills"][0]["skill"] == "gas");
        CHECK(written["skills"][0]["level"] == 2);
        CHECK_FALSE(written.contains("minutes"));  // defaults are left out
        CHECK(solution_from_json(p, text) == s);
    }
    SECTION("time and amounts") {
        UnassignedFix g;
        g.kind = "widen_window";
        g.engineer = "E1";
        g.minutes = 30;
        g.amount = -1;
        g.dimension = 0;
        g.cost = 1200;
        g.sentence = "Widen its time window by 30 minutes (open it earlier).";
        const Solution s = with_fix(g);
        CHECK(solution_from_json(p, solution_to_json(p, s)) == s);
    }
    SECTION("no fix: no field, and null reads as none") {
        Solution s = with_fix(f);
        s.unassigned[0].fix.reset();
        const std::string text = solution_to_json(p, s);
        CHECK_FALSE(json::parse(text)["unassigned"][0].contains("fix"));
        json doc = json::parse(text);
        doc["unassigned"][0]["fix"] = nullptr;
        CHECK(solution_from_json(p, doc.dump()) == s);
    }
}

TEST_CASE("a malformed fix is refused at its path", "[io][fix]") {
    const Problem p = one_job_problem();
    UnassignedFix f;
    f.kind = "penalty";
    f.cost = 5;
    f.sentence = "Raise its penalty above 5.";
    json doc = json::parse(solution_to_json(p, with_fix(f)));
    SECTION("unknown field") {
        doc["unassigned"][0]["fix"]["hours"] = 2;
        try {
            solution_from_json(p, doc.dump());
            FAIL("accepted an unknown field");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find("/unassigned/0/fix") != std::string::npos);
        }
    }
    SECTION("missing kind") {
        doc["unassigned"][0]["fix"].erase("kind");
        CHECK_THROWS_AS(solution_from_json(p, doc.dump()), InputError);
    }
    SECTION("fractional minutes") {
        doc["unassigned"][0]["fix"]["minutes"] = 2.5;
        CHECK_THROWS_AS(solution_from_json(p, doc.dump()), InputError);
    }
}
