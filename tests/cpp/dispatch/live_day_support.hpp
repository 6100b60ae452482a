#pragma once
// A generated, solved live day and the checks the dispatch tests share.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"

namespace live_day {

inline constexpr fsd::Time kDay = 1'795'478'400;  // generator's default day (midnight UTC)

inline fsd::Problem day(int engineers, int jobs, std::uint64_t seed) {
    fsd::GenerateOptions g;
    g.engineers = engineers;
    g.jobs = jobs;
    g.seed = seed;
    return fsd::generate_problem(g);
}

inline fsd::LivePlan planned_day(int engineers, int jobs, std::uint64_t seed, fsd::Time now = kDay + 7 * 3600) {
    const fsd::Problem p = day(engineers, jobs, seed);
    fsd::SolveOptions o;
    o.time_limit_seconds = 5;
    o.iteration_limit = 200;
    o.seed = seed;
    return fsd::LivePlan(p, fsd::solve(p, o), now);
}

// The movable part must always be a valid plan of the residual problem.
inline void require_verified(const fsd::LivePlan& plan) {
    const fsd::ResidualProblem res = plan.residual();
    const fsd::VerifyReport report = fsd::verify(res.problem, res.solution);
    for (const fsd::Violation& v : report.violations) INFO(v.kind << ": " << v.message);
    REQUIRE(report.ok());
}

inline fsd::Job ticket(const std::string& id, double lat, double lon, fsd::Duration duration,
                       const std::string& skill = "appliance") {
    fsd::Job j;
    j.id = id;
    j.location.coords = fsd::Coordinates{lat, lon};
    j.duration = duration;
    j.skills = {fsd::SkillRequirement{skill, 1}};
    return j;
}

}  // namespace live_day
