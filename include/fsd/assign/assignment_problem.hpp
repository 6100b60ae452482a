#pragma once
// The input of a batch assignment: waiting tickets, engineers who are (or
// soon will be) free, the instant of the decision, and how to get travel.
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/core/types.hpp"
#include "fsd/model/engineer.hpp"
#include "fsd/model/job.hpp"
#include "fsd/travel/great_circle.hpp"

namespace fsd {

/// A waiting ticket to be matched now.
struct AssignTicket {
    std::string id;
    Location location;                          ///< coordinates (great-circle) or a row of the explicit matrix
    std::vector<SkillRequirement> skills;       ///< all needed, each at min_level or above
    int priority = 0;                           ///< 0 (lowest) .. 100 (highest)
    std::optional<Time> sla_deadline;           ///< on the start of service
    Duration duration = 0;                      ///< time on site (reported; see docs/assign.md)
    std::vector<std::string> allowed_engineers;   ///< empty = any qualified engineer
    std::vector<std::string> forbidden_engineers;
    friend bool operator==(const AssignTicket&, const AssignTicket&) = default;
};

/// An engineer who can take tickets of this batch.
struct AssignEngineer {
    std::string id;
    Location position;              ///< where the engineer is (or will be when free)
    Time available_from = 0;        ///< free from this instant (the past means now)
    std::vector<SkillLevel> skills;
    int capacity = 1;               ///< tickets of this batch it may take (0 = none)
    Duration workload = 0;          ///< work already planned today, for the balance term
    double speed_factor = 1.0;      ///< travel durations are divided by it
    friend bool operator==(const AssignEngineer&, const AssignEngineer&) = default;
};

/// Explicit travel from each engineer to each ticket, ticket-major:
/// entry [t * engineers + e]. Durations are divided by the engineer's speed
/// factor like great-circle ones.
struct AssignTravelMatrix {
    std::vector<Duration> durations;
    std::vector<Distance> distances;  ///< empty = distances unknown (reported as 0)
    friend bool operator==(const AssignTravelMatrix&, const AssignTravelMatrix&) = default;
};

/// One batch: match `tickets` to `engineers` at instant `now`.
struct AssignProblem {
    Time now = 0;
    std::vector<AssignTicket> tickets;
    std::vector<AssignEngineer> engineers;
    GreatCircleOptions great_circle;                ///< used when `travel_matrix` is absent
    std::optional<AssignTravelMatrix> travel_matrix;  ///< ticket x engineer, replaces great-circle travel
    friend bool operator==(const AssignProblem&, const AssignProblem&) = default;
};

/// Checks the problem; throws InputError naming the field ("/tickets/3/priority",
/// "/engineers/0/capacity", "/travel_matrix/durations").
void validate_assign_problem(const AssignProblem& problem);

}  // namespace fsd
