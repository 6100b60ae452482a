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
/// kept in memory (2,000 nodes: 64 MB), and every node is a shortest-path
/// search over all edges.
inline constexpr size_t kMaxSimRoadNodes = 2000;
inline constexpr size_t kMaxSimRoadEdges = 100'000;

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

/// Limits of a scenario and of a run (docs/simulation.md): far beyond any
/// service organisation, they keep the memory and the work of a run bounded
/// whatever the input says.
inline constexpr size_t kMaxSimEngineers = 10'000;
inline constexpr size_t kMaxSimTicketTypes = 1'000;   ///< also skills per engineer
inline constexpr size_t kMaxSimSites = 100'000;
inline constexpr double kMaxSimTicketsPerDay = 100'000;
inline constexpr int kMaxSimDays = 3660;
inline constexpr size_t kMaxSimTickets = 2'000'000;    ///< of a run: replayed, or expected from the arrival rate
inline constexpr size_t kMaxSimShifts = 2'000'000;     ///< engineer shifts of a run
inline constexpr int kMaxSimLevel = 100;               ///< skill levels, entries of the by-level lists
inline constexpr int kMaxSimPriority = 100;            ///< priorities, entries of a priority mix
inline constexpr Duration kMaxSimVisit = 7 * 86400;    ///< a visit's duration (lognormal draws stop there too)
inline constexpr Duration kMaxSimDelay = 366 * 86400;  ///< follow-up and cancellation delays
inline constexpr Duration kMaxSimOvertime = 86400;
inline constexpr double kMaxSimSpeedKmh = 1000.0;
inline constexpr double kMinSimSpeedKmh = 1.0;
inline constexpr double kMaxSimDetourFactor = 10.0;

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

/// Checks the scenario; InputError at the field as the scenario JSON writes it
/// (docs/simulation.md): negative rates or weights, a ticket type no engineer
/// can serve ("/ticket_types/2/skill"), shifts that never start (no weekday,
/// start >= end), duplicate ids, probabilities outside [0, 1], replayed
/// tickets of unknown types or priorities beyond the SLA policy's, and any
/// quantity beyond the limits above.
void validate_scenario(const Scenario& scenario);

/// The tickets a run of `days` days of a valid scenario expects: the replayed
/// tickets created in it, or the arrival rate summed over its weekdays.
double expected_ticket_count(const Scenario& scenario, int days);

/// The engineer shifts of a run of `days` days of a valid scenario.
std::int64_t shift_count(const Scenario& scenario, int days);

/// InputError at "/days" unless a run of `days` days of a valid scenario
/// keeps within kMaxSimDays, kMaxSimTickets and kMaxSimShifts. Checked before
/// anything of the run is drawn or allocated.
void check_run_size(const Scenario& scenario, int days);

/// Weekday (Monday = 0) of simulation day `day`.
int sim_weekday(const Scenario& scenario, int day);

/// The Unix instant of simulation instant `t` (for SLA calendars).
Time sim_to_unix(const Scenario& scenario, Time t);
/// The simulation instant of Unix instant `unix_time`.
Time unix_to_sim(const Scenario& scenario, Time unix_time);

}  // namespace fsd
