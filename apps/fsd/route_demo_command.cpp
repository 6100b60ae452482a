// fsd demo: plans the bundled service day, prints the plan, writes plan.json
// and routes.svg.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/route_map_svg.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "option_checks.hpp"

#ifndef FSD_DATA_DIR
#define FSD_DATA_DIR ""
#endif
#ifndef FSD_INSTALLED_DATA_DIR
#define FSD_INSTALLED_DATA_DIR ""
#endif

namespace {

struct DemoArgs {
    std::string out_dir = "demo-output";
    std::string problem_path;
    double time_limit = 2.0;
    std::uint64_t seed = 1;
};

std::string bundled_scenario() {
    for (const std::string& dir : {std::string(FSD_DATA_DIR), std::string(FSD_INSTALLED_DATA_DIR)}) {
        if (dir.empty()) continue;
        const auto path = std::filesystem::path(dir) / "service_day.json";
        if (std::filesystem::exists(path)) return path.string();
    }
    throw fsd::InputError("", "the bundled scenario service_day.json was not found; pass --problem FILE");
}

void run_demo(const DemoArgs& a) {
    const std::string path = a.problem_path.empty() ? bundled_scenario() : a.problem_path;
    const fsd::Problem problem = path == "-" ? fsd::problem_from_json(fsdcli::read_text_file("-")) : fsd::read_problem_file(path);
    std::cout << fmt::format("Service day: {} engineers, {} tickets ({})\n", problem.num_engineers(), problem.num_jobs(), path);
    fsd::SolveOptions options;
    options.time_limit_seconds = a.time_limit;
    options.seed = a.seed;
    // The demo shows the best plan of its limit rather than the first it settles on.
    options.stagnation_limit = 0;
    const fsd::Solution solution = fsd::solve(problem, options);
    const fsd::VerifyReport report = fsd::verify(problem, solution);
    if (!report.ok()) {
        for (const auto& v : report.violations) std::cerr << "violation: " << v.kind << ": " << v.message << '\n';
        throw fsd::InternalError("the demo plan fails verification");
    }
    fsdcli::print_plan(std::cout, problem, solution, 0);
    const auto out = std::filesystem::path(a.out_dir);
    fsdcli::write_text_file((out / "plan.json").string(), fsd::solution_to_json(problem, solution));
    fsdcli::write_text_file((out / "problem.json").string(), fsd::problem_to_json(problem));
    fsd::RouteMapOptions map;
    map.title = fmt::format("fsdispatch demo: {} tickets, {} engineers, {} unassigned", problem.num_jobs(),
                            solution.routes.size(), solution.unassigned.size());
    fsdcli::write_text_file((out / "routes.svg").string(), fsd::route_map_svg(problem, solution, map));
    std::cout << fmt::format("\nPlan verified. Wrote {0}/plan.json, {0}/problem.json and the route map {0}/routes.svg\n",
                             out.string());
}

void add_demo_command(CLI::App& app) {
    auto args = std::make_shared<DemoArgs>();
    auto* cmd = app.add_subcommand("demo", "Plan the bundled service day, print it, write plan.json and routes.svg");
    cmd->add_option("--out", args->out_dir, "output folder (default demo-output)");
    cmd->add_option("--problem", args->problem_path, "plan this problem instead of the bundled one");
    cmd->add_option("--time-limit", args->time_limit, "seconds of search (default 2)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--seed", args->seed, "random seed")->check(fsdcli::seed_text());
    cmd->callback([args] { run_demo(*args); });
}

}  // namespace

FSDCLI_REGISTER(30, add_demo_command);
