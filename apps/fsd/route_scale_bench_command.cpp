// fsd bench scale: time and peak memory of generated days of growing size at
// several time limits, each run in a fresh child process (docs/benchmarks.md).
#include <iostream>
#include <memory>
#include <string>

#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "route_scale_bench.hpp"
#include "option_checks.hpp"

namespace {

struct ScaleArgs {
    fsdcli::ScaleBenchOptions options;
    std::string one;       // the child's size; empty: run the whole benchmark
    double limit = 1.0;    // the child's time limit
};

// The child's side: one run, its CSV line on stdout; exit 1 when the plan
// failed verification.
void run_one(const ScaleArgs& a) {
    const std::vector<fsdcli::ScaleSize> sizes = fsdcli::parse_scale_sizes(a.one);
    if (sizes.size() != 1) throw fsd::InputError("--one", "give one size, JOBSxENGINEERS");
    const fsdcli::ScaleRow row = fsdcli::run_scale_once(sizes.front(), a.limit, a.options.seed);
    std::cout << fsdcli::scale_csv_line(row) << std::endl;
    if (!row.verified) throw fsdcli::Exit{1};
}

void add_scale_bench(CLI::App& app) {
    auto a = std::make_shared<ScaleArgs>();
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand(
        "scale", "Time and peak memory of generated days of growing size at several time limits (one process per run)");
    cmd->add_option("--sizes", a->options.sizes, "JOBSxENGINEERS, comma-separated (default 1000x100,5000x500,10000x1000)");
    cmd->add_option("--limits", a->options.limits, "time limits in seconds, comma-separated (default 1,5,10)");
    cmd->add_option("--seed", a->options.seed, "seed of the generator and the solver (default 1)")
        ->check(fsdcli::seed_text());
    cmd->add_option("--csv", a->options.csv, "write one row per run here");
    // Internal: how the benchmark runs one measurement in a child process.
    cmd->add_option("--one", a->one, "measure one size in this process and print its CSV row")->group("");
    cmd->add_option("--limit", a->limit, "the time limit of --one")->group("")->check(CLI::Range(0.0, 86400.0));
    cmd->callback([a] {
        if (!a->one.empty()) return run_one(*a);
        const int code = fsdcli::run_scale_bench(a->options, std::cout, std::cerr);
        if (code != 0) throw fsdcli::Exit{code};
    });
}

}  // namespace

FSDCLI_REGISTER(94, add_scale_bench);
