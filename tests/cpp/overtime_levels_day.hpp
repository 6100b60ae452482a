#pragma once
// The one-engineer day the overtime and level-duration tests of several
// layers (verify, dispatch) plan and check.
#include "fsd/model/problem_builder.hpp"

namespace test_support {

/// Engineer E at location 0 on the shift [0, 600], gas level `level`,
/// `max_overtime`, overtime at `per_hour`; job J at 1 (100 s and metres
/// away) needs gas, lasts 500 s, 300 s from level 4; overtime weight `weight`.
inline fsd::Problem overtime_levels_day(fsd::Duration max_overtime, fsd::Cost per_hour = 3600, int level = 1,
                                        fsd::Cost weight = 1) {
    fsd::TravelMatrices travel{fsd::DurationMatrix{{0, 100}, {100, 0}}, {}};
    travel.distances = travel.durations;
    fsd::Engineer e;
    e.id = "E";
    e.start.matrix_index = 0;
    e.shifts = {{0, 600}};
    e.skills = {{"gas", level}};
    e.max_overtime = max_overtime;
    e.costs.overtime_per_hour = per_hour;
    fsd::Job j;
    j.id = "J";
    j.location.matrix_index = 1;
    j.duration = 500;
    j.skills = {{"gas", 1}};
    j.durations_by_level = {{4, 300}};
    fsd::ProblemBuilder b;
    b.add_engineer(e).add_job(j).set_travel(travel);
    fsd::ObjectiveWeights w;
    w.overtime = weight;
    b.set_weights(w);
    return b.build();
}

}  // namespace test_support
