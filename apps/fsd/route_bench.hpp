#pragma once
// Quality benchmark of the route solver on the public VRPTW sets (Solomon,
// Gehring-Homberger): best-known files, instance selection, per-class
// statistics and the run itself. Kept free of CLI11 so that the standalone
// bench/solomon_first program can call the same code.
#include <array>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "bench_instances.hpp"
#include "bench_options.hpp"

namespace fsdcli {

/// Which benchmark set a run reads: it decides the BKS file, the default data
/// folder and the class names.
enum class BenchSet { solomon, homberger };

/// Options of `fsd bench solomon|homberger`; an empty `dir` is
/// default_bench_dir(set).
struct RouteBenchOptions : BenchSolveOptions {
    BenchSet set = BenchSet::solomon;
    std::string vroom;                 ///< path of a vroom binary; empty: do not run VROOM
    std::string vroom_args = "-x 5";
    std::string reference;             ///< a vroom_reference.csv; empty: none
    /// A setting of `reference` ("-x 5", "-x 0"): each instance gets that
    /// run's recorded wall time as its time limit, and every instance counts
    /// a win, tie or loss against it. Empty: `time_limit_seconds` for all.
    std::string match_reference;
};

/// A best-known (or recorded) result of one instance.
struct KnownResult {
    int vehicles = 0;
    double distance = 0.0;
    double seconds = 0.0;  ///< recorded wall time (VROOM's runs), 0 when unknown
};

/// Reads `instance,vehicles,distance[,convention,...]` rows with a header.
/// When an instance appears more than once, a row whose convention is empty
/// or starts with "double precision" wins, since verify_euclidean measures in
/// double precision. Throws fsd::InputError naming the file and line.
std::map<std::string, KnownResult> read_known_results(const std::string& path);

/// VROOM's recorded runs (vroom_reference.csv) for one setting ("-x 5"):
/// per instance, the row with `threads`, else the first row of the setting.
std::map<std::string, KnownResult> read_vroom_reference(const std::string& path, const std::string& setting,
                                                        int threads);

/// "RC201" -> "RC2", "C101" -> "C1", "rc1_2_4" -> "rc1".
std::string instance_class(const std::string& name);

/// bench_data_dir() of the set's folder (solomon, homberger_200).
std::string default_bench_dir(BenchSet set);

/// One instance's outcome.
struct BenchRow {
    std::string instance;
    int vehicles = 0;
    double distance = 0.0;         ///< double precision, the instance's own scale
    int bks_vehicles = 0;          ///< 0 when unknown
    double bks_distance = 0.0;     ///< 0 when unknown
    double gap_pct = 0.0;          ///< meaningful only when has_bks
    bool has_bks = false;
    double seconds = 0.0;          ///< solve wall time
    bool verified = false;
    bool has_vroom = false;        ///< a live VROOM run finished with a plan
    double vroom_distance = 0.0;
    double vroom_seconds = 0.0;
    int vroom_unassigned = 0;
};

/// Mean/max figures of a group of rows (a class or the whole run).
struct BenchSummary {
    int count = 0;
    int with_bks = 0;
    double gap_sum = 0.0;
    double gap_max = 0.0;
    int vehicles = 0;
    int bks_vehicles = 0;
    double seconds_sum = 0.0;
    int verified = 0;
    int vroom_runs = 0;            ///< live VROOM runs with a BKS
    double vroom_gap_sum = 0.0;
    /// Recorded VROOM gaps per setting, over the rows that have one and a BKS.
    std::map<std::string, std::pair<int, double>> reference_gaps;
    std::map<std::string, double> own_gap_on_reference;  ///< our gap sum on the same rows
    /// Per setting: instances where our distance was lower, equal (within
    /// 1e-3), higher than the recorded one.
    std::map<std::string, std::array<int, 3>> reference_outcomes;

    void add(const BenchRow& row);
};

/// Runs the benchmark, printing a line per instance and the class tables to
/// `out` and every failed check to `err`. Returns the exit code: 0 when every
/// plan verified, 1 otherwise. Throws fsd::InputError for a missing folder, a
/// folder without instances, an unreadable BKS file or a bad instance.
int run_route_bench(const RouteBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fsdcli
