// fsd bench hhcrsp [DIR]: the route solver on the home health care instances
// of Mankowska et al. (2014) against the paper's AVNS values (docs/benchmarks.md).
#include <iostream>
#include <memory>
#include <string>

#include "bench_command_options.hpp"
#include "route_hhcrsp_bench.hpp"

namespace {

void add_hhcrsp_bench(CLI::App& app) {
    auto o = std::make_shared<fsdcli::HhcrspBenchOptions>();
    auto algorithm = std::make_shared<std::string>("auto");
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand(
        "hhcrsp", "Route solver on the home health care instances of Mankowska et al. (qualifications, synchronised "
                  "and spaced double services): (distance + total + maximum tardiness) / 3 against the paper's z4");
    cmd->add_option("dir", o->dir,
                    "folder of HHCRSP instances (*.txt) and mankowska2014_table7.csv (default "
                    "$FSD_BENCH_DATA/hhcrsp_mankowska, else ../shared/benchmarks/hhcrsp_mankowska)");
    fsdcli::add_bench_solve_options(cmd, *o, *algorithm, "instance");
    cmd->callback([o, algorithm] {
        o->algorithm = fsd::parse_solve_algorithm(*algorithm, "--algorithm");
        const int code = fsdcli::run_hhcrsp_bench(*o, std::cout, std::cerr);
        if (code != 0) throw fsdcli::Exit{code};
    });
}

}  // namespace

FSDCLI_REGISTER(100, add_hhcrsp_bench);
