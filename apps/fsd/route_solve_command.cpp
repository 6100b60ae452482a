// fsd solve problem.json [-o plan.json] [--time-limit S] [--seed N] [--initial plan.json [--fix ENGINEER[:N]]...]
//           [--format native|vroom|trsp|hhcrsp]
#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/hhcrsp.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/io/trsp.hpp"
#include "fsd/io/vroom_json.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"

namespace {

struct SolveArgs {
    std::string problem_path;
    std::string output_path;
    std::string initial_path;
    std::vector<std::string> fixes;  // ENGINEER or ENGINEER:N
    double time_limit = 1.0;
    std::uint64_t seed = 1;
    std::int64_t iterations = -1;
    std::int64_t stagnation = -1;
    int threads = 1;
    int utc_offset_minutes = 0;
    std::string time_zone;  // empty: the problem's "time_zone", else --utc-offset
    bool utc_offset_given = false;  // an explicit --utc-offset wins over the problem's zone
    bool quiet = false;
    bool decompose = true;
    std::string format = "native";
    std::string algorithm = "auto";
};

fsd::SolveOptions solve_options(const SolveArgs& a, const fsd::Problem& problem) {
    fsd::SolveOptions options;
    options.time_limit_seconds = a.time_limit;
    options.seed = a.seed;
    options.iteration_limit = a.iterations;
    options.stagnation_limit = a.stagnation;
    options.threads = a.threads;
    options.algorithm = fsd::parse_solve_algorithm(a.algorithm, "/options/algorithm");
    options.decompose = a.decompose;
    if (!a.initial_path.empty())
        options.initial_routes =
            fsd::initial_routes_from(fsd::solution_from_json(problem, fsdcli::read_text_file(a.initial_path)));
    if (!a.fixes.empty() && a.initial_path.empty())
        throw fsd::InputError("--fix", "fixing routes needs the plan they come from: give it with --initial");
    std::vector<std::string> fixed_ids;
    for (const std::string& fix : a.fixes) {
        // The engineer id is everything before the last colon, so ids with colons still work.
        std::optional<fsd::Index> first_jobs;
        std::string id = fix;
        if (const auto colon = fix.rfind(':'); colon != std::string::npos) {
            const std::string count = fix.substr(colon + 1);
            if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos || count.size() > 9)
                throw fsd::InputError("--fix " + fix, "expected ENGINEER or ENGINEER:N with N a number of jobs, got \"" +
                                                          count + "\" after the colon");
            first_jobs = static_cast<fsd::Index>(std::stoi(count));
            id = fix.substr(0, colon);
        }
        if (std::find(fixed_ids.begin(), fixed_ids.end(), id) != fixed_ids.end())
            throw fsd::InputError("--fix " + fix, "engineer " + id + " is fixed twice; give one --fix per engineer");
        fixed_ids.push_back(id);
        fsd::fix_engineer_routes(problem, options.initial_routes, id, first_jobs, "--fix " + fix);
    }
    if (!a.quiet) {
        options.on_progress = [](const fsd::Progress& p) {
            std::cerr << fmt::format("  {:7.2f}s  iteration {:>8}  objective {:>15}  unassigned {}\n", p.seconds, p.iteration,
                                     p.objective.total(), p.unassigned);
        };
    }
    return options;
}

void check_verified(const fsd::Problem& problem, const fsd::Solution& solution) {
    const fsd::VerifyReport report = fsd::verify(problem, solution);
    if (!report.ok()) {
        for (const auto& v : report.violations) std::cerr << "violation: " << v.kind << ": " << v.message << '\n';
        throw fsd::InternalError("the solver returned a plan that fails verification");
    }
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Solves with SIGINT and SIGTERM stopping the search: the best plan found so
// far comes back, its stop reason "interrupted".
fsd::Solution solve_interruptible(const fsd::Problem& problem, fsd::SolveOptions options,
                                  const fsdcli::InterruptCatcher& interrupt) {
    options.cancel = interrupt.flag();
    fsd::Solution solution = fsd::solve(problem, options);
    if (interrupt.signal() != 0) solution.stats.stop_reason = "interrupted";
    return solution;
}

// Once the plan is out: a command stopped by a signal says so and ends with
// 128 + the signal's number, as a shell expects of an interrupted program.
void finish_if_interrupted(const fsdcli::InterruptCatcher& interrupt) {
    if (interrupt.signal() == 0) return;
    std::cerr << "interrupted by " << interrupt.signal_name() << ": wrote the best plan found so far\n";
    throw fsdcli::Exit{interrupt.exit_code()};
}

std::string timing_line(double read_seconds, const fsd::Solution& solution) {
    return fmt::format("read and built the problem in {:.2f}s; solved in {:.2f}s, {} iterations, verified\n",
                       read_seconds, solution.stats.seconds, solution.stats.iterations);
}

// VROOM's command prints its output JSON on stdout, so this mode keeps stdout
// for the JSON alone (drop-in replacement) and talks on stderr.
void run_solve_vroom(const SolveArgs& a) {
    const auto t0 = std::chrono::steady_clock::now();
    const fsd::VroomInput input = fsd::vroom_from_json(fsdcli::read_text_file(a.problem_path));
    const double read_seconds = seconds_since(t0);
    for (const auto& w : input.warnings) std::cerr << "warning: " << w.path << ": " << w.message << '\n';
    const fsdcli::InterruptCatcher interrupt;
    const fsd::Solution solution = solve_interruptible(input.problem, solve_options(a, input.problem), interrupt);
    check_verified(input.problem, solution);
    if (!a.quiet) std::cerr << timing_line(read_seconds, solution);
    const std::string json = fsd::vroom_output_json(input, solution, a.quiet ? -1 : 2);
    fsdcli::write_text_file(a.output_path.empty() ? fsdcli::kStdStream : a.output_path, json);
    if (!a.quiet && !a.output_path.empty() && a.output_path != fsdcli::kStdStream)
        std::cerr << "VROOM output written to " << a.output_path << '\n';
    finish_if_interrupted(interrupt);
}

void run_solve(const SolveArgs& a) {
    fsdcli::at_most_one_stdin({a.problem_path, a.initial_path});
    if (a.format == "vroom") return run_solve_vroom(a);
    const auto t0 = std::chrono::steady_clock::now();
    const std::string problem_text = fsdcli::read_text_file(a.problem_path);
    // A TRSP instance (Pillac et al.) is read into a Problem and then planned like any other.
    std::optional<fsd::TrspInstance> trsp;
    if (a.format == "trsp") trsp = fsd::parse_trsp(problem_text, a.problem_path);
    // So is a home health care instance (Mankowska et al.), its double services as links.
    std::optional<fsd::HhcrspInstance> hhcrsp;
    if (a.format == "hhcrsp") hhcrsp = fsd::parse_hhcrsp(problem_text, a.problem_path);
    const fsd::Problem problem = trsp     ? trsp->problem
                                 : hhcrsp ? hhcrsp->problem
                                          : fsd::problem_from_json(problem_text);
    const double read_seconds = seconds_since(t0);
    for (const auto& w : problem.warnings()) std::cerr << "warning: " << w.path << ": " << w.message << '\n';
    // A zone (given, or the problem's own) prints clock times and ISO instants with the offset of each day.
    std::optional<fsd::TimeZone> zone;
    if (!a.utc_offset_given && !trsp && !hhcrsp) zone = fsd::problem_time_zone_from_json(problem_text);
    if (!a.time_zone.empty()) zone = fsd::TimeZone::parse(a.time_zone, "--time-zone");
    fsd::JsonWriteOptions write;
    write.time_zone = zone;
    const fsdcli::InterruptCatcher interrupt;
    const fsd::Solution solution = solve_interruptible(problem, solve_options(a, problem), interrupt);
    check_verified(problem, solution);
    // The plan JSON goes to stdout with -o -, or with -q and no -o; then the
    // table and the timing line go to stderr and stdout is the JSON alone.
    const std::string target = a.output_path.empty() && a.quiet ? std::string(fsdcli::kStdStream) : a.output_path;
    {
        const fsdcli::ReportAwayFromStdout report({target});
        if (!a.quiet && zone) fsdcli::print_plan(std::cout, problem, solution, *zone);
        if (!a.quiet && !zone) fsdcli::print_plan(std::cout, problem, solution, a.utc_offset_minutes * 60);
        (a.quiet ? std::cerr : std::cout) << timing_line(read_seconds, solution);
        if (trsp)
            (a.quiet ? std::cerr : std::cout) << fmt::format(
                "TRSP total duration {:.3f} in the instance's units (plan times are scaled by {})\n",
                fsd::trsp_duration(*trsp, solution), trsp->scale);
        if (hhcrsp) {
            const fsd::HhcrspMeasure m = fsd::hhcrsp_measure(*hhcrsp, solution);
            (a.quiet ? std::cerr : std::cout) << fmt::format(
                "HHCRSP objective {:.3f} = (distance {:.3f} + total tardiness {:.3f} + max tardiness {:.3f}) / 3, "
                "{} of {} services served, in the instance's units (plan times are scaled by {})\n",
                m.objective(), m.distance, m.total_tardiness, m.max_tardiness, m.served, m.services, hhcrsp->scale);
        }
    }
    if (!target.empty()) fsdcli::write_text_file(target, fsd::solution_to_json(problem, solution, write));
    if (!target.empty() && target != fsdcli::kStdStream) std::cerr << "plan written to " << target << '\n';
    finish_if_interrupted(interrupt);
}

void add_solve_command(CLI::App& app) {
    auto args = std::make_shared<SolveArgs>();
    auto* cmd = app.add_subcommand("solve", "Plan a service day: assign and sequence jobs, print the plan, write it as JSON");
    cmd->add_option("problem", args->problem_path,
                    "problem JSON (docs/format.md, VROOM's input with --format vroom, a TRSP instance with --format trsp, an HHCRSP one with --format hhcrsp; "
                    "- for stdin)")->required();
    cmd->add_option("--format", args->format,
                    "input and output format: native (default), vroom (docs/vroom.md), or trsp (a Pillac et al. "
                    "instance in, a native plan out; docs/benchmarks.md) or hhcrsp (a Mankowska et al. instance in, a "
                    "native plan out)")
        ->check(CLI::IsMember({"native", "vroom", "trsp", "hhcrsp"}));
    cmd->add_option("-o,--output", args->output_path, "write the plan JSON here (- for stdout: then the table goes to stderr)");
    cmd->add_option("--time-limit", args->time_limit, "seconds of search (default 1)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--initial", args->initial_path, "start from this plan JSON (warm start; jobs that no longer fit are re-planned)");
    cmd->add_option("--fix", args->fixes,
                    "keep ENGINEER's route of the --initial plan as it is (ENGINEER), or its first N jobs first and in "
                    "order (ENGINEER:N); repeatable");
    cmd->add_option("--seed", args->seed, "random seed (same seed, same plan)")->check(fsdcli::seed_text());
    cmd->add_option("--iterations", args->iterations, "stop after this many iterations (-1: no limit)");
    cmd->add_option("--threads", args->threads, "search threads (sharing their best plan now and then)")->check(CLI::PositiveNumber);
    cmd->add_option("--algorithm", args->algorithm,
                    "the improving stage: auto (default: hgs from 2 s per 100 jobs, ils below), ils or hgs");
    cmd->add_flag("!--no-decompose", args->decompose,
                  "search large plans whole (hgs from 400 jobs otherwise also searches groups of nearby routes on their own)");
    cmd->add_option("--stagnation", args->stagnation,
                    "stop after this many iterations without a better plan (-1: automatic, 500 + 5 per job; 0: never)");
    auto* offset = cmd->add_option("--utc-offset", args->utc_offset_minutes, "minutes east of UTC for printed clock times")
                       ->check(fsdcli::utc_offset_minutes());
    cmd->add_option("--time-zone", args->time_zone,
                    "IANA zone (Europe/Berlin) or offset (+01:00) for printed clock times and ISO instants in the plan JSON, "
                    "daylight saving included (default: the problem's \"time_zone\")")
        ->excludes(offset);
    cmd->add_flag("-q,--quiet", args->quiet, "print no progress and no table (the JSON to stdout without -o)");
    cmd->footer("SIGINT (Ctrl-C) or SIGTERM stops the search: the best plan found so far is verified and written as "
                "usual, then fsd exits with 130 (SIGINT) or 143 (SIGTERM).");
    cmd->callback([args, offset] {
        args->utc_offset_given = offset->count() > 0;
        run_solve(*args);
    });
}

}  // namespace

FSDCLI_REGISTER(10, add_solve_command);
