#pragma once
// `fsd bench hhcrsp`: the route solver on the home health care instances of
// Mankowska, Meisel and Bierwirth (2014) — qualifications, synchronised
// double services and services with a minimum and maximum gap — against the
// paper's AVNS values (z4 of its Table 7; docs/benchmarks.md, "HHCRSP").
// Kept free of CLI11, like route_trsp_bench.hpp.
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench_options.hpp"
#include "fsd/route/solve_options.hpp"

namespace fsdcli {

/// Options of `fsd bench hhcrsp`; an empty `dir` is bench_data_dir("hhcrsp_mankowska").
struct HhcrspBenchOptions : BenchSolveOptions {};

/// One row of the paper's Table 7 that the benchmark compares with.
struct HhcrspReference {
    std::optional<double> lb;    ///< the MIP's lower bound (LB): no plan of the paper's model is below it
    std::optional<double> zopt;  ///< best MIP value (optimal only where it meets LB); none for "missing"
    std::optional<double> z4;    ///< the paper's AVNS value
};

/// Reads Table 7 (mankowska2014_table7.csv: columns Instance and z4, and
/// LB and zopt when present), keyed by the paper's instance name ("ins10-1").
/// A "missing" or empty value is none. Throws fsd::InputError naming the file, and the line of a bad number.
std::map<std::string, HhcrspReference> read_hhcrsp_table7(const std::string& path);

/// "ins10-1" for ".../InstanzCPLEX_HCSRP_10_1.txt", the name Table 7 uses;
/// the file name without its extension for any other name.
std::string hhcrsp_instance_name(const std::string& path);

/// One instance's outcome, measured on the plan (fsd::hhcrsp_measure), in
/// the file's units.
struct HhcrspRow {
    std::string instance;             ///< the paper's name, "ins10-1"
    int patients = 0;                 ///< the group: 10, 25, 50 or 75
    double objective = 0.0;           ///< (D + T + Tmax) / 3
    double distance = 0.0;            ///< D
    double total_tardiness = 0.0;     ///< T
    double max_tardiness = 0.0;       ///< Tmax
    int served = 0;                   ///< services in the plan
    int services = 0;                 ///< services the instance asks for
    std::optional<double> z4;         ///< none without a Table 7 row
    std::optional<double> zopt;
    std::optional<double> lb;
    double seconds = 0.0;             ///< wall time of the solve call
    /// fsd::verify found nothing and every service is in the plan: a plan
    /// that leaves a service out is cheaper for it and is no answer to the
    /// paper's problem (every service must be done there).
    bool verified = false;

    /// 100 × (objective − z4) / z4; none without z4.
    std::optional<double> gap_pct() const;
    /// A verified plan at most z4 (within 0.05, half the table's last digit).
    bool wins() const;
};

/// Reads the instance at `path` (fsd::read_hhcrsp), solves it with
/// `options`, verifies and measures the plan; each violation and each
/// service left out goes to `err`. Throws fsd::InputError for a bad instance.
HhcrspRow run_hhcrsp_instance(const std::string& path, const fsd::SolveOptions& options, std::ostream& err);

/// The CSV of a run: the header
/// instance,objective,distance,total_tardiness,max_tardiness,z4,gap_pct,seconds,verified
/// and a line per row (figures with 3 decimals, z4 and gap_pct empty
/// without a Table 7 row, verified 1 or 0).
std::string hhcrsp_bench_csv(const std::vector<HhcrspRow>& rows);

/// Runs the benchmark: a line per instance as it finishes, then a summary
/// per group (patients) and for all. Returns 0 when every plan verified with
/// every service served, 1 otherwise. Throws fsd::InputError for a missing
/// folder, a folder without instances, a bad table or a bad instance.
int run_hhcrsp_bench(const HhcrspBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fsdcli
