// fsd verify problem.json plan.json: exit 0 valid, 1 violations, 2 bad input.
#include <iostream>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/verify.hpp"

namespace {

void run_verify(const std::string& problem_path, const std::string& plan_path) {
    fsdcli::at_most_one_stdin({problem_path, plan_path});
    const fsd::Problem problem = fsd::problem_from_json(fsdcli::read_text_file(problem_path));
    const fsd::Solution solution = fsd::solution_from_json(problem, fsdcli::read_text_file(plan_path));
    const fsd::VerifyReport report = fsd::verify(problem, solution);
    const auto& o = report.objective;
    if (report.ok()) {
        std::cout << fmt::format(
            "valid: {} routes, {} unassigned; objective {} (unassigned {}, lateness {}, travel {}, balance {}, preference {}, "
            "overtime {})\n",
            solution.routes.size(), solution.unassigned.size(), o.total(), o.unassigned, o.lateness, o.travel, o.balance,
            o.preference, o.overtime);
        return;
    }
    std::cout << fmt::format("{} violation(s):\n", report.violations.size());
    for (const auto& v : report.violations) std::cout << "  " << v.kind << ": " << v.message << '\n';
    throw fsdcli::Exit{1};
}

void add_verify_command(CLI::App& app) {
    auto problem = std::make_shared<std::string>();
    auto plan = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("verify", "Check a plan against its problem; list every violation (exit 1 if any)");
    cmd->add_option("problem", *problem, "problem JSON")->required();
    cmd->add_option("plan", *plan, "plan JSON")->required();
    cmd->callback([problem, plan] { run_verify(*problem, *plan); });
}

}  // namespace

FSDCLI_REGISTER(20, add_verify_command);
