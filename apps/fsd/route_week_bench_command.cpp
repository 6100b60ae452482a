// fsd bench week: a generated week of several days planned within a time
// limit on one thread; SLA deadlines met against those any plan could meet.
#include <iostream>
#include <memory>

#include "command_registry.hpp"
#include "route_week_bench.hpp"

namespace {

void add_week_bench(CLI::App& app) {
    auto o = std::make_shared<fsdcli::WeekBenchOptions>();
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand(
        "week", "A generated week planned on one thread: served jobs and SLA deadlines met of those meetable");
    cmd->add_option("--engineers", o->engineers, "engineers (default 50)");
    cmd->add_option("--jobs", o->jobs, "tickets over the whole week (default 1500)");
    cmd->add_option("--days", o->days, "consecutive days (default 5)");
    cmd->add_option("--seeds", o->seeds, "one run per seed, comma-separated (default 1,2,3)");
    cmd->add_option("--time-limit", o->time_limit, "seconds per solve (default 30)");
    cmd->add_option("--lateness-weight", o->lateness_weight,
                    "weight of SLA lateness against travel (default 1: as generated; 10 puts deadlines first)");
    cmd->add_option("--csv", o->csv, "write one row per seed here");
    cmd->callback([o] {
        const int code = fsdcli::run_week_bench(*o, std::cout, std::cerr);
        if (code != 0) throw fsdcli::Exit{code};
    });
}

}  // namespace

FSDCLI_REGISTER(96, add_week_bench);
