// fsd bench field [DIR]: the route solver on service days in VROOM's input
// format beside VROOM's recorded runs (docs/benchmarks.md).
#include <iostream>
#include <memory>
#include <string>

#include "bench_command_options.hpp"
#include "route_field_bench.hpp"

namespace {

void add_field_bench(CLI::App& app) {
    auto o = std::make_shared<fsdcli::FieldBenchOptions>();
    auto algorithm = std::make_shared<std::string>("auto");
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand(
        "field", "Route solver on service days in VROOM's input format: priority, tickets and travel against VROOM's "
                 "recorded runs");
    cmd->add_option("dir", o->dir,
                    "folder of VROOM-format days (*.json) and vroom_reference.csv (default $FSD_BENCH_DATA/field, "
                    "else ../shared/benchmarks/field)");
    fsdcli::add_bench_solve_options(cmd, *o, *algorithm, "day");
    cmd->add_option("--reference-setting", o->reference_setting,
                    "the recorded VROOM run compared with: \"-x 5\" (default) or \"-x 0\"");
    cmd->add_option("--match-reference", o->match_reference,
                    "\"-x 5\" or \"-x 0\": each day's time limit is that recorded run's wall time (at least 0.1 s), "
                    "and the table compares with it");
    cmd->callback([o, algorithm] {
        o->algorithm = fsd::parse_solve_algorithm(*algorithm, "--algorithm");
        const int code = fsdcli::run_field_bench(*o, std::cout, std::cerr);
        if (code != 0) throw fsdcli::Exit{code};
    });
}

}  // namespace

FSDCLI_REGISTER(93, add_field_bench);
