// fsd dispatch-init problem.json [plan.json] -o live.json: starts a live day.
// fsd dispatch live.json event.json [-o out.json | --in-place]: applies one
// event and prints what changed (JSON).
#include <iostream>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/route/solve.hpp"
#include "option_checks.hpp"

namespace {

struct InitArgs {
    std::string problem, plan, out;
    fsd::Time now = fsd::kTimeMin;
    double time_limit = 1.0;
    std::uint64_t seed = 1;
};

void run_init(const InitArgs& a) {
    const fsd::Problem problem = fsd::read_problem_file(a.problem);
    fsd::Solution solution;
    if (!a.plan.empty()) {
        solution = fsd::solution_from_json(problem, fsdcli::read_text_file(a.plan));
    } else {
        fsd::SolveOptions o;
        o.time_limit_seconds = a.time_limit;
        o.seed = a.seed;
        solution = fsd::solve(problem, o);
    }
    // Without --now the day starts when the earliest shift does.
    fsd::Time now = a.now;
    if (now == fsd::kTimeMin) {
        now = fsd::kTimeMax;
        for (const auto& e : problem.engineers())
            for (const auto& s : e.shifts) now = std::min(now, s.start);
    }
    const fsd::LivePlan plan(problem, solution, now);
    fsdcli::write_text_file(a.out, fsd::live_plan_to_json(plan));
    std::cout << fmt::format("live plan written to {}: {} engineers, {} tickets, {} pending\n", a.out,
                             plan.engineers().size(), plan.jobs().size(), plan.pending().size());
}

void run_dispatch(const std::string& plan_path, const std::string& event_path, const std::string& out, bool in_place) {
    fsd::LivePlan plan = fsd::live_plan_from_json(fsdcli::read_text_file(plan_path));
    const std::string outcome = fsd::apply_event_json(plan, fsdcli::read_text_file(event_path));
    const std::string target = in_place ? plan_path : out;
    if (!target.empty()) fsdcli::write_text_file(target, fsd::live_plan_to_json(plan));
    std::cout << outcome << '\n';
}

void add_dispatch_commands(CLI::App& app) {
    auto init = std::make_shared<InitArgs>();
    auto* ic = app.add_subcommand("dispatch-init", "Start a live day from a problem (and a plan, else it is solved)");
    ic->add_option("problem", init->problem, "problem JSON")->required();
    ic->add_option("plan", init->plan, "plan JSON (optional; solved when absent)");
    ic->add_option("-o,--output", init->out, "live plan JSON to write")->required();
    ic->add_option("--now", init->now, "clock of the plan, seconds (default: the earliest shift start)");
    ic->add_option("--time-limit", init->time_limit, "seconds for the solve when no plan is given")->check(CLI::NonNegativeNumber);
    ic->add_option("--seed", init->seed, "seed of the solve")->check(fsdcli::seed_text());
    ic->callback([init] { run_init(*init); });

    auto plan = std::make_shared<std::string>();
    auto event = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto in_place = std::make_shared<bool>(false);
    auto* dc = app.add_subcommand("dispatch", "Apply one event to a live plan and print what changed (JSON)");
    dc->add_option("plan", *plan, "live plan JSON (from dispatch-init)")->required();
    dc->add_option("event", *event, "event JSON (docs/dispatch.md)")->required();
    dc->add_option("-o,--output", *out, "write the new live plan here");
    dc->add_flag("--in-place", *in_place, "write the new live plan over the input");
    dc->callback([plan, event, out, in_place] { run_dispatch(*plan, *event, *out, *in_place); });
}

}  // namespace

FSDCLI_REGISTER(60, add_dispatch_commands);
