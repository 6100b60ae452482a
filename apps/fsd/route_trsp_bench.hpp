#pragma once
// `fsd bench trsp`: the route solver on the technician routing and
// scheduling instances of Pillac et al. (2013) — skills, tools, van stock
// and a central depot — against their best-known total durations
// (docs/benchmarks.md, "TRSP"). Kept free of CLI11, like route_bench.hpp.
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench_options.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsdcli {

/// Options of `fsd bench trsp`; an empty `dir` is bench_data_dir("trsp_pillac").
struct TrspBenchOptions : BenchSolveOptions {};

/// Reads the best-known durations of a TRSP folder (bks.csv: columns
/// instance and duration_report_2013), keyed by the instance's name in lower
/// case. Throws fsd::InputError naming the file, and the line of a bad number.
std::map<std::string, double> read_trsp_bks(const std::string& path);

/// "C101" for "C101.100_25-5-5-5.txt": the file name up to its first dot,
/// the name bks.csv uses.
std::string trsp_instance_name(const std::string& path);

/// One instance's outcome. Durations are in instance units.
struct TrspRow {
    std::string instance;
    int served = 0;                     ///< requests served
    int requests = 0;
    double duration = 0.0;              ///< trsp_duration of the plan (integer timing, unscaled)
    /// The same routes timed to their shortest (fsd::trsp_shortest_duration):
    /// on the scaled integers, and exactly.
    double shortest_duration = 0.0;
    double exact_duration = 0.0;
    int depot_stops = 0;                ///< depot steps over all routes
    std::optional<double> bks_duration; ///< none when bks.csv has no row for it
    double seconds = 0.0;               ///< wall time of the solve call
    bool verified = false;              ///< fsd::verify found nothing

    /// 100 × (duration − bks) / bks; none without a best-known duration.
    std::optional<double> gap_pct() const;
    bool all_served() const { return served == requests; }
};

/// Reads the instance at `path` (fsd::read_trsp), solves it with `options`,
/// verifies the plan and measures it; each violation goes to `err`. Throws
/// fsd::InputError for a bad instance.
TrspRow run_trsp_instance(const std::string& path, const fsd::SolveOptions& options, std::ostream& err);

/// The CSV of a run: the header
/// instance,served,requests,duration,bks_duration,gap_pct,seconds,verified
/// and a line per row (durations and gap with 3 decimals, bks_duration and
/// gap_pct empty without a best-known duration, verified 1 or 0).
std::string trsp_bench_csv(const std::vector<TrspRow>& rows);

/// Runs the benchmark: a line per instance as it finishes, then a summary
/// per class (C1, R1, RC1) and for all. Returns 0 when every plan verified,
/// 1 otherwise. Throws fsd::InputError for a missing folder, a folder
/// without instances, a bad bks.csv or a bad instance.
int run_trsp_bench(const TrspBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fsdcli
