// fsd bench solomon|homberger [DIR]: quality of the route solver against the
// best-known solutions of the public VRPTW sets (docs/benchmarks.md).
#include <iostream>
#include <memory>
#include <string>

#include "bench_command_options.hpp"
#include "route_bench.hpp"

namespace {

void add_set(CLI::App* bench, fsdcli::BenchSet set) {
    auto o = std::make_shared<fsdcli::RouteBenchOptions>();
    auto algorithm = std::make_shared<std::string>("auto");
    o->set = set;
    const bool solomon = set == fsdcli::BenchSet::solomon;
    CLI::App* cmd = bench->add_subcommand(
        solomon ? "solomon" : "homberger",
        solomon ? "Route solver on the 56 Solomon VRPTW instances: gap to the distance-only best-known"
                : "Route solver on the 60 Gehring-Homberger 200-customer instances: gap to the best-known");
    cmd->add_option("dir", o->dir,
                    std::string("folder of *.txt instances and BKS files (default $FSD_BENCH_DATA/") +
                        (solomon ? "solomon" : "homberger_200") + ", else ../shared/benchmarks/...)");
    fsdcli::add_bench_solve_options(cmd, *o, *algorithm, "instance");
    cmd->add_option("--vroom", o->vroom, "path of a vroom binary to run on each instance too (with -t THREADS)");
    cmd->add_option("--vroom-args", o->vroom_args, "vroom's arguments besides -t, -i and -o (default \"-x 5\")");
    cmd->add_option("--reference", o->reference, "a vroom_reference.csv: VROOM's recorded -x 5 and -x 0 distances");
    cmd->add_option("--match-reference", o->match_reference,
                    "\"-x 5\" or \"-x 0\": each instance gets that recorded run's wall time as its time limit");
    cmd->callback([o, algorithm] {
        o->algorithm = fsd::parse_solve_algorithm(*algorithm, "--algorithm");
        const int code = fsdcli::run_route_bench(*o, std::cout, std::cerr);
        if (code != 0) throw fsdcli::Exit{code};
    });
}

void add_route_bench(CLI::App& app) {
    CLI::App* bench = fsdcli::bench_group(app);
    add_set(bench, fsdcli::BenchSet::solomon);
    add_set(bench, fsdcli::BenchSet::homberger);
}

}  // namespace

FSDCLI_REGISTER(92, add_route_bench);
