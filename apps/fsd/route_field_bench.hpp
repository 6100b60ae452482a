#pragma once
// `fsd bench field`: the route solver on generated service days in VROOM's
// input format (breaks, skills, windows, priorities, more tickets than the
// engineers can serve), beside VROOM's recorded runs of the same days
// (docs/benchmarks.md). Kept free of CLI11, like route_bench.hpp.
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench_options.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsdcli {

/// Options of `fsd bench field`; an empty `dir` is bench_data_dir("field").
struct FieldBenchOptions : BenchSolveOptions {
    /// The recorded VROOM setting ("-x 5", "-x 0") the table compares with;
    /// empty: match_reference, else "-x 5".
    std::string reference_setting;
    /// A recorded setting: each day's time limit is that run's wall time, at
    /// least kMinMatchedLimit, and the table compares with it. Empty:
    /// time_limit_seconds for every day.
    std::string match_reference;
};

/// The shortest time limit --match-reference gives a day (seconds).
inline constexpr double kMinMatchedLimit = 0.1;

/// What a plan of a day achieves, in VROOM's order of importance.
struct FieldFigures {
    int served = 0;             ///< tickets served
    std::int64_t priority = 0;  ///< sum of the served tickets' priority (Job::priority)
    std::int64_t travel_s = 0;  ///< sum of the routes' travel time: VROOM's cost with default vehicle costs
    friend bool operator==(const FieldFigures&, const FieldFigures&) = default;
};

/// VROOM's recorded run of a day.
struct FieldReference {
    FieldFigures figures;
    double wall_s = 0.0;  ///< VROOM's loading + solving time
};

/// Reads a field vroom_reference.csv (columns instance, setting, threads,
/// served, unassigned, priority, travel_s, distance_m, wall_s): per day
/// (lower case), the row of `setting` that ran with `threads` threads, else
/// the first row of that setting. Throws fsd::InputError naming the file
/// (cannot open, a column missing) and the line (a bad number).
std::map<std::string, FieldReference> read_field_reference(const std::string& path, const std::string& setting,
                                                           int threads);

/// The figures of `solution`, a plan of `problem`.
FieldFigures field_figures(const fsd::Problem& problem, const fsd::Solution& solution);

/// How our plan of a day compares with VROOM's.
enum class Verdict { win, tie, loss };
/// "win", "tie", "loss".
const char* to_string(Verdict verdict) noexcept;

/// Lexicographic, as VROOM ranks plans: more priority served wins, then
/// more tickets served, then less travel.
Verdict compare_field(const FieldFigures& ours, const FieldFigures& theirs);

/// 100 × (ours − theirs) / theirs for travel: negative when we drive less.
/// 0 when both are 0; none when only theirs is.
std::optional<double> travel_difference_pct(const FieldFigures& ours, const FieldFigures& theirs);

/// One day's outcome.
struct FieldDayRow {
    std::string instance;
    int jobs = 0;
    FieldFigures ours;
    double seconds = 0.0;                 ///< wall time of the solve call
    bool verified = false;                ///< fsd::verify found nothing
    std::optional<FieldReference> vroom;  ///< the compared recorded run, when there is one
};

/// Reads the day at `path` (fsd::read_vroom_file), solves it with
/// `options`, verifies the plan and measures it; each violation goes to
/// `err`. Throws fsd::InputError for a bad day.
FieldDayRow run_field_day(const std::string& path, const fsd::SolveOptions& options, std::ostream& err);

/// The CSV of a run: the header
/// instance,served,priority,travel_s,seconds,verified,vroom_served,vroom_priority,vroom_travel_s
/// and a line per row (verified 1 or 0; the vroom columns empty without a
/// recorded run).
std::string field_bench_csv(const std::vector<FieldDayRow>& rows);

/// Runs the benchmark: a line per day as it finishes, then the verdicts.
/// Returns 0 when every plan verified, 1 otherwise. Throws fsd::InputError
/// for a missing folder, a folder without days, a missing or bad
/// vroom_reference.csv, an unknown setting or a bad day.
int run_field_bench(const FieldBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fsdcli
