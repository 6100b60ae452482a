// Validation of the soft engineer affinity (preferred engineer).
#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"

using namespace fsd;

namespace {
ProblemBuilder two_engineers(const Job& job) {
    ProblemBuilder b;
    for (const char* id : {"e1", "e2"}) {
        Engineer e;
        e.id = id;
        e.start.coords = Coordinates{52.52, 13.40};
        e.shifts = {{8 * 3600, 17 * 3600}};
        b.add_engineer(e);
    }
    Job filler;
    filler.id = "j0";
    filler.location.coords = Coordinates{52.50, 13.45};
    b.add_job(filler).add_job(job);
    return b;
}

Job preferring(const char* engineer, Cost cost) {
    Job j;
    j.id = "j1";
    j.location.coords = Coordinates{52.51, 13.44};
    j.preferred_engineer = engineer;
    j.preference_cost = cost;
    return j;
}

InputError error_of(const ProblemBuilder& b) {
    try {
        (void)b.build();
    } catch (const InputError& e) {
        return e;
    }
    return InputError("<no error>", "");
}
}  // namespace

TEST_CASE("a known preferred engineer builds and is only a soft preference", "[model][preference]") {
    const Problem p = two_engineers(preferring("e2", 500)).build();
    CHECK(p.job(1).preferred_engineer == std::optional<std::string>("e2"));
    CHECK(p.job(1).preference_cost == 500);
    // Unlike a pin it leaves both engineers compatible.
    CHECK(p.compatible(0, 1));
    CHECK(p.compatible(1, 1));
    CHECK(p.weights().preference == 1);
}

TEST_CASE("preference errors name the field", "[model][preference][validation]") {
    const InputError unknown = error_of(two_engineers(preferring("ghost", 5)));
    CHECK(unknown.path() == "/jobs/1/preferred_engineer");
    CHECK(unknown.message().find("\"ghost\"") != std::string::npos);
    CHECK(error_of(two_engineers(preferring("e1", -5))).path() == "/jobs/1/preference_cost");
    // A negative cost is refused even without a preferred engineer.
    Job no_pref = preferring("e1", -1);
    no_pref.preferred_engineer.reset();
    CHECK(error_of(two_engineers(no_pref)).path() == "/jobs/1/preference_cost");
    ProblemBuilder b = two_engineers(preferring("e1", 5));
    ObjectiveWeights w;
    w.preference = -1;
    b.set_weights(w);
    CHECK(error_of(b).path() == "/weights/preference");
}
