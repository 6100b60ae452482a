#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/core/time_window.hpp"
#include "fsd/core/types.hpp"
#include "fsd/model/depot.hpp"

namespace fsd {

/// A skill an engineer holds, with a proficiency level (higher is better).
struct SkillLevel {
    std::string skill;
    int level = 1;
    friend bool operator==(const SkillLevel&, const SkillLevel&) = default;
};

/// A break the engineer must take once in the shift it falls in: it starts
/// inside one of `windows` and lasts `duration`; it is taken where the engineer
/// is (between two visits), so it adds no travel.
struct Break {
    std::string id;
    std::vector<TimeWindow> windows;
    Duration duration = 0;
    friend bool operator==(const Break&, const Break&) = default;
};

/// What using an engineer costs. A route's cost is `fixed` when it serves at
/// least one job, plus per leg round(per_hour * travel_s / 3600) +
/// round(per_km * metres / 1000). The defaults make cost = travel seconds.
/// Overtime (the route ending after the shift end) costs
/// round(overtime_per_hour * overtime_s / 3600) per route, a part of its own.
/// `per_working_hour` prices the route's working time (departure to return,
/// waiting and service included) as round(per_working_hour * working_s / 3600)
/// per used route, in the travel part: for days priced by paid hours rather
/// than by driving (0 by default).
struct EngineerCosts {
    Cost fixed = 0;
    Cost per_hour = 3600;
    Cost per_km = 0;
    Cost overtime_per_hour = 0;
    Cost per_working_hour = 0;
    friend bool operator==(const EngineerCosts&, const EngineerCosts&) = default;
};

/// A field engineer (technician). Each shift is planned as its own route that
/// leaves `start` no earlier than the shift start and reaches `end` (or, when
/// `end` is empty, `start` again) no later than the shift end plus
/// `max_overtime`; the time past the shift end is overtime and is costed.
struct Engineer {
    std::string id;
    Location start;
    std::optional<Location> end;          ///< empty: returns to `start`
    std::vector<TimeWindow> shifts;       ///< one route per shift; sorted, disjoint
    std::vector<Break> breaks;
    std::vector<SkillLevel> skills;
    std::vector<Amount> capacity;         ///< per dimension; empty = unlimited
    std::optional<int> max_jobs;          ///< per shift
    std::optional<Duration> max_travel_time;  ///< per shift
    EngineerCosts costs;
    double speed_factor = 1.0;            ///< travel durations are divided by it
    /// How long after each shift's end the route may still run (a soft shift
    /// end with a hard maximum); 0 = the shift end is hard.
    Duration max_overtime = 0;
    /// Tools on board at the start of every shift (more may be picked up at a depot).
    std::vector<std::string> tools{};
    /// Spare parts in the van at the start of every shift; jobs use them up,
    /// a depot stop restocks (Depot).
    std::vector<PartCount> stock{};
    friend bool operator==(const Engineer&, const Engineer&) = default;
};

}  // namespace fsd
