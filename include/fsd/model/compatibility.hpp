#pragma once
#include <algorithm>

#include "fsd/model/engineer.hpp"
#include "fsd/model/job.hpp"

namespace fsd {

/// True when the engineer holds every skill the job needs at its minimum level.
inline bool has_skills(const Engineer& engineer, const Job& job) {
    return std::all_of(job.skills.begin(), job.skills.end(), [&](const SkillRequirement& req) {
        return std::any_of(engineer.skills.begin(), engineer.skills.end(),
                           [&](const SkillLevel& s) { return s.skill == req.skill && s.level >= req.min_level; });
    });
}

/// True when the job's pin and allowed / forbidden lists admit the engineer.
inline bool admits(const Job& job, const Engineer& engineer) {
    if (job.pinned_engineer && *job.pinned_engineer != engineer.id) return false;
    if (!job.allowed_engineers.empty() &&
        std::find(job.allowed_engineers.begin(), job.allowed_engineers.end(), engineer.id) == job.allowed_engineers.end())
        return false;
    return std::find(job.forbidden_engineers.begin(), job.forbidden_engineers.end(), engineer.id) ==
           job.forbidden_engineers.end();
}

/// Latest instant the job's service may start: the end of its last window,
/// bounded by a hard SLA deadline (kTimeMax when neither bounds it).
inline Time latest_start(const Job& job) {
    Time latest = job.time_windows.empty() ? kTimeMax : job.time_windows.back().end;
    if (job.sla && job.sla->hard) latest = std::min(latest, job.sla->deadline);
    return latest;
}

}  // namespace fsd
