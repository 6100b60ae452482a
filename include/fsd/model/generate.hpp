#pragma once
#include <cstdint>

#include "fsd/core/location.hpp"
#include "fsd/core/types.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/problem_builder.hpp"

namespace fsd {

/// What a generated after-sales service day looks like. Every field has a
/// realistic default (a metropolitan region around Munich, ten engineers,
/// sixty tickets); the same options always give the same problem, on every
/// platform. Clock times are UTC for simplicity: "08:00" is day_start + 8 h.
struct GenerateOptions {
    int engineers = 10;                  ///< 1 .. 100,000; ids "eng-01", "eng-02", ...
    int jobs = 60;                       ///< 0 .. 1,000,000; ids "T-0001", "T-0002", ...
    std::uint64_t seed = 1;
    Coordinates centre{48.137, 11.575};  ///< centre of the service region
    double radius_km = 25.0;             ///< jobs and home bases lie within this radius
    Time day_start = 1'795'478'400;      ///< 2026-11-24T00:00:00Z, midnight of the (first) planned day
    /// 1 .. 28 consecutive days from day_start (no weekends skipped); `jobs`
    /// is the total over them. 1 gives exactly the one-day problem.
    int days = 1;
    double speed_kmh = 35.0;             ///< great-circle travel speed (urban traffic)
    double detour_factor = 1.3;          ///< road distance / straight-line distance
    Amount van_stock = 10;               ///< parts each van carries (capacity, one dimension)
    double optional_share = 0.05;        ///< share of jobs that are optional preventive maintenance
    double hard_sla_share = 0.03;        ///< share of jobs with a hard SLA deadline
    Cost maintenance_penalty = 5400;     ///< cost of leaving a maintenance job out (default unit: travel seconds)
    /// 0 .. 50 depots ("depot-1", ...) lending tools and stocking named
    /// spare parts; with 0 no engineer or job has tools or named parts.
    int depots = 0;
};

/// Engineers, jobs and travel of a generated day, not yet validated: for
/// callers that want to adjust the scenario before building it.
ProblemBuilder generate_builder(const GenerateOptions& options);

/// A generated day, validated and frozen. Engineers work 08:00-17:00 from a
/// home base spread over the region, take a 30-minute lunch starting between
/// 11:30 and 13:30, hold 2-3 of the skills appliance, hvac, electrical,
/// plumbing, it (levels 1-3) and carry `van_stock` parts. Jobs cluster towards
/// the centre, need one skill that at least one engineer holds at the level
/// asked, last 30-120 minutes depending on their type, have priority 0, 30, 60
/// or 90, an appointment window (2-hour slot, morning or afternoon, or the
/// whole day), soft SLA deadlines when urgent (a few hard), and need 0-2 parts.
///
/// With `days` = D > 1 the horizon is D consecutive days: every engineer has
/// a shift 08:00-17:00 and a lunch ("lunch-1" .. "lunch-D", 11:30-13:30
/// start) on each day. Each ticket gets a day, uniform over the horizon, as
/// if all had arrived before it: a ticket with an appointment (2-hour slot,
/// morning or afternoon) has it on that day, and an SLA deadline falls on
/// that day. A ticket without an appointment is open from the first day
/// (no window: any shift of the horizon) or, for 40 % of them, from a day
/// drawn from the first up to its own (from a later day: one window a day,
/// 08:00 to the latest start that leaves 30 minutes to drive home by 17:00,
/// to the last day). The extra draws come from a stream of their own, so
/// days = 1 is the one-day problem unchanged, and a longer horizon keeps the
/// engineers and the tickets' places, trades, durations and parts.
/// With `depots` = N > 0 the day also has N depots spread over the region,
/// each open 07:30-17:00 on every planned day with a 10-minute stop, lending
/// the tools "ladder-3m" and "vacuum-pump" and stocking the part types
/// "filter", "compressor", "belt", "fuse" and "valve". Each engineer holds
/// each tool with an even chance and carries 0-3 units of each part type.
/// About 20 % of tickets need their trade's tool (hvac a vacuum pump;
/// electrical, plumbing and it a ladder) and about 30 % use 1-2 units of one
/// part type of their trade. Every depot has everything, so whatever a
/// ticket needs is obtainable by every engineer qualified for it. These
/// draws also come from a stream of their own: depots = 0 is the problem
/// without them byte for byte, and N > 0 keeps everything else of the seed.
/// Throws InputError naming the option ("/engineers", "/days", "/depots")
/// when an option is out of range.
Problem generate_problem(const GenerateOptions& options);

}  // namespace fsd
