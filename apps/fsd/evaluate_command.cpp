// fsd evaluate problem.json plan.json: times a hand-made plan as given, states
// every violation with its cause, and (unless --no-solve) what the solver's
// plan would save. Exit 0 without violations, 1 with, 2 on bad input.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/evaluate.hpp"
#include "fsd/io/problem_json.hpp"
#include "option_checks.hpp"

namespace {

struct EvaluateArgs {
    std::string problem_path;
    std::string plan_path;
    std::string json_path;
    double time_limit = 1.0;
    std::uint64_t seed = 1;
    bool no_solve = false;
};

void print_routes(const fsd::Problem& problem, const fsd::PlanEvaluation& ev) {
    for (const auto& r : ev.routes) {
        const fsd::Engineer& eng = problem.engineer(r.engineer);
        const std::string overtime = r.overtime > 0 ? ", overtime " + fsd::duration_text(r.overtime) : "";
        std::cout << fmt::format("{} shift {}: travel {}, {} m, waiting {}, SLA lateness {}{}, cost {}\n", eng.id, r.shift,
                                 fsd::duration_text(r.travel_time), r.distance, fsd::duration_text(r.waiting),
                                 fsd::duration_text(r.lateness), overtime, r.cost);
        for (const auto& s : r.steps) {
            std::string what = "start";
            if (s.kind == fsd::StepKind::job) what = "job " + problem.job(s.index).id;
            if (s.kind == fsd::StepKind::break_)
                what = "break " + eng.breaks[static_cast<size_t>(s.index)].id + (s.inserted_break ? " (placed)" : "");
            if (s.kind == fsd::StepKind::depot) {
                std::string pickup;
                for (const auto& t : s.pickup_tools) pickup += (pickup.empty() ? "" : ", ") + t;
                for (const auto& p : s.pickup_parts)
                    pickup += fmt::format("{}{} x {}", pickup.empty() ? "" : ", ", p.count, p.part);
                what = "depot " + problem.depot(s.index).id + (pickup.empty() ? "" : " (" + pickup + ")");
            }
            if (s.kind == fsd::StepKind::end) what = "end";
            std::string late;
            if (s.window_lateness > 0) late += "  window late " + fsd::duration_text(s.window_lateness);
            if (s.sla_lateness > 0) late += "  SLA late " + fsd::duration_text(s.sla_lateness);
            std::cout << fmt::format("  {:<24} arrive {}  start {}  end {}  wait {}{}\n", what,
                                     fsd::clock_text(s.arrival), fsd::clock_text(s.start), fsd::clock_text(s.end),
                                     fsd::duration_text(s.waiting), late);
        }
    }
}

void print_row(const char* name, long long given, long long solver) {
    std::cout << fmt::format("  {:<14} {:>16} {:>16} {:>16}\n", name, given, solver, given - solver);
}

void run_evaluate(const EvaluateArgs& a) {
    fsdcli::at_most_one_stdin({a.problem_path, a.plan_path});
    const fsd::Problem problem = fsd::problem_from_json(fsdcli::read_text_file(a.problem_path));
    const fsd::Solution plan = fsd::plan_from_json(problem, fsdcli::read_text_file(a.plan_path));
    std::unique_ptr<fsd::PlanComparison> cmp;
    fsd::PlanEvaluation given;
    if (a.no_solve) {
        given = fsd::evaluate_plan(problem, plan);
    } else {
        fsd::SolveOptions options;
        options.time_limit_seconds = a.time_limit;
        options.seed = a.seed;
        cmp = std::make_unique<fsd::PlanComparison>(fsd::compare_with_solver(problem, plan, options));
        given = cmp->given;
    }
    std::optional<fsdcli::ReportAwayFromStdout> report(std::in_place, std::vector<std::string>{a.json_path});
    print_routes(problem, given);
    std::cout << fmt::format("{} violation(s)\n", given.violations.size());
    for (const auto& v : given.violations) std::cout << "  " << v.kind << ": " << v.cause << '\n';
    const auto& o = given.objective;
    std::cout << fmt::format("objective {} (unassigned {}, lateness {}, travel {}, balance {}, preference {}, overtime {}{})\n",
                             o.total(), o.unassigned, o.lateness, o.travel, o.balance, o.preference, o.overtime,
                             o.max_lateness != 0 ? fmt::format(", max_lateness {}", o.max_lateness) : "");
    if (cmp) {
        const fsd::PlanFigures& g = cmp->given.figures;
        const fsd::PlanFigures& s = cmp->solver.figures;
        std::cout << fmt::format("  {:<14} {:>16} {:>16} {:>16}\n", "", "given", "solver", "saving");
        print_row("objective", g.objective, s.objective);
        print_row("travel_time", g.travel_time, s.travel_time);
        print_row("distance", g.distance, s.distance);
        print_row("lateness", g.lateness, s.lateness);
        print_row("overtime", g.overtime, s.overtime);
        print_row("served", g.served, s.served);
        print_row("violations", g.violations, s.violations);
        if (g.violations > 0)
            std::cout << "note: the objective does not price broken rules; a plan with violations can look cheaper "
                         "than a feasible one\n";
    }
    report.reset();
    if (!a.json_path.empty()) {
        fsdcli::write_text_file(a.json_path, fsd::evaluation_to_json(problem, given, cmp.get()));
        fsdcli::note_written("evaluation", a.json_path);
    }
    if (!given.violations.empty()) throw fsdcli::Exit{1};
}

void add_evaluate_command(CLI::App& app) {
    auto args = std::make_shared<EvaluateArgs>();
    auto* cmd = app.add_subcommand(
        "evaluate", "Time a hand-made plan as given, state each violation's cause, compare with the solver's plan");
    cmd->add_option("problem", args->problem_path, "problem JSON")->required();
    cmd->add_option("plan", args->plan_path, "plan JSON (times optional and ignored)")->required();
    cmd->add_option("--time-limit", args->time_limit, "seconds of search for the solver's plan (default 1)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--seed", args->seed, "random seed of the solver")->check(fsdcli::seed_text());
    cmd->add_option("--json", args->json_path, "write the evaluation and comparison as JSON here (- for stdout: then the report goes to stderr)");
    cmd->add_flag("--no-solve", args->no_solve, "evaluate only; do not solve the problem");
    cmd->callback([args] { run_evaluate(*args); });
}

}  // namespace

FSDCLI_REGISTER(25, add_evaluate_command);
