#pragma once
#include "fsd/model/engineer.hpp"
#include "fsd/model/job.hpp"

namespace fsd {

/// How long `engineer` works on site at `job`. With `job.durations_by_level`
/// set, the engineer's level L in the job's first required skill picks the
/// entry with the highest level not above L; without such an entry (or without
/// the skill, or without level durations) it is `job.duration`. The one rule
/// every timing of a visit by a known engineer uses (solver, verifier, plan
/// evaluation, live dispatch).
inline Duration service_duration(const Job& job, const Engineer& engineer) {
    if (job.durations_by_level.empty() || job.skills.empty()) return job.duration;
    const std::string& skill = job.skills.front().skill;
    for (const SkillLevel& held : engineer.skills) {
        if (held.skill != skill) continue;
        Duration duration = job.duration;
        // Levels are strictly increasing (validated), so the last fitting entry wins.
        for (const LevelDuration& entry : job.durations_by_level)
            if (entry.level <= held.level) duration = entry.duration;
        return duration;
    }
    return job.duration;
}

}  // namespace fsd
