#pragma once
// The command-line side of bench_options.hpp: the options every `fsd bench`
// quality command shares.
#include <string>

#include "bench_options.hpp"
#include "command_registry.hpp"
#include "option_checks.hpp"

namespace fsdcli {

/// Adds --time-limit, --threads, --seed, --algorithm, --csv and --instances
/// to `cmd`, filling `o`; the algorithm's name goes to `algorithm`, for the
/// command's callback to read with fsd::parse_solve_algorithm. `unit` names
/// what is solved ("instance", "day").
inline void add_bench_solve_options(CLI::App* cmd, BenchSolveOptions& o, std::string& algorithm,
                                    const std::string& unit) {
    cmd->add_option("--time-limit", o.time_limit_seconds, "seconds per " + unit + " (default 1)")
        ->check(CLI::Range(0.0, 86400.0));
    cmd->add_option("--threads", o.threads, "solver threads (default 1)")->check(CLI::Range(1, 256));
    cmd->add_option("--seed", o.seed, "solver seed (default 1)")->check(seed_text());
    cmd->add_option("--algorithm", algorithm, "auto, ils or hgs");
    cmd->add_flag("!--no-decompose", o.decompose, "search large plans whole, never in groups of nearby routes");
    cmd->add_option("--csv", o.csv, "write one row per " + unit + " here");
    cmd->add_option("--instances", o.instances,
                    "comma-separated names: an exact name, else a glob (* ?), else a name prefix (solomon: C1 = C101..C109)");
}

}  // namespace fsdcli
