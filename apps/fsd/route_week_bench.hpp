#pragma once
// `fsd bench week`: the target of issue 15, a generated week
// (fsd::generate_problem with days > 1) planned on one thread within a time
// limit, with the SLA deadlines the plan meets set against those any plan
// could meet. Runs in this process (no peak-memory figure). Free of CLI11.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsdcli {

/// Options of `fsd bench week`.
struct WeekBenchOptions {
    int engineers = 50;
    int jobs = 1500;           ///< over the whole horizon
    int days = 5;
    std::string seeds = "1,2,3";  ///< one run per seed (generator and solver)
    double time_limit = 30.0;  ///< seconds per solve, one thread
    /// ObjectiveWeights::lateness of the generated weeks: 1 plans them as
    /// generated (a second late costs what a second of travel does); larger
    /// puts the SLA deadlines before travel, as a dispatcher may ask.
    std::int64_t lateness_weight = 1;
    std::string csv;           ///< empty: no CSV
};

/// One seed's run.
struct WeekRow {
    std::uint64_t seed = 0;
    int engineers = 0;
    int jobs = 0;
    int days = 0;
    int served = 0;
    int sla_jobs = 0;        ///< jobs with an SLA deadline (hard or soft)
    int sla_met = 0;         ///< of them, served with service starting by the deadline
    int sla_meetable = 0;    ///< of them, meetable by a job served alone (week_sla_meetable)
    int sla_late = 0;        ///< of them, served after the deadline (the table only, not the CSV)
    int hard_missed = 0;     ///< hard deadlines not met (the job left out, or late)
    std::int64_t travel_s = 0;  ///< total travel time of the plan
    double seconds = 0.0;    ///< wall time of the fsd::solve call
    bool verified = false;   ///< fsd::verify found nothing
};

/// "1,2,3": seeds, comma-separated, whole numbers ≥ 0. InputError at
/// "--seeds" for an empty list or a bad item.
std::vector<std::uint64_t> parse_week_seeds(const std::string& text);

/// Whether job j's SLA deadline could be met by some engineer serving it
/// alone: a compatible engineer whose capacity holds its demand leaves home
/// at the start of one of their shifts, drives there, starts service at the
/// earliest moment inside a window, no later than the deadline, and is back
/// by the shift's hard end. Breaks, other jobs and travel limits are left
/// aside, so this is an upper bound on what any plan can meet. False for a
/// job without an SLA deadline.
bool week_sla_meetable(const fsd::Problem& problem, fsd::Index j);

/// The counts of a plan: served, sla_jobs, sla_met, sla_meetable, sla_late,
/// hard_missed and travel_s of `row` (the rest is left as it is).
void count_week_plan(const fsd::Problem& problem, const fsd::Solution& solution, WeekRow& row);

/// Generates the week of `seed`, solves it on one thread within the time
/// limit (no early stop on stagnation), verifies the plan and counts.
WeekRow run_week_once(const WeekBenchOptions& options, std::uint64_t seed);

/// "seed,engineers,jobs,days,served,sla_jobs,sla_met,sla_meetable,hard_missed,travel_s,seconds,verified"
std::string week_csv_header();
/// The row as a CSV line (no newline).
std::string week_csv_line(const WeekRow& row);

/// Every seed in turn: a table line per run on `out` (and the CSV file when
/// asked). Returns 0 when every plan verified, 1 otherwise. InputError at
/// "--engineers", "--jobs", "--days", "--time-limit", "--lateness-weight" or
/// "--seeds" for bad options.
int run_week_bench(const WeekBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fsdcli
