// The live plan does not plan linked visits or price the largest lateness
// yet: a day with links, or with weights.max_lateness set, is refused by
// field from a problem and from parts, instead of being planned as if the
// visits were independent.
#include <catch2/catch.hpp>

#include <string>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;

namespace {

ProblemBuilder two_person_day() {
    ProblemBuilder b;
    for (const char* id : {"e1", "e2"}) {
        Engineer e;
        e.id = id;
        e.start.coords = Coordinates{52.52, 13.40};
        e.shifts = {{8 * 3600, 17 * 3600}};
        b.add_engineer(e);
    }
    for (const char* id : {"lead", "helper"}) {
        Job j;
        j.id = id;
        j.location.coords = Coordinates{52.50, 13.45};
        j.duration = 1800;
        b.add_job(j);
    }
    return b;
}

// The InputError of making a live plan of the problem (with no routes yet).
InputError refusal(const ProblemBuilder& b) {
    const Problem p = b.build();
    try {
        (void)LivePlan(p, Solution{}, 8 * 3600);
    } catch (const InputError& e) {
        return e;
    }
    return InputError("<no error>", "");
}

}  // namespace

TEST_CASE("a live plan of a problem with links is refused at /links", "[dispatch][links]") {
    ProblemBuilder b = two_person_day();
    b.add_link(JobLink{"lead", "helper"});
    const InputError e = refusal(b);
    CHECK(e.path() == "/links");
    CHECK(std::string(e.message()).find("does not plan linked visits yet") != std::string::npos);
    CHECK(std::string(e.message()).find("fsd solve") != std::string::npos);
    CHECK(refusal(two_person_day()).path() == "<no error>");
}

TEST_CASE("a live plan refuses the max_lateness weight, from a problem and from parts", "[dispatch][links]") {
    ObjectiveWeights w;
    w.max_lateness = 1;
    ProblemBuilder b = two_person_day();
    b.set_weights(w);
    const InputError e = refusal(b);
    CHECK(e.path() == "/weights/max_lateness");
    CHECK(std::string(e.message()).find("largest lateness") != std::string::npos);

    LivePlan::Parts parts = LivePlan(two_person_day().build(), Solution{}, 8 * 3600).parts();
    parts.weights.max_lateness = 2;
    CHECK_THROWS_MATCHES(LivePlan::from_parts(parts), InputError,
                         Catch::Matchers::Predicate<InputError>(
                             [](const InputError& x) { return x.path() == "/weights/max_lateness"; }));
}
