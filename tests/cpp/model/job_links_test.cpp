// Linked visits (JobLink) and the max_lateness weight in the builder:
// validation with field paths, and the index views a Problem gives of its
// links (link_first, link_second, links_of).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;

namespace {

Job job(const char* id) {
    Job j;
    j.id = id;
    j.location.coords = Coordinates{52.50, 13.45};
    j.duration = 1800;
    return j;
}

JobLink make_link(const char* first, const char* second, Duration min_gap = 0, Duration max_gap = 0,
                  LinkEngineers engineers = LinkEngineers::different) {
    return JobLink{first, second, min_gap, max_gap, engineers};
}

// Engineer E and jobs J0..J3.
ProblemBuilder builder() {
    Engineer e;
    e.id = "E";
    e.start.coords = Coordinates{52.52, 13.40};
    e.shifts = {{8 * 3600, 17 * 3600}};
    ProblemBuilder b;
    b.add_engineer(e);
    for (const char* id : {"J0", "J1", "J2", "J3"}) b.add_job(job(id));
    return b;
}

// The path of the InputError that building throws ("<no error>" when it builds).
std::string error_path(const ProblemBuilder& b) {
    try {
        (void)b.build();
    } catch (const InputError& e) {
        return e.path();
    }
    return "<no error>";
}

}  // namespace

TEST_CASE("a default JobLink is a two-person job", "[model][links]") {
    const JobLink l;
    CHECK(l.min_gap == 0);
    CHECK(l.max_gap == 0);
    CHECK(l.engineers == LinkEngineers::different);
    CHECK(std::string(to_string(LinkEngineers::any)) == "any");
    CHECK(std::string(to_string(LinkEngineers::same)) == "same");
    CHECK(std::string(to_string(LinkEngineers::different)) == "different");
}

TEST_CASE("a problem maps its links to job indices both ways", "[model][links]") {
    // A job for three engineers (J0 with helpers J1 and J2) and a follow-up
    // J3 by J0's engineer a day later at most.
    ProblemBuilder b = builder();
    b.add_link(make_link("J0", "J1"))
        .add_link(make_link("J0", "J2"))
        .add_link(make_link("J0", "J3", 3600, 86400, LinkEngineers::same));
    const Problem p = b.build();
    REQUIRE(p.num_links() == 3);
    CHECK(p.links()[2] == make_link("J0", "J3", 3600, 86400, LinkEngineers::same));
    CHECK(p.link_first(0) == 0);
    CHECK(p.link_second(0) == 1);
    CHECK(p.link_first(2) == 0);
    CHECK(p.link_second(2) == 3);
    CHECK(p.links_of(0) == std::vector<Index>{0, 1, 2});
    CHECK(p.links_of(1) == std::vector<Index>{0});
    CHECK(p.links_of(2) == std::vector<Index>{1});
    CHECK(p.links_of(3) == std::vector<Index>{2});
}

TEST_CASE("a problem without links has none for any job", "[model][links]") {
    const Problem p = builder().build();
    CHECK(p.num_links() == 0);
    CHECK(p.links().empty());
    for (Index j = 0; j < p.num_jobs(); ++j) CHECK(p.links_of(j).empty());
    CHECK_THROWS_AS(p.link_first(0), std::out_of_range);
}

TEST_CASE("a link's first and second follow the link, not the job order", "[model][links]") {
    ProblemBuilder b = builder();
    b.add_link(make_link("J3", "J1", 0, 600, LinkEngineers::any));
    const Problem p = b.build();
    CHECK(p.link_first(0) == 3);
    CHECK(p.link_second(0) == 1);
    CHECK(p.links_of(1) == std::vector<Index>{0});
    CHECK(p.links_of(3) == std::vector<Index>{0});
}

TEST_CASE("errors in links name the link and the field", "[model][links][validation]") {
    ProblemBuilder b = builder();
    b.add_link(make_link("J0", "J1")).add_link(make_link("J9", "J1"));
    CHECK(error_path(b) == "/links/1/first");
    b = builder();
    b.add_link(make_link("J0", "J1")).add_link(make_link("J0", "nobody"));
    CHECK(error_path(b) == "/links/1/second");
    b = builder();
    b.add_link(make_link("J2", "J2"));
    CHECK(error_path(b) == "/links/0/second");
    b = builder();
    b.add_link(make_link("J0", "J1", -1, 0));
    CHECK(error_path(b) == "/links/0/min_gap");
    b = builder();
    b.add_link(make_link("J0", "J1", 0, 366LL * 24 * 3600 + 1));
    CHECK(error_path(b) == "/links/0/max_gap");
    b = builder();
    b.add_link(make_link("J0", "J1", 600, 599));
    CHECK(error_path(b) == "/links/0/max_gap");
    b = builder();
    b.add_link(make_link("J0", "J1", 0, 0, static_cast<LinkEngineers>(7)));
    CHECK(error_path(b) == "/links/0/engineers");
    // The limits themselves are allowed: a gap of exactly a year, equal gaps.
    b = builder();
    b.add_link(make_link("J0", "J1", 366LL * 24 * 3600, 366LL * 24 * 3600, LinkEngineers::same));
    CHECK(error_path(b) == "<no error>");
}

TEST_CASE("the same pair may be linked twice and a job may be in several links", "[model][links]") {
    // Two conditions on one pair are both kept (the verifier checks each).
    ProblemBuilder b = builder();
    b.add_link(make_link("J0", "J1", 0, 3600, LinkEngineers::any))
        .add_link(make_link("J1", "J0", 0, 3600, LinkEngineers::any));
    const Problem p = b.build();
    CHECK(p.links_of(0) == std::vector<Index>{0, 1});
    CHECK(p.links_of(1) == std::vector<Index>{0, 1});
}

TEST_CASE("the max_lateness weight is checked like the other weights", "[model][links][validation]") {
    ProblemBuilder b = builder();
    ObjectiveWeights w;
    w.max_lateness = -1;
    b.set_weights(w);
    CHECK(error_path(b) == "/weights/max_lateness");
    w.max_lateness = 10'001;
    b.set_weights(w);
    CHECK(error_path(b) == "/weights/max_lateness");
    w.max_lateness = 10'000;
    b.set_weights(w);
    CHECK(b.build().weights().max_lateness == 10'000);
}

TEST_CASE("the max_lateness part counts in the objective's total", "[model][links]") {
    ObjectiveParts o;
    o.travel = 100;
    o.max_lateness = 30;
    CHECK(o.total() == 130);
}
