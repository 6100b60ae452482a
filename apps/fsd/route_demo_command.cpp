// fsd demo: plans the bundled demo day, prints the plan (with its linked
// visits), writes plan.json and routes.svg. The demo day (demo_day.json) is
// the bundled service day plus what the live plan cannot plan yet: a depot
// stop for a part no van carries and a two-person install. service_day.json
// stays the day the live-dispatch examples and tests start from.
#include <filesystem>
#include <iostream>
#include <vector>

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
        const auto path = std::filesystem::path(dir) / "demo_day.json";
        if (std::filesystem::exists(path)) return path.string();
    }
    throw fsd::InputError("", "the bundled scenario demo_day.json was not found; pass --problem FILE");
}

// Where and when a job is served: the engineer's id and the service start
// (the engineer stays empty for a job left out).
struct Visit {
    std::string engineer;
    fsd::Time start = 0;
};

std::vector<Visit> visits_by_job(const fsd::Problem& problem, const fsd::Solution& solution) {
    std::vector<Visit> visits(static_cast<size_t>(problem.num_jobs()));
    for (const fsd::Route& route : solution.routes)
        for (const fsd::Step& step : route.steps)
            if (step.kind == fsd::StepKind::job)
                visits.at(static_cast<size_t>(step.index)) = {problem.engineer(route.engineer).id, step.start};
    return visits;
}

// "two-person job" for the defaults, else the gap and who may serve,
// as a dispatcher reads it ("follow-up 2h00m-6h00m later, same engineer").
std::string link_rule(const fsd::JobLink& link) {
    if (link.min_gap == 0 && link.max_gap == 0 && link.engineers == fsd::LinkEngineers::different)
        return "two-person job, starting together";
    std::string rule = link.max_gap == 0 ? std::string("starting together")
                       : fmt::format("follow-up {}-{} later", fsdcli::span(link.min_gap), fsdcli::span(link.max_gap));
    switch (link.engineers) {
        case fsd::LinkEngineers::same: return rule + ", same engineer";
        case fsd::LinkEngineers::different: return rule + ", another engineer";
        case fsd::LinkEngineers::any: return rule + ", any engineer";
    }
    return rule;
}

// One line per link: its rule, who serves each visit and when, and whether
// the plan keeps it. The plan table shows every visit on its own route; this
// is the one place a reader sees the visits that belong together.
void print_links(std::ostream& out, const fsd::Problem& problem, const fsd::Solution& solution) {
    if (problem.num_links() == 0) return;
    const std::vector<Visit> visits = visits_by_job(problem, solution);
    out << fmt::format("\nLinked visits ({}):\n", problem.num_links());
    for (fsd::Index k = 0; k < problem.num_links(); ++k) {
        const fsd::JobLink& link = problem.links().at(static_cast<size_t>(k));
        const Visit& a = visits.at(static_cast<size_t>(problem.link_first(k)));
        const Visit& b = visits.at(static_cast<size_t>(problem.link_second(k)));
        const std::string pair = link.first + " + " + link.second;
        if (a.engineer.empty() || b.engineer.empty()) {
            out << fmt::format("  {:<20} {}: left out{}\n", pair, link_rule(link),
                               a.engineer.empty() && b.engineer.empty() ? " together" : " (only one visit: BROKEN)");
            continue;
        }
        const fsd::Duration gap = b.start - a.start;
        const bool gap_held = link.min_gap <= gap && gap <= link.max_gap;
        const bool engineers_held = link.engineers == fsd::LinkEngineers::any ||
                                    (link.engineers == fsd::LinkEngineers::same) == (a.engineer == b.engineer);
        out << fmt::format("  {:<20} {}: {} {}, {} {} ({}){}\n", pair, link_rule(link), a.engineer,
                           fsdcli::clock_time(a.start, 0), b.engineer, fsdcli::clock_time(b.start, 0),
                           gap == 0 ? std::string("together") : (gap > 0 ? "+" : "-") + fsdcli::span(gap > 0 ? gap : -gap),
                           gap_held && engineers_held ? "" : "  BROKEN");
    }
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
    print_links(std::cout, problem, solution);
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
    auto* cmd = app.add_subcommand("demo", "Plan the bundled demo day, print it, write plan.json and routes.svg");
    cmd->add_option("--out", args->out_dir, "output folder (default demo-output)");
    cmd->add_option("--problem", args->problem_path, "plan this problem instead of the bundled one");
    cmd->add_option("--time-limit", args->time_limit, "seconds of search (default 2)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--seed", args->seed, "random seed")->check(fsdcli::seed_text());
    cmd->callback([args] { run_demo(*args); });
}

}  // namespace

FSDCLI_REGISTER(30, add_demo_command);
