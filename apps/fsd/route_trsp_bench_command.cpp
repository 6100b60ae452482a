// fsd bench trsp [DIR]: the route solver on the technician routing and
// scheduling instances of Pillac et al. (2013) against their best-known
// total durations (docs/benchmarks.md).
#include <iostream>
#include <memory>
#include <string>

#include "bench_command_options.hpp"
#include "route_trsp_bench.hpp"

namespace {

void add_trsp_bench(CLI::App& app) {
    auto o = std::make_shared<fsdcli::TrspBenchOptions>();
    auto algorithm = std::make_shared<std::string>("auto");
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand(
        "trsp", "Route solver on the technician routing instances of Pillac et al. (skills, tools, van stock, a "
                "central depot): total duration against the best-known");
    cmd->add_option("dir", o->dir,
                    "folder of TRSP instances (*.txt) and bks.csv (default $FSD_BENCH_DATA/trsp_pillac, else "
                    "../shared/benchmarks/trsp_pillac)");
    fsdcli::add_bench_solve_options(cmd, *o, *algorithm, "instance");
    cmd->callback([o, algorithm] {
        o->algorithm = fsd::parse_solve_algorithm(*algorithm, "--algorithm");
        const int code = fsdcli::run_trsp_bench(*o, std::cout, std::cerr);
        if (code != 0) throw fsdcli::Exit{code};
    });
}

}  // namespace

FSDCLI_REGISTER(99, add_trsp_bench);
