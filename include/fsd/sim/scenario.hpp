#pragma once
// A simulation scenario: who works when and where, what tickets arrive, how
// long they take and how often the first visit fixes them. Pure data; the
// format is in docs/simulation.md, the reader in fsd/io/scenario_json.hpp.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/core/types.hpp"
#include "fsd/model/engineer.hpp"
#include "fsd/model/job.hpp"
#include "fsd/sla/sla_policy.hpp"
#include "fsd/travel/great_circle.hpp"
#include "fsd/travel/road_network.hpp"

namespace fsd {

/// One working day of an engineer: on `weekdays` (Monday = 0) from `start` to
/// `end`, seconds since local midnight (0 <= start < end <= 86400).
struct SimShift {
    std::vector<int> weekdays;
    int start = 8 * 3600;
    int end = 17 * 3600;
    friend bool operator==(const SimShift&, const SimShift&) = default;
};

/// A daily break: starts at the first moment after `earliest` (local time of
/// day) at which the engineer is between visits, and lasts `duration`.
struct SimBreak {
    int earliest = 12 * 3600;
    Duration duration = 1800;
    friend bool operator==(const SimBreak&, const SimBreak&) = default;
};

/// A field engineer of the scenario: starts and ends each shift at `home`.
struct SimEngineer {
    std::string id;
    Coordinates home;
    std::vector<SkillLevel> skills;
    std::vector<SimShift> shifts;  ///< at most one shift per weekday
    std::optional<SimBreak> lunch;
    friend bool operator==(const SimEngineer&, const SimEngineer&) = default;
};

/// The engineer's level in `skill` (the highest if listed twice); 0 when it lacks it.
int skill_level(const SimEngineer& engineer, const std::string& skill);

/// How long a visit takes on site, before the engineer's level factor.
/// Lognormal by median and log-space sigma, or drawn uniformly from observed
/// durations (empirical).
struct DurationModel {
    Duration median = 2700;            ///< lognormal: the median
    double sigma = 0.4;                ///< lognormal: standard deviation of log(duration)
    std::vector<Duration> empirical;   ///< non-empty: draw from these instead
    friend bool operator==(const DurationModel&, const DurationModel&) = default;
};

/// The mean of the model (exp(mu + sigma^2 / 2) for lognormal), what a
/// dispatcher expects before the visit.
Duration expected_duration(const DurationModel& model);

/// A kind of ticket: which skill it needs, how urgent it tends to be, how
/// long it takes and how often it arrives relative to the other types.
struct TicketType {
    std::string name;
    SkillRequirement skill;
    double weight = 1.0;                  ///< share of arrivals, relative
    std::vector<double> priority_mix;     ///< weights of priorities 1, 2, ... (1 = most urgent)
    DurationModel duration;
    friend bool operator==(const TicketType&, const TicketType&) = default;
};

/// A ticket of a replayed log.
struct ReplayTicket {
    Time created = 0;        ///< seconds since the scenario start
    std::string type;        ///< a TicketType name
    Coordinates location;
    int priority = 3;
    std::optional<Duration> duration;  ///< actual base duration; drawn from the type when absent
    friend bool operator==(const ReplayTicket&, const ReplayTicket&) = default;
};

/// Where tickets arrive: uniformly in a disc, or at customer sites drawn by weight.
struct SimRegion {
    Coordinates centre{52.37, 4.90};
    double radius_km = 20.0;
    std::vector<Coordinates> sites;       ///< non-empty: tickets happen at these
    std::vector<double> site_weights;     ///< empty = equal
    friend bool operator==(const SimRegion&, const SimRegion&) = default;
};

/// Non-homogeneous Poisson arrivals, piecewise constant per hour: the rate in
/// hour h of weekday d is tickets_per_day * (7 w_d / sum w) * (v_h / sum v).
/// Or, when `replay` is non-empty, exactly those tickets.
struct ArrivalProcess {
    double tickets_per_day = 100.0;
    std::array<double, 24> hour_profile{};     ///< all zero = flat
    std::array<double, 7> weekday_profile{};   ///< all zero = flat, Monday first
    std::vector<ReplayTicket> replay;
    friend bool operator==(const ArrivalProcess&, const ArrivalProcess&) = default;
};

/// Travel: great-circle legs, or shortest paths of a road network (every
/// point snapped to its nearest node; at most 2,000 nodes, strongly
/// connected). The time actually driven is the planned time times a lognormal
/// factor of mean 1 (sigma `noise_sigma`) that policies never see.
struct SimTravel {
    GreatCircleOptions great_circle;
    std::optional<RoadNetwork> road_network;
    double noise_sigma = 0.0;
    friend bool operator==(const SimTravel&, const SimTravel&) = default;
};

/// Largest road network a scenario may carry: its all-pairs matrices are
/// kept in memory (2,000 nodes: 64 MB).
inline constexpr size_t kMaxSimRoadNodes = 2000;

/// First-time fix: a visit by an engineer of level L fixes the ticket with
/// probability by_level[L - 1] (the last entry for higher levels); otherwise
/// a follow-up visit becomes due `follow_up_delay` later (a part to order).
/// Visit number `max_visits` always fixes.
struct FirstTimeFix {
    std::vector<double> by_level{0.75, 0.85, 0.92};
    Duration follow_up_delay = 86400;
    int max_visits = 3;
    friend bool operator==(const FirstTimeFix&, const FirstTimeFix&) = default;
};

/// Customers cancel a waiting ticket with `probability`, after an exponential
/// delay of mean `mean_delay`; a ticket whose engineer is already on the way
/// or on site is no longer cancelled.
struct Cancellation {
    double probability = 0.0;
    Duration mean_delay = 4 * 3600;
    friend bool operator==(const Cancellation&, const Cancellation&) = default;
};

/// Rules of the working day every policy obeys.
struct SimRules {
    /// A visit is started only if it is expected to end (travel + expected
    /// duration) by the shift end plus this; work already begun always finishes.
    Duration max_overtime = 3600;
    /// Visit duration factor by level (level L uses entry L - 1, the last for
    /// higher levels): a senior engineer is faster.
    std::vector<double> duration_factor_by_level{1.2, 1.0, 0.85};
    friend bool operator==(const SimRules&, const SimRules&) = default;
};

/// Everything a simulation needs besides the policy, the horizon and the seed.
/// Times of day are local; instant 0 is local midnight of `start_date`.
struct Scenario {
    std::string name = "scenario";
    std::int64_t start_date = 20'416;  ///< local date, days since 1970-01-01 (2025-11-24, a Monday)
    int utc_offset_seconds = 0;
    std::vector<SimEngineer> engineers;
    std::vector<TicketType> ticket_types;
    SimRegion region;
    ArrivalProcess arrivals;
    SimTravel travel;
    FirstTimeFix first_time_fix;
    Cancellation cancellation;
    SimRules rules;
    SlaPolicy sla;
    std::string sla_tier;  ///< tier of every ticket; empty = the policy's first tier
};

/// Checks the scenario; InputError naming the field: negative rates or
/// weights, a ticket type no engineer can serve ("/ticket_types/2/skill"),
/// shifts that never start (no weekday, start >= end), duplicate ids,
/// probabilities outside [0, 1], replayed tickets of unknown types.
void validate_scenario(const Scenario& scenario);

/// Weekday (Monday = 0) of simulation day `day`.
int sim_weekday(const Scenario& scenario, int day);

/// The Unix instant of simulation instant `t` (for SLA calendars).
Time sim_to_unix(const Scenario& scenario, Time t);
/// The simulation instant of Unix instant `unix_time`.
Time unix_to_sim(const Scenario& scenario, Time unix_time);

}  // namespace fsd
