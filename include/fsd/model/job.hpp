#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/core/time_window.hpp"
#include "fsd/core/types.hpp"
#include "fsd/model/depot.hpp"

namespace fsd {

/// A skill a job needs, at least at `min_level`.
struct SkillRequirement {
    std::string skill;
    int min_level = 1;
    friend bool operator==(const SkillRequirement&, const SkillRequirement&) = default;
};

/// The SLA deadline of a visit, measured on the start of service (the moment
/// the engineer is on site). A hard deadline may never be missed; a soft one
/// costs `lateness_cost_per_second` for every second of delay.
struct SlaDeadline {
    Time deadline = 0;
    bool hard = false;
    Cost lateness_cost_per_second = 1;
    friend bool operator==(const SlaDeadline&, const SlaDeadline&) = default;
};

/// The service time of a job for engineers whose level in the job's first
/// required skill is at least `level` (a senior engineer is faster).
struct LevelDuration {
    int level = 1;
    Duration duration = 0;
    friend bool operator==(const LevelDuration&, const LevelDuration&) = default;
};

/// A field visit for a service ticket.
struct Job {
    std::string id;
    Location location;
    Duration duration = 0;                  ///< service time on site
    std::vector<TimeWindow> time_windows;   ///< bounds on the service start; empty = any time
    std::vector<SkillRequirement> skills;
    int priority = 0;                       ///< 0 (lowest) .. 100 (highest)
    std::optional<SlaDeadline> sla;
    std::vector<Amount> demand;             ///< per capacity dimension
    std::optional<std::string> pinned_engineer;
    std::vector<std::string> allowed_engineers;    ///< empty = any qualified engineer
    std::vector<std::string> forbidden_engineers;
    bool optional = false;                  ///< may be left out at cost `penalty`
    Cost penalty = 0;
    /// Soft affinity beside the hard pin: the engineer who should serve it,
    /// e.g. the one it is planned with now. Serving it by anyone else costs
    /// `preference_cost` (times the preference weight); leaving it out does not.
    std::optional<std::string> preferred_engineer{};
    Cost preference_cost = 0;
    /// Service time by the serving engineer's level in `skills[0]`: the entry
    /// with the highest `level` not above that level applies, else `duration`.
    /// Levels strictly increasing; empty = always `duration`. See
    /// service_duration() in fsd/model/service_duration.hpp.
    std::vector<LevelDuration> durations_by_level{};
    /// Tools the engineer must have on board on arrival (own or picked up at a depot).
    std::vector<std::string> tools{};
    /// Spare parts the visit uses up from the van (own stock or picked up at a depot).
    std::vector<PartCount> parts{};
    friend bool operator==(const Job&, const Job&) = default;
};

}  // namespace fsd
