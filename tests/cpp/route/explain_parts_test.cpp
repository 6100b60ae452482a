// A job whose tool or part no skilled engineer can get is left out as
// parts_unavailable, with the one tool or part that would let it in.
// Travel is on a line: seconds = metres = distance.
#include "route_test_support.hpp"

using namespace route_test;

namespace {

// Solves, checks the plan with the verifier, and returns job `j`'s entry.
Unassigned left_out(const Problem& p, Index j) {
    const Solution s = solve(p, quick());
    const VerifyReport report = verify(p, s);
    std::string found;
    for (const auto& v : report.violations) found += v.kind + ": " + v.message + "\n";
    INFO(found);
    REQUIRE(report.ok());
    const Unassigned* u = unassigned_of(s, j);
    REQUIRE(u != nullptr);
    INFO(u->detail);
    return *u;
}

Engineer skilled(const std::string& id, Index location) {
    Engineer e = engineer(id, location);
    e.skills = {{"hvac", 1}};
    return e;
}

Job needing(const std::string& id, Index location) {
    Job j = job(id, location);
    j.skills = {{"hvac", 1}};
    return j;
}

Depot depot(const std::string& id, Index location, std::vector<std::string> parts) {
    Depot d;
    d.id = id;
    d.location = at(location);
    d.parts = std::move(parts);
    return d;
}

}  // namespace

TEST_CASE("a tool nobody has and no depot lends: the nearest skilled van gets it", "[route][explain][depot]") {
    // Row 0: "far" (skilled), 1: "near" (skilled), 2: "closest" (unskilled), 3: the job.
    Job j = needing("a", 3);
    j.tools = {"lift"};
    Engineer near = skilled("near", 1);
    near.stock = {{"filter", 5}};
    ProblemBuilder b;
    b.add_engineer(skilled("far", 0)).add_engineer(near).add_engineer(engineer("closest", 2)).add_job(j);
    b.set_travel(line({0, 50, 95, 100}));
    const Unassigned u = left_out(b.build(), 0);
    REQUIRE(u.reason == UnassignedReason::parts_unavailable);
    CHECK(u.detail.find("\"near\"") != std::string::npos);
    CHECK(u.detail.find("tool \"lift\"") != std::string::npos);
    REQUIRE(u.fix.has_value());
    CHECK(u.fix->kind == "stock");
    CHECK(u.fix->item == "lift");
    CHECK(u.fix->depot.empty());
    CHECK(u.fix->engineer == "near");
    CHECK(u.fix->amount == 1);
    CHECK(u.fix->sentence == "Tool \"lift\" in the van of \"near\" would let it in.");
}

TEST_CASE("a van short of a part with no depot: the shortfall goes in the van", "[route][explain][depot]") {
    Job j = needing("a", 1);
    j.parts = {{"compressor", 3}};
    Engineer e = skilled("e", 0);
    e.stock = {{"compressor", 1}};
    ProblemBuilder b;
    b.add_engineer(e).add_job(j).set_travel(line({0, 100}));
    const Unassigned u = left_out(b.build(), 0);
    REQUIRE(u.reason == UnassignedReason::parts_unavailable);
    REQUIRE(u.fix.has_value());
    CHECK(u.fix->kind == "stock");
    CHECK(u.fix->item == "compressor");
    CHECK(u.fix->engineer == "e");
    CHECK(u.fix->amount == 2);
    CHECK(u.fix->sentence == "2 more × \"compressor\" in the van of \"e\" would let it in.");
}

TEST_CASE("a part no depot stocks: the job's need at the depot nearest to it", "[route][explain][depot]") {
    // Rows: 0 engineer, 1 depot North, 2 depot South, 3 the job (nearest South).
    Job j = needing("a", 3);
    j.parts = {{"compressor", 2}};
    ProblemBuilder b;
    b.add_engineer(skilled("e", 0))
        .add_depot(depot("North", 1, {"filter"}))
        .add_depot(depot("South", 2, {"filter"}))
        .add_job(j);
    b.set_travel(line({0, 10, 90, 100}));
    const Problem p = b.build();
    const Unassigned u = left_out(p, 0);
    REQUIRE(u.reason == UnassignedReason::parts_unavailable);
    CHECK(u.detail.find("no depot has it") != std::string::npos);
    REQUIRE(u.fix.has_value());
    CHECK(u.fix->kind == "stock");
    CHECK(u.fix->item == "compressor");
    CHECK(u.fix->depot == "South");
    CHECK(u.fix->engineer.empty());
    CHECK(u.fix->amount == 2);
    CHECK(u.fix->sentence == "2 × \"compressor\" at depot \"South\" would let it in.");
}

TEST_CASE("without the skills the reason stays no_qualified_engineer", "[route][explain][depot]") {
    Job j = needing("a", 1);
    j.skills = {{"gas", 1}};
    j.tools = {"lift"};
    ProblemBuilder b;
    b.add_engineer(skilled("e", 0)).add_job(j).set_travel(line({0, 100}));
    const Unassigned u = left_out(b.build(), 0);
    CHECK(u.reason == UnassignedReason::no_qualified_engineer);
}

TEST_CASE("two things missing: the reason, and no single-item fix", "[route][explain][depot]") {
    Job j = needing("a", 1);
    j.tools = {"lift"};
    j.parts = {{"compressor", 1}};
    ProblemBuilder b;
    b.add_engineer(skilled("e", 0)).add_job(j).set_travel(line({0, 100}));
    const Unassigned u = left_out(b.build(), 0);
    REQUIRE(u.reason == UnassignedReason::parts_unavailable);
    CHECK(u.detail.find("tool \"lift\" and 1 more of part \"compressor\"") != std::string::npos);
    CHECK_FALSE(u.fix.has_value());
}
