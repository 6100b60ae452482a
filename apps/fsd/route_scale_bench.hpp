#pragma once
// `fsd bench scale`: how time and memory grow with the size of a service
// day. Generated days (fsd::generate_problem, as `fsd generate`) of several
// sizes are solved at several time limits, each run in a fresh child process
// so that its peak memory is its own (docs/benchmarks.md). Free of CLI11.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace fsdcli {

/// A generated day's size.
struct ScaleSize {
    int jobs = 0;
    int engineers = 0;
};

/// "1000x100,5000x500" (JOBSxENGINEERS, comma-separated). InputError at
/// "--sizes" for an empty list or a bad item.
std::vector<ScaleSize> parse_scale_sizes(const std::string& text);
/// "1,5,10" (seconds, comma-separated). InputError at "--limits" for an
/// empty list or an item that is not a number of seconds ≥ 0.
std::vector<double> parse_scale_limits(const std::string& text);

/// Options of `fsd bench scale`.
struct ScaleBenchOptions {
    std::string sizes = "1000x100,5000x500,10000x1000";
    std::string limits = "1,5,10";
    std::uint64_t seed = 1;  ///< of the generator and the solver
    std::string csv;         ///< empty: no CSV
    /// The fsd binary that measures each run (`bench scale --one`); empty:
    /// the running program (/proc/self/exe).
    std::string program;
};

/// One measured run. Figures a child that died could not report are empty.
struct ScaleRow {
    int jobs = 0;
    int engineers = 0;
    double limit_s = 0.0;
    std::optional<double> build_s;      ///< fsd::generate_problem: generating and building the problem
    std::optional<double> solve_s;      ///< the fsd::solve call
    double wall_s = 0.0;                ///< the child process, start to exit (the parent's clock)
    std::optional<double> peak_rss_mb;  ///< VmHWM of the child, read by itself before it exits
    std::optional<int> served;          ///< jobs served
    bool verified = false;              ///< fsd::verify found nothing
};

/// "jobs,engineers,limit_s,build_s,solve_s,wall_s,peak_rss_mb,served,verified"
std::string scale_csv_header();
/// The row as a CSV line (no newline); empty figures as empty fields.
std::string scale_csv_line(const ScaleRow& row);
/// The inverse of scale_csv_line; none when `line` is not such a line.
std::optional<ScaleRow> parse_scale_csv_line(const std::string& line);

/// This process's peak resident set size in MB (VmHWM in /proc/self/status);
/// none when it cannot be read.
std::optional<double> peak_rss_mb();

/// The child's side: generates the day, solves it with `limit_s` seconds and
/// one thread, verifies the plan and measures. wall_s is the time spent here.
ScaleRow run_scale_once(const ScaleSize& size, double limit_s, std::uint64_t seed);

/// The parent's side: every size at every limit, each in a child process
/// `program bench scale --one JOBSxENGINEERS --limit S --seed N` that prints
/// its CSV line. A child that fails or dies is a row with verified 0 and a
/// note on `err`, and the runs go on. Prints a line per run to `out`; returns
/// 0 when every run verified, 1 otherwise. InputError for bad sizes or limits.
int run_scale_bench(const ScaleBenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fsdcli
